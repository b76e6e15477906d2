"""The sending process (mailer.ProcessSender) against a real SMTP server on loopback."""

from __future__ import annotations

import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inbox_agent.config import SmtpConfig
from inbox_agent.durations import Duration
from inbox_agent.mail import mailer
from inbox_agent.testing.servers import FaultySmtpServer, SmtpServer


def smtp_config(port: int, timeout: int = 30) -> SmtpConfig:
    return SmtpConfig(host="127.0.0.1", port=port, security="none", timeout=Duration(timeout))


def mails(tmp_path: Path, count: int) -> list[Path]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = tmp_path / f"{n}.eml"
        path.write_bytes(
            f"From: shop@ketting.nl\r\nTo: klant{n}@klant.nl\r\nSubject: Mail {n}\r\n"
            f"Message-ID: <{n}@ketting.nl>\r\n\r\nBeste klant,\r\n".encode()
        )
        paths.append(path)
    return paths


def test_a_backlog_is_sent_by_the_process_and_every_result_comes_back(tmp_path: Path) -> None:
    server = SmtpServer(None)
    try:
        sender = mailer.ProcessSender(smtp_config(server.port), "shop@ketting.nl")
        paths = mails(tmp_path, 30)
        for n, path in enumerate(paths):
            sender.submit(n, [f"klant{n}@klant.nl"], path)
        sender.submit(99, ["klant99@klant.nl"], tmp_path / "gone.eml")  # no such file
        results: dict[int, mailer.SendResult] = {}
        unsent, error = sender.finish(lambda key, result: results.setdefault(key, result))
    finally:
        server.stop()
    assert ([], None) == (unsent, error)
    assert all(results[n].ok for n in range(30)) and 31 == len(results)
    assert results[99].permanent and "gone.eml" in results[99].error
    assert 30 == len(server.received)


def test_an_unreachable_server_leaves_everything_unsent_with_the_reason(tmp_path: Path) -> None:
    closed = SmtpServer(None)
    closed.stop()
    sender = mailer.ProcessSender(smtp_config(closed.port), "shop@ketting.nl")
    for n, path in enumerate(mails(tmp_path, 3)):
        sender.submit(n, ["klant@klant.nl"], path)
    unsent, error = sender.finish(lambda key, result: None)
    assert [0, 1, 2] == sorted(unsent)
    assert isinstance(error, mailer.SmtpUnavailable) and str(closed.port) in str(error)


def test_the_process_stops_at_once_when_the_agent_dies(tmp_path: Path) -> None:
    """stdin closing without the closing None: the agent was killed; sending on would send
    what no store records, so the next run would send it again."""
    server = FaultySmtpServer("hang")  # holds each connection's first mail after DATA
    worker = subprocess.Popen(
        [sys.executable, "-m", "inbox_agent.mail.sendworker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert worker.stdin is not None
        pickle.dump((smtp_config(server.port, timeout=600), "shop@ketting.nl"), worker.stdin)
        for n, path in enumerate(mails(tmp_path, 5)):
            pickle.dump((n, ["klant@klant.nl"], str(path)), worker.stdin)
        worker.stdin.flush()
        deadline = time.monotonic() + 30
        while server.accepted < 2:  # a mail in flight on each of the two connections
            assert time.monotonic() < deadline
            time.sleep(0.01)
        started = time.monotonic()
        worker.stdin.close()
        worker.wait(timeout=20)
        assert time.monotonic() - started < 10  # not the 600 s timeout, nor four more mails
        assert 2 == server.accepted
    finally:
        worker.kill()
        server.stop()


def test_a_stop_signal_leaves_the_sending_to_the_agent(tmp_path: Path) -> None:
    """systemd signals every process of the service; the agent stops after its current step,
    so its sending process must not die in the middle of that step."""
    server = SmtpServer(None)
    try:
        sender = mailer.ProcessSender(smtp_config(server.port), "shop@ketting.nl")
        first, *others = mails(tmp_path, 5)
        sender.submit(0, ["klant0@klant.nl"], first)
        results: dict[int, mailer.SendResult] = {}
        deadline = time.monotonic() + 30
        while not results:  # the process is up and sending
            assert time.monotonic() < deadline
            results.update(sender.results())
            time.sleep(0.01)
        sender._process.send_signal(signal.SIGTERM)
        sender._process.send_signal(signal.SIGINT)
        for n, path in enumerate(others, 1):
            sender.submit(n, [f"klant{n}@klant.nl"], path)
        unsent, error = sender.finish(lambda key, result: results.setdefault(key, result))
    finally:
        server.stop()
    assert ([], None) == (unsent, error)
    assert 5 == len(server.received) and all(r.ok for r in results.values())


@pytest.mark.parametrize("python", ["/bin/false", "no-such-python"])
def test_a_sending_process_that_fails_leaves_the_work_to_a_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, python: str
) -> None:
    """A Python that dies at once or cannot start: the mail still goes out, from the agent."""
    monkeypatch.setattr(sys, "executable", str(tmp_path / python) if "/" not in python else python)
    server = SmtpServer(None)
    try:
        sender = mailer.sender_for(smtp_config(server.port), "shop@ketting.nl", backlog=10**6)
        for n, path in enumerate(mails(tmp_path, 3)):
            sender.submit(n, [f"klant{n}@klant.nl"], path)
        sent: list[int] = []
        unsent, error = sender.finish(lambda key, result: result.ok and sent.append(key))
    finally:
        server.stop()
    assert ([], None, [0, 1, 2]) == (unsent, error, sorted(sent))
    assert 3 == len(server.received)

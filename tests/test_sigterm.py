"""SIGTERM (systemctl stop, a shutdown, `timeout`) to `once` or `run` in the middle of sending a
backlog: the agent finishes the mails on the wire, records what was sent, and exits 0 within
10 s; the next run sends the rest. Nobody gets a mail twice, and nothing is lost."""

from __future__ import annotations

import email
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import complaint
from test_crash import write_config

from inbox_agent.config import Config
from inbox_agent.testing.servers import ImapServer, SmtpServer


def _message_ids(smtp: SmtpServer) -> list[str]:
    return [email.message_from_bytes(r.data)["Message-ID"] for r in smtp.received]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "complaints"),
    [("once", 60), ("once", 300), ("run", 300)],
    ids=["once-thread", "once-process", "run-process"],
)
def test_sigterm_mid_send_stops_within_ten_seconds_and_sends_nothing_twice(
    tmp_path: Path,
    shop: Config,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    command: str,
    complaints: int,
) -> None:
    # 300 complaints: 600 mails, sent from a process of their own (mailer.SEPARATE_PROCESS_FROM).
    customers = [f"stop{n}@klant.nl" for n in range(complaints)]
    for customer in customers:
        imap_server.deliver(shop.shop.email, complaint(customer, shop.shop.email))
    config_file = write_config(shop, tmp_path / "config.toml", fetch_batch=50)
    agent = [sys.executable, "-m", "inbox_agent", "-c", str(config_file)]
    process = subprocess.Popen([*agent, command], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(smtp_server.received) < 10:
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    stopped_at = time.monotonic()
    try:
        out, err = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("still running 10 s after SIGTERM")
    took = time.monotonic() - stopped_at
    sent_before = len(smtp_server.received)
    assert 0 == process.returncode, err.decode()
    assert sent_before < 2 * complaints, "the whole backlog went out: not stopped mid-send"
    if command == "once":
        assert b"stopped early" in out

    again = subprocess.run([*agent, "once"], capture_output=True, timeout=300)

    assert 0 == again.returncode, again.stderr.decode()
    ids = _message_ids(smtp_server)
    assert len(ids) == len(set(ids)), f"sent twice: {len(ids) - len(set(ids))} (stop took {took})"
    for customer in customers:
        assert 1 == sum(customer in r.rcpt_tos for r in smtp_server.received), customer
    assert 2 * complaints == len(ids)  # every acknowledgement and owner notification

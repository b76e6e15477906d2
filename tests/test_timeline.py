"""Time-driven steps through real servers: progress, evaluation, closure, reopening; and `run`."""

from __future__ import annotations

import email
import email.policy
import signal
import subprocess
import sys
import time
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from clients import reply
from conftest import YEAR, complaint, make_config
from test_crash import write_config
from test_owner_loop import dossier, mailbox, text_of

from inbox_agent.config import Config
from inbox_agent.run import due
from inbox_agent.run.cycle import run_once, utcnow
from inbox_agent.testing.servers import ImapServer, SmtpServer

SECONDS = {
    "timing__progress_every": "2s",
    "timing__evaluation_after": "2s",
    "timing__close_after": "2s",
    "timing__escalate_after": "1h",
}


def later(seconds: float):  # type: ignore[no-untyped-def]
    return utcnow() + timedelta(seconds=seconds)


def customer_of(config: Config) -> str:
    return f"tijd.{config.shop.email.split('@')[0]}@klant.nl"


def open_and_resolve(config: Config, imap: ImapServer) -> str:
    customer = customer_of(config)
    imap.deliver(config.shop.email, complaint(customer, config.shop.email, subject="Trapas kraakt"))
    start = later(0)  # fixed moments: a loaded machine must not stretch the 2 s period
    run_once(config, now=start)
    assert 1 == len(mailbox(imap, customer))  # acknowledgement
    assert 1 == run_once(config, now=start + timedelta(seconds=3)).sent  # a progress update
    progress = mailbox(imap, customer)[-1]
    assert "hoe het staat met uw klacht" in text_of(progress)
    assert 0 == run_once(config, now=start + timedelta(seconds=3)).sent  # one per period
    note = mailbox(imap, config.owner.handler)[-1]
    imap.deliver(
        config.shop.email,
        reply("gmail", note, config.owner.handler, "#resolve repair\nDe trapas is vervangen."),
    )
    run_once(config, now=later(3))
    assert "resolved" == dossier(config)["status"]
    return customer


def answer_evaluation(
    config: Config, imap: ImapServer, customer: str, client: str, answer: str
) -> EmailMessage:
    """The evaluation goes out (it is due), the customer answers it; returns the evaluation."""
    run_once(config, now=later(6))
    evaluation = mailbox(imap, customer)[-1]
    assert "evaluating" == dossier(config)["status"]
    imap.deliver(
        config.shop.email, reply(client, evaluation, customer, answer, to=config.shop.email)
    )
    run_once(config, now=later(7))
    return evaluation


def test_complaint_to_satisfied_closure(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server, **SECONDS)
    customer = open_and_resolve(config, imap_server)
    evaluation = answer_evaluation(config, imap_server, customer, "apple_nl", "4, netjes opgelost")
    assert "cijfer van 1" in text_of(evaluation)
    state = dossier(config)
    assert ("closed", 4, True) == (
        state["status"],
        state["evaluation"]["score"],
        state["evaluation"]["satisfied"],
    )
    closure = mailbox(imap_server, customer)[-1]
    assert "afgesloten" in text_of(closure)
    kinds = [m["kind"] for m in state["messages"] if not m.get("internal")]
    assert [
        "complaint",
        "acknowledgement",
        "progress",
        "reply",
        "evaluation",
        "evaluation_answer",
        "closure",
    ] == kinds


def test_unanswered_evaluation_closes(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server, **SECONDS)
    customer = open_and_resolve(config, imap_server)
    run_once(config, now=later(6))
    run_once(config, now=later(9))
    assert "closed" == dossier(config)["status"]
    assert "niets meer van u gehoord" in text_of(mailbox(imap_server, customer)[-1])


def test_unhappy_answer_reopens_and_names_the_disputes_body(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server, **SECONDS)
    customer = open_and_resolve(config, imap_server)
    answer_evaluation(config, imap_server, customer, "gmail", "Niet tevreden, het kraakt weer.")
    state = dossier(config)
    assert ("reopened", False) == (state["status"], state["evaluation"]["satisfied"])
    assert "De Geschillencommissie" in text_of(mailbox(imap_server, customer)[-1])
    owner_mail = mailbox(imap_server, config.owner.handler)[-1]
    assert "niet tevreden" in owner_mail["Subject"].lower()


def _start_service(config_file: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "inbox_agent", "-c", str(config_file), "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _wait_for(predicate, seconds: float) -> float:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"not within {seconds} s")


def test_a_bug_in_one_dossiers_due_step_leaves_the_others_and_is_tried_again(
    tmp_path: Path,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An internal error in a timed step is reported, not a traceback that ends the cycle
    and, cycle after cycle, every other dossier's updates with it."""
    config = make_config(tmp_path, imap_server, smtp_server, **SECONDS)
    customers = [f"stap{n}.{config.shop.email.split('@')[0]}@klant.nl" for n in range(2)]
    start = later(0)
    for customer in customers:
        imap_server.deliver(config.shop.email, complaint(customer, config.shop.email))
    run_once(config, now=start)
    real = due.perform

    def broken(dossier, key, *args, **options):  # type: ignore[no-untyped-def]
        if dossier["reference"] == f"K-{YEAR}-0001":
            raise RuntimeError("a bug in a template filter")
        return real(dossier, key, *args, **options)

    monkeypatch.setattr(due, "perform", broken)
    report = run_once(config, now=start + timedelta(seconds=3))
    assert 1 == report.sent  # the other customer's progress update
    [error] = report.errors
    assert f"due step of K-{YEAR}-0001" in error and "tried again" in error
    assert [1, 2] == [len(mailbox(imap_server, c)) for c in customers]
    monkeypatch.setattr(due, "perform", real)
    assert 1 == run_once(config, now=start + timedelta(seconds=4)).sent  # tried again
    assert [2, 2] == [len(mailbox(imap_server, c)) for c in customers]


def test_run_acknowledges_within_seconds_and_keeps_timers_across_restart(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    # A long poll interval: only IDLE (or the due-time check after a restart) can explain speed.
    config = make_config(
        tmp_path, imap_server, smtp_server, timing__poll_interval="2m", timing__progress_every="4s"
    )
    config_file = write_config(config, tmp_path / "config.toml")
    config_file.write_text(
        config_file.read_text().replace(
            "[timing]\n", '[timing]\npoll_interval = "2m"\nprogress_every = "4s"\n'
        )
    )
    customer = customer_of(config)
    service = _start_service(config_file)
    try:
        time.sleep(1.5)  # let it reach IDLE
        delivered = time.monotonic()
        imap_server.deliver(config.shop.email, complaint(customer, config.shop.email))
        _wait_for(
            lambda: (
                len(smtp_server.handler.received)
                and any(customer in r.rcpt_tos for r in smtp_server.received)
            ),
            10,
        )
        latency = time.monotonic() - delivered
        assert latency < 5, latency
        service.send_signal(signal.SIGTERM)
        assert 0 == service.wait(20)
    finally:
        if service.poll() is None:
            service.kill()
    restarted = _start_service(config_file)
    try:
        # The progress update is due 4 s after the acknowledgement; only the new process can
        # send it, and it knows the time only from the store (the poll interval is 2 minutes).
        _wait_for(lambda: sum(customer in r.rcpt_tos for r in smtp_server.received) >= 2, 30)
        time.sleep(0.5)  # and nothing more follows
        restarted.send_signal(signal.SIGTERM)
        assert 0 == restarted.wait(20)
    finally:
        if restarted.poll() is None:
            restarted.kill()
    kinds = [
        email.message_from_bytes(r.data, policy=email.policy.default)["Message-ID"].split(".")[1]
        for r in smtp_server.received
        if customer in r.rcpt_tos
    ]
    assert ["acknowledgement", "progress"] == kinds

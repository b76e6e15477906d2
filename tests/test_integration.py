"""The real entry point against real servers: pymap always, Dovecot when installed (mandatory in CI)."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import complaint, make_config

from inbox_agent.config import Config
from inbox_agent.mail.inbox import PROCESSED_KEYWORD
from inbox_agent.run.cycle import run_once, utcnow
from inbox_agent.store import Store
from inbox_agent.testing.servers import ImapServer, SmtpServer


def dossiers(config: Config) -> list[dict]:
    with Store.open(config.storage.path) as store:
        return store.all_dossiers()


def sent_to(smtp: SmtpServer, address: str) -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(r.data, policy=email.policy.default)
        for r in smtp.received
        if address in r.rcpt_tos
    ]


def test_fifty_complaints_give_fifty_threaded_acknowledgements_once(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    customers = [f"klant{n}@example.nl" for n in range(50)]
    sent_ids = {}
    for n, customer in enumerate(customers):
        raw = complaint(customer, shop.shop.email, subject=f"Klacht {n}")
        sent_ids[customer] = email.message_from_bytes(raw)["Message-ID"]
        imap_server.deliver(shop.shop.email, raw)

    report = run_once(shop)

    assert (50, 50, []) == (report.fetched, report.dossiers_opened, report.errors)
    assert 50 == len(dossiers(shop))
    for n, customer in enumerate(customers):
        acks = sent_to(smtp_server, customer)
        assert 1 == len(acks)
        assert sent_ids[customer] == acks[0]["In-Reply-To"]
        assert sent_ids[customer] in acks[0]["References"]
        assert acks[0]["Subject"].startswith(f"Re: Klacht {n} [K-")
        assert "auto-replied" == acks[0]["Auto-Submitted"]
        assert "All" == acks[0]["X-Auto-Response-Suppress"]
        assert 1 == len(imap_server.messages(customer))  # delivered into the customer's mailbox
    assert 50 == len(sent_to(smtp_server, shop.owner.handler))

    before = len(smtp_server.received)
    second = run_once(shop)
    assert (0, 0, 0) == (second.fetched, second.dossiers_opened, second.sent)
    assert before == len(smtp_server.received)
    assert 50 == len(dossiers(shop))
    if imap_server.keywords:
        assert all(PROCESSED_KEYWORD in f for f in imap_server.flags(shop.shop.email).values())


def test_reply_to_acknowledgement_threads_without_second_acknowledgement(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    imap_server.deliver(shop.shop.email, complaint("piet@klant.nl", shop.shop.email))
    run_once(shop)
    ack = sent_to(smtp_server, "piet@klant.nl")[0]
    reply = complaint(
        "piet@klant.nl",
        shop.shop.email,
        subject=ack["Subject"],
        body="Adres: Dorpsstraat 1, Ergens\n\n> eerdere tekst",
        In_Reply_To=ack["Message-ID"],
        References=ack["Message-ID"],
    )
    imap_server.deliver(shop.shop.email, reply)

    report = run_once(shop)

    assert (1, 0) == (report.followups, report.dossiers_opened)
    [dossier] = dossiers(shop)
    kinds = [m["kind"] for m in dossier["messages"]]
    assert ["complaint", "acknowledgement", "notification", "followup", "notification"] == kinds
    assert "Dorpsstraat 1, Ergens" == dossier["customer"]["address"]
    assert "address" not in dossier["missing"]
    assert 1 == len(sent_to(smtp_server, "piet@klant.nl"))
    notes = sent_to(smtp_server, shop.owner.handler)
    assert 2 == len(notes)
    assert notes[0]["Message-ID"] == notes[1]["In-Reply-To"]  # the owner sees one thread
    assert "Adres" in notes[1].get_content()


def test_autoreply_and_bounce_get_no_acknowledgement(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    corpus = Path(__file__).parent / "corpus"
    for name in (
        "autoreply_vacation_rfc3834.eml",
        "bounce_postfix_dsn.eml",
        "list_mail_newsletter.eml",
    ):
        imap_server.deliver(shop.shop.email, (corpus / name).read_bytes())

    report = run_once(shop)

    assert (3, 3, 0) == (report.fetched, report.quarantined, report.sent)
    assert [] == smtp_server.received
    with Store.open(shop.storage.path) as store:
        reasons = sorted(q["kind"] for q in store.quarantined())
    assert ["automatic", "automatic", "bounce"] == reasons


def test_mail_already_read_by_the_owner_is_processed_and_flags_kept(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    imap_server.deliver(
        shop.shop.email, complaint("seen@klant.nl", shop.shop.email), flags=(b"\\Seen",)
    )
    imap_server.deliver(shop.shop.email, complaint("unseen@klant.nl", shop.shop.email))

    run_once(shop)

    assert 2 == len(dossiers(shop))
    flags = list(imap_server.flags(shop.shop.email).values())
    assert b"\\Seen" in flags[0]
    assert b"\\Seen" not in flags[1]  # fetching did not mark it read for the owner's client


def test_processed_folder_moves_mail_after_commit(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server, imap__processed_folder="Verwerkt")
    imap_server.deliver(config.shop.email, complaint("move@klant.nl", config.shop.email))

    run_once(config)

    assert [] == imap_server.messages(config.shop.email)
    assert 1 == len(imap_server.messages(config.shop.email, "Verwerkt"))
    assert 0 == run_once(config).fetched


def test_uidvalidity_reset_gives_no_duplicate(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    imap_server.deliver(shop.shop.email, complaint("reset@klant.nl", shop.shop.email))
    run_once(shop)
    imap_server.reset_uidvalidity(shop.shop.email)
    imap_server.deliver(shop.shop.email, complaint("after@klant.nl", shop.shop.email))

    report = run_once(shop)

    assert 1 == report.dossiers_opened
    assert 2 == len(dossiers(shop))
    assert 1 == len(sent_to(smtp_server, "reset@klant.nl"))


def test_smtp_temporary_failure_is_retried_and_permanent_failure_reported(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer, sending: str
) -> None:
    imap_server.deliver(shop.shop.email, complaint("gone@klant.nl", shop.shop.email))
    smtp_server.handler.replies.extend([550, 451])  # ack: no such user; notification: try later

    first = run_once(shop)

    assert (1, 1) == (first.send_failed, first.sent)  # sent: the failure report to the owner
    with Store.open(shop.storage.path) as store:
        states = {e["kind"]: e["status"] for e in store.outbox_entries()}
        [dossier] = store.all_dossiers()
    assert {
        "acknowledgement": "failed",
        "notification": "pending",
        "delivery_failure": "sent",
    } == states
    assert "delivery_failed" in [e["type"] for e in dossier["events"]]
    [report] = sent_to(smtp_server, shop.owner.handler)
    assert "niet worden bezorgd" in report["Subject"] and "550" in report.get_content()

    assert 0 == run_once(shop).sent  # the retry waits for its backoff
    later = run_once(shop, now=utcnow() + timedelta(minutes=5))
    assert 1 == later.sent
    assert 2 == len(sent_to(smtp_server, shop.owner.handler))
    assert [] == sent_to(smtp_server, "gone@klant.nl")


def test_imap_down_reports_error_and_keeps_outbox(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server, imap__port=1)
    report = run_once(config)
    assert 1 == len(report.errors) and "IMAP" in report.errors[0]


def test_smtp_down_keeps_mail_in_outbox_until_recovery(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer, sending: str
) -> None:
    down = make_config(tmp_path, imap_server, None)
    imap_server.deliver(down.shop.email, complaint("wait@klant.nl", down.shop.email))
    report = run_once(down)
    assert 1 == report.dossiers_opened and "SMTP" in report.errors[0]

    up = replace(down, smtp=replace(down.smtp, port=smtp_server.port))
    assert 2 == run_once(up, now=utcnow() + timedelta(minutes=2)).sent
    assert 1 == len(sent_to(smtp_server, "wait@klant.nl"))


def test_starttls_is_required_never_downgraded(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    """Servers without STARTTLS (ours here) must make the cycle fail, not send in clear text."""
    config = make_config(
        tmp_path, imap_server, smtp_server, smtp__security="starttls", smtp__port=smtp_server.port
    )
    imap_server.deliver(config.shop.email, complaint("tls@klant.nl", config.shop.email))
    report = run_once(config)
    assert 1 == report.dossiers_opened and 0 == report.sent
    assert any("SMTP" in e for e in report.errors)
    assert [] == sent_to(smtp_server, "tls@klant.nl")
    insecure_imap = make_config(
        tmp_path / "b",
        imap_server,
        smtp_server,
        imap__security="starttls",
        imap__port=imap_server.port,
    )
    if imap_server.name == "dovecot":  # our Dovecot has ssl = no, so it offers no STARTTLS
        assert any("IMAP" in e for e in run_once(insecure_imap).errors)


def test_flood_from_one_sender_is_capped(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    for n in range(8):
        imap_server.deliver(
            shop.shop.email, complaint("flood@klant.nl", shop.shop.email, subject=f"Klacht {n}")
        )
    report = run_once(shop)
    assert 8 == report.dossiers_opened  # nothing is refused ...
    assert shop.limits.auto_replies_per_sender == len(sent_to(smtp_server, "flood@klant.nl"))
    withheld = [
        d for d in dossiers(shop) if "acknowledgement_withheld" in [e["type"] for e in d["events"]]
    ]
    assert 8 - shop.limits.auto_replies_per_sender == len(withheld)  # ... but the robot brake holds
    assert all(d["status"] == "new" for d in withheld)


@pytest.mark.parametrize("allowed", [None, 1])
def test_a_backlog_goes_out_over_several_connections_each_mail_once(
    tmp_path: Path,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    allowed: int | None,
    sending: str,
) -> None:
    """`smtp.connections` side by side; a server allowing fewer is no error, only slower."""
    config = make_config(tmp_path, imap_server, smtp_server, smtp__connections=3)
    smtp_server.handler.max_connections = allowed
    customers = [f"rush{n}@klant.nl" for n in range(12)]
    for customer in customers:
        imap_server.deliver(config.shop.email, complaint(customer, config.shop.email))
    report = run_once(config)
    assert (24, []) == (report.sent, report.errors)
    assert [1] * 12 == [len(sent_to(smtp_server, c)) for c in customers]
    peers = {r.peer for r in smtp_server.received}
    assert (3 if allowed is None else 1) == len(peers)


def test_mail_that_arrived_before_read_since_is_never_read(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    """A first run on a mailbox with old mail acknowledges only what arrived since that day."""
    config = make_config(tmp_path, imap_server, smtp_server, imap__read_since="2026-06-01")
    long_ago = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
    imap_server.deliver(
        config.shop.email, complaint("oud@klant.nl", config.shop.email), arrived=long_ago
    )
    imap_server.deliver(config.shop.email, complaint("nieuw@klant.nl", config.shop.email))
    assert 1 == run_once(config).dossiers_opened
    imap_server.deliver(
        config.shop.email, complaint("ook-oud@klant.nl", config.shop.email), arrived=long_ago
    )
    imap_server.deliver(config.shop.email, complaint("later@klant.nl", config.shop.email))
    assert 1 == run_once(config).dossiers_opened
    acknowledged = [
        len(sent_to(smtp_server, a))
        for a in ("oud@klant.nl", "ook-oud@klant.nl", "nieuw@klant.nl", "later@klant.nl")
    ]
    assert [0, 0, 1, 1] == acknowledged

"""The owner's agenda: one mail on working days, every broken promise in it, each line with a
ready reply (a mailto link) that runs its command from a phone, and nothing for a forged From."""

from __future__ import annotations

import smtplib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import complaint, make_config
from test_owner_loop import dossier, mailbox, text_of
from test_schedule import START, opened, run_due, shop_config

from inbox_agent.config import Config
from inbox_agent.dossier import schedule
from inbox_agent.letters.urgency import SENT_AT_ONCE
from inbox_agent.models import INTERNAL_KINDS, MailKind
from inbox_agent.run import due
from inbox_agent.run.cycle import Cycle, run_once
from inbox_agent.store import Store
from inbox_agent.testing.servers import ImapServer, SmtpServer

QUIET = {"progress_every": "60 workdays", "escalate_after": "60 workdays"}


def section(sections: dict, name: str) -> list[str]:
    return [item["dossier"]["reference"] for item in sections.get(name, [])]


# -- what the agenda lists -------------------------------------------------------------------


def test_a_promise_the_agent_moved_before_the_agenda_is_still_listed_as_broken(
    tmp_path: Path,
) -> None:
    """The issue's hidden promise: the date came unkept and the agent wrote the customer a new
    one at midnight, before the morning's agenda; the agenda still lists it as not kept."""
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    missed = datetime.fromisoformat(dossier["due"]["deadline_missed_at"])
    assert "missed_date" in run_due(config, dossier, missed)
    assert "renegotiated" == dossier["promises"][0]["outcome"]
    morning = missed + timedelta(hours=8)
    sections = schedule.agenda_sections(
        [dossier], morning, config, since=missed - timedelta(days=1)
    )
    [line] = sections["broken"]
    assert (dossier["promises"][0], False) == (line["promise"], line["still"])
    # The next working day's agenda (since this one) no longer lists the moved promise.
    later = schedule.agenda_sections([dossier], morning + timedelta(days=1), config, since=morning)
    assert [] == section(later, "broken")


def test_a_dossier_answered_is_not_listed_as_to_do_today(tmp_path: Path) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    due_day = datetime.fromisoformat(dossier["deadline"] + "T09:00:00+01:00")
    assert ["K-2026-0001"] == section(
        schedule.agenda_sections([dossier], due_day, config), "due_today"
    )
    dossier["messages"].append(
        {"direction": "out", "kind": "reply", "date": (START + timedelta(days=1)).isoformat()}
    )
    assert {} == {
        name: items
        for name, items in schedule.agenda_sections([dossier], due_day, config).items()
        if name in ("due_today", "overdue", "broken")
    }
    # Still open, though: listed as open without a date, so nobody forgets to close the loop.
    assert ["K-2026-0001"] == section(schedule.agenda_sections([dossier], due_day, config), "open")


def test_no_agenda_on_weekends_and_holidays(tmp_path: Path) -> None:
    config = shop_config(tmp_path)
    saturday = datetime(2026, 11, 28, 9, tzinfo=UTC)
    christmas = datetime(2026, 12, 25, 9, tzinfo=UTC)
    new_year = datetime(2027, 1, 1, 9, tzinfo=UTC)
    monday = datetime(2026, 11, 30, 9, tzinfo=UTC)
    assert [False, False, False, True] == [
        schedule.agenda_day(moment, config) for moment in (saturday, christmas, new_year, monday)
    ]


def test_every_owner_mail_kind_is_decided_in_the_table() -> None:
    """Each kind of mail to the shop's people says whether it waits for the agenda."""
    owner_kinds = INTERNAL_KINDS - {MailKind.OWNER_REPLY, MailKind.INTERNAL}
    assert owner_kinds | {MailKind.LOGIN_FAILURE} == set(SENT_AT_ONCE)
    waits = {kind for kind, now in SENT_AT_ONCE.items() if not now}
    assert {"escalation", "warning", "date_moved", "reminder"} == waits


def test_due_steps_send_the_owner_nothing_that_can_wait(tmp_path: Path) -> None:
    """A warning, a date moved and a broken promise are agenda lines, not mails."""
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    kinds: list[str] = []
    with Store.open(config.storage.path) as store:
        maker = Cycle(config, store, START).state.maker
        for days in range(1, 40):
            now = START + timedelta(days=days)
            for key in schedule.due_now(dossier, now):
                kinds += [m.kind for m in due.perform(dossier, key, now, config, maker, hold=True)]
    assert "missed_date" in kinds and "broken" == dossier["promises"][-1]["outcome"]
    assert [] == [k for k in kinds if k in {"warning", "date_moved", "escalation", "reminder"}]
    assert any(e["type"] == "agenda" for e in dossier["events"])


# -- on the servers: the agenda goes out, and its links run commands from a phone ------------


def agenda_config(tmp_path: Path, imap: ImapServer, smtp: SmtpServer, plus: bool) -> Config:
    return make_config(
        tmp_path,
        imap,
        smtp,
        timing__digest_at="08:00",
        timing__answer_within="2 workdays",
        owner__plus_addressing=plus,
    )


def links_of(message: EmailMessage) -> dict[str, str]:
    """The agenda's ready replies: label → mailto link."""
    found = {}
    for line in text_of(message).splitlines():
        if "mailto:" in line:
            label, _, link = line.strip().partition(": mailto:")
            found[label] = "mailto:" + link
    return found


def phone_mail(sender: str, link: str, words: str = "", keep_in_reply_to: bool = False) -> tuple:
    """What a phone's mail app sends from a mailto link: its address, subject and body with the
    owner's words added; like many phone apps it drops the link's In-Reply-To."""
    parts = urlsplit(link)
    query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    message = EmailMessage()
    message["From"] = sender
    message["To"] = unquote(parts.path)
    message["Subject"] = query["subject"]
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain="telefoon.example")
    if keep_in_reply_to and "In-Reply-To" in query:
        message["In-Reply-To"] = query["In-Reply-To"]
    message.set_content(query["body"] + words + "\n\nVerstuurd vanaf mijn iPhone\n")
    return unquote(parts.path), message


def send(smtp: SmtpServer, to: str, message: EmailMessage) -> None:
    with smtplib.SMTP("127.0.0.1", smtp.port, timeout=30) as client:
        client.send_message(message, str(message["From"]), [to])


def agenda_morning(config: Config, imap: ImapServer, smtp: SmtpServer) -> EmailMessage:
    """A complaint nobody answers until its date has passed; the agenda of the working day
    after (a Tuesday): it lists the promise, and it is the only mail about it that day."""
    shop = config.shop.email
    customer = f"karel.{shop.split('@')[0]}@klant.nl"
    imap.deliver(shop, complaint(customer, shop, subject="Bel kapot"))
    monday = datetime(2026, 11, 23, 10, tzinfo=UTC)
    run_once(config, now=monday)
    before = len(mailbox(imap, config.owner.handler))
    for day in range(1, 8):
        run_once(config, now=monday + timedelta(days=day, hours=-2))  # 09:00 in Amsterdam
    agendas = [m for m in mailbox(imap, config.owner.handler)[before:]]
    assert all("Agenda" in m["Subject"] for m in agendas), [m["Subject"] for m in agendas]
    days = [m["Subject"].split(":")[0] for m in agendas]
    assert 5 == len(agendas), days  # Tuesday to Friday and Monday; not Saturday, not Sunday
    assert not any("zaterdag" in d or "zondag" in d for d in days), days
    return agendas[1]  # Wednesday 25 November, the promised day has come: not kept


@pytest.mark.parametrize("plus", [True, False], ids=["plus-address", "in-reply-to"])
def test_a_ready_reply_from_a_phone_runs_its_command_and_a_forged_one_nothing(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer, plus: bool
) -> None:
    config = agenda_config(tmp_path, imap_server, smtp_server, plus)
    handler = config.owner.handler
    agenda = agenda_morning(config, imap_server, smtp_server)
    links = links_of(agenda)
    assert "K-2026-0001" in text_of(agenda) and "Nieuwe datum" in links, text_of(agenda)
    lines = [line for line in text_of(agenda).splitlines() if line.strip()]
    assert ("Hallo,", "Vandaag te doen:") == (lines[0], lines[1][:16]), text_of(agenda)
    promises = len(dossier(config)["promises"])

    # A forged From: someone who read the link (or guessed the subject) writes as the handler,
    # to the shop's own address, without the token: nothing runs.
    _, forged = phone_mail(handler, links["Nieuwe datum"], keep_in_reply_to=False)
    del forged["To"]
    forged["To"] = config.shop.email
    send(smtp_server, config.shop.email, forged)
    # A stranger who got hold of the link itself: From is not the owner's, nothing runs.
    to, stranger = phone_mail("boef@example.com", links["Nieuwe datum"], keep_in_reply_to=True)
    send(smtp_server, to, stranger)
    run_once(config, now=datetime(2026, 11, 25, 9, tzinfo=UTC))
    assert promises == len(dossier(config)["promises"])

    # The handler taps the link on a phone: the address, subject and body only (no
    # In-Reply-To where the provider has plus-addresses).
    to, tapped = phone_mail(handler, links["Nieuwe datum"], keep_in_reply_to=not plus)
    send(smtp_server, to, tapped)
    run_once(config, now=datetime(2026, 11, 25, 9, 30, tzinfo=UTC))
    records = dossier(config)["promises"]
    assert promises + 1 == len(records), records
    assert (handler, "open") == (records[-1]["by"], records[-1]["outcome"])
    assert handler == records[-2]["renegotiated_by"]


def test_a_phone_that_drops_in_reply_to_runs_nothing_without_plus_addresses(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    """Without plus-addresses the token rides in the link's In-Reply-To; a phone app that
    drops it sends no token, so nothing runs (and the owner is told why)."""
    config = agenda_config(tmp_path, imap_server, smtp_server, plus=False)
    agenda = agenda_morning(config, imap_server, smtp_server)
    promises = len(dossier(config)["promises"])
    to, tapped = phone_mail(config.owner.handler, links_of(agenda)["Nieuwe datum"])
    send(smtp_server, to, tapped)
    run_once(config, now=datetime(2026, 11, 25, 9, 30, tzinfo=UTC))
    assert promises == len(dossier(config)["promises"])


def test_the_agenda_goes_to_the_handler_once_a_day(tmp_path: Path) -> None:
    from test_service_bits import cycle_at, sent_kinds

    config = shop_config(tmp_path)
    config = replace(config, timing=replace(config.timing, digest_at="09:00"))
    tuesday = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
    cycle_at(config, tuesday, complaint("a@klant.nl", "klachten@ketting.nl"))
    cycle_at(config, tuesday + timedelta(hours=2))
    assert 1 == sent_kinds(config).count("digest")  # 09:30 in Amsterdam, after the hour
    cycle_at(config, tuesday + timedelta(days=1))
    cycle_at(config, tuesday + timedelta(days=1, hours=3))
    assert 2 == sent_kinds(config).count("digest")
    entry = next(
        e for e in Store.read(config.storage.path).outbox_entries() if e["kind"] == "digest"
    )
    assert ("jan@ketting.nl",) == tuple(entry["to"])


def test_mail_nobody_answered_is_in_the_agenda(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    """A person's mail in the quarantine (a web form's reused Message-ID, the same sender with
    another text) and one sender's flood beyond the automatic-mail brake: each an agenda line,
    not a mail each."""
    from test_unexpected_mail import form_mail

    config = agenda_config(tmp_path, imap_server, smtp_server, plus=False)
    shop, handler = config.shop.email, config.owner.handler
    monday = datetime(2026, 11, 23, 10, tzinfo=UTC)
    imap_server.deliver(shop, form_mail("anna@klant.nl", shop, "anna: fiets kapot"))
    run_once(config, now=monday)
    imap_server.deliver(shop, form_mail("anna@klant.nl", shop, "anna: en bel me terug a.u.b."))
    limit = config.limits.auto_replies_per_sender
    for n in range(limit + 4):
        imap_server.deliver(shop, complaint("boos@klant.nl", shop, subject=f"Klacht {n}"))
    run_once(config, now=monday + timedelta(hours=1))
    before = len(mailbox(imap_server, handler))
    run_once(config, now=monday + timedelta(hours=22))  # Tuesday 09:00 in Amsterdam
    [agenda] = [m for m in mailbox(imap_server, handler)[before:] if "Agenda" in m["Subject"]]
    text = text_of(agenda)
    assert "1 in quarantaine" in agenda["Subject"] and "veel mails" in agenda["Subject"], text
    quarantine = text[text.index("== In quarantaine") :]
    assert "anna@klant.nl" in quarantine and "inbox-agent quarantine" in quarantine, text
    flood = text[text.index("== Veel mails van één afzender") :]
    assert "boos@klant.nl: 4 mails zonder ontvangstbevestiging" in flood, text
    # Listed once, on the flood line: not again as "answered, not resolved".
    assert "K-2026-0007" not in text.replace(flood, ""), text
    assert all(len(line) <= 78 for line in text.splitlines() if "mailto:" not in line), text

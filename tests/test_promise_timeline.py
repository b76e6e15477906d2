"""A promised date through real servers: a progress update with content, the warning before
the date, and what the date's day brings: the handler asked for a date after only a note.

Durations are short and the clock is moved to the stored due times, so nothing sleeps.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from clients import reply
from conftest import complaint, make_config
from test_owner_loop import dossier, mailbox, text_of

from inbox_agent.config import Config
from inbox_agent.dossier import schedule
from inbox_agent.letters.compose import long_date
from inbox_agent.run.cycle import run_once, utcnow
from inbox_agent.testing.servers import ImapServer, SmtpServer

SHORT = {
    "timing__answer_within": "3d",
    "timing__warn_before": "1d",
    "timing__deadline_extension": "2d",
    "timing__progress_every": "1d",
    "timing__escalate_after": "60 workdays",
}


def due(config: Config, key: str) -> datetime:
    return datetime.fromisoformat(dossier(config)["due"][key])


def test_progress_with_content_warning_before_and_a_note_that_keeps_no_promise(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server, **SHORT)
    shop, handler, deputy = config.shop.email, config.owner.handler, config.owner.deputy
    customer = f"belofte.{shop.split('@')[0]}@klant.nl"
    imap_server.deliver(shop, complaint(customer, shop, subject="Trapas kraakt"))
    start = utcnow()
    run_once(config, now=start)
    first_date = dossier(config)["deadline"]
    assert 1 == len(mailbox(imap_server, customer))  # the acknowledgement

    # The owner asks a colleague and records a line for the customer; nothing is mailed yet.
    note = mailbox(imap_server, handler)[-1]
    commands = (
        "#vraag magazijn@ketting.nl Is er een trapas op voorraad?\n"
        "#notitie klant klonk geïrriteerd\n"
        "#voortgang Wij hebben een nieuwe trapas voor u besteld."
    )
    imap_server.deliver(shop, reply("gmail", note, handler, commands))
    run_once(config, now=start + timedelta(minutes=1))
    assert 1 == len(mailbox(imap_server, customer))

    # A day without mail to the customer: a progress update that says what was done.
    run_once(config, now=due(config, "progress_at"))
    update = text_of(mailbox(imap_server, customer)[-1])
    assert "We hebben een collega om informatie gevraagd." in update
    assert "- Wij hebben een nieuwe trapas voor u besteld." in update
    assert f"uiterlijk {long_date(first_date, 'nl')}" in update
    assert "geïrriteerd" not in update and "voorraad" not in update

    # One day before the promised date: the warning waits for the agenda (letters.owner
    # SENT_AT_ONCE); no mail to the handler, the deputy or the customer.
    warned = due(config, "deadline_warn_at")
    assert warned < due(config, "deadline_missed_at")
    before = {person: len(mailbox(imap_server, person)) for person in (handler, deputy)}
    run_once(config, now=warned)
    assert before == {person: len(mailbox(imap_server, person)) for person in (handler, deputy)}
    assert any("warning" in e["text"] for e in dossier(config)["events"] if e["type"] == "agenda")
    assert 2 == len(mailbox(imap_server, customer))

    # The date comes with only a note from the owner: a note keeps no promise, but no letter
    # may tell the customer the date came with nothing done. The handler is asked for a date.
    missed = due(config, "deadline_missed_at")
    assert long_date(first_date, "nl") == long_date(missed.isoformat(), "nl")
    report = run_once(config, now=missed)
    assert 2 == len(mailbox(imap_server, customer))  # nothing to the customer
    assert 0 == report.sent  # the handler finds it in the next agenda
    [promise] = [p for p in dossier(config)["promises"] if p["outcome"] != "kept"]
    assert ("broken", first_date) == (promise["outcome"], promise["due"])
    [line] = schedule.agenda_sections([dossier(config)], missed, config)["broken"]
    assert (promise, True) == (line["promise"], line["still"])
    assert 0 == run_once(config, now=missed + timedelta(minutes=5)).sent

"""A promised date through real servers: a progress update with content, the warning before
the date, and the honest letter with a new date when it comes unanswered.

Durations are short and the clock is moved to the stored due times, so nothing sleeps.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from clients import reply
from conftest import complaint, make_config
from test_owner_loop import dossier, mailbox, text_of

from inbox_agent.config import Config
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


def test_progress_with_content_warning_before_and_missed_date_letter(
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

    # One day before the promised date, the handler and the deputy are warned; not the customer.
    warned = due(config, "deadline_warn_at")
    assert warned < due(config, "deadline_missed_at")
    run_once(config, now=warned)
    for person in (handler, deputy):
        warning = mailbox(imap_server, person)[-1]
        assert "Termijn nadert" in warning["Subject"]
    assert 2 == len(mailbox(imap_server, customer))

    # The date comes without an answer: an apology with a new date, the same day; owner told.
    missed = due(config, "deadline_missed_at")
    assert long_date(first_date, "nl") == long_date(missed.isoformat(), "nl")
    report = run_once(config, now=missed)
    letter = mailbox(imap_server, customer)[-1]
    new_date = dossier(config)["deadline"]
    assert new_date > first_date
    assert 3 == len(mailbox(imap_server, customer))  # no progress update on top of it
    assert f"uiterlijk {long_date(first_date, 'nl')}" in text_of(letter)
    assert "spijt ons" in text_of(letter)
    assert f"uiterlijk {long_date(new_date, 'nl')}" in text_of(letter)
    for person in (handler, deputy):
        assert "Nieuwe datum aan de klant gemeld" in mailbox(imap_server, person)[-1]["Subject"]
    assert 2 == report.sent  # the letter, and one notice to the handler and the deputy
    assert 0 == run_once(config, now=missed + timedelta(minutes=5)).sent  # exactly once

"""Bare commands give whole letters; a rejection needs a reason and is not evaluated; real servers."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from clients import reply
from conftest import YEAR, make_config
from test_owner_loop import dossier, mailbox, piet, start_complaint, text_of
from test_templates_render import render_all

from inbox_agent.config import Config, ConfigError, config_from_dict
from inbox_agent.dossier import schedule
from inbox_agent.run.cycle import run_once
from inbox_agent.testing.servers import ImapServer, SmtpServer
from inbox_agent.vocabulary.wording import (
    as_sentence,
    has_closing,
    has_greeting,
    long_time,
    person,
    split_closing,
    status_word,
)

EXAMPLE = Path(__file__).parent.parent / "config.example.toml"


def answer(shop: Config, imap: ImapServer, text: str) -> None:
    note = mailbox(imap, shop.owner.handler)[-1]
    imap.deliver(shop.shop.email, reply("thunderbird_nl", note, shop.owner.handler, text))
    run_once(shop)


def test_a_bare_resolve_sends_a_whole_letter_in_customer_words(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    start_complaint(shop, imap_server)
    answer(shop, imap_server, "#oplossen vervanging")
    letter = text_of(mailbox(imap_server, piet(shop))[-1])
    assert letter.startswith("Beste Piet Jansen,\n\n")
    assert "Wij vervangen het product kosteloos door een nieuw exemplaar." in letter
    assert letter.endswith(
        f"Met vriendelijke groet,\n\nFietsenwinkel De Ketting\n{shop.shop.email}\n\n"
        f"Dossiernummer: K-{YEAR}-0001\n"
    )
    assert "replace" not in letter and "resolved" == dossier(shop)["status"]


def test_a_rejection_without_a_reason_reaches_nobody_but_the_owner(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    start_complaint(shop, imap_server)
    answer(shop, imap_server, "#afwijzen")
    assert 1 == len(mailbox(imap_server, piet(shop)))  # only the acknowledgement
    how_to = text_of(mailbox(imap_server, shop.owner.handler)[-1])
    assert "er is niets naar de klant gestuurd" in how_to
    assert "#afwijzen De garantie liep in mei af." in how_to
    assert "acknowledged" == dossier(shop)["status"]


def test_a_rejection_explains_names_the_disputes_body_and_is_not_evaluated(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    start_complaint(shop, imap_server)
    answer(
        shop, imap_server, "#afwijzen\nDe schade komt door een val; daarvoor geldt geen garantie."
    )
    letter = text_of(mailbox(imap_server, piet(shop))[-1])
    assert "wij kunnen uw klacht helaas niet honoreren. Dit is waarom:" in letter
    assert "De schade komt door een val" in letter and "De Geschillencommissie" in letter
    due = dossier(shop)["due"]
    assert "evaluation_at" not in due and "close_at" in due


def test_a_shop_that_wants_it_evaluates_rejections(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    shop = make_config(tmp_path, imap_server, smtp_server, timing__evaluate_rejections=True)
    state = {
        "status": "rejected",
        "resolution": {"type": "rejected", "at": "2026-11-30T10:00:00+00:00"},
    }
    state |= {"messages": [], "received_at": "2026-11-27T10:00:00+00:00", "agreements": []}
    schedule.refresh(state, shop)
    assert "evaluation_at" in state["due"] and "close_at" not in state["due"]


def test_a_promised_date_that_has_passed_is_refused(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    start_complaint(shop, imap_server)
    yesterday = date.today() - timedelta(days=1)
    answer(shop, imap_server, f"#termijn {yesterday}")
    assert 1 == len(mailbox(imap_server, piet(shop)))
    assert "die datum is al voorbij" in text_of(mailbox(imap_server, shop.owner.handler)[-1])
    assert yesterday.isoformat() != dossier(shop)["deadline"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Beste Piet,\nDe fiets is klaar.", True),
        ("Dear Mrs Smith,\n\nThe bike is ready.", True),
        ("Hallo Piet\nDe fiets is klaar.", True),
        ("Goedemiddag meneer Jansen,\n...", True),
        ("Beste Piet, de spaak komt.", True),
        ("De fiets is klaar.", False),
        ("Dag 3 van de reparatie: de nieuwe spaak zit erin en de fiets rijdt weer.", False),
        ("Hierbij de offerte.", False),
    ],
)
def test_a_greeting_of_the_owner_own_is_recognised(text: str, expected: bool) -> None:
    assert expected == has_greeting(text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("De fiets is klaar.\n\nMet vriendelijke groet,\nJan", True),
        ("De fiets is klaar.\n\nGroet, Jan", True),
        ("The bike is ready.\n\nKind regards,\nJan Smith\nDe Ketting", True),
        ("De fiets is klaar.", False),
        ("Wij sturen de groeten van de monteur mee.\nTot vrijdag.", False),
    ],
)
def test_a_sign_off_of_the_owner_own_is_recognised(text: str, expected: bool) -> None:
    assert expected == has_closing(text)


def test_times_are_in_the_shop_time_zone_and_in_words() -> None:
    zone = ZoneInfo("Europe/Amsterdam")
    assert "maandag 30 november 2026, 04:39" == long_time("2026-11-30T03:39:16+00:00", "nl", zone)
    assert "Monday 30 November 2026, 04:39" == long_time("2026-11-30T03:39:16+00:00", "en", zone)
    assert "dinsdag 8 december 2026" == long_time("2026-12-08", "nl", zone)
    assert ("in behandeling", "in progress") == (
        status_word("in_progress", "nl"),
        status_word("in_progress", "en"),
    )


def test_a_short_resolution_text_becomes_a_sentence() -> None:
    assert "Nieuwe spaak, kosteloos." == as_sentence("nieuwe  spaak, kosteloos")
    assert "Klaar!" == as_sentence("Klaar!")
    assert "" == as_sentence("  ")


def test_the_signature_block_is_plain_multi_line_text_from_the_config() -> None:
    data = tomllib.loads(EXAMPLE.read_text())
    data["shop"]["signature"] = "\nDe Ketting\nKettingstraat 1\n"
    data["owner"]["handler_name"] = "Jan de Vries"
    loaded = config_from_dict(data)
    assert ("De Ketting\nKettingstraat 1", "Jan de Vries") == (
        loaded.shop.signature,
        loaded.owner.handler_name,
    )
    assert not loaded.timing.evaluate_rejections
    data["shop"]["signature"] = "{{ shop.name }}"
    with pytest.raises(ConfigError, match="shop.signature: is plain text"):
        config_from_dict(data)
    data["shop"]["signature"] = 3
    with pytest.raises(ConfigError, match="shop.signature: must be a string"):
        config_from_dict(data)


def test_what_the_letter_adds_goes_above_the_owner_own_sign_off() -> None:
    letter = next(
        c
        for c in render_all("nl", signed=True)[0]
        if c.label == "#reject with a whole letter" and c.name_known
    )
    assert letter.text.startswith("Beste Piet,\n\nDe fiets is klaar.\n\nBent u het hier niet")
    assert letter.text.endswith(
        "De Geschillencommissie, www.degeschillencommissie.nl.\n\n"
        "Met vriendelijke groet,\nJan\n\nFietsenwinkel De Ketting\n"
        "Kettingstraat 1, 3511 AB Utrecht\n030 123 45 67\n\nDossiernummer: K-2026-0007\n"
    )
    assert ("Geen groet.", "") == split_closing("Geen groet.")


@pytest.mark.parametrize(
    "name,expected",
    [
        ("Jansen, Piet", "Piet Jansen"),
        ('"Piet  Jansen"', "Piet Jansen"),
        ("Piet Jansen", "Piet Jansen"),
        ("De Vries, Anna", "De Vries, Anna"),  # not sure which part is which: left as written
    ],
)
def test_the_greeting_says_a_name_the_way_people_write_it(name: str, expected: str) -> None:
    assert expected == person(name)

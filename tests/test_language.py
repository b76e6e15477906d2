"""The customer's language from their first mail: a table of short real-form mails.

The scorer and three libraries were compared on this table by `bench/language_detectors.py`
(figures in bench/RESULTS.md). Rerun: `.venv/bin/pytest tests/test_language.py -q -s`.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from language_table import MAILS

from inbox_agent.dossier.registration import field_for_label
from inbox_agent.reading.language import body_paragraphs, detect_language
from inbox_agent.vocabulary.terms import LANGUAGES


def _detect(mail: str, default: str) -> str:
    subject, _, body = mail.partition("\n")
    return detect_language(body, default, subject=subject)


def test_the_table_has_fifteen_mails_per_language() -> None:
    for code in ("nl", "en", "de", "fr"):
        assert sum(expected == code for _, expected in MAILS) >= 15


@pytest.mark.parametrize("default", ["nl", "fr"])
def test_at_least_95_percent_of_first_mails_get_their_language(default: str) -> None:
    wrong = [
        (expected or default, _detect(mail, default), mail.splitlines()[0])
        for mail, expected in MAILS
        if _detect(mail, default) != (expected or default)
    ]
    print(f"\nlanguage read right: {len(MAILS) - len(wrong)}/{len(MAILS)} (default {default})")
    for expected, found, subject in wrong:
        print(f"  {subject}: expected {expected}, read {found}")
    assert len(wrong) <= 0.05 * len(MAILS)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Hi,\n\nde band is weer lek, voor de derde keer.\n\nKind regards,\nPiet", "nl"),
        ("Bonjour,\n\nmein Fahrrad ist kaputt und ich möchte es zurückgeben.\n\nMerci", "de"),
        ("Le vélo est cassé, je veux être remboursé.\n\n> Your order has been shipped.", "fr"),
        ("Gazelle X1", "en"),  # nothing to go on: the shop's language
        ("Olá, a minha bicicleta está partida.", "en"),  # not one of ours: the shop's
    ],
)
def test_greetings_sign_offs_and_quotes_in_another_language_do_not_decide(
    text: str, expected: str
) -> None:
    assert expected == detect_language(text, "en")


def test_the_greeting_and_sign_off_decide_only_when_the_body_says_nothing() -> None:
    assert "fr" == detect_language("Bonjour madame,\n\nGazelle X1\n\nCordialement, Jean", "nl")
    assert ["Gazelle X1"] == body_paragraphs("Bonjour madame,\n\nGazelle X1\n\nCordialement, Jean")


def test_every_language_we_read_has_detector_hints() -> None:
    for words in LANGUAGES.values():
        assert len(words.STOP_WORDS.split()) >= 50


@given(st.text(max_size=400))
@settings(max_examples=200, deadline=None)
def test_any_text_gets_one_of_our_languages_or_the_default(text: str) -> None:
    assert detect_language(text, "nl") in set(LANGUAGES)


@pytest.mark.parametrize(
    "label,field",
    [
        ("Seriennummer", "serial_number"),
        ("Kaufdatum", "purchase_date"),
        ("Numéro de série", "serial_number"),
        ("Date d'achat", "purchase_date"),
        ("Date d’achat", "purchase_date"),
        ("Prix", "purchase_price"),
        ("Bestellnummer", "order_number"),
        ("Gewünschte Lösung", "requested_solution"),
        ("Solution souhaitée", "requested_solution"),
    ],
)
def test_the_owner_may_name_a_field_by_its_german_or_french_label(label: str, field: str) -> None:
    assert field == field_for_label(label)

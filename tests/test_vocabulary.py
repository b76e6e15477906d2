"""One vocabulary per language, for codes defined once: every language says every code."""

from __future__ import annotations

import json
import re

import pytest

from inbox_agent.commands import table
from inbox_agent.models import (
    INTERNAL_KINDS,
    OPEN_STATUSES,
    Cause,
    Channel,
    MailKind,
    Resolution,
    Status,
)
from inbox_agent.shipped import template_languages
from inbox_agent.triage.owner import OWNER_FACING
from inbox_agent.vocabulary import terms
from inbox_agent.vocabulary.wording import long_date

# The names every language module must hold, and for the code tables the codes they must cover.
CODES = {
    "STATUS": set(Status),
    "RESOLUTION": set(Resolution),
    "RESOLUTION_IN_LETTERS": set(Resolution) - {Resolution.REJECTED},
    "CAUSE": set(Cause),
    "CHANNEL": set(Channel),
}


@pytest.mark.parametrize("code", sorted(terms.LANGUAGES))
@pytest.mark.parametrize("table", sorted(CODES))
def test_every_language_has_a_word_for_every_code(code: str, table: str) -> None:
    """A status, solution, cause or channel never reads as its code in any language."""
    words = getattr(terms.LANGUAGES[code], table)
    assert CODES[table] == set(words)
    assert all(words.values())


@pytest.mark.parametrize("code", sorted(terms.LANGUAGES))
def test_every_language_has_the_same_words_as_english(code: str) -> None:
    """A language module holds the same names and the same keys in each table as `en`."""
    language, english = terms.LANGUAGES[code], terms.LANGUAGES["en"]
    names = terms.Language.__annotations__
    for name in names:
        mine, theirs = getattr(language, name), getattr(english, name)
        assert type(theirs) is type(mine), name
        if isinstance(theirs, dict) and not name.endswith("_WORDS"):
            assert list(theirs) == list(mine), name


def test_mail_kinds_keep_their_values_and_memberships() -> None:
    """The enum changed no stored value and no set: which mail is internal, which owner-facing."""
    internal = {
        "notification",
        "escalation",
        "warning",
        "date_moved",
        "reminder",
        "digest",
        "internal_error",
        "command_help",
        "owner_help",
        "delivery_failure",
        "question",
        "owner_reply",
        "internal",
    }
    assert internal == INTERNAL_KINDS
    assert internal - {"question", "owner_reply", "internal"} == OWNER_FACING
    assert {k.value for k in MailKind} >= internal | {"login_failure", "complaint", "reply"}


def test_a_mail_kind_is_stored_as_its_plain_value() -> None:
    """TinyDB and the JSON see the same text for a MailKind as for the string it replaced."""
    assert json.dumps({"kind": "reply"}) == json.dumps({"kind": MailKind.REPLY})
    assert f"K-2026-0001.{MailKind.COMMAND_HELP}.3" == "K-2026-0001.command_help.3"


def test_open_statuses_are_the_ones_still_owing_an_answer() -> None:
    assert {"new", "acknowledged", "in_progress", "reopened"} == OPEN_STATUSES


def test_the_commands_understand_the_vocabularys_words_for_solutions_and_causes() -> None:
    """The command table reads its words for solutions and causes from the vocabulary."""
    assert terms.RESOLUTION_ALIASES == table.codes(table.RESOLUTION_CHOICES)
    assert terms.CAUSE_ALIASES == table.codes(table.CAUSE_CHOICES)


def test_a_language_without_words_reads_english() -> None:
    assert "awaiting evaluation" == terms.word("status", "evaluating", "es")
    assert "in progress" == terms.word("status", "in_progress", "pt")
    assert terms.LANGUAGES["en"] is terms.vocabulary("es")


def test_the_four_languages_of_issue_22_have_their_own_words() -> None:
    assert {"nl", "en", "de", "fr"} <= set(terms.LANGUAGES)
    assert "wartet auf Bewertung" == terms.word("status", "evaluating", "de")
    assert "en cours de traitement" == terms.word("status", "in_progress", "fr")
    assert "Donnerstag, 10. Dezember 2026" == long_date("2026-12-10", "de")
    assert "jeudi 10 décembre 2026" == long_date("2026-12-10", "fr")


@pytest.mark.parametrize("code", sorted(terms.LANGUAGES))
def test_every_language_has_every_name_filled(code: str) -> None:
    """Nothing left empty: a language reads and labels everything the others do."""
    language = terms.LANGUAGES[code]
    for name in terms.Language.__annotations__:
        value = getattr(language, name)
        if name == "LETTERS":
            continue  # English writes no letter the others do not
        assert value, f"{code}.{name} is empty"
        if isinstance(value, dict) and name != "EVALUATION":
            assert all(value.values()), f"{code}.{name} has an empty entry"
    # Some evaluation groups are empty in some languages (English puts no "not" after the verb).
    needed = ("praise", "blame", "thanks", "negators", "yes", "no", "contrast", "units")
    assert all(language.EVALUATION[key] for key in (*needed, "sign_offs", "greetings"))
    assert len(language.MONTHS.split()) == 12 and len(language.DAYS.split()) == 7
    assert set(language.FIELD_ALIASES) <= set(language.FIELD_LABELS)


@pytest.mark.parametrize("code", sorted(terms.LANGUAGES))
def test_every_reading_pattern_compiles(code: str) -> None:
    language = terms.LANGUAGES[code]
    for name in (
        "GREETINGS",
        "CLOSINGS",
        "ORDER_WORDS",
        "PURCHASE_VERBS",
        "PRICE_WORDS",
        "MONTH_FORMS",
        "WISHES",
        "NEGATIONS",
        "PRODUCT_WORDS",
    ):
        re.compile(getattr(language, name))
    for pattern in [*language.SOLUTION_WORDS.values(), *language.TOPIC_WORDS.values()]:
        re.compile(pattern)


def test_a_letter_is_in_the_customers_language_only_when_its_templates_exist() -> None:
    """de and fr are read and stored today; their letters come when their templates do."""
    with_templates = set(template_languages())
    assert {"nl", "en"} <= with_templates
    for code in terms.LANGUAGES:
        expected = code if code in with_templates else "nl"
        assert expected == terms.letter_language(code, "nl")
    assert "en" == terms.letter_language(None, "en")
    assert "nl" == terms.letter_language("pt", "nl")

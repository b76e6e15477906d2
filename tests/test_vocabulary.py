"""One vocabulary per language, for codes defined once: every language says every code."""

from __future__ import annotations

import json

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
from inbox_agent.triage.owner import OWNER_FACING
from inbox_agent.vocabulary import terms

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
    assert "awaiting evaluation" == terms.word("status", "evaluating", "de")
    assert "in progress" == terms.word("status", "in_progress", "fr")
    assert terms.LANGUAGES["en"] is terms.vocabulary("de")

"""The owner's commands and the lifecycle state machine, exhaustively; pure."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from inbox_agent import lifecycle
from inbox_agent.commands import Command, CommandError, parse_command, parse_instructions
from inbox_agent.models import Status

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "line,expected",
    [
        ("#resolve repair", Command("resolve", "repair", "")),
        ("#RESOLVE Refund 50 euro terug", Command("resolve", "refund", "50 euro terug")),
        ("#oplossen vervanging", Command("resolve", "replace", "")),
        ("#opgelost terugbetaling", Command("resolve", "refund", "")),
        ("#afwijzen Valt buiten de garantie", Command("reject", text="Valt buiten de garantie")),
        ("#oorzaak kwaliteit", Command("cause", "quality")),
        ("#cause misuse", Command("cause", "misuse")),
        ("#termijn 2026-12-20", Command("deadline", "2026-12-20", "", date(2026, 12, 20))),
        (
            "#afspraak 2026-12-05 nieuwe spaak",
            Command("agree", "2026-12-05", "nieuwe spaak", date(2026, 12, 5)),
        ),
        ("#notitie klant was boos", Command("note", text="klant was boos")),
        ("#intern", Command("internal")),
        (
            "#vraag piet@ketting.nl Wat heb je verkocht?",
            Command("ask", "piet@ketting.nl", "Wat heb je verkocht?"),
        ),
        ("#veld Serienummer: GZ-1", Command("field", "Serienummer", "GZ-1")),
        ("#status in_progress", Command("status", "in_progress")),
        ("#status gesloten", Command("status", "closed")),
        ("#heropen", Command("reopen")),
        ("#nieuw <klant@x.nl>", Command("new", "klant@x.nl", "mail")),
    ],
)
def test_commands_and_dutch_aliases(line: str, expected: Command) -> None:
    assert expected == parse_command(line)


@pytest.mark.parametrize(
    "line,message",
    [
        ("#frobnicate", "unknown command"),
        ("#resolve", "needs a type"),
        ("#resolve cheese", "needs a type"),
        ("#cause bad-luck", "quality, misuse"),
        ("#deadline tomorrow", "YYYY-MM-DD"),
        ("#agree 2026-12-01", "what was agreed"),
        ("#ask not-an-address hello", "email address"),
        ("#ask piet@ketting.nl", "question"),
        ("#field Serienummer", "Name: value"),
        ("#status resolved", "in_progress or closed"),
        ("#note", "text of the note"),
        ("#help", "list of commands"),
    ],
)
def test_malformed_commands_are_errors(line: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        parse_command(line)


def test_commands_only_at_the_top() -> None:
    parsed = parse_instructions(
        "\n#resolve repair\n\n#cause quality\nBeste klant,\n#not a command\n"
    )
    assert ["resolve", "cause"] == [c.name for c in parsed.commands]
    assert "Beste klant,\n#not a command" == parsed.body
    assert not parsed.internal
    assert parse_instructions("#note x\nbody").internal


def dossier(status: Status) -> dict:
    return {
        "reference": "K-2026-0001",
        "status": status.value,
        "customer": {"email": "a@b.nl", "name": "", "phone": "", "address": ""},
        "fields": {},
        "complaint_type": "product",
        "events": [],
        "messages": [],
        "updated_at": "",
        "resolution": None,
        "closed_at": None,
    }


COMMANDS = {
    "resolve": Command("resolve", "repair"),
    "reject": Command("reject", text="nee"),
    "cause": Command("cause", "quality"),
    "deadline": Command("deadline", "2026-12-20"),
    "agree": Command("agree", "2026-12-05", "spaak"),
    "note": Command("note", text="n"),
    "internal": Command("internal"),
    "ask": Command("ask", "c@k.nl", "q?"),
    "field": Command("field", "Merk", "Gazelle"),
    "status:in_progress": Command("status", "in_progress"),
    "status:closed": Command("status", "closed"),
    "reopen": Command("reopen"),
}
RESULT = {
    "resolve": Status.RESOLVED,
    "reject": Status.REJECTED,
    "status:in_progress": Status.IN_PROGRESS,
    "status:closed": Status.CLOSED,
    "reopen": Status.REOPENED,
}


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("rule", sorted(COMMANDS))
def test_every_command_in_every_status(status: Status, rule: str) -> None:
    """Allowed commands change the status as the table says and leave an event; others refuse."""
    doc = dossier(status)
    command = COMMANDS[rule]
    if status in lifecycle.ALLOWED[rule]:
        lifecycle.simulate(doc, (command,), relay=False)
        lifecycle.apply(doc, (command,), "", "jan@ketting.nl", NOW)
        assert RESULT.get(rule, status).value == doc["status"]
        assert doc["events"] and all(e["actor"] == "jan@ketting.nl" for e in doc["events"])
    else:
        with pytest.raises(lifecycle.NotAllowed):
            lifecycle.simulate(doc, (command,), relay=False)


def test_relay_refused_on_closed_dossier_but_allowed_after_reopen() -> None:
    doc = dossier(Status.CLOSED)
    with pytest.raises(lifecycle.NotAllowed):
        lifecycle.simulate(doc, (), relay=True)
    lifecycle.simulate(doc, (Command("reopen"),), relay=True)

"""The owner's commands and the lifecycle state machine, exhaustively; pure."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from inbox_agent.commands import perform
from inbox_agent.commands.command import Command, CommandError, NotAllowed
from inbox_agent.commands.parse import parse_command, parse_instructions
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
        ("#afspraak 2026-12-05", Command("agree", "2026-12-05", "", date(2026, 12, 5))),
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
        ("#ask not-an-address hello", "email address"),
        ("#ask piet@ketting.nl", "question"),
        ("#field Serienummer", "Name: value"),
        ("#status resolved", "in-progress or closed"),
        ("#note", "text of the note"),
        ("#help", "list of commands"),
    ],
)
def test_malformed_commands_are_errors(line: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        parse_command(line)


@pytest.mark.parametrize(
    "text",
    ["#reject", "#afwijzen\n\n", "#cause quality\n#reject", "#reject\n#intern\nKlant is lastig."],
)
def test_a_rejection_without_a_reason_is_refused_with_a_how_to_in_both_languages(
    text: str,
) -> None:
    with pytest.raises(CommandError, match="needs the reason") as caught:
        parse_instructions(text)
    assert "#afwijzen De garantie liep in mei af." in caught.value.in_language("nl")
    assert "#reject The warranty ended in May." in caught.value.in_language("en")


@pytest.mark.parametrize("text", ["#reject Buiten de garantie.", "#afwijzen\nBuiten de garantie."])
def test_a_rejection_with_a_reason_after_or_below_the_command_is_accepted(text: str) -> None:
    assert "reject" == parse_instructions(text).commands[0].name


def test_a_promised_date_that_has_passed_is_refused_in_the_shop_language() -> None:
    today = date(2026, 11, 30)
    [command] = parse_instructions("#termijn 2026-11-29").commands
    with pytest.raises(CommandError, match="2026-11-29: that date has passed") as caught:
        perform.check_date(command, today)
    assert "#termijn 2026-11-29: die datum is al voorbij" in caught.value.in_language("nl")
    perform.check_date(parse_instructions("#termijn 2026-11-30").commands[0], today)


def test_a_status_refusal_names_the_status_in_words() -> None:
    with pytest.raises(NotAllowed) as caught:
        perform.check_allowed(Status.IN_PROGRESS, ["reopen"])
    assert "#reopen is not possible while the dossier is in progress" == str(caught.value)
    assert "#heropen is niet mogelijk zolang het dossier in behandeling is" == (
        caught.value.in_language("nl")
    )


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
    if status in perform.ALLOWED[rule]:
        perform.simulate(doc, (command,), relay=False)
        perform.apply(doc, (command,), "", "jan@ketting.nl", NOW)
        assert RESULT.get(rule, status).value == doc["status"]
        assert doc["events"] and all(e["actor"] == "jan@ketting.nl" for e in doc["events"])
    else:
        with pytest.raises(NotAllowed):
            perform.simulate(doc, (command,), relay=False)


def test_relay_refused_on_closed_dossier_but_allowed_after_reopen() -> None:
    doc = dossier(Status.CLOSED)
    with pytest.raises(NotAllowed):
        perform.simulate(doc, (), relay=True)
    perform.simulate(doc, (Command("reopen"),), relay=True)

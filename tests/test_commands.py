"""The owner's commands and the lifecycle state machine, exhaustively; pure."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from inbox_agent.commands import perform, table
from inbox_agent.commands.command import (
    LANGUAGES,
    Command,
    CommandError,
    NotAllowed,
    OwnerCommand,
)
from inbox_agent.commands.help import HELP, HELP_NL, HELPS, help_for, help_text, readme_table
from inbox_agent.commands.parse import parse_command, parse_instructions
from inbox_agent.dossier import lifecycle
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
        ("#taal de", Command("lang", "de")),
        ("#lang FR", Command("lang", "fr")),
        ("#language german", Command("lang", "de")),
        ("#taal Engels", Command("lang", "en")),
        # German, with ASCII spellings for keyboards without umlauts.
        ("#lösen reparatur", Command("resolve", "repair", "")),
        ("#loesen Umtausch neues Rad", Command("resolve", "replace", "neues Rad")),
        ("#ablehnen Außerhalb der Garantie", Command("reject", text="Außerhalb der Garantie")),
        ("#ursache qualität", Command("cause", "quality")),
        ("#frist 2026-12-20", Command("deadline", "2026-12-20", "", date(2026, 12, 20))),
        (
            "#vereinbarung 2026-12-05 neue Speiche",
            Command("agree", "2026-12-05", "neue Speiche", date(2026, 12, 5)),
        ),
        ("#erledigt", Command("done")),
        ("#notiz Kunde war verärgert", Command("note", text="Kunde war verärgert")),
        ("#feld Seriennummer: GZ-1", Command("field", "Seriennummer", "GZ-1")),
        ("#status abgeschlossen", Command("status", "closed")),
        ("#wiedereroeffnen", Command("reopen")),
        ("#neu kunde@x.de telefon", Command("new", "kunde@x.de", "phone")),
        ("#sprache französisch", Command("lang", "fr")),
        ("#zufrieden 4", Command("satisfied", "4")),
    ],
)
def test_commands_and_dutch_aliases(line: str, expected: Command) -> None:
    assert expected == parse_command(line)


@pytest.mark.parametrize(
    "line,message",
    [
        ("#hilfe", "Liste der Befehle"),
        ("#quatsch", "unbekannter Befehl '#quatsch'"),
        ("#lösen käse", "#lösen braucht eine Art der Lösung"),
        ("#ursache pech", "qualität, fehlbedienung, falschinformation oder andere"),
        ("#frist morgen", "JJJJ-MM-TT"),
        ("#fragen keine-adresse hallo", "E-Mail-Adresse"),
        ("#notiz", "#notiz braucht den Text der Notiz"),
    ],
)
def test_a_german_shops_owner_reads_why_a_command_was_refused_in_german(
    line: str, message: str
) -> None:
    with pytest.raises(CommandError) as caught:
        parse_command(line)
    assert message in caught.value.in_language("de")
    assert caught.value.in_language("de") != str(caught.value)


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
        ("#lang es", "nl, en, de"),
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
    assert "#ablehnen Die Garantie ist im Mai abgelaufen." in caught.value.in_language("de")


@pytest.mark.parametrize("text", ["#reject Buiten de garantie.", "#afwijzen\nBuiten de garantie."])
def test_a_rejection_with_a_reason_after_or_below_the_command_is_accepted(text: str) -> None:
    assert "reject" == parse_instructions(text).commands[0].name


def test_a_promised_date_that_has_passed_is_refused_in_the_shop_language() -> None:
    today = date(2026, 11, 30)
    [command] = parse_instructions("#termijn 2026-11-29").commands
    with pytest.raises(CommandError, match="2026-11-29: that date has passed") as caught:
        perform.check_date(command, today)
    assert "#termijn 2026-11-29: die datum is al voorbij" in caught.value.in_language("nl")
    assert "#frist 2026-11-29: dieses Datum ist schon vorbei" in caught.value.in_language("de")
    perform.check_date(parse_instructions("#termijn 2026-11-30").commands[0], today)


def test_a_status_refusal_names_the_status_in_words() -> None:
    with pytest.raises(NotAllowed) as caught:
        perform.check_allowed(Status.IN_PROGRESS, ["reopen"])
    assert "#reopen is not possible while the dossier is in progress" == str(caught.value)
    assert "#heropen is niet mogelijk zolang het dossier in behandeling is" == (
        caught.value.in_language("nl")
    )
    assert "#wiedereröffnen ist nicht möglich, solange der Vorgang in Bearbeitung ist" == (
        caught.value.in_language("de")
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
    "lang": Command("lang", "de"),
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


# -- the command table ---------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
TABLE_START = "<!-- command table: inbox_agent.commands.help.readme_table() -->\n"
TABLE_END = "<!-- end of command table -->\n"


def test_the_readmes_command_table_is_the_one_made_from_the_command_table() -> None:
    """Edit inbox_agent/commands/table.py, then paste `readme_table()` between the markers."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(TABLE_START) + len(TABLE_START)
    assert readme_table() == readme[start : readme.index(TABLE_END, start)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_help_mail_lists_every_command_in_the_shops_language(language: str) -> None:
    """The list the owner gets with a refused reply is made from the table, one entry each."""
    starts = [line.split()[0] for line in help_text(language).splitlines() if line[:1] == "#"]
    assert [f"#{entry.word(language)}" for entry in table.COMMANDS] == starts
    assert {"en": HELP, "nl": HELP_NL, "de": HELPS["de"], "fr": HELPS["fr"]}[language] == help_text(
        language
    )
    assert help_for(language) == help_text(language)


@pytest.mark.parametrize("entry", table.COMMANDS, ids=lambda entry: entry.name)
def test_every_command_has_its_words_and_help_in_every_language(entry: OwnerCommand) -> None:
    """The English word is the command's code, which events and error messages show."""
    assert entry.name == entry.word("en")
    for language in LANGUAGES:
        assert entry.words[language] and language in entry.help
        for word in entry.words[language]:
            assert entry is table.BY_WORD[word]


@pytest.mark.parametrize("entry", table.COMMANDS, ids=lambda entry: entry.name)
def test_a_command_moves_a_dossier_only_along_the_lifecycles_transitions(
    entry: OwnerCommand,
) -> None:
    """Wherever a command is allowed, the status it leaves is the same or a known next one."""
    for argument, statuses in entry.allowed.items():
        command = Command(entry.name, argument)
        for status in statuses:
            after = entry.next_status(status, command)
            assert after == status or after in lifecycle.TRANSITIONS[status], (status, after)


def test_closing_stamps_closed_at_and_only_reopen_clears_it() -> None:
    """The transition records its event; a customer's mail after closure keeps the date."""
    doc = dossier(Status.EVALUATING)
    lifecycle.transition(doc, Status.CLOSED, NOW, "agent", "evaluation not answered")
    assert ("closed", NOW.isoformat()) == (doc["status"], doc["closed_at"])
    assert "evaluating → closed: evaluation not answered" == doc["events"][-1]["text"]
    lifecycle.transition(doc, Status.REOPENED, NOW, "a@b.nl", "the customer wrote after closure")
    assert ("reopened", NOW.isoformat()) == (doc["status"], doc["closed_at"])
    closed = dossier(Status.CLOSED)
    lifecycle.reopen(closed, NOW, "jan@ketting.nl", "reopened by the owner")
    assert ("reopened", None) == (closed["status"], closed["closed_at"])


def test_a_move_to_the_same_status_changes_nothing_and_an_unknown_move_is_refused() -> None:
    doc = dossier(Status.IN_PROGRESS)
    lifecycle.transition(doc, Status.IN_PROGRESS, NOW, "agent", "again")
    assert [] == doc["events"]
    with pytest.raises(lifecycle.UnknownMove):
        lifecycle.transition(doc, Status.EVALUATING, NOW, "agent", "too soon")
    assert "in_progress" == doc["status"]


# -- one writer of status and closed_at -----------------------------------------------------------

PACKAGE = ROOT / "inbox_agent"
LIFECYCLE = "dossier/lifecycle.py"
WRITTEN_BY_THE_LIFECYCLE = {"status", "closed_at"}
# Rows that are no dossier but have a field of that name. The outbox row's own `status`
# (pending, sent, failed) says where a mail is in its delivery, not where a complaint is.
OTHER_ROWS = {"run/outbox.py"}


def _may_be_a_dossier(holder: ast.expr) -> bool:
    """`dossier`, `d`, `docs[0]`, `store.get(ref)`, `outcome.dossier`; not `env.filters`."""
    if isinstance(holder, ast.Attribute):
        return "dossier" in holder.attr or holder.attr == "doc"
    return True


def _writes(tree: ast.AST) -> list[tuple[int, str]]:
    """Every `x["status"] = …`, `del x["closed_at"]` and `x.update(status=…)` and the like."""
    found = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = list(node.targets)
        for target in targets:
            for element in target.elts if isinstance(target, ast.Tuple) else [target]:
                if (
                    isinstance(element, ast.Subscript)
                    and isinstance(element.slice, ast.Constant)
                    and _may_be_a_dossier(element.value)
                ):
                    found.append((node.lineno, str(element.slice.value)))
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("update", "setdefault", "pop")
        ):
            keys = [k.arg for k in node.keywords if k.arg]
            for arg in node.args:
                if isinstance(arg, ast.Constant):
                    keys.append(str(arg.value))
                elif isinstance(arg, ast.Dict):
                    keys += [str(k.value) for k in arg.keys if isinstance(k, ast.Constant)]
            found += [(node.lineno, key) for key in keys]
    return [(line, key) for line, key in found if key in WRITTEN_BY_THE_LIFECYCLE]


def test_no_module_but_the_lifecycle_writes_a_dossiers_status_or_closed_at() -> None:
    """One place changes a dossier's status and records why: dossier/lifecycle.py."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name == LIFECYCLE or name in OTHER_ROWS:
            continue
        wrong += [f"{name}:{line}: {key}" for line, key in _writes(ast.parse(path.read_text()))]
    assert [] == wrong


def test_the_writer_test_finds_a_write() -> None:
    """The source test above can fail: it sees each way of writing a key."""
    source = (
        'd["status"] = "x"\nd["closed_at"], e = None, 1\ndel d["closed_at"]\n'
        'd.update(status="x")\nd.update({"closed_at": None})\nd["subject"] = "s"\n'
        'env.filters["status"] = str\noutcome.dossier["status"] = "x"\n'
    )
    assert [1, 2, 3, 4, 5, 8] == sorted(line for line, _ in _writes(ast.parse(source)))


def test_taal_sets_the_customers_language_and_records_who_did() -> None:
    doc = dossier(Status.IN_PROGRESS)
    command = parse_command("#taal fr")
    perform.simulate(doc, (command,), relay=False)
    perform.apply(doc, (command,), "", "jan@ketting.nl", NOW)
    assert "fr" == doc["language"]
    event = doc["events"][-1]
    assert ("language", "fr", "jan@ketting.nl") == (event["type"], event["text"], event["actor"])

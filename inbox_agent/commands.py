"""The owner's `#` commands: parsing the top of a reply into commands and the text to relay; pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from inbox_agent.evaluation_scores import parse_score
from inbox_agent.terms import CHANNEL_CHOICES, channel_for

RESOLUTION_TYPES = {
    "repair": "repair",
    "replace": "replace",
    "assist": "assist",
    "inform": "inform",
    "compensate": "compensate",
    "goodwill": "goodwill",
    "refund": "refund",
    "change": "change",
    "reparatie": "repair",
    "vervanging": "replace",
    "hulp": "assist",
    "informatie": "inform",
    "vergoeding": "compensate",
    "attentie": "goodwill",
    "terugbetaling": "refund",
    "wijziging": "change",
}
CAUSES = {
    "quality": "quality",
    "misuse": "misuse",
    "information": "information",
    "other": "other",
    "kwaliteit": "quality",
    "misbruik": "misuse",
    "verkeerd-gebruik": "misuse",
    "informatie": "information",
    "anders": "other",
    "overig": "other",
}
ALIASES = {
    "resolve": "resolve",
    "oplossen": "resolve",
    "opgelost": "resolve",
    "oplossing": "resolve",
    "reject": "reject",
    "afwijzen": "reject",
    "afgewezen": "reject",
    "cause": "cause",
    "oorzaak": "cause",
    "deadline": "deadline",
    "termijn": "deadline",
    "datum": "deadline",
    "agree": "agree",
    "afspraak": "agree",
    "note": "note",
    "notitie": "note",
    "internal": "internal",
    "progress": "progress",
    "voortgang": "progress",
    "intern": "internal",
    "ask": "ask",
    "vraag": "ask",
    "field": "field",
    "veld": "field",
    "status": "status",
    "reopen": "reopen",
    "heropen": "reopen",
    "heropenen": "reopen",
    "new": "new",
    "nieuw": "new",
    "satisfied": "satisfied",
    "tevreden": "satisfied",
    "unhappy": "unhappy",
    "ontevreden": "unhappy",
}
STATUS_ARGS = {
    "in_progress": "in_progress",
    "in-behandeling": "in_progress",
    "in_behandeling": "in_progress",
    "closed": "closed",
    "gesloten": "closed",
    "afgesloten": "closed",
}
HELP = """\
#resolve TYPE [text]     TYPE: repair, replace, assist, inform, compensate, goodwill, refund, change
                         (reparatie, vervanging, hulp, informatie, vergoeding, attentie,
                         terugbetaling, wijziging)
#reject [text]           (#afwijzen) the customer gets a clear, friendly explanation
#cause CAUSE             (#oorzaak) quality, misuse, information, other
#deadline YYYY-MM-DD     (#termijn) the answer date promised to the customer
#agree YYYY-MM-DD text   (#afspraak) record an agreement; you are reminded before that date
#note text               (#notitie) internal note; nothing reaches the customer
#internal                (#intern) the whole reply stays internal
#progress text           (#voortgang) a line for the customer's next progress update, e.g.
                         "the new part is ordered"; nothing is mailed at once
#ask address question    (#vraag) ask a colleague; the answer joins the dossier as internal
#field Name: value       (#veld) set a registration field
#status in_progress|closed
#reopen                  (#heropen)
#new customer@address [channel]
                         (#nieuw) on a forwarded mail: open a dossier for that customer;
                         channel: telefoon, balie, brief, webformulier, mail (the default)
#satisfied [score]       (#tevreden) settle an evaluation: closure letter; score 1-5 or 8/10
#unhappy                 (#ontevreden) settle an evaluation: reopen, disputes body to the customer
Text below the commands goes to the customer (unless #note or #internal is used)."""

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


class CommandError(ValueError):
    """A command the owner wrote that cannot be understood; the text says which and why."""


@dataclass(frozen=True)
class Command:
    name: str
    arg: str = ""
    text: str = ""
    when: date | None = None


@dataclass(frozen=True)
class Instructions:
    commands: tuple[Command, ...]
    body: str

    @property
    def internal(self) -> bool:
        return any(c.name in ("note", "internal") for c in self.commands)

    def named(self, name: str) -> Command | None:
        return next((c for c in self.commands if c.name == name), None)


def parse_instructions(text: str) -> Instructions:
    """Commands are the `#` lines at the top (blank lines between them allowed); the rest is body."""
    lines = text.splitlines()
    commands: list[Command] = []
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        if not line.startswith("#"):
            break
        commands.append(parse_command(line))
        index += 1
    return Instructions(tuple(commands), "\n".join(lines[index:]).strip())


def parse_command(line: str) -> Command:
    word, _, rest = line.lstrip("#").strip().partition(" ")
    name = ALIASES.get(word.lower())
    rest = rest.strip()
    if word.lower() in ("help", "hulp", "?"):
        raise CommandError("you asked for the list of commands")
    if name is None:
        raise CommandError(f"unknown command {line.split()[0]!r}")
    if name == "resolve":
        kind, _, text = rest.partition(" ")
        if kind.lower() not in RESOLUTION_TYPES:
            raise CommandError(f"#resolve needs a type (repair, replace, ...), not {kind!r}")
        return Command(name, RESOLUTION_TYPES[kind.lower()], text.strip())
    if name == "cause":
        if rest.lower() not in CAUSES:
            raise CommandError(f"#cause needs quality, misuse, information or other, not {rest!r}")
        return Command(name, CAUSES[rest.lower()])
    if name in ("deadline", "agree"):
        when_text, _, text = rest.partition(" ")
        try:
            when = date.fromisoformat(when_text)
        except ValueError:
            raise CommandError(f"#{name} needs a date as YYYY-MM-DD, not {when_text!r}") from None
        if name == "agree" and not text.strip():
            raise CommandError("#agree needs a date and what was agreed")
        return Command(name, when_text, text.strip(), when)
    if name in ("ask", "new"):
        address, _, text = rest.partition(" ")
        address = address.strip("<>,;").lower()
        if not _EMAIL.match(address):
            raise CommandError(f"#{name} needs an email address, not {address!r}")
        if name == "ask" and not text.strip():
            raise CommandError("#ask needs an address and a question")
        if name == "new":
            return Command(name, address, _channel(text))
        return Command(name, address, text.strip())
    if name == "field":
        label, sep, value = rest.partition(":")
        if not sep or not label.strip() or not value.strip():
            raise CommandError("#field needs 'Name: value'")
        return Command(name, label.strip(), value.strip())
    if name == "status":
        if rest.lower() not in STATUS_ARGS:
            raise CommandError(f"#status takes in_progress or closed, not {rest!r}")
        return Command(name, STATUS_ARGS[rest.lower()])
    if name == "satisfied" and rest:
        score = parse_score(rest)
        if score is None:
            raise CommandError(f"#satisfied takes a score such as 4, 4/5 or 8/10, not {rest!r}")
        return Command(name, str(score))
    if name == "note" and not rest:
        raise CommandError("#note needs the text of the note")
    if name == "progress" and not rest:
        raise CommandError(
            "#progress needs the line the customer will read, e.g. #progress the part is ordered"
        )
    return Command(name, text=rest)


def _channel(text: str) -> str:
    """The intake channel named after `#new address` (its text is the channel code), mail if none."""
    if not text.strip():
        return "mail"
    channel = channel_for(text)
    if channel is None:
        raise CommandError(
            f"#new takes only a channel after the address ({CHANNEL_CHOICES}), "
            f"not {text.strip()!r}; write the complaint itself on the lines below"
        )
    return channel

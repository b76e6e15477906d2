"""The owner's list of commands, in each language, and the README's command table: both made
from the command table, so what the owner is told and what the README says cannot drift; pure.
"""

from __future__ import annotations

import textwrap

from inbox_agent.commands.command import OwnerCommand
from inbox_agent.commands.table import BY_NAME, COMMANDS
from inbox_agent.dossier.lifecycle import ALL
from inbox_agent.models import Status

COLUMN = 25  # where the help's explanations start
WIDTH = 100  # a longer help line is wrapped, its rest indented to the column

# Below the list: what the text under the commands does. `{name}` is that command as written.
_CLOSING = {
    "en": "Text below the commands goes to the customer (unless {note} or {internal} is used).\n"
    "Without text, {resolve}, {deadline} and {agree} send a complete standard letter.",
    "nl": "Tekst onder de opdrachten gaat naar de klant (behalve met {note} of {internal}).\n"
    "Zonder tekst sturen {resolve}, {deadline} en {agree} een complete standaardbrief.",
}


def usage(entry: OwnerCommand, language: str) -> str:
    """`#oplossen SOORT [tekst]`: the command's word and what follows it."""
    one_of = "|".join(entry.choice_words(language))
    return f"#{entry.word(language)} {entry.help[language].usage.format(choices=one_of)}".rstrip()


def help_lines(entry: OwnerCommand, language: str) -> list[str]:
    """The command's lines in the help: the usage, then the explanation from the column on.

    A usage wider than the column is followed by two spaces, or by the explanation on the next
    line when it starts with a line break.
    """
    head = usage(entry, language)
    text = entry.help[language].text.format(choices=", ".join(entry.choice_words(language)))
    if not text:
        return [head]
    first, *rest = text.split("\n")
    if not first:
        lines = [head]
    elif len(head) < COLUMN:
        lines = [head.ljust(COLUMN) + first]
    else:
        lines = [f"{head}  {first}"]
    lines += [" " * COLUMN + line for line in rest]
    return [wrapped for line in lines for wrapped in _wrap(line)]


def _wrap(line: str) -> list[str]:
    if len(line) <= WIDTH:
        return [line]
    return textwrap.wrap(
        line,
        WIDTH,
        subsequent_indent=" " * COLUMN,
        break_long_words=False,
        break_on_hyphens=False,
    )


def help_text(language: str) -> str:
    """The list of commands the owner gets with a refused reply, in the shop's language."""
    lines = [line for entry in COMMANDS for line in help_lines(entry, language)]
    written = {name: f"#{entry.word(language)}" for name, entry in BY_NAME.items()}
    return "\n".join(lines) + "\n" + _CLOSING[language].format(**written)


HELP = help_text("en")
HELP_NL = help_text("nl")


def readme_table() -> str:
    """The README's command table, in English with the Dutch words beside it."""
    rows = [
        "| command | Dutch | allowed while the dossier is | what it does |",
        "|---|---|---|---|",
    ]
    for entry in COMMANDS:
        dutch = f"`{usage(entry, 'nl')}`"
        others = [f"`#{word}`" for word in entry.words["nl"][1:]]
        if others:
            dutch += f" (also {', '.join(others)})"
        cells = (f"`{usage(entry, 'en')}`", dutch, _allowed(entry), _readme_text(entry))
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def _readme_text(entry: OwnerCommand) -> str:
    english = entry.choice_words("en")
    choices = ", ".join(english[:-1]) + " or " + english[-1] if english else ""
    return entry.readme.format(choices=choices, choices_nl=", ".join(entry.choice_words("nl")))


def _allowed(entry: OwnerCommand) -> str:
    if not entry.allowed:
        return "none yet: it opens the dossier"
    parts = []
    for argument, statuses in entry.allowed.items():
        named = _statuses(statuses)
        written = next((c.words["en"][0] for c in entry.choices if c.code == argument), argument)
        parts.append(f"{written}: {named}" if argument else named)
    return "; ".join(parts)


def _statuses(statuses: frozenset[Status]) -> str:
    if statuses == ALL:
        return "any"
    if statuses == ALL - {Status.CLOSED}:
        return "any but closed"
    return ", ".join(status.value for status in Status if status in statuses)

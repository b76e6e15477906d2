"""The owner's list of commands, in each language, and the README's command table: both made
from the command table, so what the owner is told and what the README says cannot drift; pure.
"""

from __future__ import annotations

import textwrap

from inbox_agent.commands.command import LANGUAGES, OwnerCommand
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
    "de": "Text unter den Befehlen geht an den Kunden (außer mit {note} oder {internal}).\n"
    "Ohne Text schicken {resolve}, {deadline} und {agree} einen ganzen Standardbrief.",
    "fr": "Le texte sous les commandes est envoyé au client (sauf avec {note} ou {internal}).\n"
    "Sans texte, {resolve}, {deadline} et {agree} envoient une lettre type complète.",
}


def usage(entry: OwnerCommand, language: str) -> str:
    """`#oplossen SOORT [tekst]`: the command's word and what follows it."""
    one_of = "|".join(entry.choice_words(language))
    return (
        f"#{entry.word(language)} {entry.help_in(language).usage.format(choices=one_of)}".rstrip()
    )


def help_lines(entry: OwnerCommand, language: str) -> list[str]:
    """The command's lines in the help: the usage, then the explanation from the column on.

    A usage wider than the column is followed by two spaces, or by the explanation on the next
    line when it starts with a line break.
    """
    head = usage(entry, language)
    text = entry.help_in(language).text.format(choices=", ".join(entry.choice_words(language)))
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
    return "\n".join(lines) + "\n" + _CLOSING.get(language, _CLOSING["en"]).format(**written)


# The help in every language the commands are written in; `help_for` picks the shop's.
HELPS = {language: help_text(language) for language in LANGUAGES}
HELP = HELPS["en"]
HELP_NL = HELPS["nl"]


def help_for(language: str) -> str:
    """The list of commands in `language`; English for a language the commands are not in."""
    return HELPS.get(language) or HELPS["en"]


def readme_table() -> str:
    """The README's command table, in English with the Dutch and German words beside it."""
    rows = [
        "| command | Dutch | German | allowed while the dossier is | what it does |",
        "|---|---|---|---|---|",
    ]
    for entry in COMMANDS:
        cells = (
            f"`{usage(entry, 'en')}`",
            _written(entry, "nl"),
            _written(entry, "de"),
            _allowed(entry),
            _readme_text(entry),
        )
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def _written(entry: OwnerCommand, language: str) -> str:
    """The command's usage in `language`, and its other words there ("also `#opgelost`")."""
    written = f"`{usage(entry, language)}`"
    others = [f"`#{word}`" for word in entry.words_in(language)[1:]]
    return written + (f" (also {', '.join(others)})" if others else "")


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

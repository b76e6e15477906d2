"""The top of the owner's reply → the commands and the text to relay, read through the table; pure."""

from __future__ import annotations

from dataclasses import dataclass

from inbox_agent.commands.command import Command, CommandError
from inbox_agent.commands.table import BY_NAME, BY_WORD, COMMANDS, HELP_WORDS


@dataclass(frozen=True)
class Instructions:
    commands: tuple[Command, ...]
    body: str

    @property
    def internal(self) -> bool:
        """A command keeps the whole reply internal (#note, #internal)."""
        return any(BY_NAME[c.name].internal for c in self.commands)

    @property
    def takes_body(self) -> bool:
        """A command takes the text below the commands as its own (#reject's reason)."""
        return any(BY_NAME[c.name].takes_body for c in self.commands)

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
    instructions = Instructions(tuple(commands), "\n".join(lines[index:]).strip())
    for entry in COMMANDS:
        command = instructions.named(entry.name)
        if entry.check_reply is not None and command is not None:
            entry.check_reply(command, instructions.body, instructions.internal)
    return instructions


def parse_command(line: str) -> Command:
    """One `#` line → its command, read by the table entry its word names."""
    word, _, rest = line.lstrip("#").strip().partition(" ")
    if word.lower() in HELP_WORDS:
        raise CommandError(
            "you asked for the list of commands",
            nl="u vroeg om de lijst met opdrachten",
            de="Sie haben um die Liste der Befehle gebeten",
            fr="vous avez demandé la liste des commandes",
        )
    entry = BY_WORD.get(word.lower())
    if entry is None:
        raise CommandError(
            f"unknown command {line.split()[0]!r}",
            nl=f"onbekende opdracht {line.split()[0]!r}",
            de=f"unbekannter Befehl {line.split()[0]!r}",
            fr=f"commande inconnue {line.split()[0]!r}",
        )
    return entry.read(entry, rest.strip())


# A reply to the "done?" reminder that is only one of these words answers it.
_YES = frozenset(
    {"yes", "ja", "done", "klaar", "gedaan", "ja klaar", "ja gedaan", "yes done"}
    | {"erledigt", "ja erledigt"}
    # French; punctuation is dropped, so "c'est fait" reads "cest fait".
    | {"oui", "fait", "oui fait", "cest fait", "oui cest fait", "cest bon"}
)
_NO = frozenset(
    {"no", "nee", "not yet", "nog niet", "nee nog niet", "no not yet"}
    | {"nein", "noch nicht", "nein noch nicht"}
    | {"non", "pas encore", "non pas encore", "pas fait", "non pas fait"}
)


def plain_answer(text: str) -> bool | None:
    """A plain "yes"/"ja" (True) or "no"/"nee" (False) and nothing else; None for anything more.

    Only the first line counts when the rest is empty; punctuation and case do not matter.
    """
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(lines) != 1:
        return None
    words = " ".join("".join(c for c in lines[0].lower() if c.isalnum() or c == " ").split())
    return True if words in _YES else False if words in _NO else None

"""A reply's commands checked against the dossier's status, then carried out in order; pure.

The permission of each command, its next status and its effect come from the command table;
`simulate` checks a whole reply before `apply` changes anything, so a reply runs whole or not
at all. Mail to send is not made here: the reply step turns the returned `Effects` into mail.
"""

from __future__ import annotations

from datetime import date, datetime

from inbox_agent.commands.command import LANGUAGES, Command, Effects, NotAllowed
from inbox_agent.commands.table import BY_NAME, COMMANDS, RELAY
from inbox_agent.dossier.history import iso
from inbox_agent.models import Dossier, Status
from inbox_agent.vocabulary.wording import status_word


def _permissions() -> dict[str, frozenset[Status]]:
    """Each rule (`resolve`, `status:closed`, and `relay`) → the statuses it is allowed in."""
    table: dict[str, frozenset[Status]] = {}
    for entry in COMMANDS:
        for argument, statuses in entry.allowed.items():
            table[f"{entry.name}:{argument}" if argument else entry.name] = statuses
    table["relay"] = RELAY
    return table


ALLOWED = _permissions()

# The refusals, per language: `{what}` is the command as written there, `{status}` the status.
_NOT_NOW = {
    "en": "{what} is not possible while the dossier is {status}",
    "nl": "{what} is niet mogelijk zolang het dossier {status} is",
    "de": "{what} ist nicht möglich, solange der Vorgang {status} ist",
    "fr": "{what} n'est pas possible tant que le dossier est {status}",
}
_RELAYING = {
    "en": "sending text to the customer",
    "nl": "tekst naar de klant sturen",
    "de": "Text an den Kunden senden",
    "fr": "envoyer du texte au client",
}
_PASSED = {
    "en": "{what} {arg}: that date has passed (today is {today})",
    "nl": "{what} {arg}: die datum is al voorbij (vandaag is het {today})",
    "de": "{what} {arg}: dieses Datum ist schon vorbei (heute ist der {today})",
    "fr": "{what} {arg}\u00a0: cette date est déjà passée (nous sommes le {today})",
}


def rule_for(command: Command) -> str:
    return BY_NAME[command.name].rule(command)


def check_allowed(status: Status, names: list[str]) -> None:
    for name in names:
        if status not in ALLOWED[name]:
            what = name.split(":")[0]
            raise NotAllowed.of(
                {
                    language: _NOT_NOW[language].format(
                        what=_RELAYING[language] if what == "relay" else _written(what, language),
                        status=status_word(status.value, language),
                    )
                    for language in LANGUAGES
                }
            )


def simulate(
    dossier: Dossier, commands: tuple[Command, ...], relay: bool, today: date | None = None
) -> None:
    """Raise NotAllowed unless every command (and a relay) is allowed, in order; changes nothing.

    With `today` (the shop's date), a date that would be a promise in the past is refused too.
    """
    status = Status(dossier["status"])
    for command in commands:
        check_allowed(status, [rule_for(command)])
        if today is not None:
            check_date(command, today)
        status = BY_NAME[command.name].next_status(status, command)
    if relay:
        check_allowed(status, ["relay"])


def check_date(command: Command, today: date) -> None:
    """A promise is never a date that has already passed."""
    if command.when is not None and command.when < today:
        raise NotAllowed.of(
            {
                language: _PASSED[language].format(
                    what=_written(command.name, language), arg=command.arg, today=today
                )
                for language in LANGUAGES
            }
        )


def apply(
    dossier: Dossier, commands: tuple[Command, ...], body: str, actor: str, now: datetime
) -> Effects:
    """Carry out the commands in order (after `simulate`); returns what must be mailed."""
    effects = Effects()
    for command in commands:
        effect = BY_NAME[command.name].effect
        if effect is not None:
            effect(dossier, command, body, actor, now, effects)
    dossier["owner_acted_at"] = iso(now)
    return effects


def _written(name: str, language: str) -> str:
    """`#oplossen` for `resolve` in Dutch: the command as the owner writes it."""
    entry = BY_NAME.get(name)
    return f"#{entry.word(language) if entry is not None else name}"

"""How a command's argument is read: one reader per shape of argument; pure.

Each function here makes a `Reader` for the command table: it is given the table entry (for
its words and choices, so an error names the command as the owner wrote it) and the rest of
the command line, and returns the `Command` or raises a `CommandError` in every language
given (English and Dutch always; German as `de=`, any other language as its code).
Messages are formats: `{word}` is the command (`#oorzaak`), `{given}` what the owner wrote,
`{choices}` the choices' words ("kwaliteit, verkeerd-gebruik, informatie of anders").
"""

from __future__ import annotations

import re
from datetime import date

from inbox_agent.commands.command import Command, CommandError, OwnerCommand, Reader
from inbox_agent.reading.evaluation_scores import parse_score
from inbox_agent.vocabulary.terms import (
    CHANNEL_CHOICES,
    CHANNEL_CHOICES_NL,
    channel_for,
    vocabulary,
)

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_OR = {"en": "or", "nl": "of", "de": "oder", "fr": "ou"}


def error(entry: OwnerCommand, en: str, nl: str, given: str = "", **others: str) -> CommandError:
    """The error in every language given, with the command's word and choices in each."""

    def say(message: str, language: str) -> str:
        words = entry.choice_words(language)
        last = f" {_OR.get(language, '/')} " + words[-1] if words else ""
        choices = ", ".join(words[:-1]) + last if words else ""
        return message.format(word=f"#{entry.word(language)}", given=given, choices=choices)

    texts = {"en": en, "nl": nl, **others}
    return CommandError.of({language: say(text, language) for language, text in texts.items()})


def free_text() -> Reader:
    """Anything after the command is its text, also nothing."""

    def read(entry: OwnerCommand, rest: str) -> Command:
        return Command(entry.name, text=rest)

    return read


def required_text(en: str, nl: str, **others: str) -> Reader:
    """The text after the command is what it is about, so it may not be left out."""

    def read(entry: OwnerCommand, rest: str) -> Command:
        if not rest:
            raise error(entry, en, nl, **others)
        return Command(entry.name, text=rest)

    return read


def choice(en: str, nl: str, **others: str) -> Reader:
    """The whole rest is one of the command's choices; the command holds its code."""

    def read(entry: OwnerCommand, rest: str) -> Command:
        code = entry.code_for(rest)
        if code is None:
            raise error(entry, en, nl, rest, **others)
        return Command(entry.name, code)

    return read


def choice_then_text(en: str, nl: str, **others: str) -> Reader:
    """A choice, then free text: `#resolve repair the new wheel is on its way`."""

    def read(entry: OwnerCommand, rest: str) -> Command:
        word, _, text = rest.partition(" ")
        code = entry.code_for(word)
        if code is None:
            raise error(entry, en, nl, word, **others)
        return Command(entry.name, code, text.strip())

    return read


def date_then_text() -> Reader:
    """A date as YYYY-MM-DD, then free text: `#agree 2026-12-05 new spoke`."""

    def read(entry: OwnerCommand, rest: str) -> Command:
        when_text, _, text = rest.partition(" ")
        try:
            when = date.fromisoformat(when_text)
        except ValueError:
            raise error(
                entry,
                "{word} needs a date as YYYY-MM-DD, not {given!r}",
                "{word} heeft een datum nodig als JJJJ-MM-DD, niet {given!r}",
                when_text,
                de="{word} braucht ein Datum als JJJJ-MM-TT, nicht {given!r}",
                fr="{word} a besoin d'une date au format AAAA-MM-JJ, pas {given!r}",
            ) from None
        return Command(entry.name, when_text, text.strip(), when)

    return read


def text_and_date() -> Reader:
    """What is awaited and the date until when, either way round: `#wait new wheel 2026-12-10`
    or `#wait 2026-12-10 new wheel`. Both are needed: the customer is told both."""

    def read(entry: OwnerCommand, rest: str) -> Command:
        words = rest.split()
        for index in (len(words) - 1, 0):
            if not words or len(words) < 2:
                break
            try:
                when = date.fromisoformat(words[index])
            except ValueError:
                continue
            text = " ".join(words[:index] + words[index + 1 :])
            return Command(entry.name, words[index], text, when)
        raise error(
            entry,
            "{word} needs what you wait for and a date as YYYY-MM-DD, e.g. "
            "{word} the new wheel 2026-12-10",
            "{word} heeft nodig waarop u wacht en een datum als JJJJ-MM-DD, bijvoorbeeld "
            "{word} het nieuwe wiel 2026-12-10",
            de="{word} braucht, worauf Sie warten, und ein Datum als JJJJ-MM-TT, zum Beispiel "
            "{word} das neue Laufrad 2026-12-10",
            fr="{word} a besoin de ce que vous attendez et d'une date au format AAAA-MM-JJ, "
            "par exemple {word} la nouvelle roue 2026-12-10",
        )

    return read


def _address(entry: OwnerCommand, rest: str) -> tuple[str, str]:
    address, _, text = rest.partition(" ")
    address = address.strip("<>,;").lower()
    if not _EMAIL.match(address):
        raise error(
            entry,
            "{word} needs an email address, not {given!r}",
            "{word} heeft een e-mailadres nodig, niet {given!r}",
            address,
            de="{word} braucht eine E-Mail-Adresse, nicht {given!r}",
            fr="{word} a besoin d'une adresse e-mail, pas {given!r}",
        )
    return address, text


def address_then_text(en: str, nl: str, **others: str) -> Reader:
    """An email address, then text that may not be left out: `#ask piet@shop.nl Which size?`."""

    def read(entry: OwnerCommand, rest: str) -> Command:
        address, text = _address(entry, rest)
        if not text.strip():
            raise error(entry, en, nl, **others)
        return Command(entry.name, address, text.strip())

    return read


def address_then_channel() -> Reader:
    """An email address, then the intake channel's word (mail when none): `#new a@b.nl phone`."""

    def read(entry: OwnerCommand, rest: str) -> Command:
        address, text = _address(entry, rest)
        if not text.strip():
            return Command(entry.name, address, "mail")
        channel = channel_for(text)
        if channel is None:
            raise CommandError(
                f"#{entry.word('en')} takes only a channel after the address ({CHANNEL_CHOICES}), "
                f"not {text.strip()!r}; write the complaint itself on the lines below",
                nl=f"#{entry.word('nl')} neemt na het adres alleen een kanaal "
                f"({CHANNEL_CHOICES_NL}), niet {text.strip()!r}; schrijf de klacht zelf op de "
                "regels eronder",
                de=f"#{entry.word('de')} nimmt nach der Adresse nur einen Kanal "
                f"({vocabulary('de').CHANNEL_CHOICES}), nicht {text.strip()!r}; schreiben Sie "
                "die Beschwerde selbst in die Zeilen darunter",
                fr=f"#{entry.word('fr')} ne prend qu'un canal après l'adresse "
                f"({vocabulary('fr').CHANNEL_CHOICES}), pas {text.strip()!r}\u00a0; écrivez la "
                "réclamation elle-même sur les lignes en dessous",
            )
        return Command(entry.name, address, channel)

    return read


def label_and_value(en: str, nl: str, **others: str) -> Reader:
    """`Name: value`, both given: `#field Serial number: GZ-1`."""

    def read(entry: OwnerCommand, rest: str) -> Command:
        label, sep, value = rest.partition(":")
        if not sep or not label.strip() or not value.strip():
            raise error(entry, en, nl, **others)
        return Command(entry.name, label.strip(), value.strip())

    return read


def optional_score(en: str, nl: str, **others: str) -> Reader:
    """Nothing, or a score as the evaluation reads one (4, 4/5, 8/10); the command holds 1-5."""

    def read(entry: OwnerCommand, rest: str) -> Command:
        if not rest:
            return Command(entry.name)
        score = parse_score(rest)
        if score is None:
            raise error(entry, en, nl, rest, **others)
        return Command(entry.name, str(score))

    return read

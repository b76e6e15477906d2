"""The shapes of the owner's commands: one table entry, a parsed command line, what it decided.

An `OwnerCommand` is one row of the command table (inbox_agent/commands/table.py): its words in
every language, how its argument is read, the statuses it is allowed in, its effect on the
dossier and its help. Everything else (parsing, the help mails, the permission check, the
README's table) is generated from the rows; nothing here knows a particular command.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from inbox_agent.models import Dossier, Promise, ResolutionRecord, Status, Waiting

# The languages the owner's commands are written in; a language's words, help and messages are
# data in each table entry and message (English when a language has none for one of them).
LANGUAGES = ("en", "nl", "de", "fr")


class CommandError(ValueError):
    """A command the owner wrote that cannot be understood; the text says which and why.

    The message is English; `nl`, `de` (any language code) are the same in that language, for
    a shop whose language it is.
    """

    def __init__(self, message: str, nl: str = "", **others: str) -> None:
        super().__init__(message)
        self.nl = nl
        self.texts = {"en": message, "nl": nl, **others}

    @classmethod
    def of(cls, texts: Mapping[str, str]) -> CommandError:
        """The error from its text per language (English required)."""
        return cls(texts["en"], **{k: v for k, v in texts.items() if k != "en"})

    def in_language(self, language: str) -> str:
        return self.texts.get(language) or str(self)


class NotAllowed(CommandError):
    """A command that the dossier's status does not permit; the text says why."""


@dataclass(frozen=True)
class Command:
    """One command line as the owner wrote it, read: the command's name and its argument."""

    name: str
    arg: str = ""
    text: str = ""
    when: date | None = None


@dataclass
class Effects:
    """What the commands decided that the customer or a colleague must hear about."""

    resolution: ResolutionRecord | None = None
    rejection: str | None = None
    new_deadline: str | None = None
    agreements: list[dict[str, Any]] = field(default_factory=list)
    questions: list[Command] = field(default_factory=list)
    closed: bool = False
    evaluation: bool | None = None  # #satisfied (True) or #unhappy (False) settled it
    done: list[Promise] = field(default_factory=list)  # agreements #done marked kept
    waiting: Waiting | None = None  # #wait: what is awaited, until when
    stopped: bool = False  # #stop: the correspondence ends with one letter


@dataclass(frozen=True)
class Choice:
    """One value an argument may take: its code, and its words in every language.

    The first word of a language is the one the help shows; the others are understood too.
    """

    code: str
    words: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Help:
    """A command's line in the owner's help mail, in one language.

    `usage` follows the command's word ("TYPE [text]"); `text` says what it does. A text that
    starts with a line break starts below the usage. `{choices}` in either stands for the
    choices' words (", " between them in the text, "|" in the usage).
    """

    usage: str
    text: str = ""


# How a command's argument is read: (the owner command, the rest of its line) → the command.
Reader = Callable[["OwnerCommand", str], Command]
# What an allowed command does: (dossier, command, the reply's body, who, when, effects so far).
Effect = Callable[[Dossier, Command, str, str, datetime, Effects], None]
# A check over the whole reply, for a command that may take its text from below it.
ReplyCheck = Callable[[Command, str, bool], None]


@dataclass(frozen=True)
class OwnerCommand:
    """One owner command: everything about it, in one place."""

    name: str  # the code: stored in events, the English word
    words: Mapping[str, tuple[str, ...]]  # per language; the first is the one shown
    read: Reader
    # The statuses it is allowed in; keyed by its argument's code when that matters (`#status
    # closed` is allowed where `#status in_progress` is not), else by "".
    allowed: Mapping[str, frozenset[Status]]
    effect: Effect | None  # None: the reply step itself carries it out (`#new`)
    help: Mapping[str, Help]
    readme: str  # the README's "what it does", in English
    choices: tuple[Choice, ...] = ()
    # Where the command's state ends: a fixed status, or the status its argument names.
    moves_to: Status | None = None
    moves_to_argument: bool = False
    internal: bool = False  # the reply stays internal: nothing of it reaches the customer
    takes_body: bool = False  # the text below the commands is this command's, not relayed
    check_reply: ReplyCheck | None = None

    def word(self, language: str) -> str:
        """The word a person of that language writes: `oplossen` for `resolve` in Dutch."""
        return self.words_in(language)[0]

    def words_in(self, language: str) -> tuple[str, ...]:
        """Its words in `language`; the English ones for a language the entry has none in."""
        return self.words.get(language) or self.words["en"]

    def help_in(self, language: str) -> Help:
        return self.help.get(language) or self.help["en"]

    def rule(self, command: Command) -> str:
        """The key of its permission: the name, or `status:closed` when the argument matters."""
        return f"{self.name}:{command.arg}" if "" not in self.allowed else self.name

    def allowed_in(self, command: Command) -> frozenset[Status]:
        return self.allowed["" if "" in self.allowed else command.arg]

    def next_status(self, status: Status, command: Command) -> Status:
        """The status after it is carried out, for checking a whole reply before acting."""
        if self.moves_to_argument:
            return Status(command.arg)
        return self.moves_to or status

    def choice_words(self, language: str) -> tuple[str, ...]:
        return tuple(
            (choice.words.get(language) or choice.words["en"])[0] for choice in self.choices
        )

    def code_for(self, word: str) -> str | None:
        """The choice a word names, in any language, or None."""
        lowered = word.lower()
        for choice in self.choices:
            if any(lowered in words for words in choice.words.values()):
                return choice.code
        return None

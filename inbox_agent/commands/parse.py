"""The owner's `#` commands: parsing the top of a reply into commands and the text to relay; pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from inbox_agent.reading.evaluation_scores import parse_score
from inbox_agent.vocabulary.terms import CHANNEL_CHOICES, CHANNEL_CHOICES_NL, channel_for

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
    "in-progress": "in_progress",
    "in-behandeling": "in_progress",
    "in_behandeling": "in_progress",
    "closed": "closed",
    "gesloten": "closed",
    "afgesloten": "closed",
}
HELP = """\
#resolve TYPE [text]     TYPE: repair, replace, assist, inform, compensate, goodwill, refund, change
#reject reason           the customer gets a clear, friendly letter with your reason
                         (after the command or below it); no reason, no letter
#cause CAUSE             quality, misuse, information, other
#deadline YYYY-MM-DD     the answer date promised to the customer
#agree YYYY-MM-DD [text] record an agreement; you are reminded before that date
#note text               internal note; nothing reaches the customer
#internal                the whole reply stays internal
#progress text           a line for the customer's next progress update, e.g.
                         "the new part is ordered"; nothing is mailed at once
#ask address question    ask a colleague; the answer joins the dossier as internal
#field Name: value       set a registration field
#status in-progress|closed
#reopen                  open the dossier again
#new customer@address [channel]
                         on a forwarded mail: open a dossier for that customer;
                         channel: phone, counter, letter, web form, mail (the default)
#satisfied [score]       settle an evaluation: closure letter; score 1-5 or 8/10
#unhappy                 settle an evaluation: reopen, disputes body to the customer
Text below the commands goes to the customer (unless #note or #internal is used).
Without text, #resolve, #deadline and #agree send a complete standard letter."""
HELP_NL = """\
#oplossen SOORT [tekst]  SOORT: reparatie, vervanging, hulp, informatie, vergoeding, attentie,
                         terugbetaling, wijziging
#afwijzen reden          de klant krijgt een duidelijke, vriendelijke brief met uw reden
                         (achter de opdracht of eronder); zonder reden geen brief
#oorzaak OORZAAK         kwaliteit, verkeerd-gebruik, informatie, anders
#termijn JJJJ-MM-DD      de datum waarop de klant uiterlijk antwoord krijgt
#afspraak JJJJ-MM-DD [tekst]  leg een afspraak vast; vóór die datum krijgt u een herinnering
#notitie tekst           interne notitie; de klant ziet niets
#intern                  het hele antwoord blijft intern
#voortgang tekst         een regel voor de volgende voortgangsmelding aan de klant, bijvoorbeeld
                         "het nieuwe onderdeel is besteld"; er gaat nu niets weg
#vraag adres vraag       vraag een collega; het antwoord komt intern in het dossier
#veld Naam: waarde       vul een registratieveld in
#status in-behandeling|afgesloten
#heropen                 open het dossier opnieuw
#nieuw klant@adres [kanaal]
                         bij een doorgestuurde mail: open een dossier voor die klant;
                         kanaal: telefoon, balie, brief, webformulier, mail (standaard)
#tevreden [cijfer]       een evaluatie afhandelen: afsluitbrief; cijfer 1-5 of 8/10
#ontevreden              een evaluatie afhandelen: heropenen, geschillencommissie aan de klant
Tekst onder de opdrachten gaat naar de klant (behalve met #notitie of #intern).
Zonder tekst sturen #oplossen, #termijn en #afspraak een complete standaardbrief."""

# The Dutch name of each command, for messages to a Dutch-speaking shop.
DUTCH_NAMES = {
    "resolve": "oplossen",
    "reject": "afwijzen",
    "cause": "oorzaak",
    "deadline": "termijn",
    "agree": "afspraak",
    "note": "notitie",
    "internal": "intern",
    "ask": "vraag",
    "field": "veld",
    "status": "status",
    "reopen": "heropen",
    "new": "nieuw",
    "progress": "voortgang",
    "satisfied": "tevreden",
    "unhappy": "ontevreden",
}
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


class CommandError(ValueError):
    """A command the owner wrote that cannot be understood; the text says which and why.

    The message is English; `nl` is the same in Dutch, for a shop whose language is Dutch.
    """

    def __init__(self, message: str, nl: str = "") -> None:
        super().__init__(message)
        self.nl = nl

    def in_language(self, language: str) -> str:
        return self.nl if language == "nl" and self.nl else str(self)


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
    instructions = Instructions(tuple(commands), "\n".join(lines[index:]).strip())
    reject = instructions.named("reject")
    # The reason is the text after the command or below it; text kept internal is no reason.
    if reject is not None and not reject.text and (not instructions.body or instructions.internal):
        raise CommandError(
            "#reject needs the reason the customer will read: write it after the command "
            "(#reject The warranty ended in May.) or on the lines below it",
            nl="#afwijzen heeft een reden nodig die de klant te lezen krijgt: schrijf die achter "
            "de opdracht (#afwijzen De garantie liep in mei af.) of op de regels eronder",
        )
    return instructions


def parse_command(line: str) -> Command:
    word, _, rest = line.lstrip("#").strip().partition(" ")
    name = ALIASES.get(word.lower())
    rest = rest.strip()
    if word.lower() in ("help", "hulp", "?"):
        raise CommandError(
            "you asked for the list of commands", nl="u vroeg om de lijst met opdrachten"
        )
    if name is None:
        raise CommandError(
            f"unknown command {line.split()[0]!r}", nl=f"onbekende opdracht {line.split()[0]!r}"
        )
    if name == "resolve":
        kind, _, text = rest.partition(" ")
        if kind.lower() not in RESOLUTION_TYPES:
            raise CommandError(
                f"#resolve needs a type (repair, replace, ...), not {kind!r}",
                nl=f"#oplossen heeft een soort oplossing nodig (reparatie, vervanging, ...), "
                f"niet {kind!r}",
            )
        return Command(name, RESOLUTION_TYPES[kind.lower()], text.strip())
    if name == "cause":
        if rest.lower() not in CAUSES:
            raise CommandError(
                f"#cause needs quality, misuse, information or other, not {rest!r}",
                nl=f"#oorzaak heeft kwaliteit, verkeerd-gebruik, informatie of anders nodig, "
                f"niet {rest!r}",
            )
        return Command(name, CAUSES[rest.lower()])
    if name in ("deadline", "agree"):
        when_text, _, text = rest.partition(" ")
        try:
            when = date.fromisoformat(when_text)
        except ValueError:
            raise CommandError(
                f"#{name} needs a date as YYYY-MM-DD, not {when_text!r}",
                nl=f"#{DUTCH_NAMES[name]} heeft een datum nodig als JJJJ-MM-DD, niet {when_text!r}",
            ) from None
        return Command(name, when_text, text.strip(), when)
    if name in ("ask", "new"):
        address, _, text = rest.partition(" ")
        address = address.strip("<>,;").lower()
        if not _EMAIL.match(address):
            raise CommandError(
                f"#{name} needs an email address, not {address!r}",
                nl=f"#{DUTCH_NAMES[name]} heeft een e-mailadres nodig, niet {address!r}",
            )
        if name == "ask" and not text.strip():
            raise CommandError(
                "#ask needs an address and a question",
                nl="#vraag heeft een adres en een vraag nodig",
            )
        if name == "new":
            return Command(name, address, _channel(text))
        return Command(name, address, text.strip())
    if name == "field":
        label, sep, value = rest.partition(":")
        if not sep or not label.strip() or not value.strip():
            raise CommandError("#field needs 'Name: value'", nl="#veld heeft 'Naam: waarde' nodig")
        return Command(name, label.strip(), value.strip())
    if name == "status":
        if rest.lower() not in STATUS_ARGS:
            raise CommandError(
                f"#status takes in-progress or closed, not {rest!r}",
                nl=f"#status kan in-behandeling of afgesloten zijn, niet {rest!r}",
            )
        return Command(name, STATUS_ARGS[rest.lower()])
    if name == "satisfied" and rest:
        score = parse_score(rest)
        if score is None:
            raise CommandError(
                f"#satisfied takes a score such as 4, 4/5 or 8/10, not {rest!r}",
                nl=f"#tevreden neemt een cijfer zoals 4, 4/5 of 8/10, niet {rest!r}",
            )
        return Command(name, str(score))
    if name == "note" and not rest:
        raise CommandError(
            "#note needs the text of the note", nl="#notitie heeft de tekst van de notitie nodig"
        )
    if name == "progress" and not rest:
        raise CommandError(
            "#progress needs the line the customer will read, e.g. #progress the part is ordered",
            nl="#voortgang heeft de regel nodig die de klant te lezen krijgt, bijvoorbeeld "
            "#voortgang het onderdeel is besteld",
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
            f"not {text.strip()!r}; write the complaint itself on the lines below",
            nl=f"#nieuw neemt na het adres alleen een kanaal ({CHANNEL_CHOICES_NL}), "
            f"niet {text.strip()!r}; schrijf de klacht zelf op de regels eronder",
        )
    return channel

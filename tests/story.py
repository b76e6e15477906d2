"""Eight weeks of a Dutch bicycle shop's complaint mailbox, played through the real CLI.

The agent runs as cron would run it: `inbox-agent -c CONFIG once`, a subprocess, under
libfaketime, which fakes only the wall clock (libfaketime 0.9.10 hangs Python's timed waits
when the monotonic clock is faked). Every working day it runs at 08:30, 12:00 and 16:30, on
weekend days at noon, and two minutes after any person sends a mail (the shop's timer runs every
two minutes). The people — ten customers, the handler, the deputy and a colleague — write
through SMTP as their mail clients would: dated by the simulated clock, and a reply quotes the
mail it answers and carries In-Reply-To and References. The timings are the defaults; the
config holds only what a shop sets itself.

`play()` returns a `Story`: every mailbox as it stands at the end, what each person sent, the
dossiers as `show --json` gives them, and every cycle's exit status. The tests in
`test_story_weeks.py` read it; `story_mailboxes.py` writes it out for people to read.
"""

from __future__ import annotations

import email
import email.policy
import glob
import itertools
import json
import os
import shutil
import smtplib
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr, parsedate_to_datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

from inbox_agent.testing.servers import PASSWORD, ImapServer

SHOP_ZONE = ZoneInfo("Europe/Amsterdam")
FIRST_DAY = date(2027, 1, 4)  # a Monday
DAYS = 8 * 7
WORKDAY_RUNS = (time(8, 30), time(12, 0), time(16, 30))
WEEKEND_RUNS = (time(12, 0),)
TIMER_DELAY = timedelta(minutes=2)
_plays = itertools.count(1)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of the story: `day` counts from Monday 4 January 2027, in the shop's time."""
    return datetime.combine(FIRST_DAY + timedelta(days=day), time(hour, minute), SHOP_ZONE)


@dataclass(frozen=True)
class Person:
    key: str  # the story's name for them: "anna", "handler", ...
    name: str
    address: str
    language: str = "nl"
    client: str = "thunderbird"  # how their mail program writes a reply


@dataclass(frozen=True)
class Cast:
    """Everyone in the story, with addresses unique to one play (the servers are shared)."""

    shop: Person
    handler: Person
    deputy: Person
    colleague: Person
    customers: dict[str, Person]

    @classmethod
    def for_play(cls, tag: str) -> Cast:
        def customer(key: str, name: str, domain: str = "klant.nl", **kw: str) -> Person:
            return Person(key, name, f"{key}.{tag}@{domain}", **kw)

        customers = [
            customer("anna", "Anna de Vries"),
            customer("bram", "Bram Visser", client="outlook"),
            customer("cor", "Cor Bakker"),
            customer("daan", "Daan Smit", client="outlook"),
            customer("eva", "Eva Mulder"),
            customer("frank", "Frank Jansen", client="outlook"),
            customer("greet", "Greet Peters"),
            customer("helen", "Helen Carter", "example.co.uk", language="en", client="apple"),
            customer("ilse", "Ilse Hendriks"),
            customer("karin", "Karin Bos", client="outlook"),
        ]
        return cls(
            shop=Person("shop", "Fietsenwinkel De Ketting", f"klachten.{tag}@ketting.nl"),
            handler=Person("handler", "Jan Bosman", f"jan.{tag}@ketting.nl"),
            deputy=Person("deputy", "Els van Dam", f"els.{tag}@ketting.nl", client="outlook"),
            colleague=Person("colleague", "Kees Verkoop", f"verkoop.{tag}@ketting.nl"),
            customers={c.key: c for c in customers},
        )

    @property
    def people(self) -> list[Person]:
        return [*self.customers.values(), self.handler, self.deputy, self.colleague]

    def by_address(self, address: str) -> Person | None:
        return next((p for p in [*self.people, self.shop] if p.address == address.lower()), None)


def config_text(cast: Cast, imap: ImapServer, smtp_port: int, data: Path) -> str:
    """What a Dutch shop writes in its config.toml: no [timing], so every timing is the default."""
    return f"""\
[shop]
name = "{cast.shop.name}"
email = "{cast.shop.address}"
language = "nl"
timezone = "Europe/Amsterdam"
holiday_country = "NL"
disputes_body = "De Geschillencommissie, www.degeschillencommissie.nl"
signature = \"\"\"
Fietsenwinkel De Ketting
Kettingstraat 1, 3511 AB Utrecht
030 123 45 67\"\"\"

[owner]
handler = "{cast.handler.address}"
deputy = "{cast.deputy.address}"
handler_name = "{cast.handler.name}"
# The shop's provider delivers plus-addresses: the agenda's ready replies work from a phone.
plus_addressing = true

[imap]
host = "127.0.0.1"
port = {imap.port}
security = "none"
username = "{cast.shop.address}"
password = "{PASSWORD}"

[smtp]
host = "127.0.0.1"
port = {smtp_port}
security = "none"

[storage]
path = "{data}"
"""


# --- Mail as people's mail programs write it ---------------------------------------------


def _plain(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    return part.get_content().replace("\r\n", "\n") if part is not None else ""


def _quote(client: str, original: EmailMessage, language: str) -> str:
    """The history below a reply, the way each mail program quotes it."""
    sent = parsedate_to_datetime(original["Date"]).astimezone(SHOP_ZONE)
    body = _plain(original).rstrip("\n")
    quoted = "\n".join(f"> {line}" if line else ">" for line in body.splitlines())
    if client == "outlook":
        labels = (
            ("-----Oorspronkelijk bericht-----", "Van", "Verzonden", "Aan", "Onderwerp")
            if language == "nl"
            else ("-----Original Message-----", "From", "Sent", "To", "Subject")
        )
        return (
            f"{labels[0]}\n{labels[1]}: {original['From']}\n"
            f"{labels[2]}: {sent:%d-%m-%Y %H:%M}\n{labels[3]}: {original['To']}\n"
            f"{labels[4]}: {original['Subject']}\n\n{body}\n"
        )
    if client == "apple":
        return f"> On {sent:%d %b %Y}, at {sent:%H:%M}, {original['From']} wrote:\n>\n{quoted}\n"
    if language == "nl":
        return f"Op {sent:%d-%m-%Y} om {sent:%H:%M} schreef {original['From']}:\n{quoted}\n"
    return f"On {sent:%d/%m/%Y %H:%M}, {original['From']} wrote:\n{quoted}\n"


def compose(
    sender: Person,
    to: str,
    when: datetime,
    text: str,
    subject: str = "",
    answering: EmailMessage | None = None,
) -> EmailMessage:
    """A mail from `sender`, new or (with `answering`) a reply quoting what it answers."""
    message = EmailMessage()
    message["From"] = f"{sender.name} <{sender.address}>"
    message["To"] = to
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain=sender.address.split("@")[1])
    message["User-Agent"] = {
        "outlook": "Microsoft Outlook 16.0",
        "apple": "iPhone Mail (20A362)",
    }.get(sender.client, "Mozilla Thunderbird 115.6")
    if answering is None:
        message["Subject"] = subject
        message.set_content(text)
        return message
    old = answering["Subject"]
    prefix = "RE: " if sender.client == "outlook" else "Re: "
    message["Subject"] = old if old.lower().startswith(("re:", "antw:")) else prefix + old
    message["In-Reply-To"] = answering["Message-ID"]
    message["References"] = " ".join(
        filter(None, [answering.get("References"), answering["Message-ID"]])
    )
    message.set_content(
        text.rstrip("\n") + "\n\n" + _quote(sender.client, answering, sender.language)
    )
    return message


# --- The story's record ------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    """A mail a person sent: about whom (a customer's key), their new words, the whole mail."""

    person: Person
    about: str
    text: str
    message: EmailMessage

    @property
    def date(self) -> datetime:
        return parsedate_to_datetime(self.message["Date"])


@dataclass(frozen=True)
class Cycle:
    at: datetime
    returncode: int
    output: str


@dataclass
class Story:
    cast: Cast
    sent: list[Sent] = field(default_factory=list)
    cycles: list[Cycle] = field(default_factory=list)
    mailboxes: dict[str, list[EmailMessage]] = field(default_factory=dict)  # by address
    dossiers: dict[str, list[dict]] = field(default_factory=dict)  # by customer key
    listing: list[dict] = field(default_factory=list)  # `dossiers --json`
    problems: list[str] = field(default_factory=list)  # acts a person could not do
    report: dict = field(default_factory=dict)  # `report --format json` at the end
    seconds: float = 0.0

    def letters_to(self, key: str) -> list[EmailMessage]:
        """What the customer found in their mailbox from the shop, in order of sending."""
        person = self.cast.customers[key]
        return [m for m in self.mailboxes[person.address] if _from(m) == self.cast.shop.address]

    def written_by(self, key: str) -> list[Sent]:
        return [s for s in self.sent if s.person.key == key]

    def acts_about(self, key: str) -> list[Sent]:
        """What the handler, the deputy or the colleague sent about this customer."""
        staff = {"handler", "deputy", "colleague"}
        return [s for s in self.sent if s.person.key in staff and s.about == key]

    def dossier(self, key: str) -> dict:
        [only] = self.dossiers[key]
        return only


def _from(message: EmailMessage) -> str:
    return parseaddr(str(message["From"]))[1].lower()


def date_of(message: EmailMessage) -> datetime:
    return parsedate_to_datetime(message["Date"]).astimezone(SHOP_ZONE)


def text_of(message: EmailMessage) -> str:
    return _plain(message)


# --- Playing it --------------------------------------------------------------------------


def _libfaketime() -> str:
    """The library itself, preloaded without the `faketime` wrapper: the wrapper names a
    semaphore after its process ID and fails ("sem_open: File exists") when a killed earlier
    wrapper with the same, reused, ID left its semaphore in /dev/shm."""
    for pattern in ("/usr/lib/*/faketime/libfaketime.so.1", "/usr/*lib*/faketime/libfaketime.so.1"):
        found = sorted(glob.glob(pattern))
        if found:
            return found[0]
    return ""


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("inbox-agent")
    return [str(script)] if script.exists() else [sys.executable, "-m", "inbox_agent"]


class Stage:
    """The servers, the shop's config and the clock: what the acts and the timer work on."""

    def __init__(self, cast: Cast, imap: ImapServer, smtp_port: int, folder: Path) -> None:
        self.cast, self.imap, self.smtp_port = cast, imap, smtp_port
        self.config = folder / "config.toml"
        folder.mkdir(parents=True, exist_ok=True)
        imap.add_user(cast.shop.address)
        for person in cast.people:
            imap.add_user(person.address)
        self.config.write_text(config_text(cast, imap, smtp_port, folder / "data"))
        self.story = Story(cast)

    def agent(self, when: datetime, *args: str) -> subprocess.CompletedProcess[str]:
        """`inbox-agent -c CONFIG ARGS` with the wall clock set to `when`."""
        faked = when.astimezone(ZoneInfo("UTC")).strftime("@%Y-%m-%d %H:%M:%S")
        env = {**os.environ, "TZ": "UTC", "FAKETIME_DONT_FAKE_MONOTONIC": "1"}
        library = _libfaketime()
        if library:
            env |= {"LD_PRELOAD": library, "FAKETIME": faked}
            command = _cli()
        else:
            command = [shutil.which("faketime") or "faketime", "-f", faked, *_cli()]
        return subprocess.run(
            [*command, "-c", str(self.config), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def once(self, when: datetime) -> None:
        done = self.agent(when, "once")
        self.story.cycles.append(Cycle(when, done.returncode, done.stdout + done.stderr))

    def mailbox(self, person: Person) -> list[EmailMessage]:
        return [
            email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[misc]
            for raw in self.imap.messages(person.address)
        ]

    def send(
        self,
        sender: Person,
        about: str,
        when: datetime,
        text: str,
        subject: str = "",
        answering: EmailMessage | None = None,
    ) -> None:
        """`sender` writes `text` to the shop, through SMTP as their mail program would."""
        to = self.cast.shop.address
        if answering is not None:
            to = str(answering.get("Reply-To") or answering["From"])
        message = compose(sender, to, when, text, subject, answering)
        with smtplib.SMTP("127.0.0.1", self.smtp_port, timeout=30) as smtp:
            smtp.send_message(message, sender.address, [parseaddr(to)[1]])
        self.story.sent.append(Sent(sender, about, text, message))

    def references_of(self, when: datetime, customer: Person) -> list[str]:
        listed = json.loads(self.agent(when, "dossiers", "--json").stdout or "[]")
        return [d["reference"] for d in listed if d["customer_email"] == customer.address]

    # What people do.

    def write(self, key: str, when: datetime, subject: str, text: str) -> None:
        customer = self.cast.customers[key]
        self.send(customer, key, when, text, subject)

    def answer_last_letter(self, key: str, when: datetime, text: str) -> None:
        """The customer replies to the last mail the shop sent them."""
        customer = self.cast.customers[key]
        last = [m for m in self.mailbox(customer) if _from(m) == self.cast.shop.address][-1]
        self.send(customer, key, when, text, answering=last)

    def staff_answers(self, who: str, key: str, when: datetime, text: str) -> None:
        """The handler or deputy answers about this customer's dossier from the newest mail they
        got about it: a notification they reply to as in their mail program, or the agenda,
        where they tap the dossier's ready reply (a mailto link) as on a phone: its address and
        subject, their own text, and no In-Reply-To (phone mail apps drop it)."""
        person = getattr(self.cast, who)
        customer = self.cast.customers[key]
        references = self.references_of(when, customer)
        about = [
            m
            for m in self.mailbox(person)
            if _from(m) == self.cast.shop.address
            and (
                any(ref in str(m["Subject"]) for ref in references)
                or (is_agenda(m) and ready_reply(m, references) is not None)
            )
        ]
        if not about:
            self.story.problems.append(
                f"{when:%a %d %b %H:%M}: {who} wanted to answer about {key}'s dossier "
                f"{references} but had no mail from the agent about it"
            )
            return
        text = text.replace("{colleague}", self.cast.colleague.address)
        newest = about[-1]
        link = ready_reply(newest, references) if is_agenda(newest) else None
        if link is None:
            self.send(person, key, when, text, answering=newest)
            return
        to, subject = link
        message = compose(person, to, when, text, subject)
        del message["User-Agent"]
        message["User-Agent"] = "iPhone Mail (20A362)"
        with smtplib.SMTP("127.0.0.1", self.smtp_port, timeout=30) as smtp:
            smtp.send_message(message, person.address, [to])
        self.story.sent.append(Sent(person, key, text, message))

    def colleague_answers(self, key: str, when: datetime, text: str) -> None:
        """The colleague replies to the shop's internal question."""
        person = self.cast.colleague
        question = [m for m in self.mailbox(person) if _from(m) == self.cast.shop.address][-1]
        self.send(person, key, when, text, answering=question)


def is_agenda(message: EmailMessage) -> bool:
    return str(message["Subject"]).startswith("Agenda")


def ready_reply(agenda: EmailMessage, references: list[str]) -> tuple[str, str] | None:
    """(address, subject) of the agenda's first ready reply for one of these dossiers."""
    for line in _plain(agenda).splitlines():
        if "mailto:" not in line:
            continue
        parts = urlsplit(line[line.index("mailto:") :].strip())
        subject = parse_qs(parts.query).get("subject", [""])[0]
        if any(f"[{ref}]" in subject for ref in references):
            return unquote(parts.path), subject
    return None


Act = tuple[datetime, Callable[[Stage], None]]


def customer_writes(key: str, when: datetime, subject: str, text: str) -> Act:
    return when, lambda stage: stage.write(key, when, subject, text)


def customer_replies(key: str, when: datetime, text: str) -> Act:
    return when, lambda stage: stage.answer_last_letter(key, when, text)


def staff_replies(who: str, key: str, when: datetime, text: str) -> Act:
    return when, lambda stage: stage.staff_answers(who, key, when, text)


def colleague_replies(key: str, when: datetime, text: str) -> Act:
    return when, lambda stage: stage.colleague_answers(key, when, text)


def timer_runs() -> Iterator[datetime]:
    for offset in range(DAYS):
        day = FIRST_DAY + timedelta(days=offset)
        for moment in WEEKEND_RUNS if day.weekday() >= 5 else WORKDAY_RUNS:
            yield datetime.combine(day, moment, SHOP_ZONE)


def play(imap: ImapServer, smtp_port: int, folder: Path, script: list[Act]) -> Story:
    """Play `script` over eight weeks and collect what everyone ended up with."""
    import time as clock

    started = clock.monotonic()
    stage = Stage(Cast.for_play(f"s{os.getpid()}x{next(_plays)}"), imap, smtp_port, folder)
    acts = sorted(script, key=lambda act: act[0])
    runs = sorted({*timer_runs(), *(moment + TIMER_DELAY for moment, _ in acts)})
    # An act and a run at the same minute: the person's mail is sent first.
    timeline = sorted(
        [(moment, 0, act) for moment, act in acts] + [(moment, 1, None) for moment in runs],
        key=lambda item: (item[0], item[1]),
    )
    for moment, _, act in timeline:
        if act is None:
            stage.once(moment)
        else:
            act(stage)
    end = at(DAYS, 0)
    story = stage.story
    for person in [*stage.cast.people, stage.cast.shop]:
        story.mailboxes[person.address] = stage.mailbox(person)
    story.listing = json.loads(stage.agent(end, "dossiers", "--json").stdout or "[]")
    story.report = json.loads(stage.agent(end, "report", "--format", "json").stdout or "{}")
    for key, customer in stage.cast.customers.items():
        story.dossiers[key] = [
            json.loads(stage.agent(end, "show", reference, "--json").stdout)
            for reference in stage.references_of(end, customer)
        ]
    story.seconds = clock.monotonic() - started
    return story


# --- The eight weeks ---------------------------------------------------------------------
# Day 0 is Monday 4 January 2027; day 7 the next Monday. The comments say what a shop owner
# would expect to happen.

WEEKS: list[Act] = [
    # 1. Anna: nobody at the shop ever acts on her complaint.
    customer_writes(
        "anna",
        at(0, 9, 10),
        "Achterlicht doet het niet meer",
        "Beste mensen,\n\nOp 12 december heb ik bij u een achterlicht gekocht (Spanninga Brite, "
        "24,95 euro). Na twee weken doet het al niets meer, ook met nieuwe batterijen.\n"
        "Kunt u mij helpen?\n\nGroet,\nAnna de Vries\nLindelaan 4, 3521 AB Utrecht\n06-12345678\n",
    ),
    # 2. Bram: the handler answers the same day with a plain reply; Bram says thanks.
    customer_writes(
        "bram",
        at(0, 9, 40),
        "Bel ontbreekt bij nieuwe fiets",
        "Hallo,\n\nZaterdag heb ik een Batavus Finez bij u opgehaald, maar de bel zat er niet op. "
        "Die hoort er toch bij?\n\nMet vriendelijke groet,\nBram Visser\n",
    ),
    staff_replies(
        "handler",
        "bram",
        at(0, 13, 5),
        "Beste Bram,\n\nExcuses, de bel is bij het afmonteren blijven liggen. Hij ligt voor u "
        "klaar aan de balie en we zetten hem er meteen op als u langskomt.\n\nGroet,\nJan\n",
    ),
    customer_replies("bram", at(1, 18, 30), "Top, ik kom zaterdag langs. Bedankt!\n\nBram\n"),
    # 3. Cor: a dated agreement, reminded on the day and marked done.
    customer_writes(
        "cor",
        at(0, 10, 30),
        "Achterwiel slingert",
        "Goedemorgen,\n\nHet achterwiel van mijn Gazelle Chamonix slingert sinds vorige week. "
        "De fiets is in november bij u gekocht.\n\nCor Bakker\n",
    ),
    staff_replies(
        "handler",
        "cor",
        at(1, 10, 0),
        "#afspraak 2027-01-19 Wij vervangen het achterwiel op dinsdag 19 januari; u kunt de "
        "fiets die dag na 16 uur ophalen.\n",
    ),
    staff_replies("handler", "cor", at(15, 14, 0), "#klaar\n"),
    # 4. Daan: resolved, then "it broke again", unanswered when the evaluation comes due.
    customer_writes(
        "daan",
        at(1, 11, 0),
        "Versnellingen verspringen",
        "Hallo,\n\nDe versnellingen van mijn fiets verspringen steeds vanzelf, vooral bergop. "
        "Kunt u daar naar kijken?\n\nDaan Smit\n",
    ),
    staff_replies(
        "handler",
        "daan",
        at(2, 9, 30),
        "#oplossen reparatie\nBeste Daan,\n\nWe hebben de achterderailleur opnieuw afgesteld en "
        "de schakelkabel vervangen. De fiets staat voor u klaar.\n\nGroet,\nJan\n",
    ),
    customer_replies(
        "daan",
        at(8, 19, 45),
        "Het is weer mis: de versnelling verspringt opnieuw, net als eerst. Ik heb de fiets "
        "nog geen week terug. Wat nu?\n\nDaan\n",
    ),
    customer_replies("daan", at(30, 20, 10), "Wanneer hoor ik iets van u?\n\nDaan Smit\n"),
    staff_replies(
        "handler",
        "daan",
        at(31, 10, 0),
        "#afspraak 2027-02-09 Beste Daan, excuses dat u zo lang heeft moeten wachten. Wij "
        "bellen u dinsdag 9 februari om een afspraak in de werkplaats te maken.\n",
    ),
    # 5. Eva: resolved, evaluated satisfied, closed; then a thank-you.
    customer_writes(
        "eva",
        at(1, 14, 20),
        "Zadelpen zakt steeds in",
        "Beste medewerker,\n\nDe zadelpen van mijn fiets zakt na een paar kilometer steeds "
        "weer naar beneden, hoe vast ik hem ook zet.\n\nVriendelijke groet,\nEva Mulder\n",
    ),
    staff_replies(
        "handler",
        "eva",
        at(2, 10, 15),
        "#oplossen vervanging\nBeste Eva,\n\nWe sturen u vandaag een nieuwe zadelpen met een "
        "betere klem; die heeft u binnen twee dagen in huis.\n\nMet vriendelijke groet,\nJan\n",
    ),
    customer_replies(
        "eva", at(23, 19, 30), "5, helemaal tevreden! De nieuwe zadelpen zit muurvast.\n\nEva\n"
    ),
    customer_replies("eva", at(27, 11, 0), "Dank u wel, fijn geholpen!\n\nEva\n"),
    # 6. Frank: angry; the handler keeps an internal note, answers a week later; evaluated unhappy.
    customer_writes(
        "frank",
        at(2, 22, 47),
        "ONACCEPTABEL!!! ketting loopt er weer af",
        "Dit is de DERDE keer in een maand dat de ketting van mijn fiets eraf loopt. Ik ben het "
        "spuugzat. Als ik niet binnen een week mijn geld terug heb, zet ik het op internet en "
        "stap ik naar de Geschillencommissie!!!\n\nF. Jansen\n",
    ),
    staff_replies(
        "handler", "frank", at(3, 8, 50), "#notitie Klant is erg boos. Ik bel hem vanmiddag.\n"
    ),
    customer_replies(
        "frank",
        at(7, 7, 15),
        "Ik heb NOG STEEDS niets gehoord. Wat is dit voor een bedrijf?\n\nF. Jansen\n",
    ),
    staff_replies(
        "handler",
        "frank",
        at(8, 10, 0),
        "#oplossen terugbetaling\nBeste meneer Jansen,\n\nU heeft gelijk: dit had veel sneller "
        "gemoeten, en daarvoor bied ik mijn excuses aan. U krijgt het volledige aankoopbedrag "
        "van de ketting terug (34,95 euro), en wij zetten gratis een nieuwe ketting en een "
        "nieuw kettingblad op uw fiets.\n\nMet vriendelijke groet,\nJan Bosman\n",
    ),
    customer_replies(
        "frank",
        at(30, 21, 15),
        "Niet tevreden. Het geld is terug, maar ik heb een week niets gehoord en moest twee "
        "keer boze mails sturen. 2 sterren.\n",
    ),
    # 7. Greet: a complaint about a salesman; a colleague is asked; a goodwill gesture.
    customer_writes(
        "greet",
        at(3, 16, 10),
        "Onvriendelijke verkoper",
        "Geachte heer, mevrouw,\n\nAfgelopen zaterdag werd ik in uw winkel door een verkoper "
        "uitgelachen toen ik vroeg naar een kinderzitje. Ik voelde me totaal niet welkom.\n\n"
        "Met vriendelijke groet,\nGreet Peters\n",
    ),
    staff_replies(
        "handler",
        "greet",
        at(4, 9, 0),
        "#vraag {colleague} Wie stond er zaterdag 2 januari op de vloer, en weet jij wat er "
        "gebeurd is met een klant die naar een kinderzitje vroeg?\n",
    ),
    colleague_replies(
        "greet",
        at(4, 15, 0),
        "Dat was Kees. Hij zegt dat hij om iets anders lachte, maar snapt dat het zo overkwam. "
        "Hij biedt graag zijn excuses aan.\n",
    ),
    staff_replies(
        "handler",
        "greet",
        at(7, 9, 30),
        "#oplossen attentie\n#oorzaak anders\nBeste mevrouw Peters,\n\nHartelijk dank dat u dit "
        "meldde. Ik heb met de collega gesproken: het was nooit de bedoeling u uit te lachen, "
        "en het spijt ons zeer dat het zo overkwam. Als u nog eens langskomt voor het "
        "kinderzitje, help ik u graag zelf, en het montageloon is dan voor onze rekening.\n\n"
        "Met vriendelijke groet,\nJan Bosman\n",
    ),
    # 8. Helen: writes in English; the handler answers in English; evaluated, closed.
    customer_writes(
        "helen",
        at(4, 11, 20),
        "Wrong frame size delivered",
        "Hello,\n\nI ordered a Gazelle Ultimate C8 in frame size 57 (order 2026-1187), but the "
        "bike delivered on Wednesday is a 53. I am 1.90 m tall and cannot ride it. Could you "
        "exchange it, please?\n\nKind regards,\nHelen Carter\n+44 7700 900123\n",
    ),
    staff_replies(
        "handler",
        "helen",
        at(7, 10, 45),
        "#oplossen vervanging\nDear Ms Carter,\n\nSorry for the mix-up. We will collect the 53 "
        "and deliver the 57 on Thursday 14 January between 9 and 12.\n\nBest regards,\nJan\n",
    ),
    customer_replies(
        "helen",
        at(29, 8, 5),
        "4 stars - the exchange went smoothly, but the first delivery was a hassle.\n\nHelen\n",
    ),
    # 9. Ilse: resolved, evaluated satisfied, closed; then a new complaint after closure.
    customer_writes(
        "ilse",
        at(0, 15, 30),
        "Fietstas scheurt",
        "Hallo,\n\nMijn nieuwe fietstas (Basil Sport, 39,95 euro) scheurt na drie weken al bij "
        "de naad.\n\nGroeten,\nIlse Hendriks\n",
    ),
    staff_replies(
        "handler",
        "ilse",
        at(1, 9, 15),
        "#oplossen vervanging\nBeste Ilse,\n\nU krijgt een nieuwe fietstas; hij ligt voor u "
        "klaar aan de balie.\n\nGroet,\nJan\n",
    ),
    customer_replies("ilse", at(22, 20, 0), "Tevreden hoor, 4 sterren.\n\nIlse\n"),
    customer_replies(
        "ilse",
        at(36, 10, 40),
        "Helaas, nu scheurt de nieuwe tas ook, op precies dezelfde naad. Ik wil graag mijn geld "
        "terug.\n\nIlse Hendriks\n",
    ),
    # 10. Karin: ignored until the date is renegotiated; then the deputy sets a new date, and
    #     nobody acts again.
    customer_writes(
        "karin",
        at(5, 10, 0),
        "Remmen piepen",
        "Beste mensen,\n\nDe schijfremmen van mijn e-bike piepen sinds de onderhoudsbeurt van "
        "vorige maand bij u ontzettend hard.\n\nMet vriendelijke groet,\nKarin Bos\n",
    ),
    staff_replies(
        "deputy",
        "karin",
        at(21, 9, 45),
        "#termijn 2027-02-05\nBeste mevrouw Bos,\n\nOnze excuses dat het zo lang duurt. De "
        "nieuwe remblokken zijn besteld; u hoort uiterlijk vrijdag 5 februari van ons wanneer "
        "u de fiets kunt brengen.\n\nMet vriendelijke groet,\nEls van Dam\n",
    ),
]

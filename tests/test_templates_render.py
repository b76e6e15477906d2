"""Every template of every language folder (templates/nl, en, de, ...), rendered for every kind and
path, reads as a letter in that language.

The template files are enumerated, so a template added later is rendered here too: through
the paths below when a MailMaker method uses it, otherwise with a context holding every
variable the templates use. Each rendering is checked for a greeting and a signature, for
leftovers of the template language, for internal keys and for words of the other language,
for a past date stated as a promise, and for sentence spacing. No letter mixes languages: the
project's language detector must read each one as its language, no frame word of another
language ("Dear", "Geachte", "Mit freundlichen Grüßen") may appear, and dates are written in the
letter's language. A German customer of a Dutch shop gets German letters and the owner Dutch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

import jinja2
import pytest

from inbox_agent.commands.command import CommandError
from inbox_agent.commands.parse import parse_instructions
from inbox_agent.commands.table import RESOLUTION_TYPES
from inbox_agent.config import Config, config_from_dict
from inbox_agent.dossier import record as dossiers
from inbox_agent.letters.compose import Composer, TemplateError, builtin_templates_dir
from inbox_agent.letters.mailmaker import MailMaker
from inbox_agent.mail.parsing import parse
from inbox_agent.models import Mail
from inbox_agent.reading.evaluation import read_answer
from inbox_agent.reading.language import detect_language
from inbox_agent.shipped import template_languages
from inbox_agent.vocabulary.terms import vocabulary
from inbox_agent.vocabulary.wording import DAYS, MONTHS, has_greeting

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)  # a Monday
TODAY = NOW.date()
SHOP = "Fietsenwinkel De Ketting"
# Every language with a templates folder: a language added later is rendered here too (its
# sample texts below are the one thing to add for it).
LANGUAGES = template_languages()
TYPES = sorted(set(RESOLUTION_TYPES.values()))

CUSTOMER_TEXT = {
    "nl": ("Spaak gebroken", "Na twee weken is er een spaak van mijn achterwiel gebroken."),
    "en": ("Broken spoke", "After two weeks a spoke of my rear wheel broke."),
    "de": ("Speiche gebrochen", "Nach zwei Wochen ist an meinem Hinterrad eine Speiche gebrochen."),
    "fr": ("Rayon cassé", "Après deux semaines, un rayon de ma roue arrière s'est cassé."),
}
OWNER_BODY = {
    "nl": "De nieuwe spaak is besteld. U kunt de fiets vrijdag na 14:00 uur ophalen.",
    "en": "The new spoke is on order. You can collect the bike on Friday after 2 pm.",
    "de": "Die neue Speiche ist bestellt. Sie können das Rad am Freitag ab 14 Uhr abholen.",
    "fr": "Le nouveau rayon est commandé. Vous pourrez reprendre le vélo vendredi après 14 h.",
}
OWNER_LETTER = {
    "nl": "Beste Piet,\n\nDe fiets is klaar.\n\nMet vriendelijke groet,\nJan",
    "en": "Dear Piet,\n\nThe bike is ready.\n\nKind regards,\nJan",
    "de": "Guten Tag Herr Jansen,\n\nIhr Rad ist fertig.\n\nMit freundlichen Grüßen\nJan",
    "fr": "Bonjour Piet,\n\nLe vélo est prêt.\n\nBien cordialement,\nJan",
}
# Evaluation answers the agent cannot read with confidence, each for a different reason.
UNCLEAR = {
    "nl": [
        "3",
        "tevreden, maar het duurde te lang en ik ben boos",
        "een 8",
        "tja",
        "4 of 2",
        "Note 2",
    ],
    "en": [
        "3",
        "satisfied, but it took too long and I am angry",
        "an 8",
        "hmm",
        "4 or 2",
        "Note 2",
    ],
    "de": [
        "3",
        "zufrieden, aber es hat zu lange gedauert und ich bin sauer",
        "Note 2",
        "hm",
        "4 oder 2",
    ],
    "fr": [
        "3",
        "satisfait, mais cela a pris trop de temps et je suis en colère",
        "un 8",
        "bof",
        "4 ou 2",
    ],
}
PROGRESS = {
    "nl": "Het nieuwe wiel is besteld.",
    "en": "The new wheel is on order.",
    "de": "Das neue Laufrad ist bestellt.",
    "fr": "La nouvelle roue est commandée.",
}
SHORT = {
    "nl": "nieuwe spaak, kosteloos gemonteerd",
    "en": "new spoke, fitted free of charge",
    "de": "neue Speiche, kostenlos montiert",
    "fr": "nouveau rayon, monté gratuitement",
}
REASON = {
    "nl": "De schade is ontstaan door een val; daarvoor geldt de garantie helaas niet.",
    "en": "The damage was caused by a fall, which the warranty does not cover.",
    "de": "Der Schaden ist durch einen Sturz entstanden; dafür gilt die Garantie leider nicht.",
    "fr": "Le dommage est dû à une chute, que la garantie ne couvre malheureusement pas.",
}
GREETINGS = {
    "nl": (re.compile(r"^Beste (.+),$"), "Geachte heer, mevrouw,", re.compile(r"^Hallo( \w+)?,$")),
    "en": (re.compile(r"^Dear (.+),$"), "Dear Sir or Madam,", re.compile(r"^Hello( \w+)?,$")),
    "de": (
        re.compile(r"^Guten Tag (.+),$"),
        "Sehr geehrte Damen und Herren,",
        re.compile(r"^Hallo( \w+)?,$"),
    ),
    "fr": (re.compile(r"^Bonjour (.+),$"), "Madame, Monsieur,", re.compile(r"^Bonjour( \w+)?,$")),
}
OWNER_SIGNATURE = {
    "nl": f"De klachtenpostbus van {SHOP}",
    "en": f"The complaints mailbox of {SHOP}",
    "de": f"Das Beschwerdepostfach von {SHOP}",
    "fr": f"La boîte e-mail des réclamations de {SHOP}",
}
REFERENCE_LINE = {
    "nl": "Dossiernummer: K-2026-0007",
    "en": "Reference: K-2026-0007",
    "de": "Vorgangsnummer: K-2026-0007",
    "fr": "Référence du dossier\u00a0: K-2026-0007",
}
# The frame words of each language: none may appear in a mail in another language.
FRAME_WORDS = {
    "nl": ["Geachte", "Met vriendelijke groet", "Dossiernummer"],
    "en": ["Dear", "Kind regards", "Reference", "Hello", "Sir or Madam"],
    "de": ["Sehr geehrte", "Mit freundlichen Grüßen", "Vorgangsnummer", "Guten Tag", "Viele Grüße"],
    "fr": ["Madame, Monsieur", "Cordialement", "Bonjour", "Veuillez agréer"],
}
# Words that belong to the other language, or are command keys of the other language.
FOREIGN = {
    "nl": [
        "Dear",
        "Kind regards",
        "Reference",
        "Customer",
        "repair",
        "replace",
        "refund",
        "goodwill",
        "resolved",
        "rejected",
        "in progress",
        "acknowledged",
        "evaluating",
        "#resolve",
        "#reject",
        "#deadline",
        "#agree",
        "#note",
        "#new",
        "#cause",
        "#field",
        "#ask",
        "#internal",
        "YYYY",
        "Subject",
    ],
    "en": [
        "Beste",
        "Geachte",
        "groet",
        "Dossiernummer",
        "uiterlijk",
        "klant",
        "reparatie",
        "vervanging",
        "terugbetaling",
        "in behandeling",
        "#oplossen",
        "#afwijzen",
        "#termijn",
        "#afspraak",
        "#notitie",
        "#nieuw",
        "JJJJ",
    ],
    "de": [
        "Subject",
        "repair",
        "resolved",
        "in progress",
        "klant",
        "uiterlijk",
        "reparatie",
        "in behandeling",
        "#resolve",
        "#reject",
        "#deadline",
        "#agree",
        "#note",
        "#oplossen",
        "#afwijzen",
        "#termijn",
        "#afspraak",
        "#notitie",
        "YYYY",
        "JJJJ-MM-DD",
    ],
    "fr": [
        "Subject",
        "repair",
        "resolved",
        "in progress",
        "klant",
        "uiterlijk",
        "reparatie",
        "in behandeling",
        "#resolve",
        "#reject",
        "#deadline",
        "#agree",
        "#oplossen",
        "#afwijzen",
        "#termijn",
        "#afspraak",
        "#notitie",
        "#lösen",
        "#ablehnen",
        "YYYY",
        "JJJJ",
    ],
}
# Words a customer must not read in a letter in that language: a German reads "Note" as a
# school grade (1 is best), so the evaluation asks for a number or stars.
NOT_TO_CUSTOMERS = {"de": ["Note"]}
# A date before today may be stated on a line that says it lies in the past, never promised.
PAST_WORDS = (
    "Eingegangen",
    "seit",
    "(verstrichen)",
    "Ihnen zugesagt",
    "war eine Antwort",
    "Ontvangen",
    "sinds",
    "(verstreken)",
    "hebben u beloofd",
    "was antwoord beloofd",
    "Received",
    "arrived",
    "(passed)",
    "we promised",
    "was promised",
    "Reçue",
    "arrivée",
    "depuis",
    "(date passée)",
    "avions promis",
    "avait été",
)


def _long_date_pattern(lang: str) -> re.Pattern[str]:
    """A long date as the language writes it (its LONG_DATE), with named parts."""
    parts = {
        "{weekday}": f"(?P<weekday>{'|'.join(DAYS[lang].split())})",
        "{day}": r"(?P<day>\d{1,2})",
        "{month}": f"(?P<month>{'|'.join(MONTHS[lang].split())})",
        "{year}": r"(?P<year>\d{4})",
    }
    pieces = re.split(r"(\{\w+\})", vocabulary(lang).LONG_DATE)
    return re.compile(r"\b" + "".join(parts.get(p) or re.escape(p) for p in pieces))


_LONG_DATE = {lang: _long_date_pattern(lang) for lang in sorted(set(LANGUAGES) | set(DAYS))}
_EMAILS = re.compile(r"\S+@\S+|www\.\S+|https?://\S+")


@dataclass(frozen=True)
class Case:
    language: str
    label: str
    audience: str  # "customer" or "shop"
    subject: str
    text: str
    name_known: bool
    greeted: bool = False  # the owner's own text opens with its greeting
    error: str = ""


def config(language: str, signed: bool) -> Config:
    shop: dict[str, Any] = {
        "name": SHOP,
        "email": "klachten@ketting.nl",
        "language": language,
        "disputes_body": "De Geschillencommissie, www.degeschillencommissie.nl",
    }
    owner: dict[str, Any] = {"handler": "jan@ketting.nl", "deputy": "els@ketting.nl"}
    if signed:
        shop["signature"] = f"{SHOP}\nKettingstraat 1, 3511 AB Utrecht\n030 123 45 67\n"
        shop["loan_product"] = LOAN[language]
        owner["handler_name"] = "Jan de Vries"
    return config_from_dict(
        {
            "shop": shop,
            "owner": owner,
            "imap": {"host": "127.0.0.1", "security": "none", "username": "k", "password": "p"},
            "smtp": {"host": "127.0.0.1", "security": "none"},
            "storage": {"path": "/nonexistent"},
        }
    )


def customer_mail(language: str, name: str) -> Mail:
    subject, body = CUSTOMER_TEXT[language]
    message = EmailMessage()
    message["From"] = f"{name} <piet@klant.nl>" if name else "piet@klant.nl"
    message["To"] = "klachten@ketting.nl"
    message["Subject"] = subject
    message["Date"] = format_datetime(NOW - timedelta(days=3))
    message["Message-ID"] = "<complaint-1@klant.nl>"
    message.set_content(body)
    return parse(message.as_bytes())


def a_dossier(language: str, name: str) -> dict[str, Any]:
    mail = customer_mail(language, name)
    dossier = dossiers.open_dossier(
        "K-2026-0007", mail, "archive/1.eml", NOW - timedelta(days=3), default_language=language
    )
    dossier["language"] = language
    dossier["status"] = "in_progress"
    dossier["deadline"] = (TODAY + timedelta(days=8)).isoformat()
    dossier["acknowledged_at"] = dossiers.iso(NOW - timedelta(days=3))
    return dossier


def agreement(text: str) -> dict[str, Any]:
    when = (TODAY + timedelta(days=4)).isoformat()
    return {"date": when, "text": text, "at": dossiers.iso(NOW), "by": "jan@ketting.nl"}


LOAN = {
    "nl": "een leenfiets",
    "en": "a loan bike",
    "de": "ein Leihrad",
    "fr": "un vélo de remplacement",
}
# What the customer answered to the evaluation, as the closure letter restates it.
VERDICT = {
    "nl": "4, snel geholpen en de fiets rijdt weer",
    "en": "4, quickly helped, rides well",
    "de": "4, schnell geholfen, das Rad fährt wieder",
    "fr": "4, aide rapide, le vélo roule de nouveau",
}
WAITED = {
    "nl": "het nieuwe wiel van de leverancier",
    "en": "the new wheel from the supplier",
    "de": "das neue Laufrad vom Lieferanten",
    "fr": "la nouvelle roue du fournisseur",
}


def promise(due: str) -> dict[str, Any]:
    """A promise record as the dossier keeps it: the acknowledgement's answer date."""
    return {
        "id": 1,
        "by": "agent",
        "what": "an answer to the complaint",
        "due": due,
        "outcome": "open",
        "renegotiated_to": None,
        "renegotiated_by": None,
        "kind": "answer",
        "origin": "acknowledgement",
        "made_at": dossiers.iso(NOW - timedelta(days=3)),
        "broken_at": dossiers.iso(NOW - timedelta(days=1)),
    }


def customer_paths(lang: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(label, MailMaker method, keyword arguments) for every letter to a customer."""
    later = (TODAY + timedelta(days=12)).isoformat()
    yield "acknowledgement", "acknowledgement", {"mail": None}
    yield "reply with text", "reply", {"body": OWNER_BODY[lang]}
    yield "reply with own greeting and sign-off", "reply", {"body": OWNER_LETTER[lang]}
    for kind in TYPES:
        resolution = {"type": kind, "at": dossiers.iso(NOW), "text": ""}
        worded = {**resolution, "text": SHORT[lang]}
        yield f"bare #resolve {kind}", "reply", {"body": "", "resolution": resolution}
        yield f"#resolve {kind} with text", "reply", {"body": "", "resolution": worded}
        yield (
            f"#resolve {kind} and a letter",
            "reply",
            {"body": OWNER_BODY[lang], "resolution": worded},
        )
    yield "bare #agree", "reply", {"body": "", "agreements": [agreement("")]}
    yield (
        "#resolve and a whole letter",
        "reply",
        {"body": OWNER_LETTER[lang], "resolution": {"type": "repair", "at": "", "text": ""}},
    )
    yield "#agree with text", "reply", {"body": "", "agreements": [agreement(SHORT[lang])]}
    yield "bare #deadline", "reply", {"body": "", "new_deadline": later}
    yield "#deadline and a letter", "reply", {"body": OWNER_BODY[lang], "new_deadline": later}
    yield (
        "#agree, #deadline and a letter",
        "reply",
        {"body": OWNER_BODY[lang], "agreements": [agreement(SHORT[lang])], "new_deadline": later},
    )
    yield "#reject with a reason", "rejection", {"explanation": REASON[lang]}
    yield "#reject with a whole letter", "rejection", {"explanation": OWNER_LETTER[lang]}
    for reason in ("satisfied", "no_answer", "owner", "rejected"):
        yield f"closure ({reason})", "closure", {"reason": reason}
    news = [{"kind": kind} for kind in ("question", "answer", "cause", "followup", "reopened")] + [
        {"kind": "fields", "fields": ["phone", "serial_number"]},
        {"kind": "agreement", "text": SHORT[lang], "date": (TODAY + timedelta(days=4)).isoformat()},
        {"kind": "agreement", "text": "", "date": (TODAY + timedelta(days=4)).isoformat()},
        {"kind": "progress", "text": PROGRESS[lang]},
    ]
    agreed = {"kind": "agreement", "text": "", "date": (TODAY + timedelta(days=4)).isoformat()}
    for step in ({"kind": "answer"}, {"kind": "colleague"}, agreed):
        yield (
            f"progress, nothing new, next: {step['kind']}",
            "progress",
            {"news": [], "next_step": step},
        )
        yield (
            f"progress with news, next: {step['kind']}",
            "progress",
            {"news": news, "next_step": step},
        )
    old = promise((TODAY - timedelta(days=1)).isoformat())
    yield "missed date", "missed_date", {"promise": old, "news": news, "next_step": agreed}
    yield (
        "missed date, nothing new",
        "missed_date",
        {"promise": old, "news": [], "next_step": {"kind": "answer"}},
    )
    yield (
        "missed date at the end of a wait",
        "missed_date",
        {"promise": {**old, "origin": "wait"}, "news": [], "next_step": {"kind": "answer"}},
    )
    promised = (TODAY + timedelta(days=3)).isoformat()
    for step in ({"kind": "answer"}, agreed):
        yield (
            f"progress restating a date, next: {step['kind']}",
            "progress",
            {"news": news, "next_step": step, "promised": promised},
        )
    for kind in TYPES:
        resolution = {"type": kind, "at": dossiers.iso(NOW), "text": ""}
        yield (
            f"bare #resolve {kind}, the contact dated",
            "reply",
            {"body": "", "resolution": resolution, "contact_by": promised},
        )
        yield (
            f"bare #resolve {kind} with #agree",
            "reply",
            {"body": "", "resolution": resolution, "agreements": [agreement(SHORT[lang])]},
        )
    kept = [{**promise(promised), "kind": "agreement", "text": SHORT[lang]}]
    yield "#done", "reply", {"body": "", "done": kept}
    yield "#done of a bare agreement", "reply", {"body": "", "done": [{**kept[0], "text": ""}]}
    yield "#done and a letter", "reply", {"body": OWNER_BODY[lang], "done": kept}
    waiting = {"what": WAITED[lang], "until": promised, "by": "jan@ketting.nl", "at": ""}
    yield "#wait", "reply", {"body": "", "waiting": waiting}
    yield "#wait and a letter", "reply", {"body": OWNER_BODY[lang], "waiting": waiting}
    yield "evaluation", "evaluation", {}
    yield "disputes", "disputes", {}
    yield "stop", "stop", {}
    for later in ("failure", "question", "unclear"):
        for was in ("resolved", "evaluating", "closed"):
            yield f"reopening ({later}, {was})", "reopening", {"later": later, "was": was}


def shop_paths(lang: str, mail: Mail) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(label, MailMaker method, keyword arguments) for every mail to the shop's people."""
    for event in ("new", "followup", "reopened", "unhappy", "internal"):
        yield (
            f"notification ({event})",
            "notification",
            {"mail": mail, "event": event, "supplied": ["phone"]},
        )
    for later, was in (("failure", "resolved"), ("question", "evaluating"), ("", "closed")):
        yield (
            f"notification (reopened: {later or 'a mail'} while {was})",
            "notification",
            {"mail": mail, "event": "reopened", "supplied": [], "later": later, "was": was},
        )
    for was, thankful in (("resolved", False), ("closed", True)):
        yield (
            f"notification (unclear mail while {was})",
            "notification",
            {
                "mail": mail,
                "event": "later_unclear",
                "supplied": [],
                "later": "unclear",
                "was": was,
                "thankful": thankful,
            },
        )
    yield (
        "notification without acknowledgement",
        "notification",
        {"mail": mail, "event": "new", "supplied": [], "withheld": "over the limit"},
    )
    yield "escalation", "escalation", {}
    yield "warning", "warning", {"extended": (TODAY + timedelta(days=14)).isoformat()}
    yield "warning, the agent will not write again", "warning", {"extended": None}
    past = promise((TODAY - timedelta(days=1)).isoformat())
    yield "date moved", "date_moved", {"promise": past}
    yield "date moved at the end of a wait", "date_moved", {"promise": {**past, "origin": "wait"}}
    yield "reminder", "reminder", {"agreement": agreement(SHORT[lang])}
    yield "reminder of a bare #agree", "reminder", {"agreement": agreement("")}
    contact = {**promise(TODAY.isoformat()), "kind": "agreement", "text": "", "contact": "repair"}
    yield "reminder of a resolution letter's contact", "reminder", {"agreement": contact}
    for reason in ("broken", "noted", "deputy"):
        yield f"promise broken ({reason})", "promise_broken", {"promise": past, "reason": reason}
    agreed = {**past, "kind": "agreement", "origin": "agreement", "text": SHORT[lang]}
    for reason in ("broken", "not_done", "deputy"):
        yield (
            f"agreement broken ({reason})",
            "promise_broken",
            {"promise": agreed, "reason": reason},
        )
    yield (
        "question",
        "question",
        {"colleague": "kees@ketting.nl", "question": "Welke spaak?", "asker": "jan@ketting.nl"},
    )
    try:
        parse_instructions("#afwijzen")
    except CommandError as exc:
        how_to = exc.in_language(lang)
    yield "#reject without a reason", "command_help", {"mail": mail, "error": how_to}
    yield "owner help", "owner_help", {"mail": mail, "reason": "no token"}
    yield "nothing left to relay", "nothing_relayed", {"mail": mail}
    yield "command on an erased dossier", "erased_dossier", {"mail": mail, "erased_at": NOW}
    failed = {
        "from": "piet@klant.nl",
        "subject": "Spaak",
        "archive": "raw/1.eml",
        "error": "KeyError",
    }
    yield "internal error", "internal_error", {"failed": [failed]}
    yield (
        "login failure",
        "login_failure",
        {"server": "IMAP", "error": "AUTHENTICATE failed", "since": dossiers.iso(NOW)},
    )
    for words in UNCLEAR[lang]:
        yield f"unclear evaluation: {words}", "evaluation_unclear", {"answer": read_answer(words)}


def render_all(lang: str, signed: bool, customer: str | None = None) -> tuple[list[Case], set[str]]:
    """Every path in one language; also which template files were loaded on the way.

    `lang` is the shop's language; `customer` the customer's (the shop's when None).
    """
    reader = customer or lang
    cfg = config(lang, signed)
    composer = Composer(cfg)
    loaded: set[str] = set()
    for env in composer.envs.values():
        env.loader = _Recording(env.loader, loaded)  # type: ignore[arg-type]
    maker = MailMaker(cfg, composer, b"k" * 32)
    cases: list[Case] = []
    for name in ("Piet Jansen", ""):
        dossier = a_dossier(reader, name)
        mail = customer_mail(reader, name)
        paths = [(p, "customer") for p in customer_paths(reader)]
        paths += [(p, "shop") for p in shop_paths(lang, mail)]
        for (label, method, kwargs), audience in paths:
            call: Callable[..., Any] = getattr(maker, method)
            alone = method in ("owner_help", "internal_error", "login_failure")
            out = call(**kwargs) if alone else call(dossier, **kwargs)
            own = kwargs.get("body") or kwargs.get("explanation") or ""
            cases.append(
                Case(
                    reader if audience == "customer" else lang,
                    label,
                    audience,
                    out.subject,
                    out.text,
                    bool(name),
                    has_greeting(own),
                )
            )
        # The acknowledgement's first line answers the customer's feelings.
        for feelings in (["angry"], ["disappointed"], ["urgent"], ["angry", "urgent"]):
            ack = maker.acknowledgement({**dossier, "feelings": feelings}, None)
            label = f"acknowledgement ({', '.join(feelings)})"
            cases.append(Case(reader, label, "customer", ack.subject, ack.text, bool(name), False))
        # The closure after a resolution, an agreement kept and an evaluation: all restated.
        resolved = {
            **dossier,
            "resolution": {"type": "repair", "at": dossiers.iso(NOW), "text": SHORT[reader]},
            "agreements": [{**agreement(SHORT[reader]), "done": True}],
            "first_answer_at": dossiers.iso(NOW),
        }
        answered = {"sent_at": dossiers.iso(NOW), "answered_at": dossiers.iso(NOW)}
        for label, evaluation in (
            ("words", {**answered, "score": 4, "satisfied": True, "comment": VERDICT[reader]}),
            ("score", {**answered, "score": 4, "satisfied": True, "comment": ""}),
            ("settled", {**answered, "score": None, "satisfied": True, "comment": ""}),
            ("unanswered", {"sent_at": dossiers.iso(NOW)}),
        ):
            for reason in ("satisfied", "owner", "no_answer"):
                closed = maker.closure({**resolved, "evaluation": evaluation}, reason)
                label_ = f"closure ({reason}) restating a verdict ({label})"
                cases.append(
                    Case(reader, label_, "customer", closed.subject, closed.text, bool(name), False)
                )
        rejected = {
            **resolved,
            "resolution": {"type": "rejected", "at": "", "text": REASON[reader]},
        }
        for method, args in (("closure", ("rejected",)), ("stop", ()), ("evaluation", ())):
            out = getattr(maker, method)(rejected, *args)
            label = f"{method} after a rejection"
            cases.append(Case(reader, label, "customer", out.subject, out.text, bool(name), False))
        # After an unhappy evaluation the dossier is reopened, and the letter names its date.
        reopened = maker.disputes({**dossier, "status": "reopened"})
        cases.append(
            Case(
                reader,
                "disputes (reopened)",
                "customer",
                reopened.subject,
                reopened.text,
                bool(name),
                False,
            )
        )
        overdue = {**dossier, "deadline": (TODAY - timedelta(days=2)).isoformat()}
        broken = {**promise((TODAY - timedelta(days=2)).isoformat()), "outcome": "broken"}
        waiting = {"what": WAITED[lang], "until": TODAY.isoformat(), "by": "", "at": ""}
        broken = {**promise((TODAY - timedelta(days=2)).isoformat()), "outcome": "broken"}
        moved = {
            **broken,
            "outcome": "renegotiated",
            "renegotiated_to": (TODAY + timedelta(days=5)).isoformat(),
            "renegotiated_by": "agent",
        }
        agreed = {**promise(TODAY.isoformat()), "kind": "agreement", "text": SHORT[lang]}

        def line(d: dict, p: dict | None = None, still: bool = True) -> dict:
            return {"dossier": d, "promise": p, "still": still}

        waiting_dossier = {**dossier, "waiting": waiting}
        evaluating = {**dossier, "status": "evaluating"}
        agenda = maker.agenda(
            {
                "broken": [line(dossier, broken), line(dossier, moved, False)],
                "overdue": [line(overdue, promise(overdue["deadline"]))],
                "due_today": [line(dossier, agreed)],
                "unclear": [line(evaluating)],
                "to_answer": [line(dossier, promise(dossier["deadline"]))],
                "open": [line({**dossier, "status": "in_progress"})],
                "waiting": [line(waiting_dossier), line(evaluating)],
            },
            TODAY.isoformat(),
        )
        cases.append(Case(lang, "agenda", "shop", agenda.subject, agenda.text, bool(name)))
        deputy = maker.deputy_agenda([line(dossier), line(dossier, broken)], TODAY.isoformat())
        cases.append(Case(lang, "deputy agenda", "shop", deputy.subject, deputy.text, bool(name)))
        subject, text = composer.render(
            "delivery_failure",
            reference="K-2026-0007",
            failed_to="piet@klant.nl",
            failed_subject="Re: Spaak gebroken [K-2026-0007]",
            error="550 5.1.1 mailbox unavailable",
        )
        cases.append(Case(lang, "delivery failure", "shop", subject, text, bool(name)))
        refused = maker.login_failure("IMAP", REASON[lang], dossiers.iso(NOW))
        cases.append(Case(lang, "login failure", "shop", refused.subject, refused.text, bool(name)))
    new = [
        n
        for n in template_files(lang)
        if n not in loaded and not n.startswith("_") and "/" not in n
    ]
    for name in ("Piet Jansen", ""):
        dossier, mail = a_dossier(lang, name), customer_mail(lang, name)
        cases += [c for c in _unexercised(composer, lang, dossier, mail, new)]
    return cases, loaded


def _unexercised(
    composer: Composer, lang: str, dossier: dict[str, Any], mail: Mail, names: list[str]
) -> Iterator[Case]:
    """A template no path above uses (a new one) is rendered with every variable there is."""
    for name in names:
        context: dict[str, Any] = {
            "dossier": dossier,
            "subject": f"Re: {dossier['subject']} [K-2026-0007]",
            "event": "new",
            "text": mail.text,
            "supplied": [],
            "acknowledgement_withheld": "",
            "standing": "",
            "reason": "owner",
            "explanation": REASON[lang],
            "body": OWNER_BODY[lang],
            "resolution": None,
            "agreements": [],
            "new_deadline": None,
            "agreement": agreement(SHORT[lang]),
            "registered": [],
            "missing": [],
            "problem": mail.text,
            # Variables of templates other changes bring (promises, evaluation answers, owner
            # replies with nothing left): realistic values, so those render here too.
            "reference": "K-2026-0007",
            "subject_in": f"Re: {dossier['subject']}",
            "error": REASON[lang],
            "quoted": OWNER_BODY[lang],
            "news": [],
            "next_step": {"kind": "", "text": "", "date": ""},
            "last_heard": dossiers.iso(NOW - timedelta(days=3)),
            "old_deadline": (TODAY - timedelta(days=1)).isoformat(),
            "extended": (TODAY + timedelta(days=10)).isoformat(),
            "links": {
                n: f"mailto:klachten@ketting.nl?subject=K-2026-0007%20{n}" for n in range(1, 6)
            },
            "answer": {"why": "", "evidence": [], "score": None},
        }
        try:
            subject, text = composer.render(name.removesuffix(".txt.j2"), language=lang, **context)
        except TemplateError as exc:
            yield Case(lang, name, "?", "", "", bool(dossier["customer"]["name"]), error=str(exc))
            continue
        named, fallback, _ = GREETINGS[lang]
        first = text.splitlines()[0]
        audience = "customer" if named.match(first) or first == fallback else "shop"
        yield Case(lang, name, audience, subject, text, bool(dossier["customer"]["name"]))


class _Recording(jinja2.BaseLoader):
    def __init__(self, inner: jinja2.BaseLoader, seen: set[str]) -> None:
        self.inner = inner
        self.seen = seen

    def get_source(self, environment: jinja2.Environment, template: str):  # type: ignore[no-untyped-def]
        self.seen.add(template)
        return self.inner.get_source(environment, template)


def template_files(lang: str) -> list[str]:
    folder = builtin_templates_dir() / lang
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.txt.j2"))


def problems(case: Case) -> list[str]:
    """Everything about one rendered mail that a careful shop owner would not have written."""
    if case.error:
        return [case.error]
    found: list[str] = []
    lang, text = case.language, case.text
    lines = text.splitlines()
    whole = f"{case.subject}\n{text}"
    # A greeting, and the signature that belongs with it.
    named, fallback, shop_greeting = GREETINGS[lang]
    first = lines[0] if lines else ""
    if case.audience == "customer":
        match = named.match(first)
        if case.greeted:
            pass
        elif case.name_known and not (match and match.group(1) == "Piet Jansen"):
            found.append(f"no greeting by name: {first!r}")
        elif not case.name_known and first != fallback:
            found.append(f"no polite greeting: {first!r}")
        if not lines or lines[-1] != REFERENCE_LINE[lang]:
            found.append("the letter does not end with its reference")
        if SHOP not in text.split("\n\n")[-2]:
            found.append("no shop signature above the reference")
        if re.search(r"(?<!\w)#[a-z]", text):
            found.append("an owner's command in a customer letter")
        for word in NOT_TO_CUSTOMERS.get(lang, []):
            if re.search(rf"\b{word}\b", text):
                found.append(f"{word!r} in a letter to a customer")
    else:
        if not shop_greeting.match(first):
            found.append(f"no greeting for the shop's people: {first!r}")
        if not text.rstrip().endswith(OWNER_SIGNATURE[lang]):
            found.append("no signature of the complaint mailbox")
    # Leftovers of the template language and of Python.
    for leftover in ("{{", "}}", "{%", "%}", "{#", "#}", "[]", "Undefined"):
        if leftover in whole:
            found.append(f"unrendered {leftover!r}")
    if re.search(r"\bNone\b", whole):
        found.append("unrendered 'None'")
    # Internal keys and the other language.
    plain = _EMAILS.sub("", whole)
    for token in re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", plain):
        found.append(f"raw key {token!r}")
    frame = [w for other, words in FRAME_WORDS.items() if other != lang for w in words]
    for word in FOREIGN.get(lang, []) + [w for w in frame if w not in FRAME_WORDS.get(lang, [])]:
        if re.search(rf"(?<![\w#]){re.escape(word)}(?!\w)", plain):
            found.append(f"{word!r} in a {lang} mail")
    # The project's own detector must read the mail as its language (greeting and sign-off
    # are left out by it, so the letter's own sentences decide).
    detected = detect_language(text, default="?", subject=case.subject)
    if detected != lang:
        found.append(f"read as {detected!r}, not {lang!r}")
    if re.search(r"\b\d{4}-\d{2}-\d{2}T\d{2}:", whole):
        found.append("a raw ISO time")
    # Dates: a past one only on a line that says it is past, never as a promise.
    for line in lines:
        for match in _LONG_DATE[lang].finditer(line):
            month = MONTHS[lang].split().index(match["month"]) + 1
            day = date(int(match["year"]), month, int(match["day"]))
            if day < TODAY and not any(w.lower() in line.lower() for w in PAST_WORDS):
                found.append(f"a past date stated as a promise: {line.strip()!r}")
            if DAYS[lang].split()[day.weekday()] != match["weekday"]:
                found.append(f"wrong weekday: {match[0]!r}")
        for other, pattern in _LONG_DATE.items():
            if other != lang and pattern.search(line) and not _LONG_DATE[lang].search(line):
                found.append(f"a date in {other!r} in a {lang} mail: {line.strip()!r}")
    # Sentence spacing and tidy paragraphs.
    for match in re.finditer(r"[a-zà-ÿ][.!?;][A-ZÀ-Ý]|[a-zà-ÿ],[A-Za-zÀ-ÿ]", plain):
        found.append(f"no space after punctuation: {match[0]!r}")
    for line in lines:
        table = line.startswith("#") or line.startswith(" " * 10)  # the command list's columns
        if not table and re.search(r"(?<=[^\s:]) {2,}(?=\S)", line.strip()):
            found.append(f"double space: {line.strip()!r}")
        if re.search(r"\S [.,;!?](\s|$)", line):
            found.append(f"space before punctuation: {line.strip()!r}")
        if line != line.rstrip():
            found.append(f"trailing space: {line!r}")
    if "\n\n\n" in text:
        found.append("more than one blank line in a row")
    if not case.subject.strip():
        found.append("empty subject")
    return found


CASES = [
    case for lang in LANGUAGES for signed in (False, True) for case in render_all(lang, signed)[0]
]


@pytest.mark.parametrize(
    "case",
    CASES,
    ids=[f"{c.language}-{c.label}-{'named' if c.name_known else 'unnamed'}" for c in CASES],
)
def test_every_rendered_mail_reads_as_a_careful_letter(case: Case) -> None:
    assert [] == problems(case), f"{case.subject}\n\n{case.text}"


# A Dutch shop's customers who write in another language: their letters in their language, the
# owner's mail about them in Dutch.
MIXED = [
    case
    for customer in template_languages()
    if customer != "nl"
    for signed in (False, True)
    for case in render_all("nl", signed, customer=customer)[0]
]


@pytest.mark.parametrize(
    "case",
    MIXED,
    ids=[f"nl-shop-{c.language}-{c.label}-{'named' if c.name_known else 'unnamed'}" for c in MIXED],
)
def test_a_foreign_customer_of_a_dutch_shop_reads_their_language_and_the_owner_dutch(
    case: Case,
) -> None:
    assert case.language == ("nl" if case.audience == "shop" else case.language)
    assert [] == problems(case), f"{case.subject}\n\n{case.text}"


def test_a_german_customer_of_a_dutch_shop_gets_every_kind_of_letter_in_german() -> None:
    german = [c for c in MIXED if c.language == "de"]
    labels = {c.label.split(" ")[0] for c in german if c.audience == "customer"}
    assert {"acknowledgement", "reply", "closure", "evaluation", "disputes", "stop"} <= labels
    assert all(c.audience == "customer" for c in german)
    owner = [c for c in MIXED if c.audience == "shop" and "Speiche" in c.text]
    assert owner, "the owner's notification quotes the German customer as written"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_template_file_is_rendered(lang: str) -> None:
    """Partials and per-type letters too: a template no path reaches is a template nobody checks."""
    _, loaded = render_all(lang, signed=True)
    assert [] == [name for name in template_files(lang) if name not in loaded]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_resolution_type_has_its_own_letter(lang: str) -> None:
    folder = builtin_templates_dir() / lang / "resolutions"
    assert sorted(f"{t}.txt.j2" for t in TYPES) == sorted(p.name for p in folder.iterdir())


def test_the_checks_catch_what_they_look_for() -> None:
    """Each rule fires on a mail that breaks it, so a passing run means something."""
    good = next(c for c in CASES if c.language == "en" and c.label == "#reject with a reason")
    assert [] == problems(good)
    broken = (
        good.text.replace("again. If", "again.If")
        .replace("look at it", "look  at it")
        .replace("Dear Piet Jansen,", "Dear None,")
    )
    found = problems(
        Case(
            "en",
            "broken",
            "customer",
            "in_progress {{ x }}",
            broken + "\nTuesday 3 November 2026\n",
            True,
        )
    )
    for expected in (
        "no space after",
        "double space",
        "unrendered 'None'",
        "raw key 'in_progress'",
        "'{{'",
        "past date",
        "greeting by name",
        "reference",
    ):
        assert any(expected in problem for problem in found), expected


def test_the_language_checks_catch_a_letter_that_mixes_languages() -> None:
    """A German letter with an English paragraph, sign-off and date is caught three ways."""
    good = next(c for c in CASES if c.language == "de" and c.label == "#reject with a reason")
    assert [] == problems(good)
    english = (
        "We have looked at your complaint and we are sorry to say that the warranty does not "
        "cover it. You can take it to the disputes body if you do not agree with us.\n\n"
        "We will call you on Tuesday 1 December 2026.\n\nKind regards,\n\n"
    )
    mixed = good.text.replace("Guten Tag Piet Jansen,\n\n", "Guten Tag Piet Jansen,\n\n" + english)
    found = problems(Case("de", "mixed", "customer", good.subject, mixed, True))
    for expected in ("'Kind regards' in a de mail", "read as 'en'", "a date in 'en'"):
        assert any(expected in problem for problem in found), (expected, found)
    note = good.text.replace("Vielen Dank,", "Ihre Note 2 und Vielen Dank,")
    assert any("'Note'" in p for p in problems(Case("de", "n", "customer", "x", note, True)))


def test_a_shop_signature_block_and_handler_name_sign_every_customer_letter() -> None:
    letter = next(
        c
        for c in render_all("nl", signed=True)[0]
        if c.label == "bare #resolve repair" and c.name_known
    )
    assert letter.text.endswith(
        "Met vriendelijke groet,\n\nJan de Vries\nFietsenwinkel De Ketting\n"
        "Kettingstraat 1, 3511 AB Utrecht\n030 123 45 67\n\nDossiernummer: K-2026-0007\n"
    )
    default = next(
        c
        for c in render_all("en", signed=False)[0]
        if c.label == "bare #resolve repair" and c.name_known
    )
    assert default.text.endswith(
        "Kind regards,\n\nFietsenwinkel De Ketting\nklachten@ketting.nl\n\nReference: K-2026-0007\n"
    )


# -- every owner mail fits a phone -----------------------------------------------------------

# What an owner mail's first line after the greeting may start with: it says what to do.
_TO_DO = {
    "nl": re.compile(
        r"^(Beantwoord|Antwoord|Bel|Geef|Neem|Lees|Kijk|Controleer|Tik|Stuur|Vandaag te doen"
        r"|Niets te doen|Zet|Meld|Laat|Wilt u|Kunt u|Zeg)\b"
    ),
    "en": re.compile(
        r"^(Answer|Reply|Call|Give|Take|Read|Look|Check|Tap|Send|To do today|Nothing to do|Put|Contact"
        r"|Set|Tell|Let|Please|Could you|Would you|Say)\b"
    ),
    "de": re.compile(
        r"^(Antworten|Rufen|Nennen|Nehmen|Lesen|Prüfen|Tippen|Schicken|Schreiben|Lassen|Sagen"
        r"|Bitte|Heute zu tun|Nichts zu tun|Können Sie|Würden Sie)\b"
    ),
    "fr": re.compile(
        r"^(Répondez|Appelez|Donnez|Reprenez|Lisez|Vérifiez|Touchez|Envoyez|Placez|Contactez"
        r"|Faites|Merci de|Dites|Rien à faire|À faire aujourd'hui)\b"
    ),
}
PHONE_WIDTH = 78
OWNER_CASES = [c for c in CASES if c.audience == "shop"]


@pytest.mark.parametrize(
    "case",
    OWNER_CASES,
    ids=[f"{c.language}-{c.label}-{'named' if c.name_known else 'unnamed'}" for c in OWNER_CASES],
)
def test_every_owner_mail_fits_a_phone(case: Case) -> None:
    """The first line after the greeting says what to do; no line is wider than 78 characters
    apart from links (a phone wraps them, and a link cannot be cut)."""
    lines = [line for line in case.text.splitlines() if line.strip()]
    first = lines[1] if len(lines) > 1 else ""
    wide = [
        line
        for line in case.text.splitlines()
        if len(line) > PHONE_WIDTH and "mailto:" not in line and "://" not in line
    ]
    assert (True, []) == (bool(_TO_DO[case.language].search(first)), wide), (
        f"first line: {first!r}\n\n{case.subject}\n\n{case.text}"
    )

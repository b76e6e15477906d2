"""The register's codes (statuses, solutions, causes, channels, kinds) in people's words; pure.

The store and the JSON keep the codes, so scripts and acceptance checks can rely on them; what a
person reads (the report, the dossier page, the acknowledgement) says the word in the shop's or
the customer's language instead.
"""

from __future__ import annotations

import re

from inbox_agent.vocabulary.wording import STATUSES

WORDS: dict[str, dict[str, dict[str, str]]] = {
    "status": STATUSES,  # one vocabulary with the owner's mails
    "resolution": {
        "nl": {
            "repair": "reparatie",
            "replace": "vervanging",
            "assist": "technische hulp",
            "inform": "extra informatie",
            "compensate": "financiële vergoeding",
            "goodwill": "tegemoetkoming",
            "refund": "geld terug",
            "change": "aanpassing van product of werkwijze",
            "rejected": "afgewezen",
        },
        "en": {
            "repair": "repair",
            "replace": "replacement",
            "assist": "technical help",
            "inform": "more information",
            "compensate": "financial compensation",
            "goodwill": "goodwill gesture",
            "refund": "refund",
            "change": "change of product or procedure",
            "rejected": "rejected",
        },
    },
    "cause": {
        "nl": {
            "quality": "kwaliteitsprobleem",
            "misuse": "verkeerd gebruik",
            "information": "verkeerde informatie bij verkoop",
            "other": "andere oorzaak",
        },
        "en": {
            "quality": "quality problem",
            "misuse": "misuse",
            "information": "wrong information at sale",
            "other": "other cause",
        },
    },
    "channel": {
        "nl": {
            "mail": "e-mail",
            "phone": "telefoon",
            "counter": "balie",
            "letter": "brief",
            "web_form": "webformulier",
            "forwarded by the owner": "doorgestuurd door de klachtbehandelaar",
        },
        "en": {
            "mail": "email",
            "phone": "phone",
            "counter": "counter",
            "letter": "letter",
            "web_form": "web form",
            "forwarded by the owner": "forwarded by the complaint handler",
        },
    },
    "type": {
        "nl": {"product": "product", "service": "dienstverlening"},
        "en": {"product": "product", "service": "service"},
    },
    "topic": {
        "nl": {
            "staff": "personeel",
            "delivery": "bezorging",
            "waiting": "wachttijd",
            "communication": "communicatie",
            "service": "dienst",
        },
        "en": {
            "staff": "staff",
            "delivery": "delivery",
            "waiting": "waiting time",
            "communication": "communication",
            "service": "service",
        },
    },
    "signal": {
        "nl": {"product": "product", "cause": "oorzaak"},
        "en": {"product": "product", "cause": "cause"},
    },
    "direction": {
        "nl": {"in": "binnen", "out": "verstuurd"},
        "en": {"in": "received", "out": "sent"},
    },
    "kind": {
        "nl": {
            "complaint": "klacht",
            "followup": "vervolgbericht",
            "acknowledgement": "ontvangstbevestiging",
            "notification": "melding aan de behandelaar",
            "owner_reply": "antwoord van de behandelaar",
            "reply": "antwoord aan de klant",
            "progress": "voortgangsbericht",
            "evaluation": "evaluatievraag",
            "evaluation_answer": "antwoord op de evaluatie",
            "closure": "afsluitbrief",
            "rejection": "afwijzing",
            "internal": "interne notitie",
            "question": "vraag aan een collega",
            "escalation": "escalatie",
            "warning": "waarschuwing",
            "reminder": "herinnering",
            "disputes": "verwijzing naar de geschillencommissie",
        },
        "en": {
            "complaint": "complaint",
            "followup": "follow-up",
            "acknowledgement": "acknowledgement",
            "notification": "notice to the handler",
            "owner_reply": "handler's reply",
            "reply": "reply to the customer",
            "progress": "progress update",
            "evaluation": "evaluation question",
            "evaluation_answer": "evaluation answer",
            "closure": "closure letter",
            "rejection": "rejection",
            "internal": "internal note",
            "question": "question to a colleague",
            "escalation": "escalation",
            "warning": "warning",
            "reminder": "reminder",
            "disputes": "disputes committee letter",
        },
    },
    "event": {
        "nl": {
            "opened": "geopend",
            "status": "status",
            "forwarded": "doorgestuurd",
            "acknowledgement_withheld": "ontvangstbevestiging niet verstuurd",
            "cause": "oorzaak",
            "deadline": "antwoorddatum",
            "agreement": "afspraak",
            "note": "notitie",
            "question": "vraag aan collega",
            "field": "gegeven aangevuld",
            "erased": "gewist",
            "escalated": "geëscaleerd",
            "overdue": "over tijd",
            "delivery_failed": "mail niet afgeleverd",
            "command_refused": "opdracht geweigerd",
            "answer": "antwoord",
            "resolution": "oplossing",
            "followup": "vervolgbericht",
        },
        "en": {
            "opened": "opened",
            "status": "status",
            "forwarded": "forwarded",
            "acknowledgement_withheld": "acknowledgement withheld",
            "cause": "cause",
            "deadline": "answer date",
            "agreement": "agreement",
            "note": "note",
            "question": "question to a colleague",
            "field": "data added",
            "erased": "erased",
            "escalated": "escalated",
            "overdue": "overdue",
            "delivery_failed": "mail not delivered",
            "command_refused": "command refused",
            "answer": "answer",
            "resolution": "resolution",
            "followup": "follow-up",
        },
    },
}

# What the owner may write after `#new customer@address`, and what customers call a channel.
CHANNEL_ALIASES = {
    "mail": "mail",
    "e-mail": "mail",
    "email": "mail",
    "phone": "phone",
    "telephone": "phone",
    "telefoon": "phone",
    "telefonisch": "phone",
    "tel": "phone",
    "gebeld": "phone",
    "call": "phone",
    "balie": "counter",
    "winkel": "counter",
    "counter": "counter",
    "shop": "counter",
    "store": "counter",
    "in person": "counter",
    "brief": "letter",
    "post": "letter",
    "letter": "letter",
    "webformulier": "web_form",
    "formulier": "web_form",
    "contactformulier": "web_form",
    "website": "web_form",
    "web form": "web_form",
    "webform": "web_form",
    "web-form": "web_form",
    "form": "web_form",
}
CHANNEL_CHOICES = "telefoon, balie, brief, webformulier or mail (phone, counter, letter, web form)"
CHANNEL_CHOICES_NL = "telefoon, balie, brief, webformulier of mail"


def word(group: str, code: object, language: str) -> str:
    """The word for `code` in `language`; an unknown code reads as itself, without underscores."""
    words = WORDS[group].get(language) or WORDS[group]["en"]
    text = str(code)
    return words.get(text) or text.replace("_", " ")


def channel_for(text: str) -> str | None:
    """The channel code the owner named ("telefoon", "web form", "Balie,"), or None."""
    key = re.sub(r"[\s.,;:!]+", " ", text).strip().lower()
    return CHANNEL_ALIASES.get(key)

"""The one lookup for people's words: a code, a language → the word; pure.

The store and the JSON keep the codes, so scripts and acceptance checks can rely on them; what a
person reads (the report, the dossier page, the letters, the help) says the word in the shop's
or the customer's language instead. The words themselves are data, one module per language
(`nl`, `en`, `de`, `fr`); a language without a module reads English. A language's letters are
written once its templates exist (`letter_language`); until then its customers are written in
the shop's language, though their mail is read in their own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol

from inbox_agent.shipped import template_languages
from inbox_agent.vocabulary import de, en, fr, nl


class Language(Protocol):
    """What every language module holds (a module satisfies this Protocol by its names)."""

    STATUS: dict[str, str]
    RESOLUTION: dict[str, str]
    RESOLUTION_IN_LETTERS: dict[str, str]
    CAUSE: dict[str, str]
    CHANNEL: dict[str, str]
    MAIL_KIND: dict[str, str]
    COMPLAINT_TYPE: dict[str, str]
    TOPIC: dict[str, str]
    SIGNAL: dict[str, str]
    DIRECTION: dict[str, str]
    EVENT: dict[str, str]
    RESOLUTION_WORDS: dict[str, str]
    CAUSE_WORDS: dict[str, str]
    CHANNEL_WORDS: dict[str, str]
    CHANNEL_CHOICES: str
    MONTHS: str
    DAYS: str
    LONG_DATE: str
    NO_SUBJECT: str
    REPORT_MAIL: str
    REPORT: dict[str, str]
    DOSSIER_PAGE: dict[str, str]
    # Reading what customers write.
    STOP_WORDS: str
    LETTERS: str
    GREETINGS: str
    CLOSINGS: str
    FIELD_LABELS: dict[str, str]
    FIELD_ALIASES: dict[str, tuple[str, ...]]
    PHONE_REGIONS: tuple[str, ...]
    ORDER_WORDS: str
    PURCHASE_VERBS: str
    PRICE_WORDS: str
    MONTH_FORMS: str
    WISHES: str
    SOLUTION_WORDS: dict[str, str]
    NEGATIONS: str
    TOPIC_WORDS: dict[str, str]
    PRODUCT_WORDS: str
    EVALUATION: dict[str, str]
    NUMBER_WORDS: dict[str, int]


LANGUAGES: dict[str, Language] = {"nl": nl, "en": en, "de": de, "fr": fr}
FALLBACK = "en"


def letter_language(customer: str | None, shop: str) -> str:
    """The language of a letter to a customer: theirs when its templates exist, else the shop's.

    The customer's language is detected and stored from their first mail (or set by the
    owner's `#taal`), also for a language whose templates do not exist yet: when they are
    added, that customer's next letter is in it.
    """
    return (
        customer
        if customer and customer in LANGUAGES and customer in template_languages()
        else shop
    )


def reading_alternatives(name: str) -> str:
    """One language attribute of every language, as one regex alternation ("a|b|c")."""
    return "|".join(f"(?:{getattr(words, name)})" for words in LANGUAGES.values())


def known_language(code: str) -> str:
    """`code` when we have its words, else the fallback (English)."""
    return code if code in LANGUAGES else FALLBACK


def vocabulary(code: str) -> Language:
    """The words of language `code`; English for a language we have no words for."""
    return LANGUAGES[known_language(code)]


def _groups(words: Language) -> dict[str, Mapping[str, str]]:
    """The word groups that `word()` and the templates' `word` filter name."""
    return {
        "status": words.STATUS,
        "resolution": words.RESOLUTION,
        "cause": words.CAUSE,
        "channel": words.CHANNEL,
        "kind": words.MAIL_KIND,
        "type": words.COMPLAINT_TYPE,
        "topic": words.TOPIC,
        "signal": words.SIGNAL,
        "direction": words.DIRECTION,
        "event": words.EVENT,
    }


WORDS: dict[str, dict[str, Mapping[str, str]]] = {}
for _code, _words in LANGUAGES.items():
    for _group, _table in _groups(_words).items():
        WORDS.setdefault(_group, {})[_code] = _table

# What the owner may write for a code, in any language: a command understands them all.
RESOLUTION_ALIASES = {
    w: code for words in LANGUAGES.values() for w, code in words.RESOLUTION_WORDS.items()
}
CAUSE_ALIASES = {w: code for words in LANGUAGES.values() for w, code in words.CAUSE_WORDS.items()}
CHANNEL_ALIASES = {
    w: code for words in LANGUAGES.values() for w, code in words.CHANNEL_WORDS.items()
}
CHANNEL_CHOICES = en.CHANNEL_CHOICES
CHANNEL_CHOICES_NL = nl.CHANNEL_CHOICES


def word(group: str, code: object, language: str) -> str:
    """The word for `code` in `language`; an unknown code reads as itself, without underscores."""
    words = WORDS[group].get(language) or WORDS[group][FALLBACK]
    text = str(code)
    return words.get(text) or text.replace("_", " ")


def channel_for(text: str) -> str | None:
    """The channel code the owner named ("telefoon", "web form", "Balie,"), or None."""
    key = re.sub(r"[\s.,;:!]+", " ", text).strip().lower()
    return CHANNEL_ALIASES.get(key)

"""Words people read instead of keys: dates, times, statuses and the letter's frame; pure.

Stored values stay machine-readable (ISO 8601, status keys); these turn them into what a shop
owner or a customer would write, in their language (the words are in `nl`, `en`, looked up
through `terms`), in the shop's time zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo

from inbox_agent.vocabulary.terms import LANGUAGES, vocabulary

# Each language's month and day names, space-separated (January first, Monday first).
MONTHS = {code: words.MONTHS for code, words in LANGUAGES.items()}
DAYS = {code: words.DAYS for code, words in LANGUAGES.items()}

# A first line opening with "Beste Zoë," or "Dear Mr Smith,": the owner already greeted.
_GREETING = re.compile(
    r"^(beste|geachte|hallo|hoi|dag|goedemorgen|goedemiddag|goedenavond|dear|hello|hi|"
    r"good (morning|afternoon|evening)|sehr geehrte[rs]?|liebe[rs]?|guten (tag|morgen|abend)|"
    r"bonjour|bonsoir|madame|monsieur|cher|chère)\b([^,.:;!?\n]{0,30}[,!]|( [^\s,]+){0,3}\s*$)",
    re.I,
)
# A sign-off near the end ("Met vriendelijke groet," or "Kind regards"): the owner signed off.
_CLOSING = re.compile(
    r"^(met )?(vriendelijke |hartelijke |beste )?groet(en)?\b|^mvg\b|^(kind |best |warm )?regards\b|"
    r"^(yours )?sincerely\b|^best wishes\b|^with best\b|"
    r"^mit freundlichen gr(ü|ue)(ß|ss)en\b|^(viele|beste|freundliche|liebe) gr(ü|ue)(ß|ss)e\b|"
    r"^mfg\b|^(bien )?cordialement\b|^(sincères |meilleures )?salutations\b|^bien à vous\b",
    re.I,
)


def long_date(value: date | datetime | str | None, language: str) -> str:
    """`vrijdag 11 december 2026` / `Friday 11 December 2026`; empty for no date."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    day = value.date() if isinstance(value, datetime) else value
    words = vocabulary(language)
    return words.LONG_DATE.format(
        weekday=words.DAYS.split()[day.weekday()],
        day=day.day,
        month=words.MONTHS.split()[day.month - 1],
        year=day.year,
    )


def long_time(value: datetime | str | None, language: str, zone: tzinfo) -> str:
    """`maandag 30 november 2026, 04:39` in the shop's time zone; a bare day stays a day."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        if "T" not in value:
            return long_date(value, language)
        value = datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(zone)
    return f"{long_date(value, language)}, {value:%H:%M}"


def status_word(status: str, language: str) -> str:
    return vocabulary(language).STATUS.get(status, status.replace("_", " "))


def has_greeting(text: str) -> bool:
    """True when the owner's text opens with a greeting line of its own."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return bool(_GREETING.match(first.strip()))


def person(name: str) -> str:
    """A name as a greeting says it: "Jansen, Piet" from a mail client's From becomes "Piet Jansen"."""
    name = " ".join(name.replace('"', "").split())
    last, comma, first = name.partition(", ")
    if comma and first and " " not in last and "," not in first:
        return f"{first} {last}"
    return name


def split_closing(text: str) -> tuple[str, str]:
    """(the owner's text, their own sign-off and name) when one of the last lines signs off.

    What the letter adds (a summary, the disputes body) then goes between the two, and the
    letter's own sign-off is left out.
    """
    lines = text.rstrip().splitlines()
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for index in filled[-4:]:
        if _CLOSING.match(lines[index].strip()):
            return "\n".join(lines[:index]).rstrip(), "\n".join(lines[index:]).strip()
    return text.strip(), ""


def has_closing(text: str) -> bool:
    """True when one of the last lines of the owner's text is a sign-off."""
    return bool(split_closing(text)[1])


def resolution_words(kind: str, language: str) -> str:
    """The resolution type as a customer would say it, never the command's key."""
    return vocabulary(language).RESOLUTION_IN_LETTERS.get(kind, "")


def as_sentence(text: str) -> str:
    """The owner's short text as a sentence: a capital first letter and a full stop."""
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?)\"'" else text + "."

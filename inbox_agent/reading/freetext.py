"""Registration data read from what customers write in their own words; pure.

Each reader takes the customer's own text (quoted lines already dropped) and returns what it
found, or "" when it is not sure: a wrong guess in the register is worse than a polite question.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from inbox_agent.reading.folding import Folded, lowered, without_lookarounds
from inbox_agent.vocabulary.terms import LANGUAGES, reading_alternatives

# An address: "Dorpsstraat 12a, 1234 AB Ergens", "Hauptstraße 5, 10115 Berlin", "12 rue de la
# Paix, 75002 Paris", "Rue Neuve 12, 1000 Bruxelles", or the street on the line above the postcode.
_NL_POSTCODE = re.compile(r"\b(\d{4}\s?[A-Z]{2})\s+([A-Z][\w'\- ]{1,40})")
_POSTCODE = re.compile(r"(?<![\d.,])\b(\d{4,5})[ \t]+([A-ZÀ-Ý][\w'\-. ]{1,40}?)\s*$")
_FRENCH_STREET = re.compile(
    r"(\d{1,4}(?:\s?(?:bis|ter|[a-z]))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|chemin|all[ée]e|"
    r"impasse|quai|route|cours|square|chaussée)\b[^,\n]{1,40})$",
    re.IGNORECASE,
)
_HOUSE_NUMBER = re.compile(r"^\d{1,5}(?:[a-zA-Z]{1,2}|-\d+)?$")
_PARTICLES = {"van", "de", "der", "den", "het", "'t", "te", "ter", "aan", "op"}
# An order number has a digit: "bestelnummer KT-20331", "Bestellung Nr. 40031", "commande n° FR-2211".
_ORDER = Folded(
    rf"\b(?:{reading_alternatives('ORDER_WORDS')})\s*[:#]?\s*#?"
    r"((?=[A-Z\-/]*\d)[A-Z0-9][A-Z0-9\-/]{3,})"
)
_MONTHS = reading_alternatives("MONTH_FORMS")
# "3-11-2026", "03.03.2026", "3 november 2026", "3. März 2026", "1er avril 2026", "2026-03-03".
_DATE = (
    rf"(\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}|\d{{1,2}}(?:\.|er)?\s(?:{_MONTHS})\.?\s\d{{4}}|"
    r"\d{4}-\d{2}-\d{2})"
)
# Within one sentence; a dot between digits ("om 16.45 uur") or after a day ("3. März") does not end it.
_SAME_SENTENCE = r"(?:[^.\n]|(?<=\d)\.(?=\d|\s\w))"
_BUYING = reading_alternatives("PURCHASE_VERBS")
_PURCHASE_DATE = Folded(
    rf"(?:{_BUYING})\b{_SAME_SENTENCE}{{0,40}}?"
    rf"\b(?:op|on|in|am|le|du)?\s*{_DATE}|{_DATE}{_SAME_SENTENCE}{{0,60}}?\b(?:{_BUYING})\b"
)
# Thousands by dot, comma or (French) space: "1.299,00 €", "1 299,00 €", "EUR 49,95", "24,90 euros".
_THOUSANDS = r"(?:[.,\u00a0\u202f ]\d{3})*"
_PRICE = (
    rf"((?:€|EUR|£|\$)\s?\d{{1,3}}{_THOUSANDS}(?:[.,]\d{{2}}|,-)?(?!\d)"
    rf"|\d{{1,3}}{_THOUSANDS}(?:[.,]\d{{2}})?\s?(?:euros?\b|EUR\b|€))"
)
_PURCHASE_PRICE = Folded(rf"(?:{reading_alternatives('PRICE_WORDS')})\b[^.\n]{{0,30}}?{_PRICE}")


def phone(text: str, region: str = "NL", also: tuple[str, ...] = ()) -> str:
    """The first phone number in `text` as the customer wrote it; "" when there is none.

    libphonenumber's matcher (phonenumberslite) reads "010 - 123 45 67", "(010) 1234567",
    "+32 470 12 34 56" and "0049 30 12345678" and passes over dates, prices, order numbers and
    IBANs; `region` (the shop's `holiday_country`) is where a number without a country code
    is dialled, then the countries in `also`. Measured against the hand-written pattern it
    replaced on tests/phone_table.py: 39 of 43 numbers against 32, 1 false find in 16
    non-numbers against 2 (bench/phone_readers.py).
    """
    import phonenumbers  # loaded with the first mail read, not by an idle cycle

    # A customer from across the border writes the number as dialled at home ("0171 2345678"):
    # `also` are the countries of the customer's language, tried after the shop's own.
    for country in (region, *(c for c in also if c != region)):
        for match in phonenumbers.PhoneNumberMatcher(text, country):
            return str(match.raw_string).strip()
    return ""


def _street(text: str) -> str:
    """The street and number at the end of `text`: "Kerkweg 3", "Laan van Meerdervoort 10"."""
    tokens = text.replace(",", " ").split()
    if len(tokens) < 2 or not _HOUSE_NUMBER.match(tokens[-1]) or not tokens[-2][:1].isupper():
        return ""
    start = len(tokens) - 2
    while (
        start >= 2 and tokens[start - 1].lower() in _PARTICLES and tokens[start - 2][:1].isupper()
    ):
        start -= 2
    return " ".join(tokens[start:])


def _any_street(text: str) -> str:
    french = _FRENCH_STREET.search(text)
    return french.group(1).strip() if french else _street(text)


def _address(text: str) -> str:
    lines = text.splitlines()
    for index, line in enumerate(lines):
        postcode = _NL_POSTCODE.search(line) or _POSTCODE.search(line)
        if not postcode:
            continue
        street = _any_street(line[: postcode.start()].strip(" ,"))
        if not street and index > 0:
            street = _any_street(lines[index - 1].strip(" ,"))
        if street:
            return f"{street}, {postcode.group(1)} {postcode.group(2).strip()}"
    return ""


@lru_cache(maxsize=8)
def _lowered(text: str) -> str | None:
    """`folding.lowered`, once per text for the several readers of one mail."""
    return lowered(text)


def _first(pattern: Folded) -> Callable[[str], str]:
    def find(text: str) -> str:
        match = pattern.search(text, _lowered(text))
        if not match:
            return ""
        # The first group that matched something, in the customer's own case.
        group = next(n for n in range(1, len(match.groups()) + 1) if match.start(n) < match.end(n))
        return text[match.start(group) : match.end(group)].strip()

    return find


_PURCHASE_VERB = Folded(rf"\b(?:{_BUYING})\b")
# Plain words ("(?:gekocht|besteld)|(?:bought|...)"): a match is a whole word, and each one in a
# sentence is one that a search of the whole text finds, so that search tells which to read.
_PLAIN_WORDS = r"\(\?:[^\W\d_]+(?:\|[^\W\d_]+)*\)"
_VERBS_ARE_WORDS = re.fullmatch(rf"{_PLAIN_WORDS}(?:\|{_PLAIN_WORDS})*", _BUYING) is not None
_CLOCK = re.compile(
    r"(?P<pre>\b(?:om|at|rond|omstreeks|tegen|around|about)\s+)?(?<![\d.,:/€$£-])"
    r"(?P<h>\d{1,2})(?:(?P<sep>[:.])(?P<m>\d{2}))?(?!\d)"
    r"(?:\s?(?P<suf>uur|u\b|h\b|am\b|pm\b|a\.m\.|p\.m\.))?",
    re.IGNORECASE,
)
_NOT_A_CLOCK_AFTER = re.compile(r"^(?:[./-]\d|\s?(?:euro|eur\b|€|%))", re.IGNORECASE)


def clock_time(text: str) -> str:
    """The first time of day in `text` as HH:MM ("om 14.30 uur", "at 3pm", "15:05"), or ""."""
    for match in _CLOCK.finditer(text):
        hour, minute = int(match["h"]), int(match["m"] or 0)
        suffix = (match["suf"] or "").lower().replace(".", "")
        if _NOT_A_CLOCK_AFTER.match(text[match.end() :]):
            continue
        if match["m"] is None and suffix not in ("uur", "am", "pm"):
            continue
        if match["m"] is not None and not (match["pre"] or suffix or match["sep"] == ":"):
            continue
        if suffix == "pm" and hour < 12:
            hour += 12
        elif suffix == "am" and hour == 12:
            hour = 0
        if hour <= 23 and minute <= 59:
            return f"{hour:02d}:{minute:02d}"
    return ""


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@lru_cache(maxsize=8)
def _pieces(text: str) -> tuple[tuple[str, int, int], ...]:
    """The sentences of `text`, each with the start and end of the piece of text it was cut from
    (what `re.split` gives between the ends of sentences, stripped); split once per text."""
    pieces, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        pieces.append((text[start : end.start()].strip(), start, end.start()))
        start = end.end()
    pieces.append((text[start:].strip(), start, len(text)))
    return tuple(piece for piece in pieces if piece[0])


def _sentences(text: str) -> list[str]:
    return [sentence for sentence, _, _ in _pieces(text)]


def _purchase_time(text: str) -> str:
    # A verb is a word: a sentence has one only where the whole text's search found one.
    verbs = [m.start() for m in _PURCHASE_VERB.finditer(text, _lowered(text))]
    if _VERBS_ARE_WORDS and not verbs:
        return ""
    for sentence, start, end in _pieces(text):
        if _VERBS_ARE_WORDS and not any(start <= verb < end for verb in verbs):
            continue
        if _PURCHASE_VERB.search(sentence, lowered(sentence)):
            found = clock_time(sentence)
            if found:
                return found
    return ""


# What a customer asks for. Refunds are asked for plainly; a repair or a new one needs a wish
# around it ("graag", "I'd like", "ich möchte", "je souhaite"), because "the shop replaced the
# chain" is history, not a wish. The words are each language's, in `vocabulary`.
_WISH = rf"\b(?:{reading_alternatives('WISHES')})(?!\w)"
SOLUTION_WORDS = {
    kind: "|".join(
        f"(?:{words.SOLUTION_WORDS[kind]})"
        for words in LANGUAGES.values()
        if kind in words.SOLUTION_WORDS
    )
    for kind in ("refund", "replace", "repair", "compensate", "goodwill")
}
_SOLUTION = {kind: Folded(rf"\b(?:{words})") for kind, words in SOLUTION_WORDS.items()}
# Matches where any of them does (an alternation matches iff one of its branches does).
_ANY_SOLUTION = Folded(rf"\b(?:{'|'.join(f'(?:{words})' for words in SOLUTION_WORDS.values())})")
# Matches in the whole text wherever any sentence of it has a solution word; None: no such test.
_relaxed = without_lookarounds(_ANY_SOLUTION.pattern.pattern)
_SOLUTION_ANYWHERE = Folded(_relaxed) if _relaxed is not None else None
_WISH_RE = re.compile(_WISH, re.IGNORECASE)
_NEGATED = re.compile(rf"\b(?:{reading_alternatives('NEGATIONS')})\s+(?:\w+\s+)?$", re.IGNORECASE)


def solution_kind(text: str) -> str:
    """Which of the shop's solution types a request names ("geld terug" → refund), or ""."""
    low = lowered(text)
    if not _ANY_SOLUTION.search(text, low):
        return ""
    found = [
        (match.start(), kind)
        for kind, pattern in _SOLUTION.items()
        for match in pattern.finditer(text, low)
        if not _NEGATED.search(text[: match.start()][-30:])
    ]
    # The first one named is the wish: "repareren of vervangen" asks for a repair first.
    return min(found)[1] if found else ""


def requested_solution(text: str) -> str:
    """The customer's own sentence asking for a solution, shortened; "" when there is none."""
    low = _lowered(text)
    # A sentence's solution word is one the relaxed pattern finds at the same place in the
    # whole text: a sentence before the next such place in the text has none.
    candidate: re.Match[str] | None = None
    for sentence, start, end in _pieces(text):
        if _SOLUTION_ANYWHERE is not None:
            if candidate is None or candidate.start() < start:
                candidate = _SOLUTION_ANYWHERE.search(text, low, start)
                if candidate is None:
                    return ""
            if candidate.start() >= end:
                continue
        kind = solution_kind(sentence)
        if kind and (kind == "refund" or _WISH_RE.search(sentence)):
            return shorten(sentence.rstrip(".!"), 160)
    return ""


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


FREE_TEXT: list[tuple[str, Callable[[str], str]]] = [
    ("address", _address),
    ("order_number", _first(_ORDER)),
    ("purchase_date", _first(_PURCHASE_DATE)),
    ("purchase_time", _purchase_time),
    ("purchase_price", _first(_PURCHASE_PRICE)),
    ("requested_solution", requested_solution),
]

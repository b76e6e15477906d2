"""Registration data read from what customers write in their own words; pure.

Each reader takes the customer's own text (quoted lines already dropped) and returns what it
found, or "" when it is not sure: a wrong guess in the register is worse than a polite question.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A Dutch address: "Dorpsstraat 12a, 1234 AB Ergens" or the street on the line above the postcode.
_NL_POSTCODE = re.compile(r"\b(\d{4}\s?[A-Z]{2})\s+([A-Z][\w'\- ]{1,40})")
_HOUSE_NUMBER = re.compile(r"^\d{1,5}(?:[a-zA-Z]{1,2}|-\d+)?$")
_PARTICLES = {"van", "de", "der", "den", "het", "'t", "te", "ter", "aan", "op"}
_ORDER = re.compile(
    r"\b(?:bestel(?:ling)?nummer|ordernummer|order(?:\s?number|\s?nr\.?|\s?no\.?)?|"
    r"bonnummer|factuurnummer|invoice(?:\s?number)?)\s*[:#]?\s*#?([A-Z0-9][A-Z0-9\-/]{3,})",
    re.IGNORECASE,
)
_MONTHS = (
    r"jan(?:uari|uary)?|feb(?:ruari|ruary)?|m(?:aa)?rt|march|apr(?:il)?|mei|may|jun[ie]?|"
    r"jul[iy]?|aug(?:ustus|ust)?|sep(?:tember|t)?|o[ck]t(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = rf"(\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}|\d{{1,2}}\s(?:{_MONTHS})\.?\s\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
# Within one sentence; a dot between digits ("om 16.45 uur") does not end it.
_SAME_SENTENCE = r"(?:[^.\n]|(?<=\d)\.(?=\d))"
_PURCHASE_DATE = re.compile(
    rf"(?:gekocht|aangeschaft|besteld|bought|purchased|ordered)\b{_SAME_SENTENCE}{{0,30}}?"
    rf"\b(?:op|on|in)?\s*{_DATE}|{_DATE}{_SAME_SENTENCE}{{0,60}}?\b(?:gekocht|aangeschaft|"
    rf"besteld|bought|purchased|ordered)\b",
    re.IGNORECASE,
)
_PRICE = (
    r"((?:€|EUR|£|\$)\s?\d{1,3}(?:[.,]\d{3})*(?:[.,]\d{2}|,-)?"
    r"|\d{1,3}(?:[.,]\d{3})*(?:[.,]\d{2})?\s?(?:euro|EUR|€))"
)
_PURCHASE_PRICE = re.compile(
    rf"(?:gekocht|betaald|kostte|paid|bought|cost|prijs|price)\b[^.\n]{{0,30}}?{_PRICE}",
    re.IGNORECASE,
)


def phone(text: str, region: str = "NL") -> str:
    """The first phone number in `text` as the customer wrote it; "" when there is none.

    libphonenumber's matcher (phonenumberslite) reads "010 - 123 45 67", "(010) 1234567",
    "+32 470 12 34 56" and "0049 30 12345678" and passes over dates, prices, order numbers and
    IBANs; `region` (the shop's `holiday_country`) is where a number without a country code
    is dialled. Measured against the hand-written pattern it replaced on tests/phone_table.py:
    39 of 43 numbers against 32, 1 false find in 16 non-numbers against 2
    (bench/phone_readers.py).
    """
    import phonenumbers  # loaded with the first mail read, not by an idle cycle

    for match in phonenumbers.PhoneNumberMatcher(text, region):
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


def _address(text: str) -> str:
    lines = text.splitlines()
    for index, line in enumerate(lines):
        postcode = _NL_POSTCODE.search(line)
        if not postcode:
            continue
        street = _street(line[: postcode.start()].strip(" ,"))
        if not street and index > 0:
            street = _street(lines[index - 1].strip(" ,"))
        if street:
            return f"{street}, {postcode.group(1)} {postcode.group(2).strip()}"
    return ""


def _first(pattern: re.Pattern[str]) -> Callable[[str], str]:
    def find(text: str) -> str:
        match = pattern.search(text)
        if not match:
            return ""
        return next(group for group in match.groups() if group).strip()

    return find


_PURCHASE_VERB = re.compile(
    r"\b(?:gekocht|aangeschaft|besteld|afgerekend|bought|purchased|ordered)\b", re.IGNORECASE
)
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


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def _purchase_time(text: str) -> str:
    for sentence in _sentences(text):
        if _PURCHASE_VERB.search(sentence):
            found = clock_time(sentence)
            if found:
                return found
    return ""


# What a customer asks for. Refunds are asked for plainly; a repair or a new one needs a wish
# around it ("graag", "I'd like"), because "the shop replaced the chain" is history, not a wish.
_WISH = (
    r"\b(?:ik wil|wil ik|willen wij|wij willen|we willen|ik zou graag|zou ik graag|graag|"
    r"ik verwacht|ik vraag|ik eis|verzoek|mijn wens|ik wens|kunt u|kunnen jullie|zou u|"
    r"i want|i'd like|i would like|we would like|please|i expect|i ask|i request|i'm asking|"
    r"i am asking|can you|could you|would you|i demand|i insist)\b"
)
SOLUTION_WORDS = {
    "refund": r"geld terug|geld retour|terugbetal\w*|terug(?:ge)?stort\w*|retourgeld|"
    r"refund\w*|money back|reimburs\w*",
    "replace": r"(?:een|a) nieuwe?\b(?!\s+(?:afspraak|datum|poging|appointment|date|try))|"
    r"nieuw exemplaar|omruil\w*|ruilen|vervang\w*|"
    r"replacement|replace\w*|(?:a )?new one|exchange\w*|swap\w*",
    "repair": r"(?:ge)?repar\w*|(?:laten |weer )maken|gemaakt|herstel\w*|repair\w*|fix\w*",
    "compensate": r"vergoed\w*|compensat\w*|schadevergoeding|korting|tegemoetkoming|"
    r"discount|partial refund|store credit|tegoedbon|waardebon|voucher",
    "goodwill": r"excuses|verontschuldiging|apolog\w*|gebaar|gesture",
}
_SOLUTION = {
    kind: re.compile(rf"\b(?:{words})", re.IGNORECASE) for kind, words in SOLUTION_WORDS.items()
}
_WISH_RE = re.compile(_WISH, re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:geen|niet|no|not|don't|do not)\s+(?:\w+\s+)?$", re.IGNORECASE)


def solution_kind(text: str) -> str:
    """Which of the shop's solution types a request names ("geld terug" → refund), or ""."""
    found = [
        (match.start(), kind)
        for kind, pattern in _SOLUTION.items()
        for match in pattern.finditer(text)
        if not _NEGATED.search(text[: match.start()][-30:])
    ]
    # The first one named is the wish: "repareren of vervangen" asks for a repair first.
    return min(found)[1] if found else ""


def requested_solution(text: str) -> str:
    """The customer's own sentence asking for a solution, shortened; "" when there is none."""
    for sentence in _sentences(text):
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


_DUTCH = {
    "de",
    "het",
    "een",
    "en",
    "ik",
    "mijn",
    "niet",
    "is",
    "van",
    "op",
    "met",
    "voor",
    "dat",
    "die",
    "wij",
    "u",
    "uw",
    "heb",
    "heeft",
    "maar",
    "ook",
    "bij",
    "fiets",
    "graag",
    "goedendag",
    "beste",
    "groet",
    "vriendelijke",
    "hallo",
    "kapot",
    "naar",
    "geen",
}
_ENGLISH = {
    "the",
    "a",
    "and",
    "i",
    "my",
    "not",
    "is",
    "of",
    "on",
    "with",
    "for",
    "that",
    "we",
    "you",
    "your",
    "have",
    "has",
    "but",
    "also",
    "at",
    "bike",
    "please",
    "hello",
    "dear",
    "regards",
    "broken",
    "to",
    "no",
    "was",
    "it",
    "this",
}


def detect_language(text: str, default: str) -> str:
    """nl or en, by counting common words; the shop's language when it is not clear."""
    words = re.findall(r"[a-zà-ÿ]+", text.lower())[:400]
    dutch = sum(w in _DUTCH for w in words)
    english = sum(w in _ENGLISH for w in words)
    if english > dutch * 1.5 and english >= 3:
        return "en"
    if dutch > english * 1.5 and dutch >= 3:
        return "nl"
    return default

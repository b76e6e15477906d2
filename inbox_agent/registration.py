"""The minimum data ISO 10002 asks a shop to register, and reading it from what customers write; pure."""

from __future__ import annotations

import re
from collections.abc import Callable

CUSTOMER_FIELDS = ("name", "address", "phone", "email")
PRODUCT_FIELDS = (
    "brand",
    "model",
    "serial_number",
    "production_date",
    "purchase_price",
    "purchase_date",
    "problem",
)
SERVICE_FIELDS = ("service_description", "service_date", "agreed_date", "scope_price", "problem")
EXTRA_FIELDS = ("order_number",)

LABELS = {
    "nl": {
        "name": "Naam",
        "address": "Adres",
        "phone": "Telefoon",
        "email": "E-mail",
        "brand": "Merk",
        "model": "Type/model",
        "serial_number": "Serienummer",
        "production_date": "Productiedatum",
        "purchase_price": "Aankoopprijs",
        "purchase_date": "Aankoopdatum",
        "problem": "Omschrijving van het probleem",
        "service_description": "Omschrijving van de dienst",
        "service_date": "Datum geleverd",
        "agreed_date": "Afgesproken datum",
        "scope_price": "Omvang en prijs",
        "order_number": "Bestelnummer",
    },
    "en": {
        "name": "Name",
        "address": "Postal address",
        "phone": "Phone",
        "email": "Email",
        "brand": "Brand",
        "model": "Type/model",
        "serial_number": "Serial number",
        "production_date": "Production date",
        "purchase_price": "Purchase price",
        "purchase_date": "Purchase date",
        "problem": "Description of the problem",
        "service_description": "Description of the service",
        "service_date": "Date delivered",
        "agreed_date": "Date agreed",
        "scope_price": "Scope and price",
        "order_number": "Order number",
    },
}

# Labels customers write, Dutch and English, lower case, mapped to field names.
_ALIASES = {
    "name": ["naam", "name", "volledige naam", "full name"],
    "address": ["adres", "address", "postadres", "postal address", "woonadres"],
    "phone": ["telefoon", "telefoonnummer", "tel", "phone", "phone number", "mobiel", "mobile"],
    "brand": ["merk", "brand", "make"],
    "model": ["type", "model", "typenummer", "type/model", "modelnummer"],
    "serial_number": ["serienummer", "serial", "serial number", "serial no", "framenummer"],
    "production_date": ["productiedatum", "production date", "bouwjaar"],
    "purchase_price": ["aankoopprijs", "prijs", "purchase price", "price"],
    "purchase_date": [
        "aankoopdatum",
        "gekocht op",
        "purchase date",
        "date of purchase",
        "bought on",
    ],
    "order_number": ["bestelnummer", "ordernummer", "order number", "order", "bonnummer"],
    "service_description": [
        "dienst",
        "service",
        "omschrijving dienst",
        "description of the service",
    ],
    "service_date": ["datum geleverd", "leverdatum", "date delivered", "delivery date"],
    "agreed_date": ["afgesproken datum", "date agreed", "agreed date"],
    "scope_price": ["omvang en prijs", "scope and price", "omvang", "scope"],
}
_LABEL_TO_FIELD = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
_FIELD_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z /\-]{1,30}?)\s*[:=]\s*(\S.{0,200}?)\s*$")
_SERVICE_WORDS = re.compile(
    r"\b(service|onderhoud|reparatie|installatie|bezorging|levering|"
    r"afspraak|monteur|repair job|installation|delivery|appointment)\b",
    re.IGNORECASE,
)


def extract_fields(text: str) -> dict[str, str]:
    """What the customer told us: `Field: value` lines first, then what free text reveals.

    Quoted lines ("> ...") are someone else's words and are skipped.
    """
    own = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))
    found: dict[str, str] = {}
    for line in own.splitlines():
        match = _FIELD_LINE.match(line)
        if not match:
            continue
        field = _LABEL_TO_FIELD.get(match.group(1).strip().lower())
        if field and field not in found:
            found[field] = match.group(2).strip()
    for field, finder in _FREE_TEXT:
        if field not in found:
            value = finder(own)
            if value:
                found[field] = value
    return found


# Phone numbers as people write them: 06-12345678, 020 123 4567, +31 (0)6 1234 5678, +44 20 7946 0000.
_PHONE = re.compile(
    r"(?<![\w+])(\+\d{2}[\s-]?(?:\(0\))?[\s-]?\d(?:[\s-]?\d){7,10}|"
    r"0\d{1,3}[\s-]?\d(?:[\s-]?\d){5,8})(?!\w)"
)
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
_PURCHASE_DATE = re.compile(
    rf"(?:gekocht|aangeschaft|besteld|bought|purchased|ordered)\b[^.\n]{{0,30}}?"
    rf"\b(?:op|on|in)?\s*{_DATE}|{_DATE}[^.\n]{{0,40}}?\b(?:gekocht|aangeschaft|"
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


_LOOKS_LIKE_DATE = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")


def _phone(text: str) -> str:
    for match in _PHONE.finditer(text):
        if not _LOOKS_LIKE_DATE.match(match.group(1).strip()):
            return match.group(1).strip()
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


_FREE_TEXT = [
    ("phone", _phone),
    ("address", _address),
    ("order_number", _first(_ORDER)),
    ("purchase_date", _first(_PURCHASE_DATE)),
    ("purchase_price", _first(_PURCHASE_PRICE)),
]


def complaint_type(fields: dict[str, str], text: str) -> str:
    if any(fields.get(f) for f in SERVICE_FIELDS if f != "problem"):
        return "service"
    if any(fields.get(f) for f in PRODUCT_FIELDS if f != "problem"):
        return "product"
    return "service" if _SERVICE_WORDS.search(text) else "product"


def missing_fields(customer: dict[str, str], fields: dict[str, str], kind: str) -> list[str]:
    required = PRODUCT_FIELDS if kind == "product" else SERVICE_FIELDS
    missing = [f for f in CUSTOMER_FIELDS if not customer.get(f)]
    missing += [f for f in required if not fields.get(f)]
    return missing


def field_for_label(label: str) -> str | None:
    """A field name from a label in either language, or the field's own name."""
    key = label.strip().lower()
    if key in LABELS["en"]:
        return key
    by_label = {v.lower(): k for lang in LABELS.values() for k, v in lang.items()}
    return _LABEL_TO_FIELD.get(key) or by_label.get(key)


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

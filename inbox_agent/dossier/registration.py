"""The minimum data ISO 10002 asks a shop to register: its fields, labels and what is missing; pure.

The free-text readers live in `freetext`, the product/service split in `topics`.
"""

from __future__ import annotations

import re

from inbox_agent.models import Dossier
from inbox_agent.reading.freetext import FREE_TEXT, clock_time, phone, shorten
from inbox_agent.reading.language import detect_language
from inbox_agent.reading.topics import classify
from inbox_agent.vocabulary.terms import (
    CHANNEL_CHOICES,
    CHANNEL_CHOICES_NL,
    LANGUAGES,
    channel_for,
    reading_alternatives,
    word,
)

__all__ = ["detect_language"]  # read through this module by the dossier code

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
# Registered when the customer gives them, asked only where `ASKED` names them: the brochure's
# "solutions the customer proposes", the hour of purchase next to its date, the order number
# of a delivery, and the day of the visit or call a complaint about staff is about.
EXTRA_FIELDS = ("order_number", "purchase_time", "requested_solution", "contact_date")
# Fields that only a product (or only a service) complaint has; shared ones decide nothing.
_PRODUCT_ONLY = ("brand", "model", "serial_number", "production_date")
_SERVICE_ONLY = ("service_description", "service_date", "agreed_date", "scope_price")

# The labels a letter prints, per language (the words are in `vocabulary`).
LABELS = {code: words.FIELD_LABELS for code, words in LANGUAGES.items()}

# Labels customers write, in every language we read, lower case, mapped to field names.
_ALIASES = {
    name: [alias for words in LANGUAGES.values() for alias in words.FIELD_ALIASES.get(name, ())]
    for name in LABELS["en"]
}
_LABEL_TO_FIELD = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
# "Merk: Gazelle", "Numéro de série : X1", "Bestell-Nr.: 12": a label in any language's letters.
_FIELD_LINE = re.compile(r"^\s*([^\W\d_][\w /\-'’°.]{1,30}?)\s*[:=]\s*(\S.{0,200}?)\s*$")


def _label(text: str) -> str:
    """A label as the alias table writes it: lower case, one space, a typographic ' plain."""
    return " ".join(text.replace("’", "'").lower().split())


def extract_fields(text: str, region: str = "NL", language: str = "") -> dict[str, str]:
    """What the customer told us: `Field: value` lines first, then what free text reveals.

    Quoted lines ("> ...") are someone else's words and are skipped. `region` is the shop's
    country, where a phone number without a country code is dialled; a customer writing in
    another `language` may dial from that language's countries.
    """
    own = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))
    found: dict[str, str] = {}
    for line in own.splitlines():
        match = _FIELD_LINE.match(line)
        if not match:
            continue
        field = _LABEL_TO_FIELD.get(_label(match.group(1)))
        if field and field not in found:
            found[field] = match.group(2).strip()
    # "Aankoopdatum: 3-11-2026 14:30" registers the date and the hour each in its own field.
    if "purchase_date" in found and "purchase_time" not in found:
        hour = clock_time(found["purchase_date"])
        if hour:
            found["purchase_time"] = hour
    also = LANGUAGES[language].PHONE_REGIONS if language in LANGUAGES else ()
    if "phone" not in found and (number := phone(own, region, also)):
        found["phone"] = number
    for field, finder in FREE_TEXT:
        if field not in found:
            value = finder(own)
            if value:
                found[field] = value
    return found


def complaint_type(fields: dict[str, str], text: str) -> str:
    """product or service; see `classify_complaint`."""
    return classify_complaint(fields, text)[0]


def classify_complaint(fields: dict[str, str], text: str) -> tuple[str, str]:
    """(product|service, topic): fields only one kind has decide, then the customer's words."""
    if any(fields.get(f) for f in _SERVICE_ONLY):
        return "service", "service"
    if any(fields.get(f) for f in _PRODUCT_ONLY):
        return "product", ""
    return classify(text)


# The complaint's own fields the acknowledgement asks for, per kind of complaint (a product, or
# a service by its topic from `reading.topics`). Asking only what fits shows we listened: a
# customer treated rudely at the counter is not asked for a price, a scope or an agreed date,
# and a parcel that never came is not asked for a serial number, only for what finds it.
ASKED: dict[str, tuple[str, ...]] = {
    "product": PRODUCT_FIELDS,
    "service": SERVICE_FIELDS,
    "staff": ("contact_date", "problem"),
    "delivery": ("order_number", "purchase_date", "agreed_date", "problem"),
    "waiting": ("service_description", "agreed_date", "problem"),
    "communication": ("contact_date", "problem"),
}


def asked_fields(kind: str, topic: str = "") -> tuple[str, ...]:
    """The fields to ask for a complaint of `kind` (product|service) about `topic`.

    A service complaint whose topic is unknown (the owner's `#field Soort klacht: dienst`)
    is asked the whole service list, as the minimum data has it.
    """
    if kind == "product":
        return ASKED["product"]
    return ASKED.get(topic or "service", ASKED["service"])


def missing_fields(
    customer: dict[str, str], fields: dict[str, str], kind: str, topic: str = ""
) -> list[str]:
    missing = [f for f in CUSTOMER_FIELDS if not customer.get(f)]
    missing += [f for f in asked_fields(kind, topic) if not fields.get(f)]
    return missing


def field_for_label(label: str) -> str | None:
    """A field name from a label in any language we read, or the field's own name."""
    key = _label(label)
    if key in LABELS["en"] and key != "received":
        return key
    by_label = {_label(v): k for lang in LABELS.values() for k, v in lang.items()}
    found = _LABEL_TO_FIELD.get(key) or by_label.get(key)
    return None if found == "received" else found


_TYPE_WORDS = {
    "product": "product",
    "service": "service",
    "dienst": "service",
    "dienstverlening": "service",
    "produkt": "product",
    "dienstleistung": "service",
}


class FieldError(ValueError):
    """A `#field` the agent cannot set; the message in English, `nl`, `de` the same in Dutch
    and German (`texts`: every language's)."""

    def __init__(self, message: str, nl: str, **others: str) -> None:
        super().__init__(message)
        self.nl = nl
        self.texts = {"en": message, "nl": nl, **others}


def set_field(dossier: Dossier, label: str, value: str) -> str:
    """The owner's `#field Label: value`; returns the field name, FieldError when it is unknown.

    "Soort klacht" and "Binnengekomen via" correct the product/service split and the channel,
    so the customer is asked for the right data after all.
    """
    name = field_for_label(label)
    if name is None:
        raise FieldError(
            f"#field: unknown field {label!r}",
            nl=f"#veld: onbekend veld {label!r}",
            de=f"#feld: unbekannte Angabe {label!r}",
            fr=f"#champ\u00a0: champ inconnu {label!r}",
        )
    if name == "complaint_type":
        kind = _TYPE_WORDS.get(value.strip().lower())
        if kind is None:
            raise FieldError(
                f"#field {label}: product or service, not {value!r}",
                nl=f"#veld {label}: product of dienst, niet {value!r}",
                de=f"#feld {label}: Produkt oder Dienstleistung, nicht {value!r}",
                fr=f"#champ {label}\u00a0: produit ou service, pas {value!r}",
            )
        dossier["complaint_type"] = kind
    elif name == "channel":
        channel = channel_for(value)
        if channel is None:
            raise FieldError(
                f"#field {label}: {CHANNEL_CHOICES}; not {value!r}",
                nl=f"#veld {label}: {CHANNEL_CHOICES_NL}; niet {value!r}",
                de=f"#feld {label}: {LANGUAGES['de'].CHANNEL_CHOICES}; nicht {value!r}",
                fr=f"#champ {label}\u00a0: {LANGUAGES['fr'].CHANNEL_CHOICES}\u00a0; pas {value!r}",
            )
        dossier["channel"] = channel
    elif name in CUSTOMER_FIELDS:
        dossier["customer"][name] = value
    else:
        dossier["fields"][name] = value
    return name


# Where the customer's own words stop: a closing line, a signature delimiter, a device line.
_CLOSING = re.compile(
    rf"^\s*(?:-- ?$|{reading_alternatives('CLOSINGS')})",
    re.IGNORECASE,
)
_GREETING = re.compile(
    rf"^\s*(?:{reading_alternatives('GREETINGS')})\b[^.!?]{{0,60}}$",
    re.IGNORECASE,
)


def problem_excerpt(text: str, limit: int = 200, name: str = "") -> str:
    """The problem in a sentence or two: no greeting, no field lines, no signature, no quote.

    A mail signed with only the writer's `name` (no "regards" above it) ends at that name too.
    """
    signatures = {name.strip().lower(), name.strip().split(" ")[0].lower()} - {""}
    kept: list[str] = []
    for line in text.splitlines():
        if line.lstrip().startswith(">"):
            continue
        if _CLOSING.match(line) or (kept and line.strip().lower() in signatures):
            break
        if not kept and (not line.strip() or _GREETING.match(line)):
            continue
        match = _FIELD_LINE.match(line)
        if match and _LABEL_TO_FIELD.get(_label(match.group(1))):
            continue
        kept.append(line)
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(" ".join(kept).split()))
    excerpt = ""
    for sentence in sentences:
        if excerpt and len(excerpt) + 1 + len(sentence) > limit:
            break
        excerpt = f"{excerpt} {sentence}".strip()
    return shorten(excerpt, limit)


def _order(kind: str) -> tuple[str, ...]:
    main = PRODUCT_FIELDS if kind == "product" else SERVICE_FIELDS
    ordered = [f for f in main if f != "problem"]
    if "purchase_date" in ordered:
        ordered.insert(ordered.index("purchase_date") + 1, "purchase_time")
    others = PRODUCT_FIELDS + SERVICE_FIELDS + EXTRA_FIELDS
    return tuple(dict.fromkeys([*ordered, *others]))


def registered_rows(dossier: Dossier, language: str) -> list[tuple[str, str]]:
    """What was registered, as (label, value) in `language`, for the customer's copy.

    The problem is a short excerpt of the customer's own words: the whole mail is in the
    dossier, and sending it back, signature and all, tells the customer nothing new.
    """
    labels = LABELS[language] if language in LABELS else LABELS["en"]
    customer, fields = dossier["customer"], dossier["fields"]
    rows = [
        (labels[f], customer[f]) for f in ("name", "email", "phone", "address") if customer.get(f)
    ]
    rows.append((labels["channel"], word("channel", dossier.get("channel", "mail"), language)))
    kind = dossier.get("complaint_type", "product")
    rows.append((labels["complaint_type"], word("type", kind, language)))
    rows += [(labels[f], fields[f]) for f in _order(kind) if fields.get(f) and f != "problem"]
    rows += [(k.replace("_", " "), v) for k, v in fields.items() if k not in labels and v]
    excerpt = problem_excerpt(fields.get("problem", ""), name=customer.get("name") or "")
    if excerpt:
        rows.append((labels["problem"], excerpt))
    return rows

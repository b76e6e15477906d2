"""Product or service complaint, and what a service complaint is about; pure.

The split decides which minimum data the customer is asked for (SPEC §2): a complaint about a
rude salesperson, a parcel that never came, a long wait or a call never returned is about the
shop's service, and asking that customer for a serial number reads as not having listened.
"""

from __future__ import annotations

from inbox_agent.reading.folding import Folded, lowered
from inbox_agent.vocabulary.terms import LANGUAGES, reading_alternatives

# Each topic's words, in every language we read; a word counts once however often it is used.
_TOPIC_WORDS = {
    topic: "|".join(f"(?:{words.TOPIC_WORDS[topic]})" for words in LANGUAGES.values())
    for topic in ("staff", "delivery", "waiting", "communication", "service")
}
_PRODUCT_WORDS = reading_alternatives("PRODUCT_WORDS")
_TOPICS = {topic: Folded(rf"\b(?:{words})\b") for topic, words in _TOPIC_WORDS.items()}
_PRODUCT = Folded(rf"\b(?:{_PRODUCT_WORDS})\b")


def _hits(pattern: Folded, text: str, low: str | None) -> int:
    return len({match.group(0).lower() for match in pattern.finditer(text, low)})


def classify(text: str) -> tuple[str, str]:
    """("service", topic) or ("product", "") for a complaint's own words.

    Service words must outnumber product words: "de verkoper was onbeleefd" is about service,
    "de bezorgde fiets is kapot" is about the product. On a tie the product wins, as before.
    """
    own = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))
    low = lowered(own)
    counts = {topic: _hits(pattern, own, low) for topic, pattern in _TOPICS.items()}
    if sum(counts.values()) <= _hits(_PRODUCT, own, low):
        return "product", ""
    # Dict order breaks ties: staff before delivery before waiting, the generic word last.
    return "service", max(counts, key=lambda topic: counts[topic])

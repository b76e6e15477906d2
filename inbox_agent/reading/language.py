"""Which language a customer writes in, from their first mail; pure.

A stop-word scorer over the languages we have words for (`vocabulary`: each language's
`STOP_WORDS` and the `LETTERS` only it writes). First mails are short and mixed: an English
"Hi" above a Dutch complaint, "Kind regards" below a German one, a quoted order confirmation or
an English confidentiality footer under French text. So the greeting, the sign-off, what
follows it and quoted history are left out, and the paragraphs are read from the top: the first
ones that say clearly which language they are decide, as a person answering the mail would.
When nothing says so clearly, the shop's language is used.

Why not a library: `bench/language_detectors.py` scored py3langid, langdetect and lingua on the
same table (`tests/language_table.py`); this scorer read more of it right, costs no import time
or memory to speak of, and is one data module per language to extend.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice

from inbox_agent.reading.quotes import strip_reply
from inbox_agent.vocabulary.terms import LANGUAGES, reading_alternatives

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_STOP_WORDS = {code: frozenset(words.STOP_WORDS.split()) for code, words in LANGUAGES.items()}
_LETTERS = {code: frozenset(words.LETTERS) for code, words in LANGUAGES.items() if words.LETTERS}
_GREETING = re.compile(rf"^\s*(?:{reading_alternatives('GREETINGS')})\b[^.!?]{{0,60}}$", re.I)
_CLOSING = re.compile(rf"^\s*(?:-- ?$|{reading_alternatives('CLOSINGS')})", re.I)
# How sure a reading must be: this many hits for the leader, and this much ahead of the next.
_MINIMUM = 2
_LEAD = 1.5
_MAX_WORDS = 400


def counts(text: str) -> Counter[str]:
    """Per language, how many of the words of `text` are its stop words or use its letters."""
    found: Counter[str] = Counter()
    words = islice(_WORD.finditer(text.lower().replace("’", "'")), _MAX_WORDS)
    for word in (match.group(0) for match in words):
        for code, stop_words in _STOP_WORDS.items():
            if word in stop_words:
                found[code] += 1
        for code, letters in _LETTERS.items():
            if letters.intersection(word):
                found[code] += 1
    return found


def _clear(found: Counter[str]) -> str | None:
    ranked = found.most_common(2) + [("", 0), ("", 0)]
    (best, score), (_, second) = ranked[0], ranked[1]
    return best if score >= _MINIMUM and score >= _LEAD * second and score > second else None


def body_paragraphs(text: str) -> list[str]:
    """The customer's own paragraphs: no quoted history, greeting, sign-off or signature."""
    lines = [line for line in strip_reply(text).splitlines() if not line.lstrip().startswith(">")]
    kept: list[str] = []
    for line in lines:
        if _CLOSING.match(line):
            break
        if not any(k.strip() for k in kept) and _GREETING.match(line):
            continue
        kept.append(line)
    return [p.strip() for p in re.split(r"\n\s*\n", "\n".join(kept)) if p.strip()]


def detect_language(text: str, default: str, subject: str = "") -> str:
    """The language of the mail: the first paragraphs that say it clearly, else `default`.

    `subject` counts with the first paragraph. Greeting and sign-off only decide when the body
    says nothing ("Bonjour,\\n\\nGazelle X1\\n\\nCordialement").
    """
    found: Counter[str] = counts(subject)
    for paragraph in body_paragraphs(text):
        found += counts(paragraph)
        language = _clear(found)
        if language:
            return language
    return _clear(found + counts(text)) or default

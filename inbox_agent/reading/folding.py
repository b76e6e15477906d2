"""Case-insensitive word patterns read cheaply: over the text's lower case, case-sensitively; pure.

Python's IGNORECASE matching of a long word alternation costs three to four times the same
match over lower-case text (issue 25). The two give the same matches, at the same positions,
only when lower-casing changes nothing but the case, one character for one: not for 'İ'
(lower case is two characters), 'ſ' or 'ς' (IGNORECASE matches them to 's' and 'σ', lower()
leaves them), 'Σ' (its lower case depends on the letters around it). `lowered` vouches for a
text character by character and returns None for any other text; a `Folded` pattern then
reads the original with IGNORECASE, as before. `bench/same_readings.py` checks the readers
that use it against their old selves.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

try:  # the characters IGNORECASE matches beyond their case pair ('s' and 'ſ', 'σ' and 'ς')
    from re._casefix import _EXTRA_CASES as _EXTRA
except ImportError:  # pragma: no cover  (another Python: every non-ASCII text reads as before)
    _EXTRA = None

_SAFE: dict[str, bool] = {}
_CLASSES = (re.compile(r"\w"), re.compile(r"\d"), re.compile(r"\s"))


def _safe(char: str) -> bool:
    """Whether IGNORECASE treats `char` exactly as case-sensitive matching treats its lower case."""
    low = char.lower()
    upper = char.upper()
    return (
        _EXTRA is not None
        and len(low) == 1
        and ord(low) not in _EXTRA
        and ord(char) not in _EXTRA
        and len(upper) == 1
        and char != "\u03a3"
        and upper.lower() == low
        and re.fullmatch(re.escape(low), char, re.IGNORECASE) is not None
        and all(bool(c.match(char)) == bool(c.match(low)) for c in _CLASSES)
        and all(
            bool(re.fullmatch(a, char, re.IGNORECASE)) == (low == a) for a in string.ascii_lowercase
        )
    )


def lowered(text: str) -> str | None:
    """`text.lower()` when every `Folded` pattern reads it as it reads `text`; else None."""
    if not text.isascii():
        for char in set(text):
            if char.isascii():
                continue
            safe = _SAFE.get(char)
            if safe is None:
                safe = _SAFE[char] = _safe(char)
            if not safe:
                return None
    return text.lower()


_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]|\(\?P")


def _lower_source(source: str) -> str | None:
    """The pattern in lower case, escapes kept; None when that would change what it matches."""
    if _FLAGS.search(source):
        return None
    out: list[str] = []
    escaped = False
    for char in source:
        if escaped:
            out.append(char)
            escaped = False
            continue
        escaped = char == "\\"
        if not char.isascii() and (char.lower() != char or not _safe(char)):
            return None
        out.append(char.lower())
    return "".join(out)


class Folded:
    """A case-insensitive pattern; given a text's `lowered` form, it matches that instead.

    Matches found in the lowered text have the original's positions; read their words from
    the original text by `span()` when the case matters.
    """

    def __init__(self, source: str) -> None:
        self.pattern = re.compile(source, re.IGNORECASE)
        lower = _lower_source(source)
        self.lower = re.compile(lower) if lower is not None else None

    def _pick(self, text: str, low: str | None) -> tuple[re.Pattern[str], str]:
        if low is not None and self.lower is not None:
            return self.lower, low
        return self.pattern, text

    def finditer(self, text: str, low: str | None) -> Iterator[re.Match[str]]:
        pattern, target = self._pick(text, low)
        return pattern.finditer(target)

    def search(self, text: str, low: str | None, pos: int = 0) -> re.Match[str] | None:
        pattern, target = self._pick(text, low)
        return pattern.search(target, pos)


_EDGES = re.compile(r"(?<!\\)[$^]|\\[AZ]")


def without_lookarounds(source: str) -> str | None:
    """`source` without its lookahead and lookbehind groups: it matches wherever `source` does
    (and more), in any piece of a text where the piece's edges fall between words; None when
    the pattern reads a text's edges (``^``, ``$``), so that a piece's match is not the text's.
    """
    if _EDGES.search(source):
        return None
    out: list[str] = []
    depth = 0  # inside a lookaround: the depth of parentheses still open
    index, in_class = 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            if not depth:
                out.append(source[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if source.startswith(("[]", "[^]"), index):  # a ']' first in a class is a member
                step = 2 if source[index + 1] == "]" else 3
                if not depth:
                    out.append(source[index : index + step])
                index += step
                continue
        elif depth:
            depth += {"(": 1, ")": -1}.get(char, 0)
            index += 1
            continue
        elif source.startswith(("(?=", "(?!", "(?<=", "(?<!"), index):
            depth = 1
            index += 3 if source[index + 2] in "=!" else 4
            continue
        if not depth:
            out.append(char)
        index += 1
    return "".join(out)

"""Our own texts recognised inside a reply by their words, however the reply quotes them; pure.

A reply quotes the mail it answers, and that mail is one of ours: its text is known. A line of
the reply is ours when every word on it belongs to a run of SHINGLE words that also occurs in
one of our texts. Only words count (letters and digits, case-folded, after HTML entities are
decoded), so quote marks of any kind, re-wrapped lines, bold markup, non-breaking spaces and an
HTML conversion that joins a paragraph into one line change nothing. The words are hashed in
runs of SHINGLE, so the cost is linear in the length of the reply and of our texts: a 20 KB
reply against a 40-line notification is a few thousand set lookups.

A copy is a stretch of our lines (blank and wordless lines between them allowed) with at least
MIN_WORDS words, or all the words of a shorter text of ours: a closing such as "Met vriendelijke
groet," that the writer and we both use is too short to be taken for a quote.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

SHINGLE = 4
MIN_WORDS = 12
_WORD = re.compile(r"\w+")
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")  # tracking, soft hyphens


def words(line: str) -> list[str]:
    """The words of a line as compared: entities decoded, invisible characters gone, case-folded."""
    if "&" in line:
        line = html.unescape(line)
    if not line.isascii():
        line = INVISIBLE.sub("", line)
    return _WORD.findall(line.casefold())


@dataclass(frozen=True)
class Ours:
    """The word runs of our texts, ready to be looked up."""

    shingles: frozenset[int]
    least: int = MIN_WORDS  # words a copy needs: fewer when one of our texts is that short
    shortest: int = 0  # the words of our shortest text

    @classmethod
    def of(cls, texts: Sequence[str]) -> Ours:
        runs: set[int] = set()
        least, lengths = MIN_WORDS, []
        for text in texts:
            stream = words(text)
            if len(stream) >= SHINGLE:
                least = min(least, len(stream))
                lengths.append(len(stream))
            runs.update(
                hash(tuple(stream[i : i + SHINGLE])) for i in range(len(stream) - SHINGLE + 1)
            )
        return cls(frozenset(runs), least, min(lengths, default=0))

    def __bool__(self) -> bool:
        return bool(self.shingles)


def our_lines(lines: Sequence[str], ours: Ours) -> list[bool | None]:
    """Per line: True when all its words are ours, False when some are not, None without words."""
    return _marks(lines, ours)[0]


def _marks(lines: Sequence[str], ours: Ours) -> tuple[list[bool | None], list[int]]:
    """our_lines, and the number of words on each line."""
    stream: list[str] = []
    owner: list[int] = []  # the line each word of the stream is on
    for index, line in enumerate(lines):
        found = words(line)
        stream += found
        owner += [index] * len(found)
    covered = [False] * len(stream)
    for start in range(len(stream) - SHINGLE + 1):
        if hash(tuple(stream[start : start + SHINGLE])) in ours.shingles:
            for i in range(start, start + SHINGLE):
                covered[i] = True
    marks: list[bool | None] = [None] * len(lines)
    counts = [0] * len(lines)
    for i, line_index in enumerate(owner):
        counts[line_index] += 1
        marks[line_index] = (
            covered[i] if marks[line_index] is None else marks[line_index] and covered[i]
        )
    return marks, counts


def copies(lines: Sequence[str], ours: Ours) -> list[tuple[int, int]]:
    """The stretches [start, end) of the reply that are a copy of our text, top to bottom."""
    if not ours:
        return []
    marks, counts = _marks(lines, ours)
    found: list[tuple[int, int]] = []
    start: int | None = None
    count = 0
    last = 0
    for index, mark in enumerate([*marks, False]):
        if mark is True:
            if start is None:
                start, count = index, 0
            count += counts[index]
            last = index
        elif mark is False and start is not None:
            if count >= ours.least:
                found.append((start, last + 1))
            start = None
    return found

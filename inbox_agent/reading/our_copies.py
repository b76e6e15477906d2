"""Copies of our own mail in a reply marked as quotes, the header above the first replaced; pure.

reading/ours.py says which lines are ours; this module decides which stretches of them are a
copy of our mail (not a sentence the writer pasted into their own text) and finds the header or
attribution above a copy, in any form or language, so that quotes.py cuts both by its shape
rules: the copy's lines get `>`, the header becomes one attribution line they recognise.
"""

from __future__ import annotations

import html
import re

from inbox_agent.reading.ours import Ours, words
from inbox_agent.reading.quote_patterns import (
    ATTRIBUTION,
    ATTRIBUTION_START,
    DATE,
    DIVIDER,
    EMAIL,
    FIELD,
    FRENCH_BLOCK,
    FROM,
    LOOSE_ATTRIBUTION,
    QUOTED,
    RULE,
    TIME,
)

# What stands for the header or attribution above a copy of our own text once it is recognised:
# a line the shape rules of quotes.py read as an attribution, so they cut the copy as a quote.
OUR_ATTRIBUTION = "On our mail, we wrote:"
# Quote marks of any kind, or an indentation, at the start of a line.
PREFIX = re.compile(r"^\s*(?:[>|»]\s?)+|^\s+")


def is_copy(lines: list[str], span: tuple[int, int], known: Ours) -> bool:
    """A stretch of our words is a copy of our mail when it is quoted, when a header stands above
    it, or when it is at least half of our mail: not when the writer pasted a sentence of it
    ("U schreef: ...") into their own text."""
    start, end = span
    texts = [line for line in lines[start:end] if words(line)]
    quoted = sum(bool(QUOTED.match(line) or PREFIX.match(line)) for line in texts)
    if 2 * quoted >= len(texts):
        return True
    if 2 * sum(len(words(line)) for line in texts) >= known.shortest:
        return True
    return header_above(lines, start, strict=True) < start


def marked(lines: list[str], spans: list[tuple[int, int]]) -> list[str]:
    """Copies of our text marked with `>`, whatever quoted them, and the header block above the
    first replaced by one attribution line; lines typed into a copy stay the writer's."""
    out = list(lines)
    for start, end in spans:
        for index in range(start, end):
            rest = PREFIX.sub("", lines[index], count=1)
            out[index] = f"> {rest}" if rest.strip() else ">"
    start = spans[0][0]
    head = header_above(lines, start)
    return [*out[:head], OUR_ATTRIBUTION, *out[start:]]


def header_above(lines: list[str], start: int, strict: bool = False) -> int:
    """Where the header or attribution right above line `start` begins (`start` if none);
    `strict`: a line's colon at its end is not enough to call it a header.

    Any form or language, directly above the copy (blank lines only between them or under a
    rule): a block of header fields ("Von:", "**De :**", "Message du") up to the rule or divider
    above it, or an attribution of one or two lines (wrapped) with an address, a time and date,
    or a colon at its end. A command or a sentence of the writer's above it is not part of it.
    """
    index = start
    while index > 0 and not words(lines[index - 1]) and not _rule(lines[index - 1]):
        index -= 1
    top = index
    fields = loose = 0
    while index > 0:
        line = lines[index - 1]
        if _rule(line):
            index -= 1
            break  # a rule or divider opens the header block
        if _field(line) and not loose:
            fields += 1
        elif _blank_under_rule(lines, index - 1) and fields:
            pass
        elif not fields and _attribution_part(lines, index - 1, loose):
            loose += 1
        else:
            break
        index -= 1
    if index == top:
        return start
    block = lines[index:top]
    strong = any(
        _rule(line)
        or EMAIL.search(line)
        or (_plain(line).endswith(":") and not strict)
        or _field(line)
        or ATTRIBUTION.match(_plain(line))
        or (TIME.search(line) and DATE.search(line))
        for line in block
    )
    return index if strong else start


def _attribution_part(lines: list[str], index: int, below: int) -> bool:
    """Line `index` is an attribution's (first) line: alone, or wrapped above its second line."""
    plain = _plain(lines[index])
    if not _headerish(lines[index]) or plain.startswith("#"):
        return False
    if below == 0:
        return True
    lower = _plain(lines[index + 1])
    return (
        below == 1
        and not ATTRIBUTION_START.match(lower)
        and not re.search(r"[.!?:]$", plain)
        and bool(
            ATTRIBUTION.match(f"{plain} {lower}") or LOOSE_ATTRIBUTION.match(f"{plain} {lower}")
        )
    )


def _blank_under_rule(lines: list[str], index: int) -> bool:
    return not lines[index].strip() and index > 0 and _rule(lines[index - 1])


def _plain(line: str) -> str:
    """A line as a header reads: entities decoded, quote marks and bold markup left out."""
    return PREFIX.sub("", html.unescape(line)).replace("**", "").strip().strip("*").strip()


def _rule(line: str) -> bool:
    plain = _plain(line)
    return bool(RULE.match(plain) or DIVIDER.match(plain) or re.match(r"^(-{3,}|_{5,})", plain))


def _field(line: str) -> bool:
    plain = _plain(line)
    return bool(FROM.match(plain) or FIELD.match(plain) or FRENCH_BLOCK.match(plain))


def _headerish(line: str) -> bool:
    plain = _plain(line)
    if not plain or len(plain) > 300:
        return False
    return bool(
        _rule(line)
        or _field(line)
        or ATTRIBUTION.match(plain)
        or LOOSE_ATTRIBUTION.match(plain)
        or EMAIL.search(plain)
        or plain.endswith(":")
        or (TIME.search(plain) and DATE.search(plain))
    )

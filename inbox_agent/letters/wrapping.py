"""Text wrapped as textwrap wraps it, without textwrap's chunk-by-chunk loop; pure.

The owner's mail is wrapped for a phone and the acknowledgement's registered rows for a letter;
textwrap's loop over every word and space was a fifth of a new complaint's letters.
`tests/test_phone_text.py` and `tests/test_compose.py` hold this equal to textwrap.
"""

from __future__ import annotations

import re
import textwrap

# Whitespace other than the plain space: textwrap treats it in ways of its own (tabs expanded,
# a lone no-break space dropped at a line's end), so a line holding any goes to textwrap.
ODD_SPACE = re.compile(r"[^\S ]")
_SPACES = re.compile(" *")


def wrap(line: str, width: int, follow: str = "") -> list[str]:
    """textwrap.wrap(line, width, subsequent_indent=follow, break_long_words=False,
    break_on_hyphens=False), line for line.

    With spaces as the only whitespace, textwrap's greedy fill ends each line at the last
    boundary between a word and a run of spaces that fits, drops a run of spaces at either end
    of a line (not before the first line), and puts a word too long for any line on its own.
    """
    room_after = width - len(follow)
    if room_after < 1 or ODD_SPACE.search(line):
        return textwrap.wrap(
            line,
            width,
            subsequent_indent=follow,
            break_long_words=False,
            break_on_hyphens=False,
        )
    out: list[str] = []
    pos, size = 0, len(line)
    while pos < size:
        indent, room = (follow, room_after) if out else ("", width)
        if out and line[pos] == " ":
            pos = _SPACES.match(line, pos).end()  # type: ignore[union-attr]
            if pos == size:
                break
        end = pos + room
        if end >= size:
            end = size
        elif line[end] == " ":  # the run of spaces `end` is in starts at the boundary
            while end and line[end - 1] == " ":
                end -= 1
        else:  # the word `end` is in starts after the last space before it
            end = line.rfind(" ", pos, end) + 1
        if end <= pos:  # the chunk at `pos` is longer than a line: it goes on one alone
            if line[pos] == " ":
                end = _SPACES.match(line, pos).end()  # type: ignore[union-attr]
            else:
                end = line.find(" ", pos)
                end = size if end < 0 else end
        kept = line[pos:end].rstrip(" ")
        if kept:
            out.append(indent + kept)
        pos = end
    return out

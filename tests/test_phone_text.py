"""The owner's mail wrapped for a phone: line for line what textwrap makes, faster."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inbox_agent.letters.owner import PHONE_WIDTH, phone_text
from inbox_agent.letters.wrapping import wrap

# Words of all lengths (some longer than a line), runs of spaces, and the odd whitespace that
# textwrap treats in ways of its own (tabs, a no-break space, a thin space).
_piece = st.one_of(
    st.text(alphabet="abcdé-'’,.>", min_size=1, max_size=12),
    st.text(alphabet="x", min_size=60, max_size=120),
    st.text(alphabet=" ", min_size=1, max_size=6),
    st.sampled_from(["\t", "\u00a0", " \u00a0 ", "\u2009", "-", "--"]),
)
_line = st.lists(_piece, max_size=40).map("".join)
_follow = st.one_of(st.sampled_from(["", "  ", "> ", ">> ", " " * 30]), st.text(" >", max_size=8))


def _textwrap(line: str, follow: str) -> list[str]:
    return textwrap.wrap(
        line,
        PHONE_WIDTH,
        initial_indent="",
        subsequent_indent=follow,
        break_long_words=False,
        break_on_hyphens=False,
    )


@settings(max_examples=3000, deadline=None)
@given(_line, _follow)
def test_wrapped_is_textwrap(line: str, follow: str) -> None:
    assert wrap(line, PHONE_WIDTH, follow) == _textwrap(line, follow)


@pytest.mark.parametrize(
    "line",
    [
        " " * 100,
        "   " + "x" * 90 + " tail",
        "word " * 30,
        "  > quoted " + "long " * 20,
        "x" * 78 + " " + "y" * 78,
        "a" * 77 + "  b",
        "a" * 78 + "  b",
        "a" * 79,
    ],
)
def test_wrapped_edges(line: str) -> None:
    for follow in ("", "    ", " " * 77, " " * 78, " " * 90):
        assert wrap(line, PHONE_WIDTH, follow) == _textwrap(line, follow)


def test_phone_text_wraps_long_lines_only() -> None:
    text = (
        "short\n" + "word " * 40 + "\n  #cmd   explains " + "more " * 20 + "\nhttps://x/" + "y" * 90
    )
    lines = phone_text(text).splitlines()
    assert lines[0] == "short"
    assert all(len(line) <= PHONE_WIDTH for line in lines[:-1])
    assert lines[-1].startswith("https://")  # a link is never cut
    assert any(line.startswith(" " * len("  #cmd   ")) for line in lines)

"""Measure the phone readers on tests/phone_table.py: the hand-written one and phonenumberslite.

    .venv/bin/python bench/phone_readers.py

A number counts as found when the digits of what the reader returns are the digits of what the
customer wrote; anything found in a sentence without a phone number is a false find.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))

from phone_table import PHONES  # noqa: E402

from inbox_agent.reading import freetext  # noqa: E402


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


# The hand-written reader of reading/freetext.py up to 0.x (issue 24), kept here to compare.
_PHONE = re.compile(
    r"(?<![\w+])(\+\d{2}[\s-]?(?:\(0\))?[\s-]?\d(?:[\s-]?\d){7,10}|"
    r"0\d{1,3}[\s-]?\d(?:[\s-]?\d){5,8})(?!\w)"
)
_LOOKS_LIKE_DATE = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")


def handwritten(text: str, region: str) -> str:
    for match in _PHONE.finditer(text):
        if not _LOOKS_LIKE_DATE.match(match.group(1).strip()):
            return match.group(1).strip()
    return ""


def library(text: str, region: str) -> str:
    """What the agent uses now: phonenumberslite's matcher in the shop's country."""
    return freetext.phone(text, region)


def measure(reader: Callable[[str, str], str]) -> tuple[int, int, int, int, list[str]]:
    found = wrong = missed = false = 0
    misses: list[str] = []
    for region, text, expected in PHONES:
        got = reader(text, region)
        if expected:
            if got and digits(got) == digits(expected):
                found += 1
            elif got:
                wrong += 1
                misses.append(f"  wrong {got!r} in {text!r}")
            else:
                missed += 1
                misses.append(f"  missed {text!r}")
        elif got:
            false += 1
            misses.append(f"  false {got!r} in {text!r}")
    return found, wrong, missed, false, misses


if __name__ == "__main__":
    numbers = sum(1 for row in PHONES if row[2])
    for name, reader in (("hand-written", handwritten), ("phonenumberslite", library)):
        found, wrong, missed, false, misses = measure(reader)
        print(
            f"{name}: {found}/{numbers} found, {wrong} wrong, {missed} missed, "
            f"{false}/{len(PHONES) - numbers} false finds"
        )
        print("\n".join(misses))

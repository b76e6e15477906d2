"""Cutting quotes from long replies, with and without our own text: `python bench/quotes.py`.

Issue 23 asks for no quadratic blowup on 20 KB mails (issue 25's CPU budget): the time per
reply is printed for replies of 5, 20 and 80 KB, each a copy of our notification under a long
owner text, quoted in three ways; doubling the size should about double the time.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from inbox_agent.reading.quotes import strip_reply  # noqa: E402

NOTE = Path(__file__).resolve().parent.parent / "tests/corpus/owner_replies"


def reply(size: int, style: str) -> tuple[str, list[str]]:
    note = (NOTE / "defr_gmail_wrapped_de_nl.ours.txt").read_text(encoding="utf-8")
    paragraph = "Wir haben die Speiche geprüft, und sie wird am Samstag getauscht.\n" * 6
    text = ""
    while len(text) < size:
        text += paragraph + "\n\n"
    if style == "quoted":
        copy = "\n".join(f"> {line}" for line in note.splitlines())
        return f"{text}\nAm 24.11.2026 um 10:00 schrieb Laden <l@x.de>:\n{copy}\n", [note]
    if style == "unmarked":
        return f"{text}\nVon: Laden <l@x.de>\nGesendet: Dienstag\n\n{note}\n", [note]
    # inline: answers typed between every line of a long quoted history
    lines = [
        f"> {line}\n{paragraph[:40].strip()}"
        for line in (note * (size // len(note) + 1)).splitlines()
    ]
    return "\n".join(lines), [note]


def main() -> int:
    for style in ("quoted", "unmarked", "inline"):
        for size in (5_000, 20_000, 80_000):
            text, ours = reply(size, style)
            for label, given in (("shape", []), ("ours", ours)):
                rounds = 20
                start = time.process_time()
                for _ in range(rounds):
                    strip_reply(text, given)
                each = (time.process_time() - start) / rounds
                print(f"{style:9} {len(text) / 1000:5.0f} KB {label:5} {each * 1000:7.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

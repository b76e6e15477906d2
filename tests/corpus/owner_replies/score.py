"""Share of the owner-reply corpus relayed exactly: `python tests/corpus/owner_replies/score.py [-v] [--shape-only]`.

The share is given for the whole corpus and for its parts: the held-back cases (held_back.txt,
never tuned on) and the rest (the tuned part).

Each case is NAME.eml (a whole mail, read as the agent reads it) or NAME.in.txt (the text of a
mail), with NAME.out.txt holding exactly what must reach the customer.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from inbox_agent.mail.parsing import parse
from inbox_agent.reading.quotes import strip_reply

HERE = Path(__file__).parent


def cases() -> list[Path]:
    return sorted(p for p in HERE.iterdir() if p.name.endswith((".eml", ".in.txt")))


def name(case: Path) -> str:
    return case.name.removesuffix(".eml").removesuffix(".in.txt")


def ours(case: Path) -> list[str]:
    """The mail the reply answers, when the case keeps it (NAME.ours.txt)."""
    kept = HERE / f"{name(case)}.ours.txt"
    if "--shape-only" in sys.argv or not kept.exists():
        return []  # --shape-only: what the shape rules alone relay
    return [kept.read_text(encoding="utf-8")]


def relayed(case: Path) -> str:
    if case.suffix == ".eml":
        return strip_reply(parse(case.read_bytes()).text, ours(case))
    return strip_reply(case.read_text(encoding="utf-8"), ours(case))


def expected(case: Path) -> str:
    return (HERE / f"{name(case)}.out.txt").read_text(encoding="utf-8").removesuffix("\n")


def held_back() -> set[str]:
    lines = (HERE / "held_back.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def main() -> int:
    wrong = [c for c in cases() if relayed(c) != expected(c)]
    total = len(cases())
    held = held_back()
    parts = {
        "held back": [c for c in cases() if name(c) in held],
        "tuned": [c for c in cases() if name(c) not in held],
        "de/fr (issue 23)": [c for c in cases() if name(c).startswith("defr_")],
        "ours (issue 23)": [c for c in cases() if name(c).startswith("ours_")],
        "fresh (issue 23)": [c for c in cases() if name(c).startswith("fresh_")],
    }
    for part, in_part in parts.items():
        right = sum(c not in wrong for c in in_part)
        print(f"{part}: {right}/{len(in_part)} ({right / len(in_part):.1%})")
    for case in wrong:
        print(f"--- {name(case)}")
        if "-v" in sys.argv:
            diff = difflib.unified_diff(
                expected(case).splitlines(),
                relayed(case).splitlines(),
                "expected",
                "relayed",
                lineterm="",
            )
            print("\n".join(diff))
    print(f"{total - len(wrong)}/{total} relayed exactly ({(total - len(wrong)) / total:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The registration readers of two trees read the same: every result compared, and their CPU.

    .venv/bin/python bench/same_readings.py [--before e8a4ee2] [--mails 1500] [--rounds 5]

The corpus: `--mails` complaint mails of `bench/complaint_mails.py` for each of three seeds,
parsed as the agent parses them (`inbox_agent.mail.parsing`, this tree's), the mails of
tests/corpus, and every string literal of tests/ (the tables of subjects, bodies, sentences
and fields that feed the readers, and whatever else is written there), each also in upper case
and with letters that case-fold to ASCII only under IGNORECASE (Kelvin sign, long s, dotted
capital I) mixed in, so that a reader that changed how it ignores case shows it.

Every reader that registration and the pipeline call (`detect_language`, `extract_fields`,
`classify_complaint`, `read_feelings`, the free-text finders, `problem_excerpt`, ...) is run
over the corpus by the tree at git revision `--before` (exported to a temp dir) and by this
tree, each in a subprocess of its own, so the two packages never mix. Any difference: exit 1
with the first ones shown. Then the CPU per complaint of what `open_dossier` reads (language,
fields, product/service and topic, feelings) over the first 1,000 mails of seed 25 (the mails
of bench/cpu.py): `time.process_time`, the median of `--rounds` alternated rounds, a fresh
process per round, measured after a warm-up of 20 mails.
"""

from __future__ import annotations

import argparse
import ast
import os
import pickle
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (25, 7, 11)
TIMED_MAILS = 1000
# Letters that IGNORECASE matches to ASCII but .lower() does not turn into ASCII.
TRICKY = {"k": "\u212a", "s": "\u017f", "i": "\u0130", "K": "\u212a", "S": "\u017f"}

Item = tuple[str, str, str]  # (subject, body, sender's name)


def corpus(mails: int) -> tuple[list[Item], list[Item]]:
    """(every text to compare, the mails to time): parsed here, with this tree's parser."""
    sys.path.insert(0, str(ROOT / "bench"))
    from complaint_mails import complaint_mails

    from inbox_agent.mail.parsing import parse

    def read(raw: bytes) -> Item:
        mail = parse(raw)
        return (mail.subject, mail.text, mail.from_name)

    to = "klachten@shop.example.nl"
    items = [read(raw) for seed in SEEDS for raw in complaint_mails(mails, to, seed)]
    timed = [read(raw) for raw in complaint_mails(TIMED_MAILS, to, SEEDS[0])]
    for path in sorted((ROOT / "tests" / "corpus").glob("*.eml")):
        mail = parse(path.read_bytes())
        items.append((mail.subject, mail.text, mail.from_name))
    literals = sorted(_test_strings())
    items += [("", text, "") for text in literals]
    # Variants: upper case, and letters that only IGNORECASE folds to ASCII.
    for subject, body, name in items[: 3 * 300] + items[-len(literals) :]:
        items.append((subject.upper(), body.upper(), name))
        items.append((_tricky(subject), _tricky(body), name))
    return items, timed


def _tricky(text: str) -> str:
    return "".join(TRICKY.get(c, c) if i % 3 == 0 else c for i, c in enumerate(text))


def _test_strings() -> set[str]:
    """Every string literal of 8 characters or more in tests/ (the readers' tables among them)."""
    found: set[str] = set()
    for path in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return {text for text in found if len(text) >= 8}


# -- in the worker process: only the tree under test is importable ----------------------------


def readings(items: list[Item]) -> list[Any]:
    from inbox_agent.dossier import registration
    from inbox_agent.reading import freetext, language, topics
    from inbox_agent.reading.feelings import read_feelings
    from inbox_agent.reading.quotes import strip_reply

    out: list[Any] = []
    for subject, body, name in items:
        whole = f"{subject}\n{body}"
        lang_nl = registration.detect_language(whole, "nl")
        lang_en = registration.detect_language(whole, "en")
        fields = registration.extract_fields(body, "NL", lang_nl)
        followup = strip_reply(body) or body
        row: list[Any] = [
            lang_nl,
            lang_en,
            fields,
            registration.extract_fields(body, "BE", "fr"),
            registration.extract_fields(followup, "DE", ""),
            registration.classify_complaint(dict(fields), whole),
            registration.classify_complaint({}, body),
            topics.classify(body),
            read_feelings(body, subject),
            read_feelings(body),
            registration.problem_excerpt(body.strip()[:2000], name=name),
            language.counts(body),
            language.body_paragraphs(body),
            freetext.clock_time(body),
            freetext.solution_kind(body),
            freetext.solution_kind(fields.get("requested_solution", "")),
            freetext.requested_solution(body),
            [finder(body) for _, finder in freetext.FREE_TEXT],
            [freetext.solution_kind(line) for line in body.splitlines()[:60]],
        ]
        out.append(row)
    return out


def timings(items: list[Item]) -> dict[str, float]:
    """CPU seconds per reader over `items`, as `open_dossier` calls them."""
    from inbox_agent.dossier import registration
    from inbox_agent.reading.feelings import read_feelings

    spent = dict.fromkeys(("detect_language", "extract_fields", "classify", "feelings"), 0.0)
    clock = time.process_time
    for subject, body, _ in items:
        whole = f"{subject}\n{body}"
        t0 = clock()
        language = registration.detect_language(whole, "nl")
        t1 = clock()
        fields = registration.extract_fields(body, "NL", language)
        t2 = clock()
        registration.classify_complaint(fields, whole)
        t3 = clock()
        read_feelings(body, subject)
        t4 = clock()
        spent["detect_language"] += t1 - t0
        spent["extract_fields"] += t2 - t1
        spent["classify"] += t3 - t2
        spent["feelings"] += t4 - t3
    return spent


def worker(tree: str, mode: str, data: str, result: str) -> None:
    sys.path.insert(0, tree)
    import inbox_agent

    assert inbox_agent.__file__.startswith(tree), (inbox_agent.__file__, tree)
    items = pickle.loads(Path(data).read_bytes())
    if mode == "read":
        answer: Any = readings(items)
    else:
        timings(items[:20])  # lazy imports and compiled patterns are not the per-mail cost
        answer = timings(items)
    Path(result).write_bytes(pickle.dumps(answer))


# -- in the main process ----------------------------------------------------------------------


def _run(tree: Path, mode: str, data: Path, tmp: Path) -> Any:
    result = tmp / f"result-{os.getpid()}-{time.monotonic_ns()}.pickle"
    env = {**os.environ, "PYTHONPATH": ""}
    here = Path(__file__).resolve()
    subprocess.run(
        [sys.executable, "-I", str(here), "--worker", str(tree), mode, str(data), str(result)],
        check=True,
        env=env,
        cwd=tmp,
    )
    return pickle.loads(result.read_bytes())


def _export(revision: str, into: Path) -> Path:
    """The package of `revision`, written out with `git archive` (no worktree left behind)."""
    tar = into / "before.tar"
    with tar.open("wb") as out:
        subprocess.run(
            ["git", "-C", str(ROOT), "archive", revision, "inbox_agent"], check=True, stdout=out
        )
    tree = into / "before"
    with tarfile.open(tar) as archive:
        archive.extractall(tree, filter="data")
    return tree


def _describe(item: Item) -> str:
    subject, body, _ = item
    return f"subject {subject[:60]!r}, body {body[:100]!r}…"


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(*sys.argv[2:6])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="e8a4ee2", help="git revision to compare with")
    parser.add_argument("--mails", type=int, default=1500, help="complaint mails per seed")
    parser.add_argument("--rounds", type=int, default=5, help="alternated timing rounds")
    parser.add_argument("--now", type=Path, default=ROOT, help="the tree to check (this one)")
    parser.add_argument("--show", type=int, default=5, help="differences to show")
    args = parser.parse_args()
    items, timed = corpus(args.mails)
    with tempfile.TemporaryDirectory(prefix="same-readings-") as name:
        tmp = Path(name)
        before = _export(args.before, tmp)
        data, timed_data = tmp / "items.pickle", tmp / "timed.pickle"
        data.write_bytes(pickle.dumps(items))
        timed_data.write_bytes(pickle.dumps(timed))
        old, new = _run(before, "read", data, tmp), _run(args.now, "read", data, tmp)
        readers = 19  # the row of `readings`
        differences = [
            (i, k)
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for k in range(readers)
            if a[k] != b[k]
        ]
        print(
            f"{len(items)} texts ({len(timed)} timed mails), {readers} readings each: "
            f"{len(differences)} differences ({args.before} vs this tree)"
        )
        for i, k in differences[: args.show]:
            print(
                f"  reading {k} of {_describe(items[i])}\n    before {old[i][k]!r}\n    now    {new[i][k]!r}"
            )
        spent: dict[str, dict[str, list[float]]] = {"before": {}, "now": {}}
        for _ in range(args.rounds):
            for label, tree in (("before", before), ("now", args.now)):
                for reader, seconds in _run(tree, "time", timed_data, tmp).items():
                    spent[label].setdefault(reader, []).append(seconds)
        print(f"CPU ms per complaint, median of {args.rounds} alternated rounds:")
        print(f"  {'reader':16} {'before':>8} {'now':>8}")
        totals = {"before": 0.0, "now": 0.0}
        for reader in spent["before"]:
            row = []
            for label in ("before", "now"):
                ms = statistics.median(spent[label][reader]) / len(timed) * 1000
                totals[label] += ms
                row.append(ms)
            print(f"  {reader:16} {row[0]:8.3f} {row[1]:8.3f}")
        print(f"  {'total':16} {totals['before']:8.3f} {totals['now']:8.3f}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())

"""CPU per complaint of the store, the archive, the outbox bookkeeping and the parse, paired with
a revision, and the store file and archive of both compared byte for byte.

The agent's reading without servers (as bench/store_scaling.py does it): N complaints from
bench/complaint_mails.py through `Reading.accept`, a commit every 100 mails (a fetched chunk),
then every pending outbox entry recorded as sent (the results a sender reports), as many
times as a real first run does. Each part is the main thread's CPU (time.thread_time) inside
the calls that make it, exclusive of the other parts' calls inside it; the writer threads'
CPU (archive, sent log) is the process's CPU minus the main thread's. Each variant runs in a
process of its own with only its own package on sys.path (REV from a temporary git worktree),
variants alternate per round, medians count.

    python bench/store_cpu.py --mails 1000 --rounds 3 --before e8a4ee2

Exit 1 when the two variants' store files or archives differ after dates and Message-IDs are
normalised (the same normalisation as .ci/same-demo).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

HERE = Path(__file__).resolve().parent
SHOP = "klachten@ketting.nl"
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
CHUNK = 100

# What each part is made of: (module, class or None, function names). A name a revision lacks
# is skipped; a call inside another part's call counts for the inner part only.
PARTS: dict[str, list[tuple[str, str | None, tuple[str, ...]]]] = {
    "parse": [("inbox_agent.mail.parsing", None, ("parse",))],
    "store updates": [
        (
            "inbox_agent.store.store",
            "Store",
            (
                "put_dossier",
                "add_outgoing",
                "mark_seen",
                "update_outgoing",
                "record_sent",
                "add_quarantine",
                "next_number",
                "set_meta_value",
                "set_mailbox_state",
                "dossier",
            ),
        )
    ],
    "store commits": [("inbox_agent.store.store", "Store", ("commit", "write_sent"))],
    "archive": [
        (
            "inbox_agent.store.archive",
            "Archive",
            ("incoming", "outgoing", "write", "flush", "hand_over"),
        )
    ],
    "outbox bookkeeping": [
        (
            "inbox_agent.run.outbox",
            None,
            ("new_entry", "after_success", "is_due", "auto_mail_counts"),
        ),
        (
            "inbox_agent.run.sending",
            "Sending",
            ("queue", "dispatch", "take_results", "_record", "_apply_results", "_write_sent"),
        ),
    ],
    # Not ours, timed so that it is not counted in the outbox bookkeeping that calls it.
    "outbox reads": [("inbox_agent.store.store", "Store", ("outbox_entries",))],
    "MIME bytes (not ours)": [("inbox_agent.letters.compose", None, ("to_bytes",))],
}

_VOLATILE = [
    (re.compile(r"<[^<>@\s]+@([^<>\s]+)>"), r"<ID@\1>"),
    (re.compile(r"(?<![0-9a-zA-Z])(?=[a-f]*[0-9])[0-9a-f]{8,}(?![0-9a-zA-Z])"), "HEX"),
    (re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)?"), "ISO"),
    (re.compile(r"\b\d{1,2}:\d{2}(:\d{2})?\b"), "HH:MM"),
    (re.compile(r"\b\d{5,}\b"), "N"),
]
# Our Message-IDs in file names (archive/out/...) and the base64 of a mail's body.
_NAME = re.compile(r"[A-Za-z0-9._-]{16,}")


def normalise(text: str) -> str:
    for pattern, replacement in _VOLATILE:
        text = pattern.sub(replacement, text)
    return text


class Timer:
    """Exclusive main-thread CPU per part."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.stack: list[list[float]] = []  # [start, time of nested timed calls]
        self.main = threading.get_ident()

    def wrap(self, part: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if threading.get_ident() != self.main:
                return function(*args, **kwargs)
            frame = [time.thread_time(), 0.0]
            self.stack.append(frame)
            try:
                return function(*args, **kwargs)
            finally:
                self.stack.pop()
                elapsed = time.thread_time() - frame[0]
                self.spent[part] += elapsed - frame[1]
                if self.stack:
                    self.stack[-1][1] += elapsed

        return timed

    def install(self) -> None:
        import importlib

        for part, places in PARTS.items():
            for module_name, class_name, names in places:
                module = importlib.import_module(module_name)
                owner = getattr(module, class_name) if class_name else module
                for name in names:
                    function = (
                        owner.__dict__.get(name) if class_name else getattr(owner, name, None)
                    )
                    if callable(function):
                        setattr(owner, name, self.wrap(part, function))


def child(tree: Path, data: Path, count: int) -> None:
    sys.path.insert(0, str(tree))
    import inbox_agent

    assert Path(inbox_agent.__file__).resolve().is_relative_to(tree.resolve()), inbox_agent.__file__
    from complaint_mails import complaint_mails

    from inbox_agent.config import config_from_dict
    from inbox_agent.run.cycle import Cycle
    from inbox_agent.store import Store

    config = config_from_dict(
        {
            "shop": {"name": "Fietsenwinkel De Ketting", "email": SHOP},
            "owner": {"handler": "jan@ketting.nl"},
            "imap": {
                "host": "127.0.0.1",
                "port": 1,
                "security": "none",
                "username": SHOP,
                "password": "x",
            },
            "smtp": {"host": "127.0.0.1", "port": 1, "security": "none"},
            "storage": {"path": str(data)},
            "timing": {"digest_at": ""},
        }
    )
    mails = list(complaint_mails(count, SHOP))
    import mailparser  # noqa: F401  imported before the clock starts, in both variants

    timer = Timer()
    timer.install()
    sent = SimpleNamespace(ok=True, permanent=False, error="")
    wall, cpu, main_cpu = time.perf_counter(), time.process_time(), time.thread_time()
    with Store.open(data) as store:
        cycle = Cycle(config, store, NOW)
        sending = cycle.sending
        for start in range(0, len(mails), CHUNK):
            for raw in mails[start : start + CHUNK]:
                cycle.reading.accept(raw)
                sending.take_results()
            store.commit()
            # What a sender reports: every committed pending entry sent.
            due = store.outbox_entries("pending")
            for entry in due:
                sending.submitted[entry.doc_id] = entry
            for entry in due:
                sending._apply_results([(entry.doc_id, sent)])
                sending._write_sent(may_commit=False)
        store.commit()
    cpu, main_cpu = time.process_time() - cpu, time.thread_time() - main_cpu
    wall = time.perf_counter() - wall
    parts = {part: 1000 * spent / count for part, spent in timer.spent.items()}
    parts["other threads (archive writers, sent log)"] = 1000 * (cpu - main_cpu) / count
    parts["main thread, the rest"] = 1000 * (main_cpu - sum(timer.spent.values())) / count
    parts["process total"] = 1000 * cpu / count
    parts["wall"] = 1000 * wall / count
    # VmHWM, not ru_maxrss (which Linux carries over from the parent across fork and exec).
    status = Path("/proc/self/status").read_text()
    kib = re.search(r"VmHWM:\s+(\d+) kB", status)
    parts["peak RSS, MB (not ms)"] = int(kib.group(1)) / 1024 if kib else 0.0
    print(json.dumps(parts))


def snapshot(data: Path) -> dict[str, list[bytes]]:
    """The store file, the closed files and the archive: each normalised name's normalised
    contents, sorted (names hold hashes and Message-IDs)."""
    found: dict[str, list[bytes]] = defaultdict(list)
    for path in sorted(data.rglob("*")):
        if not path.is_file() or path.name in {"secret.key", "health.json"}:
            continue
        if path.name.endswith(".lock") or path.name.startswith("."):
            continue
        name = normalise(str(path.relative_to(data)))
        name = _NAME.sub("NAME", name) if "/out/" in name else name
        text = normalise(path.read_bytes().decode("utf-8", "surrogateescape"))
        found[name].append(text.encode("utf-8", "surrogateescape"))
    return {name: sorted(contents) for name, contents in found.items()}


def compare(old: Path, new: Path) -> list[str]:
    a, b = snapshot(old), snapshot(new)
    problems = [f"only in the revision's run: {n}" for n in sorted(a.keys() - b.keys())]
    problems += [f"only in this tree's run: {n}" for n in sorted(b.keys() - a.keys())]
    problems += [f"differs: {n}" for n in sorted(a.keys() & b.keys()) if a[n] != b[n]]
    print(
        f"compared {sum(map(len, a.values()))} files (store file, closed files, archive): "
        f"{'identical after normalising' if not problems else f'{len(problems)} differences'}",
        flush=True,
    )
    return problems


def run(tree: Path, data: Path, count: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(data)]
        + ["--tree", str(tree), "--mails", str(count)],
        check=True,
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "", "PYTHONPATH": ""},
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", default="e8a4ee2", help="the revision to compare with")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--tree", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.tree, args.child, args.mails)
        return 0
    checkout = HERE.parent
    with tempfile.TemporaryDirectory() as folder:
        old_tree = Path(folder) / "before"
        subprocess.run(
            ["git", "-C", str(checkout), "worktree", "add", "--detach", str(old_tree), args.before],
            check=True,
            capture_output=True,
        )
        try:
            trees = {f"before ({args.before})": old_tree, "this tree": checkout}
            for tree in trees.values():  # compile once, outside the timing
                subprocess.run(
                    [sys.executable, "-m", "compileall", "-q", str(tree / "inbox_agent")]
                )
            runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
            problems: list[str] = []
            for round_ in range(args.rounds):
                order = list(trees) if round_ % 2 == 0 else list(reversed(trees))
                datas = {}
                for name in order:
                    datas[name] = data = Path(folder) / f"data-{round_}-{name.split()[0]}"
                    runs[name].append(run(trees[name], data, args.mails))
                    print(f"round {round_ + 1} {name}: {json.dumps(runs[name][-1])}", flush=True)
                if round_ == 0:
                    problems = compare(*datas.values())
                for data in datas.values():
                    shutil.rmtree(data)
        finally:
            subprocess.run(
                ["git", "-C", str(checkout), "worktree", "remove", "--force", str(old_tree)],
                check=False,
            )
    parts = list(runs[next(iter(trees))][0])
    names = list(trees)
    print(f"\nCPU ms per complaint, median of {args.rounds} ({args.mails} complaints)")
    print(f"{'part':45} " + " ".join(f"{n:>22}" for n in names))
    for part in parts:
        values = [statistics.median(r.get(part, 0.0) for r in runs[n]) for n in names]
        print(f"{part:45} " + " ".join(f"{v:22.3f}" for v in values))
    ours = ["store updates", "store commits", "archive", "outbox bookkeeping", "parse"]
    sums = [sum(statistics.median(r.get(p, 0.0) for r in runs[n]) for p in ours) for n in names]
    print(f"{'these five parts together':45} " + " ".join(f"{v:22.3f}" for v in sums))
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

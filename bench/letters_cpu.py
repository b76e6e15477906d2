"""CPU per complaint of letter rendering and MIME building, without servers, old tree vs this one.

Per new complaint the agent writes two mails (the customer's acknowledgement and the owner's
notification) and turns each into the bytes it archives and sends. This measures exactly that,
through the functions the pipeline calls: N complaints from bench/complaint_mails.py are parsed
as the agent parses them (`mail.parsing.parse`), then each goes through `Pipeline.complaint`
(registration included, but not timed) with `MailMaker.acknowledgement` and
`MailMaker.notification` timed (process CPU time, per call), and every outgoing mail through
`compose.to_bytes` (timed as one batch). One `Composer`/`MailMaker` for the whole run, as in
one cycle of `once`; its first mail loads jinja2 and compiles the templates, and that is
counted too.

The old revision is a detached git worktree in a temp dir; each measurement is a subprocess
started outside both checkouts with PYTHONPATH set to one tree, so the two packages never mix.
Rounds alternate old/new; medians are reported. After the rounds, the mail bytes of both trees
are compared with Message-ID and Date headers normalised: any difference is printed and the
exit status is 1.

Start-up: a fresh process that imports what `once` imports for a cycle with new complaints
(the command line, the cycle, the pipeline, parsing, the letters) and does the lazy loading
the first complaint pays for (the working-day calendar, the template environment and the two
templates); its process CPU time, and `holidays`' share of it, per tree, medians.

    python bench/letters_cpu.py                       # 1000 complaints, 5 rounds, vs e8a4ee2
    python bench/letters_cpu.py --mails 300 --rounds 3 --before e8a4ee2
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
HERE = BENCH.parent
SHOP = "klachten@ketting.nl"
OWNER = "jan@ketting.nl"


def _config_text(folder: Path) -> str:
    """The config of bench/cpu.py (a Dutch shop, no signature, NL holidays)."""
    return (
        f'[shop]\nname = "Fietsenwinkel De Ketting"\nemail = "{SHOP}"\n'
        f'[owner]\nhandler = "{OWNER}"\n'
        f'[imap]\nhost = "127.0.0.1"\nport = 1143\nsecurity = "none"\n'
        f'username = "{SHOP}"\npassword = "x"\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = 1025\nsecurity = "none"\n'
        f'[storage]\npath = "{folder / "data"}"\n[timing]\ndigest_at = ""\n'
    )


# -- the worker: runs in a subprocess with PYTHONPATH=TREE -----------------------------------------


def work(mails: int, seed: int, out: Path) -> None:
    """Parse, then make and encode every complaint's mails; CPU figures as JSON, mails to `out`."""
    from collections import Counter
    from datetime import UTC, datetime, timedelta

    sys.path.insert(0, str(BENCH))
    from complaint_mails import complaint_mails

    from inbox_agent.config.load import load_config
    from inbox_agent.letters.compose import Composer, to_bytes
    from inbox_agent.letters.mailmaker import MailMaker
    from inbox_agent.mail.parsing import parse
    from inbox_agent.models import Facts
    from inbox_agent.run.pipeline import Pipeline

    with tempfile.TemporaryDirectory(prefix="letters-cpu-") as scratch:
        path = Path(scratch) / "config.toml"
        path.write_text(_config_text(Path(scratch)))
        config = load_config(path)
    parsed = [parse(raw) for raw in complaint_mails(mails, SHOP, seed)]
    start = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    composer = Composer(config, today=start.astimezone(config.shop.tz).date())
    maker = MailMaker(config, composer, b"k" * 32)
    pipeline = Pipeline(config, maker)
    spent = {"render": 0.0, "render_first": 0.0}
    clock = time.process_time

    def timed(method):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            began = clock()
            try:
                return method(*args, **kwargs)
            finally:
                spent["render"] += clock() - began

        return call

    maker.acknowledgement = timed(maker.acknowledgement)  # type: ignore[method-assign]
    maker.notification = timed(maker.notification)  # type: ignore[method-assign]
    counts: Counter[str] = Counter()
    outgoing = []
    for n, mail in enumerate(parsed):
        now = start + timedelta(seconds=n)
        facts = Facts(
            now=now,
            new_reference=lambda n=n: f"K-2026-{n + 1:04d}",
            auto_mail_count=lambda address: counts[address.lower()],
        )
        outcome = pipeline.complaint(mail, f"in/{n:06d}.eml", facts)
        for sent in outcome.outgoing:
            if sent.auto_submitted != "no" and sent.kind.value == "acknowledgement":
                counts[sent.to[0].lower()] += 1
            outgoing.append((sent, now))
        if n == 0:
            spent["render_first"] = spent["render"]
    began = clock()
    wire = [to_bytes(config, sent, now) for sent, now in outgoing]
    spent["mime"] = clock() - began
    with out.open("wb") as f:
        for raw in wire:
            f.write(len(raw).to_bytes(4, "big") + raw)
    print(
        json.dumps(
            {
                "complaints": len(parsed),
                "mails": len(wire),
                "render_ms": spent["render"] * 1000 / len(parsed),
                "render_first_ms": spent["render_first"] * 1000,
                "mime_ms": spent["mime"] * 1000 / len(parsed),
            }
        )
    )


def startup() -> None:
    """What a `once` with new complaints loads before its first letter, in CPU seconds."""
    from datetime import date

    clock = time.process_time
    import inbox_agent.cli.main  # noqa: F401  the command line, as `inbox-agent once` starts
    import inbox_agent.letters.mailmaker  # noqa: F401
    import inbox_agent.mail.parsing  # noqa: F401
    import inbox_agent.run.cycle  # noqa: F401
    import inbox_agent.run.pipeline  # noqa: F401

    imported = clock()
    from inbox_agent import durations

    durations.is_workday(date(2026, 12, 7), "NL")
    calendar = clock()
    from inbox_agent.config.load import load_config
    from inbox_agent.letters.compose import Composer

    with tempfile.TemporaryDirectory(prefix="letters-cpu-") as scratch:
        path = Path(scratch) / "config.toml"
        path.write_text(_config_text(Path(scratch)))
        composer = Composer(load_config(path))
    for name in ("acknowledgement", "notification"):
        composer.envs["nl"].get_template(f"{name}.txt.j2")
    done = clock()
    print(
        json.dumps(
            {
                "imports_ms": imported * 1000,
                "holidays_ms": (calendar - imported) * 1000,
                "templates_ms": (done - calendar) * 1000,
                "total_ms": done * 1000,
            }
        )
    )


# -- the driver ------------------------------------------------------------------------------------


def _run(tree: Path, *args: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree)
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--tree", str(tree), *args],
        env=env,
        cwd=tempfile.gettempdir(),
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"{tree}: {done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


_VOLATILE = re.compile(rb"^(Message-ID|Date): [^\r\n]*\r\n", re.MULTILINE | re.IGNORECASE)


def mails_in(path: Path) -> list[bytes]:
    data, out, at = path.read_bytes(), [], 0
    while at < len(data):
        size = int.from_bytes(data[at : at + 4], "big")
        out.append(_VOLATILE.sub(rb"\1: -\r\n", data[at + 4 : at + 4 + size]))
        at += 4 + size
    return out


def compare(old: Path, new: Path) -> int:
    """How many mails differ (each difference printed, the first few in full)."""
    before, after = mails_in(old), mails_in(new)
    if len(before) != len(after):
        print(f"DIFFERENT: {len(before)} mails before, {len(after)} after")
        return max(len(before), len(after))
    differing = [n for n, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    for n in differing[:3]:
        import difflib

        print(f"DIFFERENT mail {n}:")
        old_lines = before[n].decode("latin-1").splitlines()
        new_lines = after[n].decode("latin-1").splitlines()
        print("\n".join(list(difflib.unified_diff(old_lines, new_lines, lineterm=""))[:40]))
    return len(differing)


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--before", default="e8a4ee2", help="git revision to compare with")
    parser.add_argument("--seed", type=int, default=25)
    parser.add_argument("--tree", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--startup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.tree:  # a worker: only the tree on PYTHONPATH is imported
        sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]
        import inbox_agent

        assert inbox_agent.__file__.startswith(args.tree), inbox_agent.__file__
        startup() if args.startup else work(args.mails, args.seed, Path(args.out))
        return 0
    with tempfile.TemporaryDirectory(prefix="letters-cpu-") as scratch:
        old = Path(scratch) / "old"
        subprocess.run(
            ["git", "-C", str(HERE), "worktree", "add", "--detach", "-q", str(old), args.before],
            check=True,
        )
        try:
            trees = {"before": old, "after": HERE}
            for tree in trees.values():
                env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
                subprocess.run(
                    [sys.executable, "-m", "compileall", "-q", str(tree / "inbox_agent")],
                    env=env,
                    check=True,
                )
            runs: dict[str, list[dict]] = {name: [] for name in trees}
            starts: dict[str, list[dict]] = {name: [] for name in trees}
            outs = {name: Path(scratch) / f"{name}.mails" for name in trees}
            for round_ in range(args.rounds):
                order = list(trees) if round_ % 2 == 0 else list(trees)[::-1]
                for name in order:
                    common = ("--mails", str(args.mails), "--seed", str(args.seed))
                    got = _run(trees[name], *common, "--out", str(outs[name]))
                    runs[name].append(got)
                    starts[name].append(_run(trees[name], "--startup"))
                    print(json.dumps({"round": round_, "tree": name} | got), flush=True)
            print(f"\n{args.mails} complaints, {args.rounds} rounds, medians (ms of CPU):\n")
            print("| tree | render/complaint | MIME/complaint | both | first complaint's render |")
            print("|---|---|---|---|---|")
            for name, got in runs.items():
                render, mime = _median(got, "render_ms"), _median(got, "mime_ms")
                first = _median(got, "render_first_ms")
                print(f"| {name} | {render:.3f} | {mime:.3f} | {render + mime:.3f} | {first:.1f} |")
            print("\nStart-up (process CPU until the first letter could be written), ms:\n")
            print("| tree | imports | holidays | templates | total |")
            print("|---|---|---|---|---|")
            for name, got in starts.items():
                cells = [_median(got, k) for k in ("imports_ms", "holidays_ms", "templates_ms")]
                total = _median(got, "total_ms")
                print(f"| {name} | " + " | ".join(f"{c:.1f}" for c in cells) + f" | {total:.1f} |")
            differing = compare(outs["before"], outs["after"])
            count = len(mails_in(outs["after"]))
            print(
                f"\nMails compared (Message-ID and Date normalised): {count}, differing: {differing}"
            )
            return 1 if differing else 0
        finally:
            subprocess.run(
                ["git", "-C", str(HERE), "worktree", "remove", "--force", str(old)], check=False
            )


if __name__ == "__main__":
    sys.exit(main())

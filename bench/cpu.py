"""CPU per complaint (issue 25): one `once` over N real-looking complaints on real Postfix
delivering into Dovecot over LMTP, beside the fair floor and an older revision, in one run.

Every variant runs in a process of its own on the same mails (bench/complaint_mails.py,
appended to a fresh Dovecot mailbox each time) and sends through the same Postfix, which hands
every recipient (customers and the owner) to Dovecot's LMTP:

- floor: bench/cpu_floor.py, the deliverable work with nothing else (log in, fetch, parse with
  mail-parser, each raw mail to a file with syncfs every 50, two prepared mails per complaint
  over one SMTP connection);
- after: `inbox-agent -c CONFIG once` of this checkout (bench/cpu_agent.py), start-up included;
- before: the same of `--before REV` (unpacked with git archive, imported from outside the
  checkout).

Per round the order of the variants rotates. Reported per variant, median over the rounds: CPU
ms per complaint of the agent process and of its sending process (from their rusage, which the
agent reads for the children it waited for, and wait4 for the total), wall seconds to the
process's exit and until Postfix has delivered the last mail into Dovecot, peak RSS of both
processes, and how many mails were delivered. Ratios are of medians. Then one more run of each
variant under py-spy (`record --subprocesses --format raw`, both processes) whose samples are
cut into parts by bench/cpu_parts.py and scaled to that run's CPU seconds: ms per complaint.

Needs Postfix (`apt-get install postfix`; no system service is started: bench/mailservers.py
runs its own instance), Dovecot with LMTP (`dovecot-imapd dovecot-lmtpd`) and py-spy (`pip
install py-spy`); `--before 2599b0d` also needs that revision's mail-parser-reply installed.

    python bench/cpu.py --mails 1000 --rounds 3 --before 2599b0d
    python bench/cpu.py --mails 1000 10000 --before 2599b0d   # 10,000: heavy, on a quiet machine
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
HERE = BENCH.parent
sys.path.insert(0, str(HERE))

from common import machine  # noqa: E402
from complaint_mails import complaint_mails  # noqa: E402
from cpu_parts import classify, names  # noqa: E402
from ingest import checkout  # noqa: E402
from mailservers import MailPath  # noqa: E402

from inbox_agent.testing.servers import PASSWORD  # noqa: E402

OWNER = "jan@ketting.nl"
TO = b"To: klachten@ketting.nl\r\n"


def seed(path: MailPath, user: str, mails: list[bytes]) -> None:
    """The mails into a fresh mailbox `user`, addressed to it, then everything on disk."""
    from imapclient import IMAPClient

    client = IMAPClient("127.0.0.1", port=path.imap_port, ssl=False, timeout=60)
    client.login(user, PASSWORD)
    to = f"To: {user}\r\n".encode()
    try:
        for start in range(0, len(mails), 100):
            client.multiappend("INBOX", [m.replace(TO, to, 1) for m in mails[start : start + 100]])
    finally:
        client.logout()
    os.sync()  # no dirty pages of the seeding left for the run's syncfs to pay


def config_file(folder: Path, imap_port: int, smtp_port: int, user: str) -> Path:
    path = folder / "config.toml"
    path.write_text(
        f'[shop]\nname = "Fietsenwinkel De Ketting"\nemail = "{user}"\n'
        f'[owner]\nhandler = "{OWNER}"\n'
        f'[imap]\nhost = "127.0.0.1"\nport = {imap_port}\nsecurity = "none"\n'
        f'username = "{user}"\npassword = "{PASSWORD}"\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\nsecurity = "none"\n'
        f'[storage]\npath = "{folder / "data"}"\n[timing]\ndigest_at = ""\n'
    )
    return path


def compile_tree(tree: Path) -> None:
    """Bytecode for the tree under test, as `pip install` leaves it: without it every run would
    compile the agent's sources (this environment says PYTHONDONTWRITEBYTECODE)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(tree / "inbox_agent")], env=env, check=True
    )


def _peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            kids = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        found += map(int, kids)
        todo += map(int, kids)
    return found


class SenderWatch:
    """The peak RSS of the agent's sending process, sampled from outside (it is the agent's
    child; its own rusage peak would carry the agent's over from the fork)."""

    def __init__(self, root: int, agent_marker: str = "cpu_agent.py") -> None:
        self.root, self.marker, self.peak = root, agent_marker, 0.0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stopped.wait(0.05):
            for pid in _descendants(self.root):
                try:
                    command = Path(f"/proc/{pid}/cmdline").read_bytes()
                except OSError:
                    continue
                if b"sendworker" in command:
                    self.peak = max(self.peak, _peak_rss_mb(pid))

    def stop(self) -> float:
        self.stopped.set()
        self.thread.join()
        return self.peak


def run_variant(
    name: str,
    tree: Path | None,
    path: MailPath,
    mails: list[bytes],
    user: str,
    profile: Path | None = None,
    rate: int = 250,
) -> dict:
    """One run of one variant over `mails`; `profile`: under py-spy, raw samples to that file."""
    seed(path, user, mails)
    with tempfile.TemporaryDirectory(prefix=f"cpu-{name}-") as scratch:
        folder = Path(scratch)
        result = folder / "result.json"
        if tree is None:
            command = [sys.executable, str(BENCH / "cpu_floor.py"), str(result)]
            command += [str(path.imap_port), user, str(path.smtp_port), str(folder / "data")]
            env = dict(os.environ)
        else:
            config = config_file(folder, path.imap_port, path.smtp_port, user)
            command = [sys.executable, str(BENCH / "cpu_agent.py"), str(result), str(config)]
            env = {**os.environ, "PYTHONPATH": str(tree)}
        if profile is not None:
            command = [
                shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy"),
                "record", "--subprocesses", "--gil", "--format", "raw", "--rate", str(rate),
                "--output", str(profile), "--",
            ] + command  # fmt: skip
        log = open(folder / "output.log", "wb")  # noqa: SIM115 - closed below
        since = time.time()
        process = subprocess.Popen(command, env=env, cwd=folder, stdout=log, stderr=log)
        watch = SenderWatch(process.pid)
        _pid, status, usage = os.wait4(process.pid, 0)
        exited = time.time()
        process.returncode = os.waitstatus_to_exitcode(status)
        sender_peak = watch.stop()
        log.close()
        if process.returncode != 0 or not result.exists():
            output = (folder / "output.log").read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{name} failed ({process.returncode}):\n{output}")
        got = json.loads(result.read_text())
        delivered, last = path.delivered_since(since)
    return {
        "variant": name,
        "mails": len(mails),
        "cpu_s": got["agent_cpu"] + got["sender_cpu"],
        "agent_cpu_s": got["agent_cpu"],
        "sender_cpu_s": got["sender_cpu"],
        "wait4_cpu_s": usage.ru_utime + usage.ru_stime,  # with py-spy: py-spy's own too
        "wall_exit_s": exited - since,
        "wall_delivered_s": max(last, exited) - since,
        "delivered": delivered,
        "rss_mb": got["agent_rss_mb"] + sender_peak,
        "agent_rss_mb": got["agent_rss_mb"],
        "sender_rss_mb": sender_peak,
    }


def samples(raw: Path) -> Iterator[tuple[str, list[str], int]]:
    """py-spy's raw lines: (process kind 'agent' or 'sender', frames outermost first, count)."""
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = stack.split(";")
        processes = [f for f in frames if f.startswith("process ")]
        kind = "sender" if any("sendworker" in p for p in processes) else "agent"
        yield kind, [f for f in frames if not f.startswith("process ")], int(count)


def breakdown(raw: Path) -> dict[str, Counter[str]]:
    """Samples per process kind and part."""
    parts: dict[str, Counter[str]] = {"agent": Counter(), "sender": Counter()}
    for kind, frames, count in samples(raw):
        parts[kind][classify(frames)] += count
    return parts


def responsible(raw: Path, kind: str, part: str, top: int = 4) -> list[tuple[float, str]]:
    """The agent functions a part's samples are in (the innermost two agent frames): share, name."""
    found: Counter[str] = Counter()
    for got, frames, count in samples(raw):
        if got == kind and classify(frames) == part:
            ours = [f.split(" (")[0] for f in frames if "inbox_agent/" in f]
            found[" > ".join(ours[-2:]) or (frames[-1] if frames else "?")] += count
    total = sum(found.values()) or 1
    return [(n / total, name) for name, n in found.most_common(top)]


def ms_per_complaint(samples: Counter[str], cpu_s: float, mails: int) -> dict[str, float]:
    """Samples scaled to the process's CPU seconds in the same run, per complaint."""
    total = sum(samples.values())
    if not total:
        return {}
    return {part: 1000 * cpu_s * n / total / mails for part, n in samples.items()}


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def summary(count: int, runs: dict[str, list[dict]]) -> tuple[dict, list[str]]:
    """Medians per variant and ratios to the floor, as JSON and as a Markdown table."""
    keys = ["cpu_s", "agent_cpu_s", "sender_cpu_s", "wall_exit_s", "wall_delivered_s"]
    median = {
        name: {k: statistics.median(r[k] for r in rows) for k in keys}
        | {
            "rss_mb": max(r["rss_mb"] for r in rows),
            "delivered": statistics.median(r["delivered"] for r in rows),
        }
        for name, rows in runs.items()
    }
    floor = median["floor"]
    lines = [
        _row(
            [
                "variant",
                "CPU ms/complaint (agent + sender)",
                "CPU / floor",
                "wall to exit",
                "/ floor",
                "wall to last delivery",
                "/ floor",
                "peak RSS",
                "mails delivered",
            ]
        ),  # fmt: skip
        _row(["---"] * 9),
    ]
    for name, m in median.items():
        per = 1000 / count
        lines.append(
            _row(
                [
                    f"{name} ({len(runs[name])} rounds)",
                    f"{m['cpu_s'] * per:.2f} ({m['agent_cpu_s'] * per:.2f} + "
                    f"{m['sender_cpu_s'] * per:.2f})",
                    f"{m['cpu_s'] / floor['cpu_s']:.2f}×",
                    f"{m['wall_exit_s']:.2f} s",
                    f"{m['wall_exit_s'] / floor['wall_exit_s']:.2f}×",
                    f"{m['wall_delivered_s']:.2f} s",
                    f"{m['wall_delivered_s'] / floor['wall_delivered_s']:.2f}×",
                    f"{m['rss_mb']:.0f} MB",
                    f"{m['delivered']:.0f}",
                ]
            )
        )
    return median, lines


def breakdown_table(count: int, profiled: dict[str, dict]) -> tuple[dict, list[str]]:
    columns: list[tuple[str, dict[str, float]]] = []
    for name, got in profiled.items():
        for kind in ("agent", "sender"):
            samples = got["samples"][kind]
            if samples:
                cpu = got["run"]["agent_cpu_s" if kind == "agent" else "sender_cpu_s"]
                columns.append((f"{name} {kind}", ms_per_complaint(samples, cpu, count)))
    lines = [
        _row(["part (ms CPU per complaint)"] + [c for c, _ in columns]),
        _row(["---"] * (1 + len(columns))),
    ]
    for part in names():
        if any(part in c for _, c in columns):
            lines.append(_row([part] + [f"{c.get(part, 0.0):.2f}" for _, c in columns]))
    lines.append(_row(["**total**"] + [f"{sum(c.values()):.2f}" for _, c in columns]))
    return {c: v for c, v in columns}, lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, nargs="+", default=[1000])
    parser.add_argument("--rounds", type=int, default=3, help="alternated rounds per size")
    parser.add_argument("--before", help="git revision of the agent to run beside this one")
    parser.add_argument(
        "--after",
        help="git revision to measure as 'after' (default: this checkout's files as they are)",
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the py-spy runs")
    parser.add_argument("--rate", type=int, default=250, help="py-spy samples per second")
    parser.add_argument("--seed", type=int, default=25, help="seed of the mails")
    parser.add_argument("--keep-profiles", help="folder to keep py-spy's raw samples in")
    args = parser.parse_args()
    print(
        f"# {machine()}; {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {' '.join(sys.argv)}", flush=True
    )
    results = []
    with tempfile.TemporaryDirectory(prefix="cpu-bench-") as scratch:
        trees: dict[str, Path | None] = {"floor": None, "after": HERE}
        if args.after:
            (Path(scratch) / "after").mkdir()
            trees["after"] = checkout(args.after, Path(scratch) / "after")
        if args.before:
            (Path(scratch) / "before").mkdir()
            trees["before"] = checkout(args.before, Path(scratch) / "before")
        for tree in trees.values():
            if tree is not None:
                compile_tree(tree)
        path = MailPath()
        try:
            for count in args.mails:
                mails = list(complaint_mails(count, "klachten@ketting.nl", args.seed))
                sizes = sorted(map(len, mails))
                print(
                    f"# {count} mails: median {sizes[len(sizes) // 2]} bytes, "
                    f"{sum(sizes) / 1e6:.1f} MB in all",
                    flush=True,
                )
                runs: dict[str, list[dict]] = {name: [] for name in trees}
                order = list(trees)
                for round_ in range(args.rounds):
                    for name in order[round_ % len(order) :] + order[: round_ % len(order)]:
                        user = f"{name}{count}r{round_}@ketting.nl"
                        got = run_variant(name, trees[name], path, mails, user)
                        runs[name].append(got)
                        print(json.dumps({"round": round_} | got), flush=True)
                median, table = summary(count, runs)
                profiled: dict[str, dict] = {}
                if not args.no_profile:
                    folder = Path(args.keep_profiles or scratch)
                    folder.mkdir(parents=True, exist_ok=True)
                    for name, tree in trees.items():
                        raw = folder / f"pyspy-{name}-{count}.txt"
                        user = f"{name}{count}profiled@ketting.nl"
                        got = run_variant(name, tree, path, mails, user, raw, args.rate)
                        profiled[name] = {"run": got, "samples": breakdown(raw), "raw": raw}
                        print(json.dumps({"profiled": True} | got), flush=True)
                parts, parts_table = breakdown_table(count, profiled)
                print(f"\n## {count} complaints\n", *table, "", *parts_table, sep="\n", flush=True)
                if "after" in profiled:
                    print("\nWhere the after agent's largest parts go (share of the part):")
                    for column in ("after agent", "after sender"):
                        largest = sorted(parts.get(column, {}).items(), key=lambda p: -p[1])
                        for part, ms in largest[:6]:
                            kind = column.split()[1]
                            where = responsible(profiled["after"]["raw"], kind, part)
                            shares = "; ".join(f"{share:.0%} {name}" for share, name in where)
                            print(f"- {column}, {part} ({ms:.2f} ms): {shares}", flush=True)
                results.append({"mails": count, "median": median, "breakdown_ms": parts})
        finally:
            path.stop()
    print(json.dumps({"machine": machine(), "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

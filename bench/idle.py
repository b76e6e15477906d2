"""`once` with nothing to do on a store of 1,000 open dossiers, against an IMAP floor; and --version.

The floor is what any cron job that looks for new mail pays: a fresh Python process that imports
imapclient, logs in to Dovecot, selects INBOX, searches for unprocessed mail and logs out. The
agent is `python -m inbox_agent -c CONFIG once` in a fresh process too, so interpreter start-up
and imports count on both sides. Floor and agent take turns; the median of the rounds counts.

The store is seeded the honest way: 1,000 complaint mails delivered to Dovecot and one `once`
over them (about a minute), which opens 1,000 dossiers and answers them through an aiosmtpd
sink. Every later `once` finds nothing new and changes nothing but its health note, so the
seeded folder is reused. `--version` is timed against `python -c pass` the same way.

    python bench/idle.py
    python bench/idle.py --before 90a291e   # the agent of that revision too, same run
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
import time
from pathlib import Path

from common import SinkSmtpServer, agent_config, machine, write_config_file
from ingest import seed as deliver

from inbox_agent.testing.servers import PASSWORD, DovecotServer

USER = "idle@ketting.nl"

_FLOOR = """
import sys
from imapclient import IMAPClient
client = IMAPClient("127.0.0.1", port=int(sys.argv[1]), ssl=False, timeout=30)
client.login(sys.argv[2], sys.argv[3])
client.select_folder("INBOX")
client.search(["UNKEYWORD", "$Processed"])
client.logout()
"""


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    """Wall time of a fresh process, start-up and imports included; its stdout.

    Bytecode is cached as an installed package has it (pip compiles at install), even where
    the environment says PYTHONDONTWRITEBYTECODE: the warm-up runs write it.
    """
    env = dict(env or os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    done = subprocess.run(
        command, env=env, check=True, capture_output=True, text=True, cwd=tempfile.gettempdir()
    )
    return time.perf_counter() - start, done.stdout


def _env(source: Path | None) -> dict[str, str] | None:
    """The environment that runs the agent of source tree `source` (None: this one)."""
    return {**os.environ, "PYTHONPATH": str(source)} if source else None


def once(config: Path, source: Path | None) -> tuple[float, dict[str, object]]:
    seconds, out = timed(
        [sys.executable, "-m", "inbox_agent", "-c", str(config), "once", "--json"], _env(source)
    )
    return seconds, json.loads(out)


def checkout(revision: str, folder: Path) -> Path:
    """The source tree of `revision`, unpacked (no git worktree is made)."""
    archive = subprocess.run(["git", "archive", revision], check=True, capture_output=True).stdout
    folder.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--before", help="git revision of the agent to compare with, same run")
    args = parser.parse_args()
    server = DovecotServer()
    smtp = SinkSmtpServer()
    try:
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            deliver(server, USER, args.dossiers)  # the same mail as bench/ingest.py
            seed = root / "seed"
            config = agent_config(seed, server.port, smtp.port, USER)
            write_config_file(config, root / "seed.toml")
            start = time.perf_counter()
            _, first = once(root / "seed.toml", None)
            seeding = time.perf_counter() - start
            assert first["dossiers_opened"] == args.dossiers and not first["errors"], first
            trees: dict[str, Path | None] = {"after": None}
            if args.before:
                trees["before"] = checkout(args.before, root / "source-before")
            configs = {}
            for name in trees:
                # A copy per agent, so neither runs on what the other wrote.
                shutil.copytree(seed, root / name)
                configs[name] = write_config_file(
                    agent_config(root / name, server.port, smtp.port, USER), root / f"{name}.toml"
                )
            os.sync()
            floor_cmd = [sys.executable, "-c", _FLOOR, str(server.port), USER, PASSWORD]
            runs: dict[str, list[float]] = {}
            for name, tree in trees.items():
                once(configs[name], tree)  # bytecode and page cache warm for both alike
                timed([sys.executable, "-m", "inbox_agent", "--version"], _env(tree))
            timed(floor_cmd)
            for _ in range(args.rounds):
                runs.setdefault("floor", []).append(timed(floor_cmd)[0])
                for name, tree in trees.items():
                    seconds, report = once(configs[name], tree)
                    assert report["fetched"] == 0 and not report["errors"], report
                    assert report["sent"] == 0 and report["due_steps"] == 0, report
                    runs.setdefault(name, []).append(seconds)
                runs.setdefault("python_pass", []).append(timed([sys.executable, "-c", "pass"])[0])
                for name, tree in trees.items():
                    seconds, out = timed(
                        [sys.executable, "-m", "inbox_agent", "--version"], _env(tree)
                    )
                    assert out.startswith("inbox-agent "), out
                    runs.setdefault(f"{name}_version", []).append(seconds)
    finally:
        smtp.stop()
        server.stop()
    median = {name: statistics.median(times) for name, times in runs.items()}
    result: dict[str, object] = {"dossiers": args.dossiers, "seeding_s": round(seeding, 1)}
    for name, seconds in median.items():
        result[f"{name}_s"] = round(seconds, 3)
    for name in trees:
        result[f"{name}_per_floor"] = round(median[name] / median["floor"], 2)
        result[f"{name}_version_minus_python_s"] = round(
            median[f"{name}_version"] - median["python_pass"], 3
        )
    result["runs"] = {name: [round(s, 3) for s in times] for name, times in runs.items()}
    print(json.dumps({"machine": machine(), "result": result}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Mail sent twice after kill -9: `inbox-agent once` killed 5 times during a first cycle.

Each kill comes after a random number of the mails still to send went out (so it lands in the
sending, not before or after it); then the next run goes on. The SMTP sink counts the mails it
received more than once under one Message-ID: what the run after each kill sent again. With
`--before REV` the agent of git revision REV runs the same, on the same servers, in turn.

    python bench/crash_resends.py --mails 60 1000 --before 5039413
"""

from __future__ import annotations

import argparse
import email
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import agent_config, machine, realistic_mail, write_config_file
from ingest import checkout

from inbox_agent.testing.servers import DovecotServer, SmtpServer


def duplicates(smtp: SmtpServer) -> int:
    ids = [email.message_from_bytes(r.data)["Message-ID"] for r in smtp.received]
    return len(ids) - len(set(ids))


def unique(smtp: SmtpServer) -> int:
    return len({email.message_from_bytes(r.data)["Message-ID"] for r in smtp.received})


def one_tree(
    tree: Path, server: DovecotServer, user: str, count: int, kills: int, rng: random.Random
) -> dict[str, object]:
    smtp = SmtpServer(None)  # records what it receives; delivers nowhere
    rng_seed = rng.randrange(1 << 30)
    pick = random.Random(rng_seed)
    client = server.client(user)
    try:
        mails = random.Random(count)
        for n in range(count):
            client.append("INBOX", realistic_mail(n, user, mails))
    finally:
        client.logout()
    try:
        with tempfile.TemporaryDirectory() as scratch:
            data = Path(scratch) / "data"
            config = agent_config(data, server.port, smtp.port, user)
            config_file = write_config_file(config, Path(scratch) / "config.toml")
            command = [sys.executable, "-m", "inbox_agent", "-c", str(config_file), "once"]
            env = {**os.environ, "PYTHONPATH": str(tree)}
            after_run = [0]
            started = time.perf_counter()
            for _ in range(kills):
                left = 2 * count - unique(smtp)
                wanted = pick.randint(1, max(1, left - 1))
                start = len(smtp.received)
                process = subprocess.Popen(
                    command,
                    cwd=scratch,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                while len(smtp.received) - start < wanted and process.poll() is None:
                    time.sleep(0.002)
                process.send_signal(signal.SIGKILL)
                process.wait()
                after_run.append(duplicates(smtp))
            subprocess.run(command, cwd=scratch, env=env, capture_output=True, check=True)
            after_run.append(duplicates(smtp))
            seconds = time.perf_counter() - started
    finally:
        smtp.stop()
    per_kill = [b - a for a, b in zip(after_run[1:-1], after_run[2:], strict=True)]
    return {
        "mails": count,
        "resent_per_kill": per_kill,
        "resent_max": max(per_kill),
        "resent_total": sum(per_kill),
        "lost": 2 * count - unique(smtp),
        "seconds": round(seconds, 1),
        "seed": rng_seed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, nargs="+", default=[60, 1000])
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--before", help="git revision of the agent to compare with, same run")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    server = DovecotServer()
    results = []
    here = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as scratch:
        trees = {"after": here}
        if args.before:
            trees["before"] = checkout(args.before, Path(scratch))
        try:
            for count in args.mails:
                for name, tree in trees.items():  # in turn, on the same servers
                    got = one_tree(
                        tree, server, f"{name}{count}@ketting.nl", count, args.kills, rng
                    )
                    result = {"agent": name, **got}
                    results.append(result)
                    print(json.dumps(result), flush=True)
        finally:
            server.stop()
    print(json.dumps({"machine": machine(), "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

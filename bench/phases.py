"""Where a first `once` spends its time: reading (ingest), the sweep, and waiting for the last
sends (flush_outbox), for this checkout sending from a process or from a thread, and for an
older revision, on the same mail as bench/ingest.py (Dovecot, aiosmtpd sink in this process).

    python bench/phases.py --mails 1000 --rounds 2 --before 2599b0d
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from common import SinkSmtpServer, machine
from ingest import checkout, seed

from inbox_agent.testing.servers import DovecotServer

_RUNNER = """
import json, os, sys, time
from pathlib import Path
import inbox_agent  # the tree under test (PYTHONPATH), before common.py puts this checkout first
assert inbox_agent.__file__.startswith(os.environ["PYTHONPATH"]), inbox_agent.__file__
from inbox_agent.run import cycle as app
if sys.argv[6] == "thread":
    import inbox_agent.mail.mailer
    inbox_agent.mail.mailer.SEPARATE_PROCESS_FROM = 10**9
sys.path.insert(0, sys.argv[1])
from common import agent_config
seconds = {}
# Each phase is a method of its runner (of the one Cycle class in trees before the split).
if hasattr(app.Cycle, "ingest"):
    phases = [(app.Cycle, name) for name in ("ingest", "sweep", "flush_outbox")]
else:
    from inbox_agent.run import due, reading, sending
    phases = [
        (reading.Reading, "ingest"), (due.DueWork, "sweep"), (sending.Sending, "flush_outbox")
    ]
for owner, name in phases:
    def timed(self, real=getattr(owner, name), name=name):
        start = time.perf_counter()
        try:
            return real(self)
        finally:
            seconds[name] = round(time.perf_counter() - start, 2)
    setattr(owner, name, timed)
config = agent_config(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
start = time.perf_counter()
app.run_once(config)
seconds["total"] = round(time.perf_counter() - start, 2)
print(json.dumps(seconds))
"""


def run(tree: Path, sending: str, server: DovecotServer, smtp_port: int, user: str) -> dict:
    with tempfile.TemporaryDirectory() as data:
        out = subprocess.run(
            [sys.executable, "-c", _RUNNER, str(Path(__file__).parent), data, str(server.port)]
            + [str(smtp_port), user, sending],
            env={**os.environ, "PYTHONPATH": str(tree)},
            cwd=data,  # not this checkout: `python -c` puts the working folder first on sys.path
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--before", help="git revision of the agent to compare with, same run")
    args = parser.parse_args()
    here = Path(__file__).resolve().parent.parent
    server, smtp = DovecotServer(), SinkSmtpServer()
    try:
        with tempfile.TemporaryDirectory() as scratch:
            agents = [("process", here, "process"), ("thread", here, "thread")]
            if args.before:
                agents.append(("before", checkout(args.before, Path(scratch)), "default"))
            for round_ in range(args.rounds):
                for name, tree, sending in agents:
                    user = f"phase{name}{args.mails}r{round_}@ketting.nl"
                    seed(server, user, args.mails)
                    got = run(tree, sending, server, smtp.port, user)
                    print(json.dumps({"agent": name, "mails": args.mails, **got}), flush=True)
    finally:
        smtp.stop()
        server.stop()
    print(json.dumps({"machine": machine()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

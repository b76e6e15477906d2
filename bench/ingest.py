"""End-to-end ingest (`once`) against Dovecot, as a ratio to floors measured in the same run.

The floor does only what no agent can avoid: imapclient bulk fetch, mail-parser parse, and one
prepared reply per mail over one SMTP connection. The second floor delivers what the agent
delivers with nothing else: it also writes each raw mail to a file (one syncfs per 50) and
sends two prepared replies per mail (customer and owner). With `--before REV` the agent of git
revision REV runs on the same mails in the same run, side by side (each agent in a process of
its own, which also reports its peak RSS).

    python bench/ingest.py --mails 1000 10000
    python bench/ingest.py --mails 1000 --before 2599b0d   # before/after in one run
    python bench/ingest.py --mails 1000 --without-sending   # also: the agent with SMTP down
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiosmtplib
import mailparser
from common import SinkSmtpServer, agent_config, machine, realistic_mail
from imapclient import IMAPClient

from inbox_agent.run.cycle import run_once
from inbox_agent.testing.servers import PASSWORD, DovecotServer, free_port


def seed(server: DovecotServer, user: str, count: int) -> None:
    rng = random.Random(count)
    client = server.client(user)
    try:
        for n in range(count):
            client.append("INBOX", realistic_mail(n, user, rng))
    finally:
        client.logout()


async def _send_replies(port: int, replies: list[tuple[str, bytes]]) -> None:
    async with aiosmtplib.SMTP(hostname="127.0.0.1", port=port, start_tls=False) as smtp:
        for recipient, raw in replies:
            await smtp.sendmail("klachten@ketting.nl", [recipient], raw)


def floor(server: DovecotServer, user: str, smtp_port: int) -> float:
    start = time.perf_counter()
    client = IMAPClient("127.0.0.1", port=server.port, ssl=False, timeout=30)
    client.login(user, PASSWORD)
    client.select_folder("INBOX", readonly=True)
    uids = client.search(["ALL"])
    replies = []
    for i in range(0, len(uids), 100):
        for _uid, data in client.fetch(uids[i : i + 100], ["BODY.PEEK[]"]).items():
            parsed = mailparser.parse_from_bytes(data[b"BODY[]"])
            recipient = parsed.from_[0][1]
            replies.append(
                (
                    recipient,
                    (
                        f"From: klachten@ketting.nl\r\nTo: {recipient}\r\n"
                        f"Subject: Re: {parsed.subject}\r\n\r\nOntvangen.\r\n"
                    ).encode(),
                )
            )
    client.logout()
    asyncio.run(_send_replies(smtp_port, replies))
    return time.perf_counter() - start


def floor_deliverables(server: DovecotServer, user: str, smtp_port: int, data: Path) -> float:
    """Fetch, parse, each raw mail to a file (one syncfs per 50), two prepared replies each."""
    start = time.perf_counter()
    client = IMAPClient("127.0.0.1", port=server.port, ssl=False, timeout=30)
    client.login(user, PASSWORD)
    client.select_folder("INBOX", readonly=True)
    uids = client.search(["ALL"])
    replies, written = [], 0
    data.mkdir(parents=True, exist_ok=True)
    for i in range(0, len(uids), 100):
        for uid, item in client.fetch(uids[i : i + 100], ["BODY.PEEK[]"]).items():
            raw = item[b"BODY[]"]
            parsed = mailparser.parse_from_bytes(raw)
            (data / f"{uid}.eml").write_bytes(raw)
            written += 1
            if written % 50 == 0:
                _syncfs(data)
            recipient = parsed.from_[0][1]
            for to in (recipient, "jan@ketting.nl"):
                replies.append(
                    (
                        to,
                        (
                            f"From: klachten@ketting.nl\r\nTo: {to}\r\n"
                            f"Subject: Re: {parsed.subject}\r\n\r\nOntvangen.\r\n"
                        ).encode(),
                    )
                )
    _syncfs(data)
    client.logout()
    asyncio.run(_send_replies(smtp_port, replies))
    return time.perf_counter() - start


def _syncfs(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        ctypes.CDLL(None, use_errno=True).syncfs(fd)
    finally:
        os.close(fd)


_RUNNER = """
import json, os, re, sys, threading, time
from pathlib import Path
import inbox_agent  # the tree under test (PYTHONPATH), before common.py puts this checkout first
assert inbox_agent.__file__.startswith(os.environ["PYTHONPATH"]), inbox_agent.__file__
sys.path.insert(0, sys.argv[1])
from common import agent_config
from inbox_agent.run.cycle import run_once

def hwm(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) / 1024

sender = 0.0  # a sending process of its own (a backlog): its peak, sampled while it runs
def watch():
    global sender
    while True:
        for pid in Path("/proc/self/task", str(threading.main_thread().native_id), "children").read_text().split():
            try:
                sender = max(sender, hwm(pid))
            except (OSError, AttributeError):
                pass
        time.sleep(0.1)
threading.Thread(target=watch, daemon=True).start()
config = agent_config(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
start = time.perf_counter()
report = run_once(config)
elapsed = time.perf_counter() - start
agent = hwm("self")
print(json.dumps({"seconds": elapsed, "rss_mb": agent + sender, "agent_rss_mb": agent,
                  "sender_rss_mb": sender, "opened": report.dossiers_opened}))
"""


def agent_process(
    source: Path, server: DovecotServer, user: str, smtp_port: int, data: Path
) -> dict[str, float]:
    """The agent of the source tree `source`, in a process of its own: seconds and peak RSS."""
    bench = Path(__file__).resolve().parent
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            _RUNNER,
            str(bench),
            str(data),
            str(server.port),
            str(smtp_port),
            user,
        ],
        env={**os.environ, "PYTHONPATH": str(source)},
        cwd=data,  # not this checkout: `python -c` puts the working folder first on sys.path
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    assert result["opened"] > 0, result
    return result


def checkout(revision: str, folder: Path) -> Path:
    """The source tree of `revision`, unpacked (no git worktree is made)."""
    archive = subprocess.run(["git", "archive", revision], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def agent(
    server: DovecotServer, user: str, smtp_port: int, data: Path, sending: bool = True
) -> float:
    config = agent_config(data, server.port, smtp_port, user)
    start = time.perf_counter()
    report = run_once(config)
    elapsed = time.perf_counter() - start
    assert report.dossiers_opened > 0, str(report)
    # Without sending, the SMTP port is closed: the one error is the refused connection.
    assert (not report.errors) if sending else (0 == report.sent), str(report)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, nargs="+", default=[1000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", help="git revision of the agent to compare with, same run")
    parser.add_argument(
        "--without-sending",
        action="store_true",
        help="also time the agent with its SMTP server unreachable: what sending costs it",
    )
    args = parser.parse_args()
    server = DovecotServer()
    smtp = SinkSmtpServer()
    results = []
    here = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as scratch:
        before = checkout(args.before, Path(scratch)) if args.before else None
        try:
            for count in args.mails:
                runs: dict[str, list[float]] = {}
                rss: dict[str, float] = {}
                for round_ in range(args.rounds if count <= 2000 else 1):
                    trees = {"after": here, **({"before": before} if before else {})}
                    user = f"floor{count}r{round_}@ketting.nl"
                    seed(server, user, count)
                    runs.setdefault("floor", []).append(floor(server, user, smtp.port))
                    with tempfile.TemporaryDirectory() as data:
                        runs.setdefault("floor2", []).append(
                            floor_deliverables(server, user, smtp.port, Path(data))
                        )
                    for name, tree in trees.items():
                        user = f"{name}{count}r{round_}@ketting.nl"
                        seed(server, user, count)
                        with tempfile.TemporaryDirectory() as data:
                            got = agent_process(tree, server, user, smtp.port, Path(data))
                        runs.setdefault(name, []).append(got["seconds"])
                        rss[name] = max(rss.get(name, 0.0), got["rss_mb"])
                    if args.without_sending:
                        user = f"silent{count}r{round_}@ketting.nl"
                        seed(server, user, count)
                        with tempfile.TemporaryDirectory() as data:
                            runs.setdefault("after_without_sending", []).append(
                                agent(server, user, free_port(), Path(data), sending=False)
                            )
                median = {name: statistics.median(times) for name, times in runs.items()}
                result: dict[str, object] = {"mails": count}
                for name, seconds in median.items():
                    result[f"{name}_s"] = round(seconds, 2)
                for name in ("after", "before", "after_without_sending"):
                    if name in median:
                        result[f"{name}_per_floor"] = round(median[name] / median["floor"], 2)
                        result[f"{name}_per_floor2"] = round(median[name] / median["floor2"], 2)
                for name, mb in rss.items():
                    result[f"{name}_peak_rss_mb"] = round(mb, 1)
                results.append(result)
                print(json.dumps(result), flush=True)
        finally:
            smtp.stop()
            server.stop()
    print(json.dumps({"machine": machine(), "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

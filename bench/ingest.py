"""End-to-end ingest (`once`) against Dovecot, as a ratio to a floor measured in the same run.

The floor does only what no agent can avoid: imapclient bulk fetch, mail-parser parse, and one
prepared reply per mail over one SMTP connection. The agent additionally archives every mail,
keeps dossiers durable, sends an owner notification per complaint and marks mail processed.

    python bench/ingest.py --mails 1000 10000
    python bench/ingest.py --mails 1000 --without-sending   # also: the agent with SMTP down
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiosmtplib
import mailparser
from common import SinkSmtpServer, agent_config, machine, realistic_mail
from imapclient import IMAPClient

from inbox_agent.app import run_once
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
    parser.add_argument(
        "--without-sending",
        action="store_true",
        help="also time the agent with its SMTP server unreachable: what sending costs it",
    )
    args = parser.parse_args()
    server = DovecotServer()
    smtp = SinkSmtpServer()
    results = []
    try:
        for count in args.mails:
            floors, agents, silent = [], [], []
            for round_ in range(args.rounds if count <= 2000 else 1):
                user = f"bench{count}r{round_}@ketting.nl"
                seed(server, user, count)
                floors.append(floor(server, user, smtp.port))
                with tempfile.TemporaryDirectory() as data:
                    agents.append(agent(server, user, smtp.port, Path(data)))
                if args.without_sending:
                    user = f"silent{count}r{round_}@ketting.nl"
                    seed(server, user, count)
                    with tempfile.TemporaryDirectory() as data:
                        silent.append(agent(server, user, free_port(), Path(data), sending=False))
            f, a = statistics.median(floors), statistics.median(agents)
            results.append(
                {
                    "mails": count,
                    "floor_s": round(f, 2),
                    "agent_s": round(a, 2),
                    "ratio": round(a / f, 2),
                    "agent_mails_per_s": round(count / a, 1),
                }
            )
            if silent:
                s = statistics.median(silent)
                results[-1].update(
                    agent_without_sending_s=round(s, 2), ratio_without_sending=round(s / f, 2)
                )
            print(json.dumps(results[-1]), flush=True)
    finally:
        smtp.stop()
        server.stop()
    print(json.dumps({"machine": machine(), "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

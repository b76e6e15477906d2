"""The fair floor of bench/cpu.py, in a process of its own: the deliverable work with nothing
else. Log in, fetch, parse with mail-parser, write each raw mail to a file (one syncfs per 50),
then send two prepared mails per complaint (customer and owner) over one SMTP connection: the
same work as `floor_deliverables` in bench/ingest.py, without importing the agent.

    python bench/cpu_floor.py RESULT_FILE IMAP_PORT USER SMTP_PORT DATA_FOLDER
"""

import asyncio
import ctypes
import json
import os
import resource
import sys
from pathlib import Path

import aiosmtplib
import mailparser
from imapclient import IMAPClient

PASSWORD = "secret"  # the test servers' one password (inbox_agent.testing.imap.PASSWORD)


def _syncfs(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        ctypes.CDLL(None, use_errno=True).syncfs(fd)
    finally:
        os.close(fd)


async def _send(port: int, sender: str, replies: list[tuple[str, bytes]]) -> None:
    async with aiosmtplib.SMTP(hostname="127.0.0.1", port=port, start_tls=False) as smtp:
        for recipient, raw in replies:
            await smtp.sendmail(sender, [recipient], raw)


def keep(folder: Path, uid: int, raw: bytes, written: int) -> None:
    """The raw mail in a file of its own; every 50 mails, on disk."""
    (folder / f"{uid}.eml").write_bytes(raw)
    if written % 50 == 0:
        _syncfs(folder)


def main() -> None:
    result_file, imap_port, user, smtp_port, data = sys.argv[1:6]
    folder = Path(data)
    folder.mkdir(parents=True, exist_ok=True)
    client = IMAPClient("127.0.0.1", port=int(imap_port), ssl=False, timeout=30)
    client.login(user, PASSWORD)
    client.select_folder("INBOX", readonly=True)
    uids = client.search(["ALL"])
    replies, written = [], 0
    for i in range(0, len(uids), 100):
        for uid, item in client.fetch(uids[i : i + 100], ["BODY.PEEK[]"]).items():
            raw = item[b"BODY[]"]
            parsed = mailparser.parse_from_bytes(raw)
            written += 1
            keep(folder, uid, raw, written)
            for to in (parsed.from_[0][1], "jan@ketting.nl"):
                replies.append(
                    (
                        to,
                        (
                            f"From: {user}\r\nTo: {to}\r\n"
                            f"Subject: Re: {parsed.subject}\r\n\r\nOntvangen.\r\n"
                        ).encode(),
                    )
                )
    _syncfs(folder)
    client.logout()
    asyncio.run(_send(int(smtp_port), user, replies))
    own = resource.getrusage(resource.RUSAGE_SELF)
    peak = next(
        int(line.split()[1]) / 1024
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmHWM:")
    )
    Path(result_file).write_text(
        json.dumps(
            {
                "code": 0,
                "agent_cpu": own.ru_utime + own.ru_stime,
                "sender_cpu": 0.0,
                "agent_rss_mb": peak,
                "sent": len(replies),
            }
        )
    )


if __name__ == "__main__":
    main()

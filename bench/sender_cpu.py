"""CPU of the sending process (mailer.ProcessSender + sendworker) per mail, and the bytes it sends.

    python bench/sender_cpu.py --mails 2000 --rounds 3 --before e8a4ee2

A round: a fresh SMTP sink in a process of its own on loopback (it offers PIPELINING, SIZE,
8BITMIME like Postfix, answers every command, and records a SHA-256 of each transaction exactly
as it came over the wire: MAIL, RCPT, DATA lines and the dot-stuffed data with its final dot);
then a driver process (a Python that imports the tree under test, and nothing else, asserted)
makes a ProcessSender, submits every prepared mail and waits for finish(). The sending process
is the driver's only child, so its CPU (user + system, start-up included; both trees are
byte-compiled first, as `pip install` leaves them) is the driver's RUSAGE_CHILDREN. "after" is
the tree this file is in, "before" a `git worktree add --detach` of REV in a temp dir; the
variants alternate per round and the medians are reported. Every round's multiset of
transaction hashes must equal every other round's: same envelope, same bytes on the wire.

The mails are what the agent sends for a complaint: an acknowledgement (text, quoted-printable,
1.5-4 KB) and the owner's notification carrying the customer's mail (the complaint mails of
`complaint_mails.py`, 2-20 KB, a quarter with a photo or PDF), all CRLF as `compose.to_bytes`
writes them; a few lines begin with a dot, and 1% have bare LFs or no final CRLF, so that
aiosmtplib's normalisation is exercised and held equal too.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from email.mime.text import MIMEText
from email.policy import SMTP
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SHOP, OWNER = "service@fietsenwinkel.nl", "eigenaar@fietsenwinkel.nl"


# --- the sink --------------------------------------------------------------------------------


class _Sink(asyncio.Protocol):
    """One SMTP session; commands may come pipelined, answers go out in one write per read."""

    def __init__(self, record: list[str]) -> None:
        self.record = record
        self.buffer = bytearray()
        self.transaction = bytearray()
        self.in_data = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport
        transport.write(b"220 sink ESMTP\r\n")  # type: ignore[attr-defined]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        out = bytearray()
        while True:
            if self.in_data:
                end = self.buffer.find(b"\r\n.\r\n")
                if end == -1 and self.buffer.startswith(b".\r\n"):
                    end = -2
                if end == -1:
                    break
                cut = end + 5
                self.transaction += self.buffer[:cut]
                del self.buffer[:cut]
                self.record.append(hashlib.sha256(self.transaction).hexdigest())
                self.transaction = bytearray()
                self.in_data = False
                out += b"250 2.0.0 Ok: queued\r\n"
                continue
            line_end = self.buffer.find(b"\r\n")
            if line_end == -1:
                break
            line = bytes(self.buffer[: line_end + 2])
            del self.buffer[: line_end + 2]
            verb = line[:4].upper()
            if verb == b"EHLO":
                out += (
                    b"250-sink\r\n250-PIPELINING\r\n250-SIZE 52428800\r\n"
                    b"250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250 DSN\r\n"
                )
            elif verb in (b"MAIL", b"RCPT"):
                self.transaction += line
                out += b"250 2.1.0 Ok\r\n"
            elif verb == b"DATA":
                self.transaction += line
                self.in_data = True
                out += b"354 End data with <CR><LF>.<CR><LF>\r\n"
            elif verb == b"RSET":
                self.transaction = bytearray()
                out += b"250 2.0.0 Ok\r\n"
            elif verb == b"QUIT":
                out += b"221 2.0.0 Bye\r\n"
                self.transport.write(bytes(out))  # type: ignore[attr-defined]
                self.transport.close()
                return
            else:
                out += b"250 Ok\r\n"
        if out:
            self.transport.write(bytes(out))  # type: ignore[attr-defined]


def sink(port_file: Path, record_file: Path) -> None:
    record: list[str] = []

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: _Sink(record), "127.0.0.1", 0)
        port_file.write_text(str(server.sockets[0].getsockname()[1]))
        stop = loop.create_future()
        loop.add_signal_handler(signal.SIGTERM, stop.set_result, None)
        await stop
        server.close()

    asyncio.run(serve())
    record_file.write_text("\n".join(record))


# --- the driver (runs in the tree under test) ------------------------------------------------

DRIVER = r"""
import json, resource, sys, time
tree, listing, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, tree)
import inbox_agent
assert inbox_agent.__file__.startswith(tree), (inbox_agent.__file__, tree)
from pathlib import Path
from inbox_agent.config import SmtpConfig
from inbox_agent.durations import Duration
from inbox_agent.mail.mailer import ProcessSender
work = json.loads(Path(listing).read_text())
config = SmtpConfig(host="127.0.0.1", port=port, security="none", timeout=Duration(60))
start = time.monotonic()
sender = ProcessSender(config, "service@fietsenwinkel.nl")
for n, (recipients, path) in enumerate(work):
    sender.submit(n, recipients, Path(path))
results = []
unsent, error = sender.finish(lambda key, result: results.append(result.ok))
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "user": usage.ru_utime,
    "sys": usage.ru_stime, "wall": wall, "ok": sum(results), "results": len(results),
    "unsent": len(unsent), "error": str(error) if error else ""}))
"""


def run_round(tree: Path, listing: Path, scratch: Path) -> dict[str, object]:
    port_file, record_file = scratch / "port", scratch / "record"
    port_file.unlink(missing_ok=True)
    server = subprocess.Popen(
        [sys.executable, __file__, "sink", str(port_file), str(record_file)], cwd=scratch
    )
    try:
        deadline = time.monotonic() + 20
        while not port_file.exists() or not port_file.read_text():
            if time.monotonic() > deadline:
                raise RuntimeError("the sink did not start")
            time.sleep(0.05)
        done = subprocess.run(
            [sys.executable, "-c", DRIVER, str(tree), str(listing), port_file.read_text()],
            cwd=scratch,  # not the checkout: `-c` puts the working folder first on sys.path
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"driver failed in {tree}:\n{done.stderr}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
    figures: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    hashes = sorted(record_file.read_text().split())
    figures["wire"] = hashlib.sha256("\n".join(hashes).encode()).hexdigest()[:16]
    figures["transactions"] = len(hashes)
    return figures


# --- the mails -------------------------------------------------------------------------------


def prepare(count: int, folder: Path, seed: int = 25) -> Path:
    """`count` mails (half acknowledgements, half owner notifications) as files, and a listing."""
    from complaint_mails import complaint_mails

    rng = random.Random(seed)
    work: list[tuple[list[str], str]] = []
    complaints = complaint_mails(count // 2 + 1, SHOP, seed)
    paragraphs = [
        "Beste klant,\n\nHartelijk dank voor uw bericht over uw bestelling. Wij hebben uw klacht "
        "ontvangen en onder het nummer {ref} geregistreerd. U hoort uiterlijk op {date} van ons.",
        "Dear customer,\n\nThank you for your message about your order. We have registered your "
        "complaint as {ref} and will answer by {date} at the latest.",
        "Wat wij van u nodig hebben: het ordernummer, de datum van aankoop en een foto van de "
        "schade. Antwoord gerust op deze mail; uw antwoord komt direct bij uw dossier terecht.",
        "...en mocht u nog vragen hebben, dan horen wij het graag.",
        ".Een regel die met een punt begint (moet door SMTP verdubbeld worden).",
    ]
    for n in range(count):
        if n % 2 == 0:
            size = rng.randrange(1_500, 4_000)
            text = ""
            while len(text) < size:
                text += rng.choice(paragraphs).format(ref=f"K-2026-{n:05d}", date="14 december")
                text += "\n\n"
            part = MIMEText(text + "Met vriendelijke groet,\nFietsenwinkel de Ketting\n", "plain")
            part["Subject"] = f"Uw klacht K-2026-{n:05d}"
            part["From"], part["To"] = SHOP, f"klant{n % 316}@example.org"
            part["Message-ID"] = f"<K-2026-{n:05d}.ack@fietsenwinkel.nl>"
            raw = part.as_bytes(policy=SMTP)
            recipients = [f"klant{n % 316}@example.org"]
        else:
            customer = next(complaints)
            head = (
                f"From: {SHOP}\r\nTo: {OWNER}\r\nSubject: Nieuwe klacht K-2026-{n:05d}\r\n"
                f"Message-ID: <K-2026-{n:05d}.owner@fietsenwinkel.nl>\r\nMIME-Version: 1.0\r\n"
                "X-Note: the customer's mail follows as it came\r\n"
            ).encode()
            raw = head + customer
            recipients = [OWNER]
        if n % 100 == 37:
            raw = raw.replace(b"\r\n", b"\n")  # bare LFs: aiosmtplib makes them CRLF
        elif n % 100 == 73:
            raw = raw.rstrip(b"\r\n")  # no final line end
        path = folder / f"{n:05d}.eml"
        path.write_bytes(raw)
        work.append((recipients, str(path)))
    listing = folder / "listing.json"
    listing.write_text(json.dumps(work))
    return listing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mails", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", default="e8a4ee2", help="revision to compare with")
    args = parser.parse_args()
    checkout = HERE.parent
    with tempfile.TemporaryDirectory(prefix="sender-cpu-") as temp:
        scratch = Path(temp)
        (scratch / "mails").mkdir()
        listing = prepare(args.mails, scratch / "mails")
        sizes = sorted(os.path.getsize(p) for _, p in json.loads(listing.read_text()))
        print(
            f"{args.mails} mails, {sizes[0]}-{sizes[-1]} bytes, median {sizes[len(sizes) // 2]},"
            f" {sum(sizes) / 1e6:.1f} MB"
        )
        before = scratch / "before"
        subprocess.run(
            ["git", "-C", str(checkout), "worktree", "add", "--detach", str(before), args.before],
            check=True,
            capture_output=True,
        )
        try:
            variants = {"before": before, "after": checkout}
            for tree in (
                variants.values()
            ):  # as `pip install` leaves it, whatever PYTHONDONTWRITEBYTECODE says
                subprocess.run(
                    [sys.executable, "-m", "compileall", "-q", str(tree / "inbox_agent")],
                    check=True,
                )
            runs: dict[str, list[dict[str, object]]] = {name: [] for name in variants}
            for round_ in range(args.rounds):
                order = list(variants) if round_ % 2 == 0 else list(reversed(variants))
                for name in order:
                    figures = run_round(variants[name], listing, scratch)
                    runs[name].append(figures)
                    print(
                        f"round {round_ + 1} {name:6}: {figures['cpu']:.3f} s CPU "
                        f"({1000 * float(figures['cpu']) / args.mails:.3f} ms/mail; user {figures['user']:.3f}"
                        f" sys {figures['sys']:.3f}), "  # type: ignore[arg-type]
                        f"wall {figures['wall']:.2f} s, {figures['ok']} sent, "
                        f"{figures['transactions']} on the wire, wire {figures['wire']}"
                        + (f", error {figures['error']}" if figures["error"] else ""),
                        flush=True,
                    )
        finally:
            subprocess.run(
                ["git", "-C", str(checkout), "worktree", "remove", "--force", str(before)],
                check=False,
            )
    print("\nvariant | CPU ms/mail (median) | range | wall s (median)")
    for name, figures_list in runs.items():
        per_mail = [1000 * float(f["cpu"]) / args.mails for f in figures_list]  # type: ignore[arg-type]
        walls = [float(f["wall"]) for f in figures_list]  # type: ignore[arg-type]
        print(
            f"{name} | {statistics.median(per_mail):.3f} | {min(per_mail):.3f}-{max(per_mail):.3f}"
            f" | {statistics.median(walls):.2f}"
        )
    wires = {str(f["wire"]) for figures_list in runs.values() for f in figures_list}
    sent = {int(f["transactions"]) for fl in runs.values() for f in fl}  # type: ignore[call-overload]
    same = len(wires) == 1 and sent == {args.mails}
    print(
        f"wire: {'identical' if same else 'DIFFERENT'} in every round"
        f" ({', '.join(sorted(wires))}; transactions {sorted(sent)})"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["sink"]:
        sink(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()

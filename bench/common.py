"""Shared by the benchmarks: realistic mails, servers and configs. Loopback only."""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from inbox_agent.config import Config, config_from_dict  # noqa: E402
from inbox_agent.testing.servers import PASSWORD  # noqa: E402

NL_PROBLEMS = [
    "Mijn nieuwe fiets heeft na twee weken al een gebroken spaak.",
    "De versnelling schakelt niet goed en maakt een tikkend geluid.",
    "Het slot dat ik bij u kocht gaat niet meer open.",
    "De monteur is niet op de afgesproken tijd gekomen voor het onderhoud.",
    "Bij de levering was het frame beschadigd.",
]
EN_PROBLEMS = [
    "The gears slip when I ride uphill and the chain makes a noise.",
    "Nobody was there for my service appointment on Monday.",
    "The lock I bought from you does not open any more.",
]
BRANDS = ["Gazelle", "Batavus", "Cortina", "Sparta", "Trek"]


def realistic_mail(n: int, to: str, rng: random.Random) -> bytes:
    """A customer complaint as people write them: Dutch or English, some fields, a signature."""
    dutch = rng.random() < 0.7
    message = EmailMessage()
    name = f"Klant {n}" if dutch else f"Customer {n}"
    message["From"] = f"{name} <klant{n}@example.nl>"
    message["To"] = to
    message["Subject"] = rng.choice(
        [
            "Klacht over mijn fiets",
            "Kapotte fiets",
            "Slechte service",
            "Complaint about my bike",
            "Service appointment missed",
        ]
    )
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = f"<bench-{n}-{rng.randrange(1 << 30)}@example.nl>"
    problem = rng.choice(NL_PROBLEMS if dutch else EN_PROBLEMS)
    fields = (
        f"Merk: {rng.choice(BRANDS)}\nType: Model {rng.randrange(1, 9)}\n"
        if rng.random() < 0.6
        else ""
    )
    greeting, closing = (
        ("Goedendag,", "Met vriendelijke groet,") if dutch else ("Hello,", "Kind regards,")
    )
    body = (
        f"{greeting}\n\n{problem}\n\n{fields}\n{closing}\n{name}\nDorpsstraat {n % 200 + 1}\n"
        f"{1000 + n % 8999} AB Ergens\n06-{10000000 + n}\n"
    )
    message.set_content(body)
    if rng.random() < 0.2:
        message.add_alternative(
            f"<html><body><p>{greeting}</p><p>{problem}</p></body></html>", subtype="html"
        )
    return message.as_bytes()


def agent_config(data: Path, imap_port: int, smtp_port: int, shop: str, **timing: Any) -> Config:
    return config_from_dict(
        {
            "shop": {"name": "Fietsenwinkel De Ketting", "email": shop},
            "owner": {"handler": "jan@ketting.nl"},
            "imap": {
                "host": "127.0.0.1",
                "port": imap_port,
                "security": "none",
                "username": shop,
                "password": PASSWORD,
                "fetch_batch": 100,
            },
            "smtp": {"host": "127.0.0.1", "port": smtp_port, "security": "none"},
            "storage": {"path": str(data)},
            "timing": {"digest_at": "", **timing},
            # Thousands of different senders: the brake is per address and never bites here.
        }
    )


def write_config_file(config: Config, path: Path, **timing: str) -> Path:
    extra = "".join(f'{k} = "{v}"\n' for k, v in timing.items())
    path.write_text(
        f'[shop]\nname = "Ketting"\nemail = "{config.shop.email}"\n[owner]\nhandler = "jan@ketting.nl"\n'
        f'[imap]\nhost = "127.0.0.1"\nport = {config.imap.port}\nsecurity = "none"\n'
        f'username = "{config.imap.username}"\npassword = "{PASSWORD}"\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {config.smtp.port}\nsecurity = "none"\n'
        f'[storage]\npath = "{config.storage.path}"\n[timing]\ndigest_at = ""\n{extra}'
    )
    return path


class SinkSmtpServer:
    """aiosmtpd's Sink handler in a process of its own, as a real SMTP server would be.

    In the benchmark's own process it would compete with the agent (or the floor) for the GIL,
    and charge the server's work to whoever is measured.
    """

    def __init__(self) -> None:
        import subprocess

        from inbox_agent.testing.servers import free_port, wait_listening

        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}"]
            + ["-c", "aiosmtpd.handlers.Sink"]
        )
        if not wait_listening("127.0.0.1", self.port, 20):
            self.stop()
            raise RuntimeError("aiosmtpd did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def machine() -> str:
    import os
    import platform

    cpu = "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} cores, {cpu}, "
        f"Python {platform.python_version()}"
    )

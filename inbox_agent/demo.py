"""`inbox-agent demo`: the real agent on embedded loopback servers, playing a short story."""

from __future__ import annotations

import tempfile
import time
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from inbox_agent.app import run_once, utcnow
from inbox_agent.config import Config, config_from_dict
from inbox_agent.store import Store
from inbox_agent.testing.servers import PASSWORD, PymapServer, SmtpServer

SHOP = "klachten@ketting.nl"
OWNER = "jan@ketting.nl"
MAILBOXES = (SHOP, OWNER, "piet@klant.nl", "anne@customer.co.uk", "kees@klant.nl")


def _mail(sender: str, name: str, subject: str, body: str, **headers: str) -> bytes:
    message = EmailMessage()
    message["From"] = f"{name} <{sender}>"
    message["To"] = f"Fietsenwinkel De Ketting <{SHOP}>"
    message["Subject"] = subject
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = make_msgid(domain=sender.split("@")[1])
    for key, value in headers.items():
        message[key.replace("_", "-")] = value
    message.set_content(body)
    return message.as_bytes()


class Demo:
    def __init__(self, output: Path, console: Console) -> None:
        self.output = output
        self.console = console
        self.imap = PymapServer()
        self.smtp = SmtpServer(self.imap)
        for user in MAILBOXES:
            self.imap.add_user(user)
        self.config: Config = config_from_dict(
            {
                "shop": {
                    "name": "Fietsenwinkel De Ketting",
                    "email": SHOP,
                    "language": "nl",
                    "disputes_body": "De Geschillencommissie, www.degeschillencommissie.nl",
                },
                "owner": {"handler": OWNER},
                "imap": {
                    "host": "127.0.0.1",
                    "port": self.imap.port,
                    "security": "none",
                    "username": SHOP,
                    "password": PASSWORD,
                },
                "smtp": {"host": "127.0.0.1", "port": self.smtp.port, "security": "none"},
                "storage": {"path": str(output / "data")},
                "timing": {"digest_at": ""},
            }
        )
        (output / "config.toml").write_text(
            f'[shop]\nname = "Fietsenwinkel De Ketting"\nemail = "{SHOP}"\n'
            f'[owner]\nhandler = "{OWNER}"\n'
            f'[imap]\nhost = "127.0.0.1"\nport = {self.imap.port}\nsecurity = "none"\n'
            f'username = "{SHOP}"\npassword = "{PASSWORD}"\n'
            f'[smtp]\nhost = "127.0.0.1"\nport = {self.smtp.port}\nsecurity = "none"\n'
            f'[storage]\npath = "data"\n'
        )
        self.seen_out = 0
        self.started = time.monotonic()

    def say(self, text: str) -> None:
        self.console.print(f"[dim]{time.monotonic() - self.started:5.1f}s[/dim]  {text}")

    def customer_writes(self, raw: bytes) -> None:
        parsed = message_from_bytes(raw, policy=default_policy)
        self.say(f"[cyan]→ in [/cyan] {parsed['From']}: [bold]{parsed['Subject']}[/bold]")
        self.imap.deliver(SHOP, raw)

    def agent_cycle(self) -> None:
        self.say("[yellow]⟳ inbox-agent once[/yellow]")
        report = run_once(self.config)
        for received in self.smtp.received[self.seen_out :]:
            headers = received.headers
            self.say(
                f"[green]← out[/green] {headers['Auto-Submitted'] or 'mail':<14} to "
                f"{', '.join(received.rcpt_tos)}: [bold]{headers['Subject']}[/bold]"
            )
        self.seen_out = len(self.smtp.received)
        self.say(f"[dim]{report}[/dim]")

    def play(self) -> None:
        c = self.console
        c.rule("[bold]inbox-agent demo[/bold]: a complaint mailbox on local servers")
        self.say(
            f"IMAP (pymap) on 127.0.0.1:{self.imap.port}, SMTP (aiosmtpd) on "
            f"127.0.0.1:{self.smtp.port}; data in {self.config.storage.path}"
        )
        self.customer_writes(
            _mail(
                "piet@klant.nl",
                "Piet Jansen",
                "Spaak gebroken na twee weken",
                "Goedendag,\n\nMijn nieuwe fiets heeft na twee weken al een gebroken spaak.\n\n"
                "Merk: Gazelle\nType: Orange C7\nTelefoon: 06-12345678\n\nGroet,\nPiet Jansen\n",
            )
        )
        self.customer_writes(
            _mail(
                "anne@customer.co.uk",
                "Anne Smith",
                "Service appointment missed",
                "Hello,\n\nI booked a service appointment for my bike on Monday and nobody was there "
                "to help me.\n\nDate agreed: 23 November 2026\nPhone: +44 20 7946 0000\n\nAnne Smith\n",
            )
        )
        self.customer_writes(
            _mail(
                "kees@klant.nl",
                "Kees de Vries",
                "Automatisch antwoord: Nieuwsbrief",
                "Ik ben afwezig tot maandag.\n",
                Auto_Submitted="auto-replied",
                X_Auto_Response_Suppress="All",
            )
        )
        self.agent_cycle()
        c.print(
            "  [dim]The out-of-office reply got no answer (RFC 3834); it waits in the "
            "quarantine with its reason.[/dim]"
        )
        ack = next(r for r in self.smtp.received if "piet@klant.nl" in r.rcpt_tos).headers
        self.customer_writes(
            _mail(
                "piet@klant.nl",
                "Piet Jansen",
                ack["Subject"],
                "Hierbij de gegevens die u vroeg.\n\nAdres: Dorpsstraat 1, 1234 AB Ergens\n"
                "Serienummer: GZ-2026-4411\nAankoopdatum: 3 november 2026\n\n> (eerdere mail)\n",
                In_Reply_To=ack["Message-ID"],
                References=ack["Message-ID"],
            )
        )
        self.agent_cycle()
        c.print(
            "  [dim]Piet's reply joined his dossier: no second acknowledgement; the owner "
            "is told what he added.[/dim]"
        )
        self.agent_cycle()
        c.print("  [dim]A second run sends nothing: everything is already done.[/dim]")
        self.show_results()

    def show_results(self) -> None:
        with Store.open(self.config.storage.path) as store:
            dossiers = store.all_dossiers()
            quarantine = store.quarantined()
        table = Table(title="Dossiers")
        for column in ("reference", "status", "customer", "subject", "deadline", "still missing"):
            table.add_column(column)
        for d in dossiers:
            table.add_row(
                d["reference"],
                d["status"],
                d["customer"]["email"],
                d["subject"],
                d["deadline"] or "",
                ", ".join(d["missing"]),
            )
        self.console.print(table)
        for entry in quarantine:
            self.console.print(f"Quarantine: {entry['from']} — {entry['reason']}")
        mail_dir = self.output / "mail"
        for user in MAILBOXES:
            for n, raw in enumerate(self.imap.messages(user), 1):
                path = mail_dir / user / f"{n:02d}.eml"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(raw)
        self.console.print(f"\nMails exchanged (.eml, open them in any mail program): {mail_dir}")
        self.console.print(f"Dossiers and raw archive: {self.config.storage.path}")
        self.console.print(
            f"Look inside: inbox-agent -c {self.output / 'config.toml'} show "
            f"{dossiers[0]['reference']}"
        )

    def summary(self) -> dict[str, Any]:
        with Store.open(self.config.storage.path) as store:
            return {
                "statuses": {d["reference"]: d["status"] for d in store.all_dossiers()},
                "quarantined": len(store.quarantined()),
            }

    def stop(self) -> None:
        self.smtp.stop()
        self.imap.stop()


def run_demo(output: Path | None = None, keep: bool = False, console: Console | None = None) -> int:
    console = console or Console()
    output = output or Path(tempfile.mkdtemp(prefix="inbox-agent-demo-"))
    output.mkdir(parents=True, exist_ok=True)
    demo = Demo(output, console)
    try:
        demo.play()
        if keep:
            console.print(
                f"\nServers keep running. IMAP 127.0.0.1:{demo.imap.port}, SMTP "
                f"127.0.0.1:{demo.smtp.port}, no TLS; log in as any of "
                f"{', '.join(MAILBOXES)} with password {PASSWORD!r}. Ctrl-C stops."
            )
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                console.print("stopped")
    finally:
        demo.stop()
    return 0

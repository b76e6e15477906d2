"""`inbox-agent demo`: the real agent on embedded loopback servers, playing a complaint story.

Everything is real except the config: pymap serves the mailboxes, aiosmtpd accepts the mail
and delivers it into them, and the agent runs the same run_once as cron does. Time runs fast
because the config's durations are seconds and the story keeps its own clock: a wait moves
that clock on at once, and every mail and every agent run is dated by it, so a slow or busy
machine plays exactly the same story.
"""

from __future__ import annotations

import smtplib
import tempfile
import time
from datetime import datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from inbox_agent.config import Config, config_from_dict
from inbox_agent.register.printouts import report_html
from inbox_agent.register.report import build_report
from inbox_agent.run.cycle import run_once, utcnow
from inbox_agent.store import Store
from inbox_agent.testing.servers import PASSWORD, PymapServer, SmtpServer

SHOP = "klachten@ketting.nl"
OWNER = "jan@ketting.nl"
PIET = "piet@klant.nl"
ANNE = "anne@customer.co.uk"
KEES = "kees@klant.nl"
MAILBOXES = (SHOP, OWNER, PIET, ANNE, KEES)
TIMING = {
    "progress_every": "3s",
    "evaluation_after": "3s",
    "close_after": "1h",
    "escalate_after": "1h",
    "digest_at": "",
}


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
                "timing": TIMING,
            }
        )
        timing = "".join(f'{key} = "{value}"\n' for key, value in TIMING.items())
        (output / "config.toml").write_text(
            f'[shop]\nname = "Fietsenwinkel De Ketting"\nemail = "{SHOP}"\n'
            f'disputes_body = "De Geschillencommissie, www.degeschillencommissie.nl"\n'
            f'[owner]\nhandler = "{OWNER}"\n'
            f'[imap]\nhost = "127.0.0.1"\nport = {self.imap.port}\nsecurity = "none"\n'
            f'username = "{SHOP}"\npassword = "{PASSWORD}"\n'
            f'[smtp]\nhost = "127.0.0.1"\nport = {self.smtp.port}\nsecurity = "none"\n'
            f'[storage]\npath = "data"\n[timing]\n{timing}'
        )
        self.shown = 0
        self.started = time.monotonic()
        self.clock = utcnow().replace(microsecond=0)

    # -- the people in the story ----------------------------------------------------------------

    def say(self, text: str) -> None:
        self.console.print(f"[dim]{time.monotonic() - self.started:5.1f}s[/dim]  {text}")

    def narrate(self, text: str) -> None:
        self.console.print(f"        [italic]{text}[/italic]")

    def send(self, sender: str, name: str, subject: str, body: str, **headers: str) -> None:
        """A person's mail program sends a mail to the shop, through the SMTP server."""
        message = EmailMessage()
        message["From"] = f"{name} <{sender}>"
        message["To"] = f"Fietsenwinkel De Ketting <{SHOP}>"
        message["Subject"] = subject
        message["Date"] = format_datetime(self.tick())
        message["Message-ID"] = make_msgid(domain=sender.split("@")[1])
        for key, value in headers.items():
            message[key.replace("_", "-")] = value
        message.set_content(body)
        with smtplib.SMTP(self.smtp.host, self.smtp.port) as client:
            client.send_message(message)
        self.show_traffic()

    def reply(self, sender: str, name: str, original: EmailMessage, text: str) -> None:
        """Answer `original` the way Thunderbird does: new text on top, the history quoted."""
        body = original.get_body(("plain",))
        old = body.get_content().replace("\r\n", "\n") if body is not None else ""
        quoted = "\n".join(f"> {line}" for line in old.splitlines())
        references = " ".join(filter(None, [original.get("References"), original["Message-ID"]]))
        subject = str(original["Subject"])
        self.send(
            sender,
            name,
            subject if subject.lower().startswith("re:") else f"Re: {subject}",
            f"{text}\n\nOp {original['Date']} schreef {original['From']}:\n{quoted}\n",
            In_Reply_To=original["Message-ID"],
            References=references,
        )

    def latest(self, user: str, containing: str = "") -> EmailMessage:
        for raw in reversed(self.imap.messages(user)):
            message = message_from_bytes(raw, policy=default_policy)
            if containing in str(message["Subject"]):
                return message  # type: ignore[return-value]
        raise LookupError(f"no mail for {user} about {containing!r}")

    def agent(self) -> None:
        report = run_once(self.config, now=self.tick())
        self.say(f"[yellow]⟳ inbox-agent once[/yellow]  [dim]{report}[/dim]")
        self.show_traffic()

    def show_traffic(self) -> None:
        for received in self.smtp.received[self.shown :]:
            headers = received.headers
            outgoing = received.mail_from == SHOP
            arrow = "[green]← agent[/green]" if outgoing else "[cyan]→ shop [/cyan]"
            people = ", ".join(received.rcpt_tos) if outgoing else received.mail_from
            # Our Message-IDs name their purpose: <K-2026-0001.acknowledgement.1.token@...>.
            kind = str(headers["Message-ID"]).split(".")[1] if outgoing else "mail"
            self.say(f"{arrow} {people} [magenta]{kind}[/magenta]: {headers['Subject']}")
        self.shown = len(self.smtp.received)

    def tick(self) -> datetime:
        """The story's time: a tenth of a second later for every mail and agent run."""
        self.clock += timedelta(seconds=0.1)
        return self.clock

    def wait(self, seconds: float, why: str) -> None:
        self.narrate(f"… {seconds:.0f} s pass ({why})")
        self.clock += timedelta(seconds=seconds)

    # -- the story ------------------------------------------------------------------------------

    def play(self) -> None:
        c = self.console
        c.rule("[bold]inbox-agent demo[/bold]: a bicycle shop's complaint mailbox on local servers")
        self.say(
            f"IMAP (pymap) 127.0.0.1:{self.imap.port}, SMTP (aiosmtpd) 127.0.0.1:"
            f"{self.smtp.port}; durations in seconds: {TIMING}"
        )
        self.send(
            PIET,
            "Piet Jansen",
            "Spaak gebroken na twee weken",
            "Goedendag,\n\nMijn nieuwe fiets heeft na twee weken al een gebroken spaak.\n\n"
            "Merk: Gazelle\nType: Orange C7\nTelefoon: 06-12345678\n\nGroet,\nPiet Jansen\n",
        )
        self.send(
            ANNE,
            "Anne Smith",
            "Service appointment missed",
            "Hello,\n\nI booked a service for my bike on Monday and nobody was there to "
            "help me. I took a day off for it.\n\nDate agreed: 23 November 2026\n"
            "Phone: +44 20 7946 0000\n\nAnne Smith\n",
        )
        self.send(
            KEES,
            "Kees de Vries",
            "Automatisch antwoord: Uw bestelling",
            "Ik ben afwezig tot maandag.\n",
            Auto_Submitted="auto-replied",
            X_Auto_Response_Suppress="All",
        )
        self.agent()
        self.narrate(
            "Both complaints are acknowledged the same cycle, with the registered data, "
            "what is missing and the answer date; the owner is told. The out-of-office "
            "reply gets no answer (RFC 3834): it waits in the quarantine."
        )

        ack = self.latest(PIET, "Spaak")
        self.reply(
            PIET,
            "Piet Jansen",
            ack,
            "Hierbij de gegevens.\n\nAdres: Dorpsstraat 1, 1234 AB "
            "Ergens\nSerienummer: GZ-2026-4411\nAankoopdatum: 3 november 2026",
        )
        self.agent()
        self.narrate(
            "Piet's reply joins his dossier (no second acknowledgement); the owner sees "
            "what he added."
        )

        note = self.latest(OWNER, "Nieuwe klacht: Service")
        self.reply(
            OWNER,
            "Jan",
            note,
            "#cause information\nDear Anne,\nI am sorry: the "
            "appointment was not in our diary. I will call you tomorrow to plan a new one.",
        )
        self.agent()
        self.narrate(
            "The owner answered Anne from his mail client: only his new text reached her, "
            "threaded under her own mail; the #cause line stayed internal."
        )

        self.wait(3.5, "progress_every: nobody wrote to Piet or Anne for 3 s")
        self.agent()

        note = self.latest(OWNER, "Reactie klant")
        self.reply(
            OWNER,
            "Jan",
            note,
            "#resolve replace nieuw voorwiel\n#cause quality\nBeste Piet,"
            "\nDe spaak was van slechte kwaliteit. U krijgt een nieuw voorwiel; u kunt de "
            "fiets zaterdag ophalen.",
        )
        note = self.latest(OWNER, "Nieuwe klacht: Service")
        self.reply(
            OWNER,
            "Jan",
            note,
            "#resolve goodwill free service voucher\nDear Anne,\nAs "
            "agreed on the phone: your service is free this time. Sorry again.",
        )
        self.agent()
        self.wait(3.5, "evaluation_after: both customers are asked how it went")
        self.agent()

        self.reply(PIET, "Piet Jansen", self.latest(PIET, "Spaak"), "5, top geholpen!")
        self.reply(
            ANNE,
            "Anne Smith",
            self.latest(ANNE, "Service"),
            "2 - not satisfied, I lost a day off work.",
        )
        self.agent()
        self.narrate(
            "Piet is satisfied: closure letter, dossier closed. Anne is not: her dossier "
            "is reopened, she is told about the disputes committee, the owner is told."
        )
        self.show_results()

    def show_results(self) -> None:
        store = Store.read(self.config.storage.path)
        table = Table(title="Dossiers")
        for column in (
            "reference",
            "status",
            "customer",
            "subject",
            "resolution",
            "score",
            "still missing",
        ):
            table.add_column(column)
        for d in store.all_dossiers():
            resolution = d.get("resolution")
            table.add_row(
                d["reference"],
                d["status"],
                d["customer"]["email"],
                d["subject"],
                resolution.get("type", "") if resolution else "",
                str((d.get("evaluation") or {}).get("score") or ""),
                ", ".join(d["missing"]),
            )
        self.console.print(table)
        for entry in store.quarantined():
            self.console.print(f"Quarantine: {entry['from']} — {entry['reason']}")
        mail_dir = self.output / "mail"
        for user in MAILBOXES:
            for n, raw in enumerate(self.imap.messages(user), 1):
                path = mail_dir / user / f"{n:02d}.eml"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(raw)
        self.console.print(
            f"\nEvery mail, as .eml per mailbox (open them in any mail program): {mail_dir}"
        )
        figures = build_report(store.all_dossiers(), None, None, self.config.shop.tz, 90, 3)
        report = self.output / "report.html"
        report.write_text(report_html(figures, self.config), encoding="utf-8")
        self.console.print(f"The register as a report (open it in a browser): {report}")
        self.console.print(
            f"Look inside: inbox-agent -c {self.output / 'config.toml'} show K-2026-0001"
        )

    def summary(self) -> dict[str, Any]:
        store = Store.read(self.config.storage.path)
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
                f"\nThe servers keep running: IMAP 127.0.0.1:{demo.imap.port} and SMTP "
                f"127.0.0.1:{demo.smtp.port}, no TLS. Log in as any of "
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

"""A promise's whole life through the real servers and the real CLI: renegotiated once by the
agent, then broken and handed to a person (handler, deputy, digest), a person's new date
renegotiated once again, and the records in `show --json` and `export`.

The clock is moved to the stored due times and to mornings, so nothing sleeps.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from clients import reply
from conftest import YEAR, complaint, make_config
from test_crash import write_config
from test_owner_loop import dossier, mailbox, text_of

from inbox_agent.cli.main import main
from inbox_agent.config import Config
from inbox_agent.run.cycle import run_once, utcnow
from inbox_agent.testing.servers import ImapServer, SmtpServer

TIMING = {
    "timing__answer_within": "3d",
    "timing__warn_before": "1d",
    "timing__deadline_extension": "2d",
    "timing__progress_every": "60 workdays",
    "timing__escalate_after": "2d",
    "timing__digest_at": "08:00",
}
PROMISE_KEYS = {"by", "what", "due", "outcome", "renegotiated_to", "renegotiated_by"}


def due(config: Config, key: str) -> datetime:
    return datetime.fromisoformat(dossier(config)["due"][key])


def kinds_to(imap: ImapServer, address: str) -> list[str]:
    return [m["Subject"] for m in mailbox(imap, address)]


def digests(imap: ImapServer, handler: str) -> list[str]:
    return [text_of(m) for m in mailbox(imap, handler) if m["Subject"].startswith("Agenda")]


def morning(moment: datetime, config: Config, days: int = 1) -> datetime:
    """09:00 shop time, `days` after `moment`'s day: after the digest hour."""
    local = moment.astimezone(config.shop.tz) + timedelta(days=days)
    return local.replace(hour=9, minute=0, second=0, microsecond=0)


def test_renegotiated_once_then_broken_then_a_person_acts(
    tmp_path: Path,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server, **TIMING)
    shop, handler, deputy = config.shop.email, config.owner.handler, config.owner.deputy
    customer = f"genegeerd.{shop.split('@')[0]}@klant.nl"
    imap_server.deliver(shop, complaint(customer, shop, subject="Remmen piepen"))
    start = utcnow()
    run_once(config, now=start)
    first = dossier(config)["deadline"]
    [ack] = dossier(config)["promises"]
    assert ("agent", first, "open") == (ack["by"], ack["due"], ack["outcome"])

    # The owner reads the notification, so nobody escalates the new complaint; but nobody
    # answers the customer either.
    [note] = [m for m in mailbox(imap_server, handler) if "Nieuwe klacht" in m["Subject"]]
    imap_server.deliver(shop, reply("gmail", note, handler, "#oorzaak kwaliteit"))
    run_once(config, now=start + timedelta(minutes=1))

    # The date comes: the agent's one honest letter with a new date.
    run_once(config, now=due(config, "deadline_missed_at"))
    letters = mailbox(imap_server, customer)
    assert 2 == len(letters)
    assert "spijt ons" in text_of(letters[-1])
    second = dossier(config)["deadline"]
    assert second > first
    old, new = dossier(config)["promises"]
    assert ("renegotiated", second, "agent") == (
        old["outcome"],
        old["renegotiated_to"],
        old["renegotiated_by"],
    )
    assert ("agent", "open", "renegotiation") == (new["by"], new["outcome"], new["origin"])

    # The agent's date comes unkept too: broken; the customer hears nothing more about dates
    # from the agent, however long nobody acts. The handler is not mailed at once: the next
    # working day's agenda lists it, with its ready replies, until a person acts.
    handler_before = len(mailbox(imap_server, handler))
    broken_at = due(config, "deadline_missed_at")
    run_once(config, now=broken_at)
    assert 2 == len(mailbox(imap_server, customer))
    assert "broken" == dossier(config)["promises"][-1]["outcome"]

    # The deputy hears once, `escalate_after` later, in their own agenda with the complaint
    # text; the handler's agenda lists it every working day.
    # The clock only moves forward: the escalation falls between two mornings, and which
    # mornings those are depends on the weekday the test starts on.
    escalate = due(config, "broken_escalate_at")
    mornings, day = [], broken_at
    for _ in range(21):  # three weeks of mornings with nobody acting
        day = morning(day, config)
        mornings.append(day)
    for moment in sorted([escalate, *mornings]):
        run_once(config, now=moment)
    assert 2 == len(mailbox(imap_server, customer))
    to_deputy = [m for m in mailbox(imap_server, deputy) if m["Subject"].startswith("Agenda")]
    assert 1 == len(to_deputy) and f"K-{YEAR}-0001" in text_of(to_deputy[0])
    assert "Remmen piepen" in text_of(to_deputy[0])
    since = mailbox(imap_server, handler)[handler_before:]
    assert [] == [m["Subject"] for m in since if not m["Subject"].startswith("Agenda")]
    listed = [d for d in digests(imap_server, handler) if "Belofte niet nagekomen" in d]
    assert len(listed) >= 12 and all(f"K-{YEAR}-0001" in d for d in listed)  # working days

    # A person acts: a new date. The customer is told by a letter from the person; the broken
    # promise is renegotiated by them, and the agenda no longer lists it.
    later = (day.astimezone(config.shop.tz).date() + timedelta(days=7)).isoformat()
    imap_server.deliver(shop, reply("gmail", note, handler, f"#termijn {later}"))
    acted = day + timedelta(minutes=5)
    run_once(config, now=acted)
    assert 3 == len(mailbox(imap_server, customer)), [
        (m["Subject"], text_of(m)[:300]) for m in mailbox(imap_server, handler)[-2:]
    ]
    records = dossier(config)["promises"]
    assert ("renegotiated", handler) == (records[-2]["outcome"], records[-2]["renegotiated_by"])
    assert (handler, later, "open") == (records[-1]["by"], records[-1]["due"], "open")
    before = len(digests(imap_server, handler))
    run_once(config, now=morning(acted, config, days=3))  # past a weekend: a working day
    assert not any("Belofte niet" in d for d in digests(imap_server, handler)[before:])

    # The person's date may be renegotiated once by the agent again; then it breaks again.
    run_once(config, now=due(config, "deadline_missed_at"))
    assert 4 == len(mailbox(imap_server, customer))
    assert "spijt ons" in text_of(mailbox(imap_server, customer)[-1])
    run_once(config, now=due(config, "deadline_missed_at"))
    assert 4 == len(mailbox(imap_server, customer))
    outcomes = [p["outcome"] for p in dossier(config)["promises"]]
    assert ["renegotiated", "renegotiated", "renegotiated", "broken"] == outcomes

    # The records are in `show --json` and in `export`, with the SPEC's fields.
    path = str(write_config(config, tmp_path / "config.toml"))
    capsys.readouterr()
    assert 0 == main(["-c", path, "show", f"K-{YEAR}-0001", "--json"])
    shown = json.loads(capsys.readouterr().out)["promises"]
    assert all(PROMISE_KEYS <= set(p) for p in shown) and 4 == len(shown)
    out = tmp_path / "export"
    assert 0 == main(["-c", path, "export", f"K-{YEAR}-0001", "--output", str(out)])
    [exported] = list(out.rglob("dossier.json"))
    assert shown == json.loads(exported.read_text(encoding="utf-8"))["promises"]

"""Mail nobody expected, on real servers: a first run over years of old mail, a web form that
reuses Message-IDs, a megabyte Subject, one sender's flood."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import complaint, make_config
from test_crash import write_config

from inbox_agent.cli.main import main
from inbox_agent.config import ConfigError
from inbox_agent.run.cycle import run_once, utcnow
from inbox_agent.store import Store
from inbox_agent.testing.servers import ImapServer, SmtpServer


def sent_to(smtp: SmtpServer, address: str) -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(r.data, policy=email.policy.default)
        for r in smtp.received
        if address in r.rcpt_tos
    ]


# -- a first run over a mailbox full of old mail -------------------------------------------------


def test_first_run_over_old_mail_refuses_naming_the_key_and_what_it_found(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server)
    for number in range(3):
        imap_server.deliver(
            config.shop.email,
            complaint(f"oud{number}@klant.nl", config.shop.email),
            arrived=datetime(2023, 5, 1 + number, 10, 0, tzinfo=UTC),
        )
    imap_server.deliver(config.shop.email, complaint("nieuw@klant.nl", config.shop.email))
    with pytest.raises(ConfigError) as refused:
        run_once(config)
    message = str(refused.value)
    assert message.startswith("imap.read_since:")
    assert "holds 4 unprocessed mails, the oldest from 2023" in message
    assert [] == smtp_server.received  # nothing acknowledged, nothing read
    # The CLI says the same with exit 2.
    path = write_config(config, tmp_path / "config.toml")
    assert 2 == main(["-c", str(path), "once"])
    # With read_since set, the same mailbox starts with what came since that day.
    later = make_config(tmp_path, imap_server, smtp_server)
    fixed = type(config.imap)(**{**config.imap.__dict__, "read_since": utcnow().date()})
    report = run_once(type(config)(**{**config.__dict__, "imap": fixed, "smtp": later.smtp}))
    assert (1, []) == (report.dossiers_opened, report.errors)
    assert 1 == len(sent_to(smtp_server, "nieuw@klant.nl"))
    assert [] == sent_to(smtp_server, "oud0@klant.nl")


def test_first_run_over_recent_mail_starts(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server)
    imap_server.deliver(
        config.shop.email,
        complaint("vorige-week@klant.nl", config.shop.email),
        arrived=datetime.now(UTC) - timedelta(days=5),
    )
    assert 1 == run_once(config).dossiers_opened


def test_a_running_shop_is_never_stopped_by_old_mail(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    """Old mail that shows up later (moved back by hand, a restored folder) is read as always."""
    config = make_config(tmp_path, imap_server, smtp_server)
    imap_server.deliver(config.shop.email, complaint("eerste@klant.nl", config.shop.email))
    assert 1 == run_once(config).dossiers_opened
    imap_server.deliver(
        config.shop.email,
        complaint("teruggezet@klant.nl", config.shop.email),
        arrived=datetime(2023, 1, 2, tzinfo=UTC),
    )
    assert 1 == run_once(config).dossiers_opened
    with Store.open(config.storage.path) as store:
        assert 2 == len(store.all_dossiers())


def test_init_sets_read_since_to_the_day_it_ran() -> None:
    import tomllib

    from inbox_agent.cli import initconfig
    from inbox_agent.config import config_from_dict

    answers = initconfig.Answers(read_since=datetime(2026, 12, 7).date())
    config = config_from_dict(tomllib.loads(initconfig.render(answers)))
    assert "2026-12-07" == config.imap.read_since.isoformat()
    assert initconfig.Answers().read_since == datetime.now().date()


# -- a megabyte Subject --------------------------------------------------------------------------


def test_a_megabyte_subject_is_capped_in_the_store_and_the_acknowledgement_kept_whole_in_the_archive(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server)
    words = "kapot " * 30_000  # 180 kB: the loopback IMAP server is slow with more
    raw = complaint(
        "groot@klant.nl",
        config.shop.email,
        subject=f"Fiets {words}",
        name=f"Piet {'Jansen ' * 300}",
    )
    imap_server.deliver(config.shop.email, raw)
    report = run_once(config)
    assert (1, []) == (report.dossiers_opened, report.errors)
    with Store.open(config.storage.path) as store:
        (dossier,) = store.all_dossiers()
        archive = store.root / dossier["messages"][0]["archive"]
        assert 30_001 == archive.read_bytes().count(b"kapot")  # the whole, and once in the body
    assert dossier["subject"].endswith("kapot…")
    assert 900 < len(dossier["subject"]) <= 998
    assert len(dossier["customer"]["name"]) <= 998
    store_file = max(config.storage.path.glob("*.json"), key=lambda p: p.stat().st_size)
    assert store_file.stat().st_size < 100_000
    (acknowledgement,) = sent_to(smtp_server, "groot@klant.nl")
    assert 900 < len(acknowledgement["Subject"]) < 1100
    assert all(len(line) <= 998 for line in smtp_server.received[0].data.split(b"\r\n"))


def test_capped_cuts_on_a_word_and_leaves_short_text_alone() -> None:
    from inbox_agent.mail.parsing import capped

    assert "kort" == capped("kort")
    assert "een twee drie…" == capped("een twee drie vier", 16)  # on the word near the end
    assert "een twee dr…" == capped("een twee drieeeeee", 12)  # no word boundary near it
    assert "abcdefghi…" == capped("abcdefghijklmnop", 10)
    assert 998 == len(capped("x" * 5000))


# -- a web form that reuses Message-IDs ----------------------------------------------------------


def form_mail(sender: str, to: str, text: str, **headers: str) -> bytes:
    """What a shop's web form sends: every mail under one and the same Message-ID."""
    raw = complaint(sender, to, subject="Contactformulier", body=text, **headers)
    head, body = raw.split(b"\n\n", 1)
    lines = [line for line in head.split(b"\n") if not line.startswith(b"Message-ID:")]
    return b"\n".join([*lines, b"Message-ID: <contactform@webshop.example>"]) + b"\n\n" + body


def test_a_web_form_reusing_one_message_id_gives_each_customer_a_dossier(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    from inbox_agent.triage.unanswered import people_in_quarantine

    config = make_config(tmp_path, imap_server, smtp_server)
    shop = config.shop.email
    start = utcnow().replace(microsecond=0)  # the store keeps whole seconds
    for name in ("anna", "bram", "carla"):
        imap_server.deliver(shop, form_mail(f"{name}@klant.nl", shop, f"{name}: fiets kapot"))
    assert (3, 0, []) == (lambda r: (r.dossiers_opened, r.quarantined, r.errors))(run_once(config))
    imap_server.deliver(shop, form_mail("dirk@klant.nl", shop, "dirk: bel mij terug"))
    # The same sender again with another text: kept apart, and listed for the owner.
    imap_server.deliver(shop, form_mail("anna@klant.nl", shop, "anna: nog een vraag"))
    # A program's mail under that ID is kept apart too, but is nobody to call back.
    imap_server.deliver(
        shop, form_mail("anna@klant.nl", shop, "Ik ben afwezig.", Auto_Submitted="auto-replied")
    )
    second = run_once(config)
    assert (1, 2) == (second.dossiers_opened, second.quarantined)
    for name in ("anna", "bram", "carla", "dirk"):
        assert 1 == len(sent_to(smtp_server, f"{name}@klant.nl")), name
    with Store.open(config.storage.path) as store:
        customers = sorted(d["customer"]["email"] for d in store.all_dossiers())
        listed = people_in_quarantine(store.quarantined(), start)
        assert [] == people_in_quarantine(store.quarantined(), utcnow() + timedelta(minutes=1))
    assert ["anna", "bram", "carla", "dirk"] == [c.split("@")[0] for c in customers]
    assert ["anna@klant.nl"] == [row["from"] for row in listed]
    # Reading the same mails again (a UIDVALIDITY change, a crash) opens nothing twice.
    assert 0 == run_once(config).dossiers_opened


# -- one sender's flood --------------------------------------------------------------------------


def test_a_hundred_mails_in_an_hour_from_one_sender_bring_the_owner_one_flood_notice(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    from inbox_agent.triage.unanswered import floods

    config = make_config(tmp_path, imap_server, smtp_server)
    shop, limit = config.shop.email, config.limits.auto_replies_per_sender
    start = utcnow().replace(microsecond=0)  # the store keeps whole seconds
    for half in (0, 1):
        for n in range(50):
            imap_server.deliver(shop, complaint("boos@klant.nl", shop, subject=f"Klacht {n}"))
        imap_server.deliver(shop, complaint(f"rustig{half}@klant.nl", shop))
        report = run_once(config, now=start + timedelta(minutes=30 * half))
        assert (51, []) == (report.dossiers_opened, report.errors)
    # The customer: as many acknowledgements as the brake allows (as before).
    assert limit == len(sent_to(smtp_server, "boos@klant.nl"))
    # The owner: a notification per acknowledged complaint (each carries a promised date), one
    # more that says the brake held back the acknowledgement, then nothing but the agenda line;
    # other customers' mail is told as always.
    notes = sent_to(smtp_server, config.owner.handler)
    assert limit + 1 + 2 == len(notes)
    with Store.open(config.storage.path) as store:
        (flood,) = floods(store.open_views(), start - timedelta(minutes=1))
    assert ("boos@klant.nl", 100 - limit, 1) == (flood.sender, len(flood.references), flood.told)
    assert start.replace(microsecond=0) <= flood.first < flood.last


def test_the_agenda_lists_people_in_the_quarantine_not_machines_nor_spam() -> None:
    from inbox_agent.triage.unanswered import people_in_quarantine

    def row(kind: str, sender: str, at: str) -> dict[str, object]:
        return {
            "message_id": "<x@y>",
            "key": "k",
            "from": sender,
            "subject": "s",
            "received_at": at,
            "kind": kind,
            "reason": "r",
            "reference": None,
            "archive": "a.eml",
        }

    rows = [
        row("misdirected", "collega@elders.nl", "2026-12-07T10:00:00+00:00"),
        row("unparseable", "anna@klant.nl", "2026-12-07T09:00:00+00:00"),
        row("unparseable", "", "2026-12-07T09:30:00+00:00"),  # no sender: nobody to answer
        row("spam", "winst@spam.example", "2026-12-07T09:00:00+00:00"),
        row("automatic", "noreply@shop.example", "2026-12-07T09:00:00+00:00"),
        row("unparseable", "oud@klant.nl", "2026-12-01T09:00:00+00:00"),  # before `since`
    ]
    since = datetime(2026, 12, 7, tzinfo=UTC)
    listed = people_in_quarantine(rows, since)  # type: ignore[arg-type]
    assert ["anna@klant.nl", "collega@elders.nl"] == [r["from"] for r in listed]

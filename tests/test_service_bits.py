"""Smaller promises: the digest and monthly report go out once, systemd hears from `run`,
and Authentication-Results is read as configured."""

from __future__ import annotations

import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import complaint
from test_crash import write_config
from test_schedule import shop_config

from inbox_agent.config import Config
from inbox_agent.mail.parsing import parse
from inbox_agent.run.cycle import Cycle
from inbox_agent.store import Store
from inbox_agent.testing.servers import ImapServer, SmtpServer
from inbox_agent.triage.owner import authentication_passes

MORNING = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)  # 09:30 in Amsterdam, a Tuesday


def sent_kinds(config: Config) -> list[str]:
    return [e["kind"] for e in Store.read(config.storage.path).outbox_entries()]


def cycle_at(config: Config, when: datetime, raw: bytes | None = None) -> None:
    with Store.open(config.storage.path) as store:
        cycle = Cycle(config, store, when)
        if raw:
            cycle.reading.accept(raw)
        cycle.due.sweep()
        store.commit()


def test_daily_digest_once_a_day_and_only_with_news(tmp_path: Path) -> None:
    config = shop_config(tmp_path)
    config = replace(config, timing=replace(config.timing, digest_at="09:00"))
    cycle_at(config, MORNING)  # nothing to report: no digest, but the day counts as done
    assert "digest" not in sent_kinds(config)
    cycle_at(config, MORNING + timedelta(hours=1), complaint("a@klant.nl", "klachten@ketting.nl"))
    assert "digest" not in sent_kinds(config)  # today's digest time has been dealt with
    cycle_at(config, MORNING + timedelta(days=1))
    assert 1 == sent_kinds(config).count("digest")
    cycle_at(config, MORNING + timedelta(days=1, hours=2))
    assert 1 == sent_kinds(config).count("digest")
    store = Store.read(config.storage.path)
    entry = [e for e in store.outbox_entries() if e["kind"] == "digest"][0]
    text = email.message_from_bytes(
        store.archive.read(entry["archive"]), policy=email.policy.default
    )
    assert "K-2026-0001" in text.get_body(("plain",)).get_content()


def test_monthly_report_on_the_first_cycle_of_a_month(tmp_path: Path) -> None:
    config = shop_config(tmp_path)
    config = replace(config, reports=replace(config.reports, monthly=True))
    cycle_at(
        config,
        datetime(2026, 11, 20, 9, tzinfo=UTC),
        complaint("a@klant.nl", "klachten@ketting.nl"),
    )
    cycle_at(config, MORNING)
    cycle_at(config, MORNING + timedelta(days=1))
    store = Store.read(config.storage.path)
    reports = [
        e for e in store.outbox_entries() if e["subject"].endswith("klachtenrapport 2026-11")
    ]
    assert 1 == len(reports)
    mail = email.message_from_bytes(
        store.archive.read(reports[0]["archive"]), policy=email.policy.default
    )
    assert "Ontvangen klachten: 1" in mail.get_body(("plain",)).get_content()  # shop.language nl
    [attachment] = list(mail.iter_attachments())
    assert "report-2026-11.html" == attachment.get_filename()


def test_run_tells_systemd_ready_and_watchdog(
    tmp_path: Path, shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    sock_path = tmp_path / "notify.sock"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(str(sock_path))
    listener.settimeout(20)
    config_file = write_config(shop, tmp_path / "config.toml")
    service = subprocess.Popen(
        [sys.executable, "-m", "inbox_agent", "-c", str(config_file), "run"],
        env={**os.environ, "NOTIFY_SOCKET": str(sock_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    states: list[str] = []
    try:
        deadline = time.monotonic() + 20
        while not {"READY=1", "WATCHDOG=1"} <= set(states) and time.monotonic() < deadline:
            states.append(listener.recv(256).decode())
        service.send_signal(signal.SIGTERM)
        assert 0 == service.wait(30)
        listener.settimeout(2)
        states.append(listener.recv(256).decode())
        while True:
            try:
                states.append(listener.recv(256).decode())
            except TimeoutError:
                break
    finally:
        if service.poll() is None:
            service.kill()
        listener.close()
    assert "READY=1" in states and "WATCHDOG=1" in states and "STOPPING=1" in states


AUTH = (
    "Authentication-Results: mx.ketting.nl; dkim=pass header.d=ketting.nl; spf=fail smtp.mailfrom=x"
)


def test_authentication_results_must_come_from_our_server_and_pass_for_the_owner() -> None:
    good = parse(f"From: jan@ketting.nl\r\n{AUTH}\r\n\r\nhoi\r\n".encode())
    assert authentication_passes(good, "mx.ketting.nl", "ketting.nl")
    assert not authentication_passes(good, "mx.elders.nl", "ketting.nl")  # not our server
    failing = parse(
        b"From: jan@ketting.nl\r\nAuthentication-Results: mx.ketting.nl; dkim=fail "
        b"header.d=ketting.nl; spf=pass smtp.mailfrom=evil.example\r\n\r\nhoi\r\n"
    )
    assert not authentication_passes(failing, "mx.ketting.nl", "ketting.nl")
    other_domain = parse(
        b"From: jan@ketting.nl\r\nAuthentication-Results: mx.ketting.nl; dkim=pass "
        b"header.d=evil.example\r\n\r\nhoi\r\n"
    )
    assert not authentication_passes(other_domain, "mx.ketting.nl", "ketting.nl")

"""The service never sleeps through its own alarm and feeds systemd's watchdog during long cycles."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import complaint, make_config
from test_schedule import shop_config

from inbox_agent.config import Config
from inbox_agent.run.service import Service, sd_notify
from inbox_agent.testing.servers import ImapServer, SmtpServer


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    service = Service(shop_config(tmp_path))
    yield service
    if service.scheduler.running:
        service.scheduler.shutdown(wait=False)


def test_a_due_time_already_past_wakes_the_service_at_once(service: Service) -> None:
    service.scheduler.start()
    service.wake_at(datetime.now(UTC) - timedelta(hours=3))
    assert service.wake.wait(2)


def test_a_wake_up_the_scheduler_reaches_late_still_wakes_the_service(service: Service) -> None:
    """A busy or suspended scheduler is late by more than APScheduler's one-second grace."""
    service.scheduler.start(paused=True)
    service.wake_at(datetime.now(UTC) + timedelta(seconds=0.2))
    time.sleep(1.5)  # the due time passes by more than the default grace while nothing runs
    service.scheduler.resume()
    assert service.wake.wait(3)


def test_a_future_due_time_waits_for_its_moment(service: Service) -> None:
    service.scheduler.start()
    service.wake_at(datetime.now(UTC) + timedelta(seconds=1))
    assert not service.wake.wait(0.5)
    assert service.wake.wait(3)


class Systemd:
    """A notify socket read the way systemd reads it: at once, in its own thread."""

    def __init__(self, path: Path) -> None:
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.listener.bind(str(path))
        self.listener.settimeout(0.2)
        self.states: list[str] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        while not self.stopping.is_set():
            try:
                self.states.append(self.listener.recv(256).decode())
            except TimeoutError:
                continue

    def heard(self) -> list[str]:
        time.sleep(0.5)
        return list(self.states)

    def close(self) -> None:
        self.stopping.set()
        self.thread.join()
        self.listener.close()


@pytest.fixture
def systemd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Systemd]:
    path = tmp_path / "notify.sock"
    listener = Systemd(path)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    yield listener
    listener.close()


def test_the_watchdog_is_fed_while_a_long_cycle_reads_and_sends(
    shop: Config,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    systemd: Systemd,
) -> None:
    for number in range(6):
        imap_server.deliver(shop.shop.email, complaint(f"klant{number}@klant.nl", shop.shop.email))
    service = Service(shop, ping_every=0)
    service.cycle()
    # One ping per mail read, per mail sent (an acknowledgement and a notification each), and
    # one at the end: the watchdog heard from the cycle while it worked, not only after.
    assert systemd.heard().count("WATCHDOG=1") >= 6 + 12 + 1


def test_the_watchdog_is_not_flooded(tmp_path: Path, systemd: Systemd) -> None:
    service = Service(shop_config(tmp_path), ping_every=60)
    for _ in range(50):
        service.alive()
    assert ["WATCHDOG=1"] == systemd.heard()


def test_a_notify_socket_nobody_reads_never_blocks_the_agent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "deaf.sock"
    deaf = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    deaf.bind(str(path))
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    started = time.monotonic()
    for _ in range(500):  # far beyond the socket's queue
        sd_notify("WATCHDOG=1")
    deaf.close()
    assert time.monotonic() - started < 5


def test_a_due_step_found_by_a_real_cycle_wakes_the_service_even_when_late(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    """The cycle opens a dossier whose progress update is due a second later; whether that time
    has passed when the cycle ends or the scheduler gets round to it only well after it (a busy
    machine), the service wakes for it and sends the update."""
    config = make_config(tmp_path, imap_server, smtp_server, timing__progress_every="1s")
    imap_server.deliver(config.shop.email, complaint("traag@klant.nl", config.shop.email))
    service = Service(config)
    try:
        service.cycle()
        time.sleep(2.5)  # the due time passes by more than APScheduler's default grace
        service.scheduler.start()
        assert service.wake.wait(3)
        service.cycle()  # the woken cycle sends the progress update
    finally:
        if service.scheduler.running:
            service.scheduler.shutdown(wait=False)
    kinds = [r.headers["Subject"] for r in smtp_server.received if "traag@klant.nl" in r.rcpt_tos]
    assert 2 == len(kinds)  # the acknowledgement, then the progress update

"""`inbox-agent run`: the long-running service around run_once (APScheduler + IMAP IDLE).

No state lives in the scheduler: due times are in the dossiers, so the service, a restart and
cron compute the same thing. APScheduler only wakes the loop (poll interval, daily digest);
IDLE wakes it within a second of new mail when the server offers it.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
from datetime import UTC, datetime
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler

from inbox_agent.config import Config
from inbox_agent.mail.inbox import ImapUnavailable, Inbox
from inbox_agent.run import health
from inbox_agent.run.cycle import run_once
from inbox_agent.run.state import CycleReport
from inbox_agent.store import Store, StoreError

log = logging.getLogger(__name__)

_MAX_BACKOFF = 300.0
# The watchdog is fed at most this often while a long cycle makes progress.
_PING_EVERY = 1.0


def sd_notify(state: str) -> None:
    """Tell systemd (Type=notify) how we are; a no-op outside systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    if address.startswith("@"):
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            # Never wait for systemd: a full queue drops this ping, the next one follows.
            sock.setblocking(False)
            sock.connect(address)
            sock.sendall(state.encode())
    except BlockingIOError:
        log.debug("systemd notify queue full; %s dropped", state)
    except OSError as exc:
        log.warning("systemd notify failed: %s", exc)


def status_line(config: Config, report: CycleReport, now: datetime) -> str:
    """What `systemctl status` shows under the unit's name: the last cycle, the mails waiting
    to be sent, the next due step. One line, in the shop's time zone."""
    zone = config.shop.tz
    how = f"{len(report.errors)} failure(s)" if report.errors else "ok"
    parts = [
        f"last cycle {now.astimezone(zone):%H:%M} {how} (read {report.fetched}, sent {report.sent})"
    ]
    try:
        waiting = Store.read(config.storage.path).meta_value("pending")  # decodes only meta
    except StoreError:
        waiting = None
    if isinstance(waiting, list):
        parts.append(f"{len(waiting)} mail(s) waiting to be sent")
    if report.next_due is not None:
        parts.append(f"next due step {report.next_due.astimezone(zone):%Y-%m-%d %H:%M}")
    else:
        parts.append("no step due")
    return "; ".join(parts)


class Service:
    def __init__(self, config: Config, ping_every: float = _PING_EVERY) -> None:
        self.config = config
        self.stopping = threading.Event()
        self.wake = threading.Event()
        self.poll_seconds = max(1.0, float(config.timing.poll_interval.seconds or 60))
        self.backoff = 1.0
        self.position: tuple[int, int] | None = None
        self.scheduler = BackgroundScheduler(timezone=config.shop.tz)
        self.ping_every = ping_every
        self._last_ping = -ping_every

    def stop(self, signum: int | None = None, frame: FrameType | None = None) -> None:
        log.info("stopping after the current step (a mail, or the mails on the wire)")
        self.stopping.set()
        self.wake.set()

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        scheduler = self.scheduler
        scheduler.add_job(self.wake.set, "interval", seconds=self.poll_seconds, id="sweep")
        if self.config.timing.digest_at:
            hour, minute = self.config.timing.digest_at.split(":")
            scheduler.add_job(
                self.wake.set, "cron", hour=int(hour), minute=int(minute), id="digest"
            )
        with Store.lock(self.config.storage.path):
            scheduler.start()
            sd_notify("READY=1")
            try:
                while not self.stopping.is_set():
                    self.cycle()
                    self.wait()
            finally:
                sd_notify("STOPPING=1")
                scheduler.shutdown(wait=False)
        return 0

    def cycle(self) -> None:
        self.wake.clear()
        report = run_once(
            self.config, locked=True, heartbeat=self.alive, stopping=self.stopping.is_set
        )
        self.position = report.folder_position
        if report.next_due is not None:
            self.wake_at(report.next_due)
        if health.anything_happened(report):
            log.info("%s", health.cycle_line(report))  # its failures were logged as they came
        sd_notify("WATCHDOG=1")
        sd_notify("STATUS=" + status_line(self.config, report, datetime.now(UTC)))

    def wake_at(self, when: datetime) -> None:
        """Wake exactly when the next stored due time comes (a progress update, say).

        A time that has already passed wakes the loop at once: APScheduler would otherwise
        count the job as missed (its default grace is one second) and drop it silently.
        """
        if when <= datetime.now(UTC):
            self.wake.set()
            return
        self.scheduler.add_job(
            self.wake.set,
            "date",
            run_date=when,
            id="next_due",
            replace_existing=True,
            misfire_grace_time=None,  # late (a busy cycle, a suspended machine) still wakes
            coalesce=True,
        )

    def alive(self) -> None:
        """The cycle made progress (a mail read, a mail sent): feed systemd's watchdog.

        Fed on progress, not by a timer, so a cycle that hangs still trips the watchdog.
        """
        now = time.monotonic()
        if now - self._last_ping >= self.ping_every:
            self._last_ping = now
            sd_notify("WATCHDOG=1")

    def wait(self) -> None:
        """Until new mail (IDLE), a timer, or a stop; polling when the server has no IDLE."""
        interrupted = lambda: self.stopping.is_set() or self.wake.is_set()  # noqa: E731
        try:
            with Inbox(self.config.imap) as inbox:
                if self._arrived_meanwhile(inbox):
                    return
                if not inbox.idle_supported():
                    self._sleep(self.poll_seconds)
                    return
                inbox.idle_until(self.poll_seconds, lambda: interrupted() or self._watchdog())
            self.backoff = 1.0
        except ImapUnavailable as exc:
            # Not a warning: the cycle that follows meets the same server and logs the failure
            # once, as an error, if it lasts.
            log.info("waiting for mail: %s; trying again in %.0f s", exc, self.backoff)
            self._sleep(self.backoff)
            self.backoff = min(self.backoff * 2, _MAX_BACKOFF)

    def _arrived_meanwhile(self, inbox: Inbox) -> bool:
        """Mail that came after the cycle read the folder but before IDLE began."""
        info = inbox.info
        if info is None or info.uidnext is None or self.position is None:
            return False
        uidvalidity, last_uid = self.position
        return info.uidvalidity != uidvalidity or info.uidnext > last_uid + 1

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not (self.stopping.is_set() or self.wake.is_set()) and time.monotonic() < deadline:
            self.wake.wait(min(1.0, deadline - time.monotonic()))
            self._watchdog()

    @staticmethod
    def _watchdog() -> bool:
        sd_notify("WATCHDOG=1")
        return False


def run_service(config: Config) -> int:
    return Service(config).run()

"""One cycle: read new mail → do what is due → send the outbox. cron, systemd and tests all use it.

`run_once` composes three runners over one `CycleState`, each with one purpose:
`Reading` (run/reading.py) reads and disposes of new mail, `DueWork` (run/due.py) does what
time brings, `Sending` (run/sending.py) keeps the outbox and alone talks SMTP.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from inbox_agent.config import Config
from inbox_agent.mail.inbox import ImapLoginRefused, ImapUnavailable
from inbox_agent.run import health
from inbox_agent.run.due import DueWork
from inbox_agent.run.reading import Reading
from inbox_agent.run.sending import Sending
from inbox_agent.run.state import CycleReport, CycleState
from inbox_agent.store import Store, StoreError

__all__ = ["Cycle", "CycleReport", "run_once", "utcnow"]

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Cycle:
    """One cycle's runners over one shared state; it does nothing itself."""

    def __init__(
        self,
        config: Config,
        store: Store,
        now: datetime,
        heartbeat: Callable[[], None] = lambda: None,
        progress: Callable[[int, int], None] = lambda done, total: None,
        stopping: Callable[[], bool] = lambda: False,
    ) -> None:
        self.state = CycleState(config, store, now, heartbeat, progress, stopping)
        self.report = self.state.report  # what the cycle did, as run_once returns it
        self.sending = Sending(self.state)
        beat = self.state.heartbeat

        def beat_and_record() -> None:  # as any runner moves on, what was sent goes on record
            beat()
            self.sending.between_steps()

        self.state.heartbeat = beat_and_record
        self.reading = Reading(self.state, self.sending)
        self.due = DueWork(self.state, self.sending)


def run_once(
    config: Config,
    now: datetime | None = None,
    locked: bool = False,
    heartbeat: Callable[[], None] = lambda: None,
    progress: Callable[[int, int], None] | None = None,
    stopping: Callable[[], bool] = lambda: False,
) -> CycleReport:
    """Read new mail, process it, send what is due. Server faults are reported, not raised.

    `locked` says the caller (the service) already holds the data folder's lock; `heartbeat` is
    called as the cycle moves on; `progress` hears (mails read, mails to read) as reading goes
    on (a bar on a terminal); once `stopping()` is true (SIGTERM) the cycle finishes its
    current step, records it, and leaves the rest for the next run.
    """
    with Store.open(config.storage.path, locked=locked) as store:
        cycle = Cycle(config, store, now or utcnow(), heartbeat, stopping=stopping)
        state = cycle.state
        if progress is not None:
            state.progress = progress
        try:
            try:
                cycle.reading.ingest()
            except ImapLoginRefused as exc:
                state.report.errors.append(str(exc))
                log.error("%s", exc)
                cycle.reading.login_refused("IMAP", str(exc))
            except ImapUnavailable as exc:
                # Reading failed; what is due and what waits in the outbox still goes out.
                state.report.errors.append(str(exc))
                log.error("%s", exc)
            cycle.sending.between_steps()
            cycle.reading.tell_owner_of_failures()
            if not stopping():
                cycle.due.sweep()
            cycle.sending.between_steps()
            cycle.sending.flush_outbox()
            state.report.stopped_early = stopping()
            health.record_cycle(
                config.storage.path, state.now, state.report.errors, state.refused_logins
            )
        except BaseException as exc:
            cycle.sending.abort()
            if not isinstance(exc, OSError):
                raise
            # A full or read-only disk (or another system error): stop here. Nothing past the
            # last commit was marked processed, so the next run starts where this one was.
            raise StoreError(stopped_by(exc, config.storage.path)) from None
        return cycle.report


# The errors a full, read-only or failing disk gives; anything else is not the data folder's.
_DISK_ERRORS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}
)


def stopped_by(exc: OSError, data_folder: object) -> str:
    """Why a cycle stopped on a system error, without blaming the disk for what was not."""
    reason = exc.strerror or str(exc)
    if exc.errno in _DISK_ERRORS or exc.filename:
        where = f" ({exc.filename})" if exc.filename else ""
        return (
            f"cannot write to the data folder {data_folder}: {reason}{where}; "
            "mail not yet stored stays unprocessed on the server"
        )
    return (
        f"the run stopped on a system error: {reason}; nothing past the last record was "
        "marked processed, so the next run starts where this one was"
    )

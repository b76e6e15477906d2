"""Sending a cycle's mail: in a thread, or for a backlog in a process of its own.

The SMTP conversation itself is `smtp`'s; this module hands it the mails and collects the
results, so the reading never waits for a slow server and the agent alone decides when sending
stops.
"""

from __future__ import annotations

import logging
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from subprocess import PIPE
from typing import IO, Any

from inbox_agent.config import SmtpConfig
from inbox_agent.mail.smtp import Connections, SendResult, SmtpUnavailable
from inbox_agent.mail.smtp import SmtpLoginRefused as SmtpLoginRefused
from inbox_agent.mail.smtp import SmtpThrottled as SmtpThrottled
from inbox_agent.mail.smtp import check as check

log = logging.getLogger(__name__)


class Sender:
    """Sends in a thread of its own while the cycle goes on reading mail; one per round.

    submit() a mail once its outbox entry is committed. Results come back on the caller's
    thread (results(), finish()), so only that thread ever touches the store. What is still
    unsent when finish() returns, because every connection failed or one was lost mid-mail, is
    listed with the error, for the outbox to retry.
    """

    # At most this many mails reported sent and not yet on record (the agent says which are,
    # recorded()): then the sending waits, so that a crash sends at most these again. None:
    # no limit. A sending process (ProcessSender) does not wait.
    window: int | None = None

    def __init__(self, config: SmtpConfig, sender: str) -> None:
        self._on_record = threading.Condition()
        self._reported = self._recorded = 0
        self._results: queue.SimpleQueue[tuple[Any, SendResult]] = queue.SimpleQueue()
        self._unreported: set[Any] = set()
        self._errors: list[SmtpUnavailable] = []
        self.stopped_early = False  # finish() left mail unsent because the agent is stopping
        self._start(config, sender)

    def _start(self, config: SmtpConfig, sender: str) -> None:
        import asyncio

        self._loop = asyncio.new_event_loop()
        self._connections = Connections(config, sender, self._report)
        self._errors = self._connections.errors
        self._thread = threading.Thread(target=self._loop.run_forever, name="smtp", daemon=True)
        self._thread.start()

    def _report(self, key: Any, result: SendResult) -> None:
        """A result, on the sending thread: handed over, then wait while too many are not yet
        on record (never long: a stuck agent must not hang the sending)."""
        self._results.put((key, result))
        with self._on_record:
            self._reported += 1
            window = self.window
            if window is not None:
                self._on_record.wait_for(lambda: self._reported - self._recorded < window, 2.0)

    def recorded(self, count: int) -> None:
        """The first `count` results taken from this sender are on record: sending may go on."""
        with self._on_record:
            self._recorded = max(self._recorded, count)
            self._on_record.notify_all()

    def submit(self, key: Any, recipients: Sequence[str], mail: Path) -> None:
        """Queue the mail kept in file `mail`; it is read when its turn comes, so a backlog of
        thousands does not sit in memory."""
        self._unreported.add(key)
        self._hand_over((key, list(recipients), str(mail)))

    def _hand_over(self, item: tuple[Any, list[str], str]) -> None:
        self._loop.call_soon_threadsafe(self._connections.put, item)

    def results(self) -> list[tuple[Any, SendResult]]:
        """What has been sent or refused so far; does not wait."""
        done: list[tuple[Any, SendResult]] = []
        while True:
            try:
                key, result = self._results.get_nowait()
            except queue.Empty:
                return done
            self._unreported.discard(key)
            done.append((key, result))

    def finish(
        self,
        on_result: Callable[[Any, SendResult], None],
        stopping: Callable[[], bool] = lambda: False,
    ) -> tuple[list[Any], SmtpUnavailable | None]:
        """Wait until everything submitted is sent or given up: (unsent keys, the error).

        Once `stopping()` says so (the agent was told to stop), only the mails on the wire are
        finished, for at most STOP_GRACE seconds; the rest is returned unsent with no error,
        for the next run.
        """
        stopped, dropped_at = self._stop(), None
        while not stopped():
            if dropped_at is None and stopping():
                dropped_at = time.monotonic()
                self._drop_queued()
            elif dropped_at is not None and time.monotonic() - dropped_at > STOP_GRACE:
                self._cancel()  # a server that does not answer: that mail goes out next run
                break
            try:
                key, result = self._results.get(timeout=0.05)
            except queue.Empty:
                continue
            self._unreported.discard(key)
            on_result(key, result)
        for key, result in self.results():
            on_result(key, result)
        self._close()
        self.stopped_early = dropped_at is not None
        unsent = list(self._unreported)
        if self.stopped_early:
            return unsent, None
        if self._errors and not unsent:
            log.warning(
                "SMTP: %d connection(s) failed; the others sent everything", len(self._errors)
            )
        return unsent, self._errors[0] if unsent and self._errors else None

    def _drop_queued(self) -> None:
        self._loop.call_soon_threadsafe(self._connections.drop_queued)

    def _cancel(self) -> None:
        import asyncio

        with suppress(Exception):
            asyncio.run_coroutine_threadsafe(self._connections.cancel(), self._loop).result(5)

    def _stop(self) -> Callable[[], bool]:
        """Let the connections send what is queued and hang up; the callable says when done."""
        import asyncio

        stopped = asyncio.run_coroutine_threadsafe(self._connections.stop(), self._loop)
        return lambda: stopped.done() and (stopped.cancelled() or stopped.result() is None)

    def abort(self) -> None:
        """Stop at once (the cycle failed); whatever was not reported is sent again later."""
        import asyncio

        with suppress(Exception):
            asyncio.run_coroutine_threadsafe(self._connections.cancel(), self._loop).result(15)
        self._close()

    def _close(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(60)
        if not self._thread.is_alive():
            self._loop.close()


class ProcessSender(Sender):
    """The same, with the sending in a process of its own (`inbox_agent.mail.sendworker`), for a
    backlog: threads share one interpreter lock, so each SMTP round trip of a sending thread
    waited while the cycle parsed mail, and thousands of mails went out at a third of the pace.
    Costs a Python start (about a third of a second), so small rounds use a thread.

    Work goes to the process's stdin and results come back on its stdout, pickled (our own
    child, nothing else writes there); a reader thread puts them on the same queue as a thread
    sender would. Should the process itself fail, finish() sends what it left from a thread.
    """

    def _start(self, config: SmtpConfig, sender: str) -> None:
        self._config, self._sender, self._crashed = config, sender, False
        self._items: dict[Any, tuple[Any, list[str], str]] = {}  # handed over, no result yet
        # The child imports this very package, wherever it was found (an install, a checkout).
        here = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH")) if p)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "inbox_agent.mail.sendworker"],
            stdin=PIPE,
            stdout=PIPE,
            env={**os.environ, "PYTHONPATH": path},
        )
        assert self._process.stdin is not None and self._process.stdout is not None
        self._work = self._process.stdin
        self._write((config, sender))
        self._thread = threading.Thread(
            target=self._read, args=(self._process.stdout,), name="smtp", daemon=True
        )
        self._thread.start()

    def _write(self, message: Any) -> None:
        try:
            pickle.dump(message, self._work)
            self._work.flush()
        except (BrokenPipeError, ValueError):
            pass  # the process is gone: finish() says so, and everything unsent waits

    def _hand_over(self, item: tuple[Any, list[str], str]) -> None:
        self._items[item[0]] = item
        self._write(item)

    def _read(self, results: IO[bytes]) -> None:
        while True:
            try:
                message = pickle.load(results)
            except (EOFError, OSError, pickle.UnpicklingError):
                return
            if isinstance(message, SmtpUnavailable):
                self._errors.append(message)
            else:
                self._items.pop(message[0], None)
                self._results.put(message)

    def _stop(self) -> Callable[[], bool]:
        self._write(None)  # "that was all"; a stdin closed without it means we died
        with suppress(OSError):
            self._work.close()
        return lambda: not self._thread.is_alive() and self._results.empty()

    def _drop_queued(self) -> None:
        with suppress(OSError):
            self._process.send_signal(signal.SIGUSR1)

    def _cancel(self) -> None:
        self._process.kill()  # what it reported is still read from its stdout

    def abort(self) -> None:
        self._process.kill()
        self._close()

    def _close(self) -> None:
        self._thread.join(60)
        with suppress(OSError):
            self._work.close()
        try:
            code = self._process.wait(10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            code = self._process.wait()
        if code != 0:
            self._crashed = True
            self._errors.append(SmtpUnavailable(f"the sending process ended with status {code}"))

    def finish(
        self,
        on_result: Callable[[Any, SendResult], None],
        stopping: Callable[[], bool] = lambda: False,
    ) -> tuple[list[Any], SmtpUnavailable | None]:
        unsent, error = super().finish(on_result, stopping)
        if not (unsent and self._crashed) or self.stopped_early:
            return unsent, error
        log.warning("%s; sending the %d mail(s) it left from the agent itself", error, len(unsent))
        fallback = Sender(self._config, self._sender)
        for key in unsent:
            _, recipients, mail = self._items[key]
            fallback.submit(key, recipients, Path(mail))
        return fallback.finish(on_result)


def sender_for(config: SmtpConfig, sender: str, backlog: int) -> Sender:
    """A sender suited to `backlog` mails: a process of its own only when that pays."""
    if backlog >= SEPARATE_PROCESS_FROM:
        try:
            return ProcessSender(config, sender)
        except OSError as exc:  # no Python to start (an embedded interpreter), no processes left
            log.warning("sending from this process: a sending process cannot start: %s", exc)
    return Sender(config, sender)


# From this many mails a round, starting a second Python (a third of a second) is paid back.
SEPARATE_PROCESS_FROM = 200
# Told to stop, the mails already on the wire get this long to be answered (seconds).
STOP_GRACE = 3.0

"""The sending process of mailer.ProcessSender: `python -m inbox_agent.mail.sendworker`.

stdin brings pickled work: first (SmtpConfig, sender address), then (key, recipients, path of
the mail) per mail, and None when that was all. stdout takes back (key, SendResult) per mail
(the results of one turn of the event loop in one write) and, at the end, each connection's
SmtpUnavailable. stdin closing without the None means the agent died: stop at once, as its
sending thread would have, rather than send on unrecorded. SIGUSR1 means the agent is stopping
(SIGTERM): what no connection has begun is left unsent.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import pickle
import signal
import sys
from typing import IO, Any

from inbox_agent.mail.smtp import Connections


class Work:
    """The agent's pickles as they come over a pipe, read by the event loop itself (a reading
    thread cost a wake-up of the loop and a hand-over of the interpreter lock per mail)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.pending = b""  # the start of a pickle whose end has not come yet
        self.closed = False  # the agent closed its end

    def read(self) -> list[Any]:
        """What one read brings, unpickled; `closed` once the pipe is at its end."""
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:
            chunk = b""
        if not chunk:
            self.closed = True
            return []
        stream = io.BytesIO(self.pending + chunk)
        items, start = [], 0
        while True:
            try:
                items.append(pickle.load(stream))
            except (EOFError, pickle.UnpicklingError):
                break  # the rest comes with a later read (a pickle ends with its STOP code)
            start = stream.tell()
        self.pending = stream.getvalue()[start:]
        return items


def main() -> None:
    # The agent decides when sending stops (a service stops after its current step, and the
    # signal reaches this process too); this process stops when the agent says so or is gone.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGUSR1 is the agent saying "stop soon" (see _serve); until then it must not end us.
    signal.signal(signal.SIGUSR1, signal.SIG_IGN)
    # Results get stdout to themselves: anything printed goes to stderr, with the log.
    results = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    work = Work(sys.stdin.fileno())
    first: list[Any] = []
    while not first and not work.closed:
        first = work.read()
    if not first:
        return  # the agent is gone before it said what to do
    config, sender = first[0]
    asyncio.run(_serve(config, sender, work, first[1:], results))


async def _serve(
    config: Any, sender: str, work: Work, early: list[Any], results: IO[bytes]
) -> None:
    loop = asyncio.get_running_loop()
    told: list[Any] = []  # results of this turn of the event loop, written at its end

    def tell(message: Any) -> None:
        if not told:
            loop.call_soon(flush)
        told.append(message)

    def flush() -> None:
        # One write for the results that came in together: each is still on its way to the
        # agent before the loop waits for the server again, so a kill loses no more than before.
        for message in told:
            pickle.dump(message, results)
        told.clear()
        results.flush()

    connections = Connections(config, sender, lambda *result: tell(result))
    ended: asyncio.Future[bool] = loop.create_future()
    # The agent is stopping: finish the mails on the wire, leave the rest for its next run.
    loop.add_signal_handler(signal.SIGUSR1, connections.drop_queued)

    def take(items: list[Any]) -> None:
        for item in items:
            if item is None:  # "that was all"
                ended.set_result(True)
                loop.remove_reader(work.fd)
                return
            connections.put(item)
        if work.closed:  # without the None: the agent died
            ended.set_result(False)
            loop.remove_reader(work.fd)

    take(early)
    if not ended.done():
        try:
            loop.add_reader(work.fd, lambda: take(work.read()))
        except PermissionError:  # stdin is a file, not the agent's pipe: it never blocks
            while not ended.done():
                take(work.read())
    if await ended:
        await connections.stop()
        for error in connections.errors:
            tell(error)
        flush()
    else:
        await connections.cancel()


if __name__ == "__main__":
    main()

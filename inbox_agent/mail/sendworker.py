"""The sending process of mailer.ProcessSender: `python -m inbox_agent.mail.sendworker`.

stdin brings pickled work: first (SmtpConfig, sender address), then (key, recipients, path of
the mail) per mail, and None when that was all. stdout takes back (key, SendResult) per mail
(the results of one turn of the event loop in one write) and, at the end, each connection's
SmtpUnavailable. stdin closing without the None means the
agent died: stop at once, as its sending thread would have, rather than send on unrecorded.
SIGUSR1 means the agent is stopping (SIGTERM): what no connection has begun is left unsent.
"""

from __future__ import annotations

import asyncio
import logging
import os
import pickle
import signal
import sys
import threading
from typing import IO, Any

from inbox_agent.mail.smtp import Connections


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
    config, sender = pickle.load(sys.stdin.buffer)
    asyncio.run(_serve(config, sender, sys.stdin.buffer, results))


async def _serve(config: Any, sender: str, work: IO[bytes], results: IO[bytes]) -> None:
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
    arrived: list[Any] = []  # mails read from the agent that the loop has not taken yet
    lock = threading.Lock()

    def take() -> None:
        with lock:
            items = arrived[:]
            arrived.clear()
        for item in items:
            connections.put(item)

    def read() -> None:
        while True:
            try:
                item = pickle.load(work)
            except (EOFError, OSError, pickle.UnpicklingError):
                loop.call_soon_threadsafe(ended.set_result, False)
                return
            if item is None:
                loop.call_soon_threadsafe(ended.set_result, True)
                return
            with lock:
                arrived.append(item)
                wake = len(arrived) == 1
            if wake:  # one wake-up of the loop for a burst of mails, not one per mail
                loop.call_soon_threadsafe(take)

    threading.Thread(target=read, daemon=True).start()
    if await ended:
        await connections.stop()
        for error in connections.errors:
            tell(error)
        flush()
    else:
        await connections.cancel()


if __name__ == "__main__":
    main()

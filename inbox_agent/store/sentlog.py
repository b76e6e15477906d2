"""`inbox-agent-sent.json`: the mail SMTP accepted since the store file was last written.

The store file is written whole at each commit, which for thousands of dossiers costs too much
to do every few sends; yet whatever was sent and is not on disk goes out a second time after a
crash (a customer sees two mails). So each accepted mail is noted here, a small TinyDB file
written (atomically; _replace says why it is not fsynced) every few sends, and folded into the
outbox when the store is opened. A commit of the store file makes these notes redundant and removes the file.

The file is written by a thread of its own, so the cycle reads on while the disk syncs; a
write that is asked for while one is under way is folded into the next.

A note names the outbox entry by its Message-ID, so a note that outlives its store file (a
restore) marks only mail that really went out under that Message-ID. Plain TinyDB reads it:
table `sent`, one row per mail (message_id, sent_at, attempts).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any

from inbox_agent.store.storage import _dumps, read_json

SENT_FILE = "inbox-agent-sent.json"


class SentLog:
    """The notes of sent mail: read when the store opens, added to as mail goes out.

    Notes are only ever added until the log is cleared, so each is encoded once and the file is
    written as a join of them (the whole store's TinyDB machinery would encode every row again
    at each write)."""

    def __init__(self, root: Path) -> None:
        self.path = root / SENT_FILE
        self.on_disk = self.path.exists()
        self._opened: list[dict[str, Any]] = []  # the notes the file held when opened
        self._members: list[bytes] = []  # every note as the file holds it: "id":{...}
        if self.on_disk:
            for row in read_json(self.path).get("sent", {}).values():
                self._opened.append(dict(row))
                self._append(row)
        self.waiting = 0  # notes added since the last write() was asked for
        self._lock = threading.Condition()
        self._next: list[bytes] | None = None  # the newest content not yet handed to the disk
        self._done: Callable[[], None] = lambda: None  # to call once _next is on disk
        self._busy = False  # the writing thread is at work
        self._error: OSError | None = None

    @property
    def count(self) -> int:
        return len(self._members)

    def notes(self) -> list[dict[str, Any]]:
        """What the file held when the store was opened."""
        return list(self._opened)

    def _append(self, row: Mapping[str, Any]) -> None:
        self._members.append(b'"%d":%s' % (len(self._members) + 1, _dumps(row)))

    def add(self, message_id: str, changes: Mapping[str, Any]) -> None:
        self._append(
            {
                "message_id": message_id,
                "sent_at": changes.get("sent_at"),
                "attempts": changes.get("attempts", 1),
            }
        )
        self.waiting += 1

    def write(self, done: Callable[[], None] = lambda: None) -> None:
        """Put the notes on disk, in the writing thread, which calls `done` once they are: a
        crash after that resends none of them. Raises what the last write met (a full disk)
        on the caller's thread."""
        self._raise_error()
        if not self.waiting:
            done()
            return
        content = [b'{"sent":{', b",".join(self._members), b"}}"]
        self.waiting = 0
        with self._lock:
            self._next, self._done = content, done
            if self._busy:
                return
            self._busy = True
        threading.Thread(target=self._write_all, name="sent-log", daemon=True).start()

    def _write_all(self) -> None:
        while True:
            with self._lock:
                content, self._next, done = self._next, None, self._done
                if content is None or self._error is not None:
                    self._busy = False
                    self._lock.notify_all()
                    return
            try:
                _replace(self.path, content)
                self.on_disk = True
                done()
            except OSError as exc:
                with self._lock:
                    self._error = exc

    def settle(self) -> None:
        """Wait until the writing thread is done."""
        with self._lock:
            self._lock.wait_for(lambda: not self._busy)
        self._raise_error()

    def _raise_error(self) -> None:
        with self._lock:
            error, self._error = self._error, None
        if error is not None:
            raise error

    def clear(self) -> None:
        """The store file now holds every note (it was just committed): start afresh."""
        self.settle()  # no write of old notes may follow the removal
        if self.on_disk:
            with suppress(FileNotFoundError):
                self.path.unlink()  # should a power cut bring it back, its notes are still true
        self._members, self._opened = [], []
        self.on_disk, self.waiting = False, 0


def _replace(path: Path, content: list[bytes]) -> None:
    """Write a temp file and rename it over `path`: a killed agent leaves the old notes or the
    new ones. Not fsynced: a crash of the agent loses nothing the kernel holds, and syncing
    every few sends would make each commit of the store file wait behind the disk's journal.
    A power cut may bring back older notes: then a few more mails go out twice, none is lost."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temp, "wb") as handle:
        handle.writelines(content)
    os.replace(temp, path)

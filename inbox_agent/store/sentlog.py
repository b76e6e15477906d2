"""`inbox-agent-sent.json`: the mail SMTP accepted since the store file was last written.

The store file is written whole at each commit, which for thousands of dossiers costs too much
to do every few sends; yet whatever was sent and is not on disk goes out a second time after a
crash (a customer sees two mails). So each accepted mail is noted here, a small TinyDB file
written (atomically, fsynced) every few sends, and folded into the outbox when the store is
opened. A commit of the store file makes these notes redundant and removes the file.

A note names the outbox entry by its Message-ID, so a note that outlives its store file (a
restore) marks only mail that really went out under that Message-ID. Plain TinyDB reads it:
table `sent`, one row per mail (message_id, sent_at, attempts).
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any

from inbox_agent.files import fsync
from inbox_agent.store.storage import Database

SENT_FILE = "inbox-agent-sent.json"


class SentLog:
    """The notes of sent mail: read when the store opens, added to as mail goes out."""

    def __init__(self, root: Path) -> None:
        self.path = root / SENT_FILE
        self.db = Database(self.path)
        self.on_disk = self.path.exists()
        self.waiting = 0  # notes added since the file was last written

    def notes(self) -> list[dict[str, Any]]:
        """What the file held when opened, and what was added since."""
        return [dict(row) for row in self.db.table("sent").all()]

    def add(self, message_id: str, changes: Mapping[str, Any]) -> None:
        self.db.table("sent").insert(
            {
                "message_id": message_id,
                "sent_at": changes.get("sent_at"),
                "attempts": changes.get("attempts", 1),
            }
        )
        self.waiting += 1

    def write(self) -> None:
        """Put the notes on disk: after this, a crash resends none of them."""
        if self.waiting:
            self.db.flush()
            self.on_disk, self.waiting = True, 0

    def clear(self) -> None:
        """The store file now holds every note (it was just committed): start afresh."""
        if self.on_disk:
            with suppress(FileNotFoundError):
                self.path.unlink()
            fsync(self.path.parent)
        self.db = Database(self.path)
        self.on_disk, self.waiting = False, 0

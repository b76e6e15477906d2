"""The raw-mail archive: every mail received or sent, as .eml files a mail client opens.

Written through the store's Batch, durable with its next commit (until then nothing refers to
them). Dossiers keep only where a mail is; its text is read from here.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from inbox_agent.store.files import Batch


class Archive:
    def __init__(self, root: Path, batch: Batch) -> None:
        self.root, self.batch = root, batch

    def write(self, relative: str | Path, content: bytes) -> str:
        """Keep `content` at `relative` in the data folder; returns `relative`."""
        self.batch.write(self.root / relative, content)
        return str(relative)

    def incoming(self, raw: bytes, sha256: str, now: datetime) -> str:
        """Keep a received mail under its hash (attachments go in a folder beside it)."""
        return self.write(Path("archive", "in", now.strftime("%Y-%m"), f"{sha256}.eml"), raw)

    def outgoing(self, message_id: str, raw: bytes, now: datetime) -> str:
        """Keep a mail about to be queued; its Message-ID is new, so no record refers to it yet."""
        return self.write(outgoing_path(message_id, now), raw)

    def read(self, relative: str) -> bytes:
        return (self.root / relative).read_bytes()


def outgoing_path(message_id: str, when: datetime) -> str:
    """Where a sent mail is kept: derived from its Message-ID and date alone."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", message_id.strip("<>"))[:150]
    return str(Path("archive") / "out" / when.strftime("%Y-%m") / f"{name}.eml")

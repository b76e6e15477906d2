"""The raw-mail archive: every mail received or sent, as .eml files a mail client opens.

Written through the store's Batch, durable with its next commit; until then nothing refers to
them. Dossiers keep only where a mail is; its text is read from here.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from inbox_agent.models import Attachment
from inbox_agent.store.files import Batch


class Archive:
    def __init__(self, root: Path, batch: Batch) -> None:
        self.root, self.batch = root, batch

    def incoming(self, raw: bytes, sha256: str, now: datetime) -> str:
        """Keep a received mail under its hash; returns the path relative to the data folder."""
        relative = Path("archive") / "in" / now.strftime("%Y-%m") / f"{sha256}.eml"
        self.batch.write(self.root / relative, raw)
        return str(relative)

    def attachments(
        self, archive: str, attachments: tuple[Attachment, ...], limit: int
    ) -> list[dict[str, Any]]:
        """Save attachments beside the raw mail; over the size limit they stay only in the raw mail."""
        folder = Path(archive.removesuffix(".eml"))
        saved = []
        for index, attachment in enumerate(attachments, 1):
            name = safe_name(attachment.name, index)
            entry: dict[str, Any] = {
                "name": attachment.name,
                "size": attachment.size,
                "content_type": attachment.content_type,
            }
            if attachment.size > limit:
                entry["note"] = f"larger than {limit} bytes: kept only inside the raw mail"
            else:
                self.batch.write(self.root / folder / name, attachment.payload)
                entry["path"] = str(folder / name)
            saved.append(entry)
        return saved

    def outgoing(self, message_id: str, raw: bytes, now: datetime) -> str:
        """Keep a mail about to be queued; its Message-ID is new, so no record refers to it yet."""
        relative = outgoing_path(message_id, now)
        self.batch.write(self.root / relative, raw)
        return relative

    def read(self, relative: str) -> bytes:
        return (self.root / relative).read_bytes()


def outgoing_path(message_id: str, when: datetime) -> str:
    """Where a sent mail is kept: derived from its Message-ID and date alone."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", message_id.strip("<>"))[:150]
    return str(Path("archive") / "out" / when.strftime("%Y-%m") / f"{name}.eml")


def safe_name(name: str, index: int) -> str:
    """A file name that cannot leave its folder or hit a reserved name (CON, ../..)."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", name.replace("\\", "/").rsplit("/", 1)[-1]).lstrip("._")
    return f"{index:02d}-{base[:80] or 'attachment'}"

"""The hot store's write-ahead journal: a commit appends what changed, not the whole store.

`inbox-agent.json` stays a TinyDB file; `inbox-agent.journal` holds one line per commit since
that file was last rewritten, each line `<crc32> <json>` with the changed rows of every table.
Loading applies the lines in order and stops at the first one that is torn or damaged (a crash
mid-append: that commit never finished, so nothing was marked processed for it). Each line
names the generation of the TinyDB file it follows, so a crash between rewriting the file and
emptying the journal leaves lines that are recognised as already applied.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any

from inbox_agent.files import fsync_dir

Changes = dict[str, dict[str, Any]]  # table → doc id → row, or None for a removed row


def encode(generation: int, changes: Changes) -> bytes:
    body = json.dumps({"g": generation, "t": changes}, ensure_ascii=False, separators=(",", ":"))
    data = body.encode("utf-8")
    return b"%08x %s\n" % (zlib.crc32(data), data)


def replay(path: Path, generation: int, data: dict[str, Any]) -> int:
    """Apply the journal's complete lines of `generation` to `data`; returns the bytes used."""
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return 0
    used = 0
    for line in content.splitlines(keepends=True):
        record = _decode(line)
        if record is None:
            break  # torn or damaged: this and anything after it never committed
        used += len(line)
        if record["g"] != generation:
            continue
        for table, rows in record["t"].items():
            target = data.setdefault(table, {})
            for doc_id, row in rows.items():
                if row is None:
                    target.pop(doc_id, None)
                else:
                    target[doc_id] = row
    return used


def _decode(line: bytes) -> dict[str, Any] | None:
    if not line.endswith(b"\n") or len(line) < 10 or line[8:9] != b" ":
        return None
    body = line[9:-1]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        record = json.loads(body)
    except ValueError:
        return None
    return record if isinstance(record, dict) and "g" in record and "t" in record else None


class Journal:
    """Appends commit records durably; the caller rewrites the TinyDB file when it grows."""

    def __init__(self, path: Path, valid_bytes: int) -> None:
        self.path = path
        self.size = valid_bytes

    def cut_torn_tail(self) -> None:
        """Drop what a crash left half-written, so the next record starts on a line of its own."""
        if self.path.exists() and self.path.stat().st_size != self.size:
            with open(self.path, "r+b") as handle:
                handle.truncate(self.size)
                os.fsync(handle.fileno())

    def append(self, record: bytes) -> None:
        created = not self.path.exists()
        with open(self.path, "ab") as handle:
            handle.write(record)
            handle.flush()
            os.fdatasync(handle.fileno())
        if created:
            fsync_dir(self.path.parent)
        self.size += len(record)

    def reset(self) -> None:
        """Empty the journal once the TinyDB file holds everything in it."""
        with open(self.path, "wb") as handle:
            os.fsync(handle.fileno())
        self.size = 0

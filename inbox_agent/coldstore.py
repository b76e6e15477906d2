"""Closed dossiers, kept apart so that what every cycle loads and writes stays small.

Each closed dossier is one JSON file under `closed/<year>/`. `closed/index.sqlite` answers the
few questions threading and deduplication ask of them (which dossier holds this Message-ID,
whose is this reference, was this mail seen, who was asked this question) without reading the
files or loading the whole index: a store of 50,000 closed dossiers opens as fast as an empty
one. The index holds nothing the files do not, so a missing or damaged index is rebuilt from
them.

Writes are ordered so that no crash loses or doubles a dossier: a closing dossier's file and
index rows are durable before the hot store's commit, a reopened dossier leaves the index only
after it; in between it is in both, and the hot store's copy wins.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

INDEX_FILE = Path("closed") / "index.sqlite"
_OLD_INDEX_FILE = "closed-index.json"  # earlier builds: one JSON file, loaded whole at start

_SCHEMA = """
CREATE TABLE IF NOT EXISTS dossiers (
    reference TEXT PRIMARY KEY, email TEXT NOT NULL, closed_ts REAL, erased INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS dossiers_closed ON dossiers (erased, closed_ts);
CREATE TABLE IF NOT EXISTS thread (message_id TEXT PRIMARY KEY, reference TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS thread_reference ON thread (reference);
CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS questions (message_id TEXT PRIMARY KEY, addressee TEXT NOT NULL);
"""


class IndexDamaged(Exception):
    pass


class ColdStore:
    def __init__(self, root: Path, fsync_write: Callable[[Path, bytes], None], read_only: bool):
        self.root = root
        self.folder = root / "closed"
        self._write = fsync_write
        self._removed: set[str] = set()
        path = root / INDEX_FILE
        if read_only:
            self.db = _connect_read_only(path)
            return
        fresh = not path.exists()
        try:
            self.db = _connect(path)
        except IndexDamaged as exc:
            log.warning("closed-dossier index %s is damaged (%s): rebuilding it", path, exc)
            path.rename(path.with_suffix(".damaged"))
            self.db, fresh = _connect(path), True
        if fresh and (any(self.folder.glob("*/*.json")) or (root / _OLD_INDEX_FILE).exists()):
            self._rebuild()

    # -- lookups -----------------------------------------------------------------------------------

    def _one(self, sql: str, key: str) -> Any:
        row = self.db.execute(sql, (key,)).fetchone()
        return row[0] if row else None

    def __contains__(self, reference: object) -> bool:
        return reference not in self._removed and bool(
            self._one("SELECT 1 FROM dossiers WHERE reference = ?", str(reference))
        )

    def reference_of(self, message_id: str) -> str | None:
        reference = self._one("SELECT reference FROM thread WHERE message_id = ?", message_id)
        return None if reference in self._removed else reference

    def customer_of(self, reference: str) -> str | None:
        return (
            None
            if reference in self._removed
            else self._one("SELECT email FROM dossiers WHERE reference = ?", reference)
        )

    def addressee_of(self, message_id: str) -> str | None:
        return self._one("SELECT addressee FROM questions WHERE message_id = ?", message_id)

    def is_seen(self, key: str) -> bool:
        return bool(self._one("SELECT 1 FROM seen WHERE key = ?", key))

    def references(self) -> list[str]:
        rows = self.db.execute("SELECT reference FROM dossiers ORDER BY reference")
        return [r for (r,) in rows if r not in self._removed]

    def closed_before(self, moment: datetime) -> list[str]:
        """References of closed dossiers, not yet anonymised, closed before `moment`."""
        rows = self.db.execute(
            "SELECT reference FROM dossiers WHERE erased = 0 AND closed_ts < ?",
            (moment.timestamp(),),
        )
        return [r for (r,) in rows if r not in self._removed]

    def path(self, reference: str) -> Path:
        year = reference.split("-")[1] if reference.count("-") >= 2 else "other"
        return self.folder / year / f"{reference}.json"

    def get(self, reference: str) -> dict[str, Any] | None:
        if reference not in self:
            return None
        try:
            return dict(json.loads(self.path(reference).read_bytes()))
        except FileNotFoundError:
            return None

    def all(self) -> Iterator[dict[str, Any]]:
        for reference in self.references():
            doc = self.get(reference)
            if doc is not None:
                yield doc

    # -- changes -----------------------------------------------------------------------------------

    def put(self, doc: dict[str, Any], seen_keys: list[str]) -> None:
        """Write the closed dossier's file now; its index rows become durable at commit()."""
        self._write(self.path(doc["reference"]), json.dumps(doc, ensure_ascii=False).encode())
        self._index(doc, seen_keys)
        self._removed.discard(doc["reference"])

    def _index(self, doc: dict[str, Any], seen_keys: list[str]) -> None:
        reference = doc["reference"]
        closed_at = doc.get("closed_at")
        self.db.execute(
            "INSERT OR REPLACE INTO dossiers VALUES (?, ?, ?, ?)",
            (
                reference,
                doc["customer"]["email"],
                datetime.fromisoformat(closed_at).timestamp() if closed_at else None,
                int(bool(doc.get("erased_at"))),
            ),
        )
        # Only what others wrote: replies to our own mail are recognised by its signed ID.
        self.db.executemany(
            "INSERT OR REPLACE INTO thread VALUES (?, ?)",
            [
                (m["message_id"], reference)
                for m in doc["messages"]
                if m.get("message_id") and m["direction"] == "in" and not m.get("internal")
            ],
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO questions VALUES (?, ?)", doc.get("questions", {}).items()
        )
        self.db.executemany("INSERT OR IGNORE INTO seen VALUES (?)", [(k,) for k in seen_keys])

    def remove(self, reference: str) -> None:
        """The dossier is open again: it leaves the index after the hot store's next commit."""
        self._removed.add(reference)

    def commit(self) -> None:
        """Before the hot store's commit: then a crash leaves a dossier in both, never in none."""
        self.db.commit()

    def after_hot_commit(self) -> None:
        if not self._removed:
            return
        for reference in self._removed:
            self.db.execute("DELETE FROM dossiers WHERE reference = ?", (reference,))
            self.db.execute("DELETE FROM thread WHERE reference = ?", (reference,))
        self.db.commit()
        for reference in self._removed:
            with suppress(OSError):
                self.path(reference).unlink()
        self._removed.clear()

    def close(self) -> None:
        """Uncommitted index rows are dropped, as the hot store's uncommitted changes are."""
        self.db.close()

    def _rebuild(self) -> None:
        """Index every closed dossier file again (a lost or damaged index, or an earlier build's)."""
        count = 0
        for path in sorted(self.folder.glob("*/*.json")):
            try:
                doc = json.loads(path.read_bytes())
            except (OSError, ValueError) as exc:
                log.error("closed dossier %s cannot be read (%s); it is left out", path, exc)
                continue
            seen = [
                m.get("message_id") or "sha256:" + Path(m["archive"]).stem
                for m in doc["messages"]
                if m["direction"] == "in" and (m.get("message_id") or m.get("archive"))
            ]
            self._index(doc, seen)
            count += 1
        old = self.root / _OLD_INDEX_FILE
        if old.exists():
            with suppress(ValueError, OSError):
                keys = json.loads(old.read_bytes()).get("seen", [])
                self.db.executemany("INSERT OR IGNORE INTO seen VALUES (?)", [(k,) for k in keys])
        self.db.commit()
        old.unlink(missing_ok=True)
        log.warning("closed-dossier index rebuilt from %d dossier file(s)", count)


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(path, timeout=30)
        # Erased customers must not linger in freed pages (`forget` promises no trace).
        db.execute("PRAGMA secure_delete = ON")
        db.execute("PRAGMA synchronous = FULL")
        db.executescript(_SCHEMA)
        db.execute("SELECT count(*) FROM dossiers").fetchone()
    except sqlite3.DatabaseError as exc:
        raise IndexDamaged(str(exc)) from None
    return db


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """For `show` beside a running service; a store with no closed dossiers yet has no index."""
    if not path.exists():
        db = sqlite3.connect(":memory:")
        db.executescript(_SCHEMA)
        return db
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)


class Lookup(Mapping[str, str]):
    """What triage sees as one mapping: this process's open dossiers first, then the index."""

    def __init__(self, hot: dict[str, str], cold: Callable[[str], str | None]) -> None:
        self.hot = hot
        self.cold = cold

    def __getitem__(self, key: str) -> str:
        if key in self.hot:
            return self.hot[key]
        value = self.cold(key)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self.hot)

    def __len__(self) -> int:
        return len(self.hot)

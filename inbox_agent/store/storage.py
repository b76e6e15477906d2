"""TinyDB's extension points for files that are never half-written and written once per commit.

TinyDB's own JSONStorage truncates the file and rewrites it in place on every change, so a crash
mid-write leaves a broken file, and a busy mailbox rewrites it thousands of times. AtomicStorage
keeps TinyDB's data in memory and writes it only on flush(): a temp file, fsynced, renamed over
the old one, folder fsynced. The file is then always some commit's whole state; anyone can open
it with plain `TinyDB(path)`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from inbox_agent.store.files import RESTORE, StoreError, fsync_write


class Damaged(StoreError):
    """A TinyDB file that cannot be parsed. Never a torn write: those never reach the file."""


class AtomicStorage(Storage):
    def __init__(self, path: Path, fresh: bool = False) -> None:
        self.path = path
        self.data: dict[str, Any] = read_json(path) if path.exists() and not fresh else {}
        self.dirty = False

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data
        self.dirty = True

    def flush(self) -> None:
        if self.dirty:
            text = json.dumps(self.data, ensure_ascii=False, separators=(",", ":"))
            fsync_write(self.path, text.encode("utf-8"))
            self.dirty = False


def read_json(path: Path) -> dict[str, Any]:
    """The tables of a TinyDB file; an empty or unparseable file is damage, never "no data"."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise StoreError(f"{path} cannot be read: {exc.strerror}") from None
    try:
        data = json.loads(raw) if raw.strip() else None
    except ValueError:
        data = None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        what = "empty (0 bytes)" if not raw.strip() else "truncated or not a TinyDB file"
        raise Damaged(f"{path} is {what}; {RESTORE}")
    return data


class _IntKeys(MutableMapping[int, Any]):
    """A TinyDB table's stored rows seen with int doc ids, changed in place."""

    def __init__(self, rows: dict[str, Any]) -> None:
        self.rows = rows

    def __getitem__(self, doc_id: int) -> Any:
        return self.rows[str(doc_id)]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        self.rows[str(doc_id)] = doc

    def __delitem__(self, doc_id: int) -> None:
        del self.rows[str(doc_id)]

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in self.rows)

    def __len__(self) -> int:
        return len(self.rows)


class InPlaceTable(Table):
    """TinyDB's Table, except that a write changes its rows in place.

    TinyDB copies the whole table twice on every insert, update or remove (to turn string doc
    ids into ints and back), which makes a mailbox of thousands of open dossiers quadratic.
    """

    def _update_table(self, updater: Any) -> None:
        tables = self._storage.read() or {}
        updater(_IntKeys(tables.setdefault(self.name, {})))
        self._storage.write(tables)
        self.clear_cache()


class Database(TinyDB):
    table_class = InPlaceTable

    def __init__(self, path: Path, fresh: bool = False) -> None:
        """Open the TinyDB file at `path` (or, `fresh`, start an empty one to replace it)."""
        super().__init__(path, fresh, storage=AtomicStorage)

    def flush(self) -> None:
        self.storage.flush()  # type: ignore[attr-defined]

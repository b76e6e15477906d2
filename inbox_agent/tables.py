"""TinyDB's in-memory storage and a table with O(1) writes that remembers what changed."""

from __future__ import annotations

from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document


class MemoryStorage(Storage):
    """Keeps TinyDB's data in memory; Store.commit() makes the changes durable.

    TinyDB's own JSONStorage truncates the file and rewrites it in place, so a crash mid-write
    leaves a broken store. The store instead appends changed rows to its journal, and rewrites
    the file only as a temp file, fsynced and renamed over the old one.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data


class Table:
    """A TinyDB table (same JSON layout, readable by TinyDB) with O(1) writes.

    TinyDB's insert/update/remove rebuild the whole table on every call, which makes a busy
    mailbox quadratic; these write the one document in place and remember it for the journal.
    Reads of a document by id are already O(1) in TinyDB, and all() is a plain copy.
    """

    def __init__(self, db: TinyDB, name: str) -> None:
        data = db.storage.read() or {}  # type: ignore[union-attr]
        self.rows: dict[str, Any] = data.setdefault(name, {})
        db.storage.write(data)  # type: ignore[union-attr]
        self._next = max((int(k) for k in self.rows), default=0) + 1
        self.dirty: set[str] = set()

    def insert(self, doc: dict[str, Any]) -> int:
        doc_id = self._next
        self._next += 1
        self.rows[str(doc_id)] = dict(doc)
        self.dirty.add(str(doc_id))
        return doc_id

    def upsert(self, doc: Document) -> None:
        self.rows[str(doc.doc_id)] = dict(doc)
        self._next = max(self._next, doc.doc_id + 1)
        self.dirty.add(str(doc.doc_id))

    def update(self, changes: dict[str, Any], doc_ids: list[int]) -> None:
        for doc_id in doc_ids:
            self.rows[str(doc_id)].update(changes)
            self.dirty.add(str(doc_id))

    def remove(self, doc_ids: list[int]) -> None:
        for doc_id in doc_ids:
            self.rows.pop(str(doc_id), None)
            self.dirty.add(str(doc_id))

    def changes(self) -> dict[str, Any]:
        """The rows written since the last call (None for removed ones), for the journal."""
        changed = {key: self.rows.get(key) for key in self.dirty}
        self.dirty = set()
        return changed

    def get(self, doc_id: int) -> Document | None:
        row = self.rows.get(str(doc_id))
        return Document(row, doc_id) if row is not None else None

    def all(self) -> list[Document]:
        return [Document(row, int(key)) for key, row in self.rows.items()]

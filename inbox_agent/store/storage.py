"""TinyDB's extension points for a file written whole once per commit, never half-written.

JSONStorage rewrites its file in place on every change, so a crash mid-write breaks it; here the
tables stay in memory, each document as its JSON text (memory near the file's size, a commit
encodes only what changed), and flush() writes them with fsync_write."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator, MutableMapping
from pathlib import Path
from typing import Any, cast

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from inbox_agent.store.files import RESTORE, StoreError, fsync_write


def _dumps(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()


class Rows(MutableMapping[str, Any]):
    """One table's documents as JSON bytes. A read returns a fresh copy; only an update (see
    InPlaceTable) gets the document itself, encoded again when the update ends."""

    def __init__(self, docs: dict[str, Any]) -> None:
        self.docs = docs  # JSON bytes, or a dict as loaded or while an update changes it
        self.updating: list[str] | None = None  # the documents the update has handed out

    def __getitem__(self, key: str) -> Any:
        key = str(key)  # TinyDB reads by str doc id, its updaters use int
        if self.updating is not None:
            self.updating.append(key)
            if isinstance(doc := self.docs[key], bytes):
                doc = self.docs[key] = json.loads(doc)
            return doc
        return json.loads(self.encoded(key))

    def __setitem__(self, key: str, doc: Any) -> None:
        self.docs[str(key)] = _dumps(doc)

    def __delitem__(self, key: str) -> None:
        del self.docs[str(key)]

    def __contains__(self, key: object) -> bool:
        return str(key) in self.docs

    def __iter__(self) -> Iterator[str]:
        return iter(self.docs)

    def __len__(self) -> int:
        return len(self.docs)

    def peek(self) -> Iterator[tuple[str, Any]]:
        """Every document as stored, decoded one at a time and not copied: for reading only.
        Documents removed meanwhile are skipped, added ones not seen."""
        for key in list(self.docs):
            if (doc := self.docs.get(key)) is not None:
                yield key, json.loads(doc) if isinstance(doc, bytes) else doc

    def settle(self) -> None:
        """End an update: encode what it changed, so no caller's object stays inside the store."""
        for key in self.updating or []:
            if key in self.docs:
                self.docs[key] = _dumps(self.docs[key])
        self.updating = None

    def encoded(self, key: str) -> bytes:
        if not isinstance(doc := self.docs[key], bytes):
            doc = self.docs[key] = _dumps(doc)
        return doc


class AtomicStorage(Storage):
    def __init__(self, path: Path) -> None:
        self.path = path
        tables = read_json(path) if path.exists() else {}
        self.data = {name: Rows(rows) for name, rows in tables.items()}
        self.dirty = False

    def read(self) -> dict[str, Any]:
        return self.data

    def table(self, name: str) -> Rows:
        return self.data.setdefault(name, Rows({}))

    def write(self, data: dict[str, Any]) -> None:
        raise NotImplementedError("tables change in place (InPlaceTable); none is dropped")

    def flush(self) -> None:
        if self.dirty:
            fsync_write(self.path, self._chunks())
            self.dirty = False

    def _chunks(self) -> Iterable[bytes]:
        for n, (name, rows) in enumerate(self.data.items()):
            yield b"%s%s:{" % (b"," if n else b"{", _dumps(name))
            for i, key in enumerate(rows.docs):
                yield b'%s"%s":%s' % (b"," if i else b"", key.encode(), rows.encoded(key))
            yield b"}"
        yield b"}" if self.data else b"{}"


def read_json(path: Path) -> dict[str, Any]:
    """The tables of a TinyDB file; an empty or unparseable file is damage, never "no data"."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise StoreError(f"{path} cannot be read: {exc.strerror}") from None
    try:
        data = _decode(raw) if raw.strip() else None
    except ValueError:
        data = None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        what = "empty (0 bytes)" if not raw.strip() else "truncated or not a TinyDB file"
        raise StoreError(f"{path} is {what}; {RESTORE}")
    return data


def _decode(raw: bytes) -> Any:
    """json.loads, sparing the cyclic garbage collector: decoded JSON has no cycles, yet the
    collector would walk a large file's growing tables again and again while they load, then
    twice more before it deems them old (up to a quarter of the load's time for a store of MBs).
    So it pauses while they load, and they join the oldest generation at once (freeze, then
    unfreeze). A small file (a closed dossier's) loads between two collections anyway."""
    if len(raw) < 1 << 20:
        return json.loads(raw)
    enabled = gc.isenabled()
    gc.disable()
    try:
        data = json.loads(raw)
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    gc.unfreeze()
    return data


class InPlaceTable(Table):
    """TinyDB's Table, except that a write changes the stored rows in place: TinyDB copies the
    whole table twice per insert, update or remove, quadratic for thousands of open dossiers."""

    def _update_table(self, updater: Any) -> None:
        storage = cast(AtomicStorage, self._storage)
        rows = storage.table(self.name)
        rows.updating = []
        try:
            updater(rows)
        finally:
            rows.settle()
        storage.dirty = True
        self.clear_cache()


class Database(TinyDB):
    """Database(path): the TinyDB file at `path`, kept in memory, written whole by flush()."""

    table_class = InPlaceTable
    default_storage_class = AtomicStorage  # type: ignore[assignment]

    def flush(self) -> None:
        self.storage.flush()  # type: ignore[attr-defined]

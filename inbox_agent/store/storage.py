"""TinyDB's extension points for a file written whole once per commit, never half-written.

JSONStorage rewrites its file in place on every change, so a crash mid-write breaks it; here the
tables stay in memory, each document as its JSON text (memory near the file's size, a commit
encodes only what changed), and flush() writes them with fsync_write."""

from __future__ import annotations

import gc
import json
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any, cast

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from inbox_agent.files import RESTORE, StoreError, fsync_write

# json.dumps with these arguments would build an encoder per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _dumps(doc: Any) -> bytes:
    return _ENCODER.encode(doc).encode()


class Rows(MutableMapping[str, Any]):
    """One table's documents as JSON bytes. A read returns a fresh copy; only an update (see
    InPlaceTable) gets the document itself, encoded again when the update ends.

    A commit writes every row of every table; `joined()` keeps the `"id":{...}` members of each
    run of SEGMENT doc ids joined, and joins again only the runs a change touched (TinyDB hands
    out increasing ids, so a table grows at its end). A table whose ids are not in increasing
    order (made by hand) is joined whole at each commit, as before. A longer row of a joined run
    is then kept as a view of the run's bytes rather than as bytes of its own, so the store stays
    near the file's size in memory."""

    SEGMENT = 256
    VIEW_FROM = 256  # bytes: a shorter row keeps its own bytes (a view costs about 200)

    def __init__(self, docs: dict[str, Any]) -> None:
        self.docs = docs  # JSON bytes or a view of a run's, a dict as loaded or being updated
        self.updating: list[str] | None = None  # the documents the update has handed out
        self.segments: dict[int, bytes] = {}  # joined members by doc id // SEGMENT
        self.last = 0  # the highest doc id, while `ordered`
        self.ordered = True  # the doc ids increase in the table's order
        for key in docs:
            self._added(key)

    def _added(self, key: str) -> None:
        if self.ordered:
            if key.isdigit() and int(key) > self.last:  # ASCII digits only (isdigit takes ²)
                self.last = int(key)
            else:
                self.ordered = False
                self.segments.clear()

    def _changed(self, key: str) -> None:
        if self.ordered:
            self.segments.pop(int(key) // self.SEGMENT, None)

    def __getitem__(self, key: str) -> Any:
        key = str(key)  # TinyDB reads by str doc id, its updaters use int
        if self.updating is not None:
            self.updating.append(key)
            if isinstance(doc := self.docs[key], bytes | memoryview):
                doc = self.docs[key] = _load(doc)
            self._changed(key)
            return doc
        return _load(self.encoded(key))

    def __setitem__(self, key: str, doc: Any) -> None:
        key = str(key)
        if key in self.docs:
            self._changed(key)
        else:
            self._added(key)
            self._changed(key)
        self.docs[key] = _dumps(doc)

    def __delitem__(self, key: str) -> None:
        key = str(key)
        del self.docs[key]
        self._changed(key)

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
                yield key, _load(doc) if isinstance(doc, bytes | memoryview) else doc

    def settle(self) -> None:
        """End an update: encode what it changed, so no caller's object stays inside the store."""
        for key in self.updating or []:
            if key in self.docs:
                self.docs[key] = _dumps(self.docs[key])
                self._changed(key)
        self.updating = None

    def decoded(self, key: str) -> Any:
        """A fresh copy of the document (KeyError when there is none)."""
        return _load(self.encoded(key))

    def encoded(self, key: str) -> bytes | memoryview:
        doc = self.docs[key]
        if isinstance(doc, bytes | memoryview):
            return doc
        encoded: bytes = _dumps(doc)
        self.docs[key] = encoded
        return encoded

    def joined(self) -> Iterator[bytes]:
        """The table's `"id":{...}` members, comma-separated, as the file holds them."""
        if not self.ordered or not self.docs:
            yield from _members(self.encoded, self.docs)
            return
        joined_any = False
        size = self.SEGMENT
        for segment in range(int(next(iter(self.docs))) // size, self.last // size + 1):
            if (joined := self.segments.get(segment)) is None:
                joined = self.segments[segment] = self._join(segment)
            if joined:
                if joined_any:
                    yield b","
                yield joined
                joined_any = True

    def _join(self, segment: int) -> bytes:
        """One run's members joined; its longer rows become views of the result."""
        size = self.SEGMENT
        ids = (str(i) for i in range(segment * size, (segment + 1) * size))
        keys = [key for key in ids if key in self.docs]
        members = list(_members(self.encoded, keys))
        joined = b"".join(members)
        view, at = memoryview(joined), 0
        for key, member in zip(keys, members, strict=True):
            at += len(member)
            if len(value := self.docs[key]) >= self.VIEW_FROM:
                self.docs[key] = view[at - len(value) : at]
        return joined


def _load(encoded: bytes | memoryview) -> Any:
    return json.loads(encoded if isinstance(encoded, bytes) else bytes(encoded))


class AtomicStorage(Storage):
    """The tables of one file. The "meta" table comes first in the file, and its document 1
    carries the CRC-32 of everything after it (`body_crc32`): a load decodes only meta, checks
    the rest against the CRC (a millisecond for MBs, so damage still stops the agent at once) and
    decodes it the first time another table is touched. A file without the CRC, or not matching
    it (written by something else), is decoded whole at load, as plain TinyDB does."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict[str, Rows] = {}
        self.body: bytes | None = None  # everything after meta, checked but not yet decoded
        # Whether the file was last written by this storage (its CRC matched): only then can
        # what the store derives from the other tables and keeps in meta be trusted.
        self.verified = True
        self.decodes = 0  # how often the tables after meta were decoded (tests count them)
        self.dirty = False
        if path.exists():
            raw = read_bytes(path)
            found = _meta_and_body(raw)
            if found is None:
                self.verified = False
                tables = _checked(path, raw, _decode_or_none(raw))
                self.data = {name: Rows(rows) for name, rows in tables.items()}
                self.decodes += 1
            else:
                self.data["meta"], self.body = Rows(found[0]), found[1]

    @property
    def empty(self) -> bool:
        return not self.data and self.body is None

    def _load(self) -> dict[str, Rows]:
        if self.body is not None:
            body, self.body = self.body, None
            tables = _checked(self.path, body, _decode_or_none(b"{" + body.removeprefix(b",")))
            self.data.update((name, Rows(rows)) for name, rows in tables.items())
            self.decodes += 1
        return self.data

    def read(self) -> dict[str, Any]:
        return self._load()

    def rows(self, name: str) -> Rows | None:
        """The table's rows if it exists, without decoding the others for meta."""
        return (self.data if name == "meta" else self._load()).get(name)

    def table(self, name: str) -> Rows:
        return (self.data if name == "meta" else self._load()).setdefault(name, Rows({}))

    def write(self, data: dict[str, Any]) -> None:
        raise NotImplementedError("tables change in place (InPlaceTable); none is dropped")

    def flush(self) -> None:
        if self.dirty:
            fsync_write(self.path, self._chunks())
            self.dirty = False

    def _chunks(self) -> list[bytes]:
        if self.body is not None:  # undecoded: written back as it was read
            body: list[bytes] = [self.body]
        else:
            body = []
            for name, rows in self.data.items():
                if name != "meta":
                    body += [b",%s:{" % _dumps(name), *rows.joined(), b"}"]
            body.append(b"}")
        meta = self.data.get("meta")
        if meta is None:  # no CRC: the next load decodes the whole file
            return [b"{", body[0].removeprefix(b","), *body[1:]]
        crc = 0
        for chunk in body:
            crc = zlib.crc32(chunk, crc)

        def with_crc(key: str) -> bytes:
            doc = meta.encoded(key)
            return _dumps({**_load(doc), "body_crc32": crc}) if key == "1" else bytes(doc)

        return [b'{"meta":{', *_members(with_crc, meta.docs), b"}", *body]


def _members(encoded: Callable[[str], bytes | memoryview], keys: Iterable[str]) -> Iterator[bytes]:
    """A table's `"id":{...}` members, comma-separated."""
    for i, key in enumerate(keys):
        yield b'%s"%s":%s' % (b"," if i else b"", key.encode(), encoded(key))


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise StoreError(f"{path} cannot be read: {exc.strerror}") from None


def _decode_or_none(raw: bytes) -> Any:
    try:
        return _decode(raw) if raw.strip() else None
    except ValueError:
        return None


def _checked(path: Path, raw: bytes, data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        what = "empty (0 bytes)" if not raw.strip() else "truncated or not a TinyDB file"
        raise StoreError(f"{path} is {what}; {RESTORE}")
    return data


_META = b'{"meta":'


def _meta_and_body(raw: bytes) -> tuple[dict[str, Any], bytes] | None:
    """The meta table decoded and the undecoded rest of a file this storage wrote, if the rest
    matches the CRC in meta; None for any other file (decoded whole, which tells damage)."""
    if not raw.startswith(_META):
        return None
    decoder, size = json.JSONDecoder(), 1 << 16
    while True:
        end = min(size, len(raw))
        while end < len(raw) and raw[end] & 0xC0 == 0x80:  # not inside a UTF-8 character
            end -= 1
        try:
            text = raw[:end].decode()
            meta, stop = decoder.raw_decode(text, len(_META))
            break
        except ValueError:  # UnicodeDecodeError too
            if end >= len(raw):
                return None
            size *= 4
    body = raw[len(text[:stop].encode()) :]
    first = meta.get("1") if isinstance(meta, dict) else None
    if not isinstance(first, dict) or body[:1] not in (b",", b"}"):
        return None
    if first.get("body_crc32") != zlib.crc32(body) or not all(
        isinstance(doc, dict) for doc in meta.values()
    ):
        return None
    del first["body_crc32"]
    return meta, body


def read_json(path: Path) -> dict[str, Any]:
    """The tables of a TinyDB file; an empty or unparseable file is damage, never "no data"."""
    raw = read_bytes(path)
    return _checked(path, raw, _decode_or_none(raw))


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
    whole table twice per insert, update or remove, quadratic for thousands of open dossiers.
    Reading the meta table decodes no other table."""

    def _read_table(self) -> dict[str, Mapping[str, Any]]:
        # TinyDB only looks things up in the table it reads (get, items, in), so Rows serves.
        rows = cast(AtomicStorage, self._storage).rows(self.name)
        return cast("dict[str, Mapping[str, Any]]", rows) if rows is not None else {}

    def insert(self, document: Mapping[str, Any]) -> int:
        """TinyDB's insert, the document encoded straight into the rows: no copy of it first,
        no updater."""
        if not isinstance(document, Mapping):
            raise ValueError("Document is not a Mapping")
        if isinstance(document, self.document_class):
            doc_id = document.doc_id
            self._next_id = None  # as TinyDB does: an old id may lie below the next one
        else:
            doc_id = self._get_next_id()  # type: ignore[no-untyped-call]  # TinyDB's own
        rows = self._rows()
        if str(doc_id) in rows:  # the rows are keyed by the id as text, as in the file
            raise ValueError(f"Document with ID {doc_id} already exists")
        self._put(rows, doc_id, document)
        return int(doc_id)

    def replace(self, doc_id: int, document: Mapping[str, Any]) -> None:
        """A stored document replaced whole, encoded once: update() would decode the old one
        first (KeyError when there is none, as there)."""
        rows = self._rows()
        if str(doc_id) not in rows:
            raise KeyError(doc_id)
        self._put(rows, doc_id, document)

    def _rows(self) -> Rows:
        return cast(AtomicStorage, self._storage).table(self.name)

    def _put(self, rows: Rows, doc_id: int, document: Mapping[str, Any]) -> None:
        rows[str(doc_id)] = document if isinstance(document, dict) else dict(document)
        cast(AtomicStorage, self._storage).dirty = True
        self.clear_cache()

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

    def __init__(self, path: Path) -> None:
        super().__init__(path, storage=AtomicStorage)

    def table(self, name: str, **kwargs: Any) -> InPlaceTable:
        return cast(InPlaceTable, super().table(name, **kwargs))

    @property
    def storage(self) -> AtomicStorage:
        return cast(AtomicStorage, self._storage)

    def flush(self) -> None:
        self.storage.flush()

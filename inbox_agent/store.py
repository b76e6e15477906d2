"""TinyDB records, their journal and the lock: the only module that knows the tables."""

from __future__ import annotations

import fcntl
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from inbox_agent import journal
from inbox_agent.archive import Archive
from inbox_agent.coldstore import ColdStore, Lookup
from inbox_agent.files import Batch, fsync_write
from inbox_agent.tables import MemoryStorage, Table

SCHEMA_VERSION = 1
STORE_FILE = "inbox-agent.json"
JOURNAL_FILE = "inbox-agent.journal"
# The TinyDB file is rewritten when the journal outgrows it (and this): rewrites stay rare,
# and the journal a start-up replays stays small.
_MIN_JOURNAL_BYTES = 4 << 20
LOCK_FILE = "inbox-agent.lock"
KEY_FILE = "secret.key"


@dataclass(frozen=True)
class _Loaded:
    data: dict[str, Any]
    snapshot_bytes: int
    journal_bytes: int


class StoreError(Exception):
    """The data folder cannot be used as it is; the message says what to do."""


class StoreLocked(StoreError):
    """Another inbox-agent process holds the data folder."""


class Store:
    """The agent's whole memory. Changes are in memory until commit(); commit is atomic."""

    def __init__(self, root: Path, loaded: _Loaded, read_only: bool = False) -> None:
        self.root = root
        self.read_only = read_only
        self.db = TinyDB(loaded.data, storage=MemoryStorage)
        self.dossiers = Table(self.db, "dossiers")
        self.seen = Table(self.db, "seen")
        self.outbox = Table(self.db, "outbox")
        self.quarantine = Table(self.db, "quarantine")
        self.meta = Table(self.db, "meta")
        self._tables = {
            "dossiers": self.dossiers,
            "seen": self.seen,
            "outbox": self.outbox,
            "quarantine": self.quarantine,
            "meta": self.meta,
        }
        self.journal = journal.Journal(root / JOURNAL_FILE, loaded.journal_bytes)
        self._snapshot_bytes = loaded.snapshot_bytes
        self.cold = ColdStore(root, fsync_write, read_only)
        self.batch = Batch()
        self.archive = Archive(root, self.batch)
        self._index()

    # -- opening, locking, committing ---------------------------------------------------------

    @staticmethod
    @contextmanager
    def lock(root: Path) -> Iterator[None]:
        """Hold the data folder for one process; a second one gets StoreLocked at once."""
        try:
            root.mkdir(parents=True, exist_ok=True)
            handle = open(root / LOCK_FILE, "a+")  # noqa: SIM115 - held open while locked
        except OSError as exc:
            raise StoreError(f"data folder {root} cannot be used: {exc.strerror}") from None
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise StoreLocked(
                f"another inbox-agent is already working on {root} "
                "(it holds the lock); this run does nothing"
            ) from None
        try:
            yield
        finally:
            handle.close()

    @classmethod
    @contextmanager
    def open(cls, root: Path, locked: bool = False) -> Iterator[Store]:
        """Lock the data folder (unless the caller already holds the lock) and load the store."""
        with nullcontext() if locked else cls.lock(root):
            fresh = not (root / STORE_FILE).exists()
            store = cls(root, cls._load(root))
            store.journal.cut_torn_tail()
            try:
                if fresh:
                    # Written before anything is archived, so a missing store file beside a
                    # non-empty archive can only mean the store was lost, never a first-run crash.
                    store.compact()
                yield store
            finally:
                store.cold.close()

    @classmethod
    def read(cls, root: Path) -> Store:
        """A read-only snapshot, without the lock, so `show` works while the service runs.

        Safe because a commit is one checksummed journal record or an atomic rewrite of the
        file: we see the state some commit left, never half of one.
        """
        if not (root / STORE_FILE).exists():
            raise StoreError(f"no store in {root} yet; run `inbox-agent once` first")
        return cls(root, cls._load(root), read_only=True)

    @staticmethod
    def _load(root: Path) -> _Loaded:
        path = root / STORE_FILE
        if not path.exists():
            if (root / "archive").exists() and any((root / "archive").iterdir()):
                raise StoreError(
                    f"store file {path} is missing but the archive in {root / 'archive'} is not "
                    "empty; restore the store from a backup (starting empty would answer old "
                    "mail again)"
                )
            meta = {"schema": SCHEMA_VERSION, "generation": 0, "counters": {}, "mailboxes": {}}
            return _Loaded({"meta": {"1": meta}}, 0, 0)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise StoreError(f"store file {path} cannot be read: {exc.strerror}") from None
        if not raw.strip():
            raise StoreError(
                f"store file {path} is empty (0 bytes); restore it from a backup. "
                "It is not treated as a new store, which would answer old mail again"
            )
        try:
            data = json.loads(raw)
            schema = data["meta"]["1"]["schema"]
        except (ValueError, KeyError, TypeError):
            raise StoreError(
                f"store file {path} is truncated or not an inbox-agent store; "
                "restore it from a backup"
            ) from None
        if schema != SCHEMA_VERSION:
            raise StoreError(
                f"store file {path} has schema {schema}; this version reads schema {SCHEMA_VERSION}"
            )
        generation = data["meta"]["1"].get("generation", 0)
        used = journal.replay(root / JOURNAL_FILE, generation, data)
        return _Loaded(data, len(raw), used)

    def commit(self, rewrite: bool = False) -> None:
        """Make every change so far durable: archive files, closed dossiers, then the store.

        The store's changed rows are appended to the journal as one record; the TinyDB file
        itself is rewritten only when asked (`rewrite`) or when the journal has outgrown it.
        """
        if self.read_only:
            raise StoreError("this store was opened read-only")
        self.batch.flush(self.root)
        self.cold.commit()
        changes = {name: rows for name, table in self._tables.items() if (rows := table.changes())}
        record = journal.encode(self._meta().get("generation", 0), changes) if changes else b""
        if rewrite or self.journal.size + len(record) > max(
            self._snapshot_bytes, _MIN_JOURNAL_BYTES
        ):
            self._rewrite()
        elif record:
            self.journal.append(record)
        self.cold.after_hot_commit()

    def compact(self) -> None:
        """Commit by rewriting the TinyDB file and emptying the journal.

        `forget` and retention call this: the journal may still hold an erased customer's data.
        """
        self.commit(rewrite=True)

    def _rewrite(self) -> None:
        # The new file carries the next generation, so if we crash before the journal is
        # emptied, its records (of the old generation) are skipped, not applied twice.
        meta = self._meta()
        meta["generation"] = meta.get("generation", 0) + 1
        self._set_meta(meta)
        self.meta.changes()
        data = self.db.storage.data  # type: ignore[attr-defined]
        content = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        fsync_write(self.root / STORE_FILE, content)
        self._snapshot_bytes = len(content)
        self.journal.reset()

    def secret_key(self) -> bytes:
        """The HMAC key for owner tokens, made once; losing it only invalidates old tokens."""
        path = self.root / KEY_FILE
        if path.exists():
            key = path.read_bytes()
            if len(key) >= 32:
                return key
            raise StoreError(
                f"key file {path} is damaged (shorter than 32 bytes); remove it to "
                "make a new one (old owner notifications then stop working)"
            )
        key = secrets.token_bytes(32)
        fsync_write(path, key)
        os.chmod(path, 0o600)
        return key

    # -- indexes -------------------------------------------------------------------------------

    def _index(self) -> None:
        """What threading and deduplication look up: open dossiers here, closed ones in `cold`."""
        self._doc_ids: dict[str, int] = {}
        self._thread: dict[str, str] = {}
        self._customers: dict[str, str] = {}
        self._questions: dict[str, str] = {}
        self.thread_index = Lookup(self._thread, self.cold.reference_of)
        self.customers = Lookup(self._customers, self.cold.customer_of)
        self.questions = Lookup(self._questions, self.cold.addressee_of)
        for doc in self.dossiers.all():
            self._index_dossier(doc, doc.doc_id)
            if doc["reference"] in self.cold:
                # A crash after the store's commit, before the index let go of it: finish that.
                self.cold.remove(doc["reference"])
        self._seen: dict[str, list[int]] = {}
        self._seen_sha: dict[str, str] = {}
        for doc in self.seen.all():
            self._seen.setdefault(doc["where"], []).append(doc.doc_id)
            self._seen_sha[doc["key"]] = doc.get("sha256", "")
        self.sent_ids = {doc["message_id"] for doc in self.outbox.all()}
        self._pending = {doc.doc_id for doc in self.outbox.all() if doc["status"] == "pending"}

    def _index_dossier(self, doc: dict[str, Any], doc_id: int | None = None) -> None:
        """What threading needs of a dossier; `doc_id` when it lives in the hot table."""
        reference = doc["reference"]
        if doc_id is not None:
            self._doc_ids[reference] = doc_id
        self._customers[reference] = doc["customer"]["email"]
        self._questions.update(doc.get("questions", {}))
        for message in doc["messages"]:
            if message.get("message_id") and not message.get("internal"):
                self._thread[message["message_id"]] = reference

    # -- meta ----------------------------------------------------------------------------------

    def _meta(self) -> dict[str, Any]:
        doc = self.meta.get(doc_id=1)
        assert doc is not None
        return dict(doc)

    def _set_meta(self, meta: dict[str, Any]) -> None:
        self.meta.upsert(Document(meta, doc_id=1))

    def next_number(self, year: int) -> int:
        meta = self._meta()
        number = int(meta["counters"].get(str(year), 0)) + 1
        meta["counters"][str(year)] = number
        self._set_meta(meta)
        return number

    def meta_value(self, key: str) -> Any:
        return self._meta().get(key)

    def set_meta_value(self, key: str, value: Any) -> None:
        meta = self._meta()
        meta[key] = value
        self._set_meta(meta)

    def mailbox_state(self, folder: str) -> dict[str, Any]:
        state = self._meta()["mailboxes"].get(folder)
        return dict(state) if state else {"uidvalidity": None, "last_uid": 0, "pending_marks": []}

    def set_mailbox_state(self, folder: str, state: dict[str, Any]) -> None:
        meta = self._meta()
        meta["mailboxes"][folder] = state
        self._set_meta(meta)

    # -- dossiers --------------------------------------------------------------------------------

    def dossier(self, reference: str) -> dict[str, Any] | None:
        """A copy of the dossier (open ones from the store, closed ones from their own file)."""
        doc_id = self._doc_ids.get(reference)
        doc = self.dossiers.get(doc_id=doc_id) if doc_id is not None else None
        if doc is not None:
            return dict(json.loads(json.dumps(doc)))
        return self.cold.get(reference)

    def put_dossier(self, doc: dict[str, Any]) -> None:
        """Store a changed dossier; a closed one moves out of the store every cycle rewrites."""
        reference = doc["reference"]
        doc_id = self._doc_ids.get(reference)
        if doc["status"] == "closed":
            seen_ids = self._seen.pop(reference, [])
            seen_keys = [row["key"] for i in seen_ids if (row := self.seen.get(i)) is not None]
            self.cold.put(doc, seen_keys)
            if doc_id is not None:
                self.dossiers.remove(doc_ids=[doc_id])
                del self._doc_ids[reference]
            self.seen.remove(doc_ids=seen_ids)
            for key in seen_keys:
                self._seen_sha.pop(key, None)
            self._index_dossier(doc)
            return
        if reference in self.cold:
            self.cold.remove(reference)
        if doc_id is None:
            doc_id = self.dossiers.insert(doc)
        else:
            self.dossiers.upsert(Document(doc, doc_id=doc_id))
        self._index_dossier(doc, doc_id)

    def open_dossiers(self) -> list[dict[str, Any]]:
        """Every dossier that is not closed: what the due-time sweep looks at."""
        return [dict(doc) for doc in self.dossiers.all()]

    def all_dossiers(self) -> list[dict[str, Any]]:
        hot = [dict(doc) for doc in self.dossiers.all()]
        open_refs = {d["reference"] for d in hot}
        return hot + [d for d in self.cold.all() if d["reference"] not in open_refs]

    def closed_before(self, moment: datetime) -> list[str]:
        return self.cold.closed_before(moment)

    # -- seen mail, quarantine ---------------------------------------------------------------------

    def is_seen(self, key: str) -> bool:
        return key in self._seen_sha or self.cold.is_seen(key)

    def mark_seen(self, key: str, where: str, now: datetime, sha256: str = "") -> None:
        if not self.is_seen(key):
            doc_id = self.seen.insert(
                {
                    "key": key,
                    "where": where,
                    "sha256": sha256,
                    "at": now.isoformat(timespec="seconds"),
                }
            )
            self._seen.setdefault(where, []).append(doc_id)
            self._seen_sha[key] = sha256

    def seen_sha256(self, key: str) -> str | None:
        """The hash of the mail first seen under `key` (None when not recorded, e.g. closed)."""
        return self._seen_sha.get(key) or None

    def add_quarantine(self, entry: dict[str, Any]) -> None:
        self.quarantine.insert(entry)

    def remove_quarantined(self, matches: Any) -> list[dict[str, Any]]:
        gone = [dict(doc) for doc in self.quarantine.all() if matches(doc)]
        self.quarantine.remove(
            doc_ids=[doc.doc_id for doc in self.quarantine.all() if matches(doc)]
        )
        return gone

    def record_erasure(self, entry: dict[str, Any]) -> None:
        meta = self._meta()
        meta.setdefault("erasures", []).append(entry)
        self._set_meta(meta)

    def quarantined(self) -> list[dict[str, Any]]:
        return [dict(doc) for doc in self.quarantine.all()]

    # -- outbox ----------------------------------------------------------------------------------

    def add_outgoing(self, entry: dict[str, Any]) -> None:
        if entry["message_id"] in self.sent_ids:
            return
        doc_id = self.outbox.insert(entry)
        if entry["status"] == "pending":
            self._pending.add(doc_id)
        self.sent_ids.add(entry["message_id"])
        if entry.get("reference") and not entry.get("internal"):
            self._thread[entry["message_id"]] = entry["reference"]

    def outbox_entries(self, status: str | None = None) -> list[Any]:
        if status == "pending":  # asked after every chunk of mail: not a walk over the outbox
            return [d for i in sorted(self._pending) if (d := self.outbox.get(i)) is not None]
        docs = self.outbox.all()
        return [d for d in docs if status is None or d["status"] == status]

    def update_outgoing(self, doc_id: int, changes: dict[str, Any]) -> None:
        self.outbox.update(changes, doc_ids=[doc_id])
        if changes.get("status", "pending") != "pending":
            self._pending.discard(doc_id)

    def prune_outbox(self, before: datetime) -> int:
        """Forget finished entries older than `before`; the mail stays in its dossier and archive."""
        done = [
            e.doc_id
            for e in self.outbox.all()
            if e["status"] in ("sent", "failed")
            and datetime.fromisoformat(e["created_at"]) < before
        ]
        if done:
            self.outbox.remove(doc_ids=done)
        return len(done)

    def remove_stale_temp_files(self) -> None:
        """What a crash mid-rewrite left: the store file's and closed dossiers' temp files."""
        for temp in [*self.root.glob(".*.tmp"), *self.root.glob("closed/*/.*.tmp")]:
            with suppress(OSError):
                temp.unlink()

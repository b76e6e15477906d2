"""The agent's memory: `inbox-agent.json`, one TinyDB file of open work (tables dossiers, outbox,
quarantine, seen, meta), and closed dossiers in files of their own. Changes stay in memory until
commit() writes the file once, atomically: plain `TinyDB(path)` shows what the agent has."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext, suppress
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, cast, overload

from tinydb.table import Document

from inbox_agent.files import RESTORE, StoreError, lock_folder
from inbox_agent.models import Dossier, QuarantineRow
from inbox_agent.store.archive import Archive
from inbox_agent.store.closed import ClosedFiles
from inbox_agent.store.rows import MailboxState, Meta, MetaKey, OutboxChanges, OutboxRow, SeenRow
from inbox_agent.store.sentlog import SentLog
from inbox_agent.store.storage import Database

SCHEMA_VERSION = 2
STORE_FILE = "inbox-agent.json"


class Lookup(Mapping[str, str]):
    """An index of the open work in memory, falling back on the closed dossiers' files. Made when
    first used (`make`): a cycle that reads no mail never looks anything up."""

    def __init__(self, closed: Callable[[str], str | None], make: Callable[[], None]) -> None:
        self.entries: dict[str, str] = {}
        self.closed, self.make = closed, make

    @property
    def open(self) -> dict[str, str]:
        self.make()
        return self.entries

    def __getitem__(self, key: str) -> str:
        if (value := self.open.get(key) or self.closed(key)) is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self.open)

    def __len__(self) -> int:
        return len(self.open)


class Ids(Collection[str]):
    """The Message-IDs in the outbox, collected when first asked for."""

    def __init__(self, make: Callable[[], Iterable[str]]) -> None:
        self.make = make
        self.ids: set[str] | None = None

    def _ids(self) -> set[str]:
        if self.ids is None:
            self.ids = set(self.make())
        return self.ids

    def add(self, message_id: str) -> None:
        self._ids().add(message_id)

    def __contains__(self, message_id: object) -> bool:
        return message_id in self._ids()

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids())

    def __len__(self) -> int:
        return len(self._ids())


# Kept in meta, derived from the other tables: trusted only from a file this build wrote last.
_DERIVED: tuple[MetaKey, ...] = ("next_due", "pending")
_LONG_AGO = datetime(1970, 1, 1, tzinfo=UTC)


class Store:
    """The open work. Opening it decodes only the meta table; the dossiers, outbox and seen
    tables and the indexes over them are decoded and built when first used, so a cycle with
    nothing to do decodes none of them (meta keeps what it needs: the earliest due time of the
    open dossiers and the pending outbox entries)."""

    lock = staticmethod(lock_folder)

    def __init__(self, root: Path, read_only: bool = False) -> None:
        self.root, self.read_only = root, read_only
        self.db = Database(root / STORE_FILE)
        meta = self.db.table("meta").get(doc_id=1)
        storage = self.db.storage
        if not storage.empty and not isinstance(meta, Document):
            raise StoreError(f"{root / STORE_FILE} is not an inbox-agent store; {RESTORE}")
        if meta is not None and meta.get("schema") != SCHEMA_VERSION:
            raise StoreError(
                f"{root / STORE_FILE} has schema {meta.get('schema')}; this version reads schema "
                f"{SCHEMA_VERSION} (it was made by an earlier build: start from a new folder)"
            )
        self.dossiers, self.seen = self.db.table("dossiers"), self.db.table("seen")
        self.outbox, self.quarantine = self.db.table("outbox"), self.db.table("quarantine")
        self.closed, self.archive = ClosedFiles(root), Archive(root)
        self._committed, self._commit_cost = time.monotonic(), 0.0
        # Written at commit, not at each change: the counter changes with every new dossier.
        self._meta = cast(Meta, dict(meta or {"schema": SCHEMA_VERSION, "counters": {}}))
        self._meta.setdefault("mailboxes", {})
        self._meta_changed = meta is None
        if not storage.verified:
            for key in _DERIVED:  # recomputed, and written with the next commit
                self._meta.pop(key, None)
            self._meta_changed = True
        self._lowered: datetime | None = None  # the earliest due time stored since a sweep began
        self._indexed = False
        self.thread_index = Lookup(self.closed.thread_of, self._index_open)
        self.customers = Lookup(self.closed.customer_of, self._index_open)
        self.questions = Lookup(self.closed.addressee_of, self._index_open)
        self.sent_ids = Ids(lambda: (doc["message_id"] for _, doc in self._peek("outbox")))
        self.sent_log = SentLog(root)
        self._fold_sent_log()

    def _fold_sent_log(self) -> None:
        """Mail sent after the store file's last commit, noted in the sent log: on record as
        sent (the next commit writes it into the store file and lets the log go)."""
        notes = {n["message_id"]: n for n in self.sent_log.notes()}
        if not notes:
            return
        found = [
            (int(key), notes[doc["message_id"]])
            for key, doc in self._peek("outbox")
            if doc["message_id"] in notes and doc["status"] == "pending"
        ]
        for doc_id, note in found:
            changes: OutboxChanges = {
                "status": "sent",
                "sent_at": note["sent_at"],
                "attempts": note["attempts"],
                "last_error": None,
            }
            self.update_outgoing(doc_id, changes)

    @cached_property
    def _doc_ids(self) -> dict[str, int]:
        return {doc["reference"]: int(key) for key, doc in self._peek("dossiers")}

    @cached_property
    def _seen(self) -> dict[str, str]:
        return {doc["key"]: doc.get("sha256", "") for _, doc in self._peek("seen")}

    @cached_property
    def _pending(self) -> set[int]:
        if isinstance(ids := self._meta.get("pending"), list):
            return set(ids)
        return {int(key) for key, doc in self._peek("outbox") if doc["status"] == "pending"}

    @overload
    def _peek(self, table: Literal["dossiers"]) -> Iterator[tuple[str, Dossier]]: ...
    @overload
    def _peek(self, table: Literal["outbox"]) -> Iterator[tuple[str, OutboxRow]]: ...
    @overload
    def _peek(self, table: Literal["seen"]) -> Iterator[tuple[str, SeenRow]]: ...
    def _peek(self, table: str) -> Iterator[tuple[str, Any]]:
        return self.db.storage.table(table).peek()

    def _index_open(self) -> None:
        """Fill the lookups from the open dossiers, once, before anything changes them."""
        if not self._indexed:
            self._indexed = True
            for key, doc in self._peek("dossiers"):
                self._index(doc, int(key))

    def _index(self, doc: Mapping[str, Any], doc_id: int) -> None:
        reference = doc["reference"]
        self._doc_ids[reference] = doc_id
        self.customers.open[reference] = doc["customer"]["email"]
        self.questions.open.update(doc.get("questions", {}))
        for message in doc["messages"]:
            if message.get("message_id") and not message.get("internal"):
                self.thread_index.open[message["message_id"]] = reference

    @classmethod
    @contextmanager
    def open(cls, root: Path, locked: bool = False) -> Iterator[Store]:
        """Lock the data folder (unless the caller already holds the lock) and load the store."""
        with nullcontext() if locked else cls.lock(root):
            path, archive = root / STORE_FILE, root / "archive"
            if not path.exists() and archive.is_dir() and any(archive.iterdir()):
                raise StoreError(
                    f"store file {path} is missing but the archive in {archive} is not empty; "
                    f"{RESTORE} (starting empty would answer old mail again)"
                )
            store = cls(root)
            for temp in [*root.glob(".*.tmp"), *root.glob("closed/*/.*.tmp")]:
                with suppress(OSError):  # a write torn by a crash: the rename never happened
                    temp.unlink()
            store.closed.obsolete.update(store._meta.get("obsolete", []))
            store.closed.delete_obsolete()  # the last commit let go of them
            if not path.exists():  # written before anything is archived (see above)
                store.commit()
            yield store

    @classmethod
    def read(cls, root: Path) -> Store:
        """A read-only snapshot without the lock, so `show` works while the service runs."""
        if not (root / STORE_FILE).exists():
            raise StoreError(f"no store in {root} yet; run `inbox-agent once` first")
        return cls(root, read_only=True)

    def commit(self) -> None:
        """Archive files, closed dossiers' files, the store file, then the closed files it no longer
        needs: a crash leaves a dossier in both places (the open copy wins), never in neither."""
        if self.read_only:
            raise StoreError("this store was opened read-only")
        started = time.monotonic()
        self.archive.flush()
        self.closed.flush()
        self.set_meta_value("obsolete", sorted(self.closed.obsolete))
        if "_pending" in self.__dict__ or "pending" not in self._meta:
            self.set_meta_value("pending", sorted(self._pending))
        if self._meta_changed:
            self.db.table("meta").upsert(Document(self._meta, doc_id=1))
            self._meta_changed = False
        self.db.flush()
        self.sent_log.clear()  # the store file holds what it noted
        self.closed.delete_obsolete()
        self._committed, self._commit_cost = time.monotonic(), time.monotonic() - started

    def commit_due(self) -> bool:
        """Whether committing now keeps writing the store file under a tenth of the cycle's time."""
        return time.monotonic() - self._committed >= 10 * self._commit_cost

    def meta_value(self, key: MetaKey) -> Any:
        return copy.deepcopy(self._meta.get(key))

    def set_meta_value(self, key: MetaKey, value: Any) -> None:
        if key not in self._meta or self._meta[key] != value:  # an idle cycle writes nothing
            self._meta[key] = copy.deepcopy(value)
            self._meta_changed = True

    def next_due(self) -> tuple[bool, datetime | None]:
        """(known, the earliest due time of the open dossiers, or None when none has one).
        Never later than the truth: each stored dossier lowers it; a full sweep sets it."""
        if "next_due" not in self._meta:
            return False, None
        value = self._meta["next_due"]
        return True, datetime.fromisoformat(value) if value else None

    def start_due_walk(self) -> None:
        self._lowered = None

    def end_due_walk(self, earliest: datetime | None) -> datetime | None:
        """A sweep looked at every open dossier: `earliest` is their earliest due time, to which
        anything stored since the walk began may add an earlier one."""
        found = [t for t in (earliest, self._lowered) if t is not None]
        value = min(found, default=None)
        self.set_meta_value("next_due", value.isoformat() if value else None)
        return value

    def _lower_next_due(self, due_times: Iterable[datetime] | None) -> None:
        times = [_LONG_AGO] if due_times is None else list(due_times)  # not known: sweep it
        if not times:
            return
        earliest = min(times)
        if self._lowered is None or earliest < self._lowered:
            self._lowered = earliest
        known, current = self.next_due()
        if known and (current is None or earliest < current):
            self.set_meta_value("next_due", earliest.isoformat())

    def next_number(self, year: int) -> int:
        counters = self._meta.get("counters", {})  # ints by year: copied flat, not deep
        number = int(counters.get(str(year), 0)) + 1
        self._meta["counters"] = {**counters, str(year): number}
        self._meta_changed = True
        return number

    def mailbox_state(self, folder: str) -> MailboxState:
        empty: MailboxState = {"uidvalidity": None, "last_uid": 0, "pending_marks": []}
        return copy.deepcopy(self._meta["mailboxes"].get(folder) or empty)

    def set_mailbox_state(self, folder: str, state: MailboxState) -> None:
        self.set_meta_value("mailboxes", {**self._meta["mailboxes"], folder: state})

    def dossier(self, reference: str) -> Dossier | None:
        """A copy of the dossier: an open one from the store, a closed one from its own file."""
        doc_id = self._doc_ids.get(reference)
        doc = self.dossiers.get(doc_id=doc_id) if doc_id is not None else self.closed.get(reference)
        return cast(Dossier, dict(doc)) if doc is not None else None

    def put_dossier(self, doc: Dossier, due_times: Iterable[datetime] | None = None) -> None:
        """Store a changed dossier; a closed one moves to its own file at the next commit.

        `due_times` are the dossier's due times as the schedule computed them: the store keeps
        the earliest time anything is due (`next_due`) but does not know what makes a dossier
        due, so the caller, who does, hands them in. None means "not known": the dossier is
        then swept at the next cycle, which is never later than the truth.
        """
        self._index_open()  # from the dossiers as they were
        reference = doc["reference"]
        self._index_stopped(doc)
        doc_id = self._doc_ids.get(reference)
        if doc["status"] == "closed":
            if doc_id is not None:
                self.dossiers.remove(doc_ids=[doc_id])
                del self._doc_ids[reference], self.customers.open[reference]
            self.closed.put(doc)
        elif doc_id is None:  # new, or reopened: its closed file goes after the commit
            self._lower_next_due(due_times)
            self.closed.reopen(reference)
            self._index(doc, self.dossiers.insert(doc))
        else:
            self._lower_next_due(due_times)
            self.dossiers.replace(doc_id, doc)
            self._index(doc, doc_id)

    def _index_stopped(self, doc: Dossier) -> None:
        """Keep `stopped_senders` true to the dossier: its customer while it carries a #stop,
        nobody once it no longer does (reopened, or erased). Changed in place, so the triage of
        this same cycle sees a #stop the moment it is stored."""
        reference, email = doc["reference"], doc["customer"]["email"].lower()
        senders = self._meta.setdefault("stopped", {})
        before = dict(senders)
        for sender, stopped_in in before.items():
            if stopped_in == reference and (sender != email or not doc.get("stopped")):
                del senders[sender]
        if doc.get("stopped") and email:
            senders[email] = reference
        if senders != before:
            self._meta_changed = True

    @property
    def stopped_senders(self) -> Mapping[str, str]:
        """Address → dossier, for each customer whose correspondence the owner ended; a live
        view, to read only."""
        return self._meta.setdefault("stopped", {})

    def open_dossiers(self) -> list[Dossier]:
        """Every dossier that is not closed: what the due-time sweep looks at."""
        return [cast(Dossier, dict(doc)) for doc in self.dossiers.all()]

    def open_views(self) -> Iterator[Dossier]:
        """The open dossiers as stored, one at a time and not copied: to look at, never to change
        (all of them decoded at once would take ten times the store file's size in memory)."""
        return (doc for _, doc in self._peek("dossiers"))

    def all_dossiers(self) -> list[Dossier]:
        """Open and closed; reads every closed file, so only for reports, lists and exports."""
        found = {d["reference"]: d for d in self.open_dossiers()}
        for doc in self.closed.all():
            found.setdefault(doc["reference"], doc)
        return list(found.values())

    def is_seen(self, key: str) -> bool:
        return key in self._seen

    def mark_seen(self, key: str, where: str, now: datetime, sha256: str = "") -> None:
        if key not in self._seen:
            at = now.isoformat(timespec="seconds")
            row: SeenRow = {"key": key, "where": where, "sha256": sha256, "at": at}
            self.seen.insert(row)
            self._seen[key] = sha256

    def assume_seen(self, keys: Iterable[str]) -> None:
        """Count mail as seen for this run only (without a row in the store)."""
        for key in keys:
            self._seen.setdefault(key, "")

    def seen_sha256(self, key: str) -> str | None:
        """The hash of the mail first seen under `key` (None when not recorded)."""
        return self._seen.get(key) or None

    def add_quarantine(self, entry: QuarantineRow) -> None:
        self.quarantine.insert(entry)

    def remove_quarantined(self, matches: Callable[[QuarantineRow], bool]) -> list[QuarantineRow]:
        gone = [doc for doc in self.quarantine.all() if matches(cast(QuarantineRow, doc))]
        self.quarantine.remove(doc_ids=[doc.doc_id for doc in gone])
        return [cast(QuarantineRow, dict(doc)) for doc in gone]

    def quarantined(self) -> list[QuarantineRow]:
        return [cast(QuarantineRow, dict(doc)) for doc in self.quarantine.all()]

    def add_outgoing(self, entry: OutboxRow) -> None:
        if entry["message_id"] in self.sent_ids:
            return
        doc_id = self.outbox.insert(entry)
        if entry["status"] == "pending":
            self._pending.add(doc_id)
        self.sent_ids.add(entry["message_id"])
        if (reference := entry.get("reference")) and not entry.get("internal"):
            self.thread_index.open[entry["message_id"]] = reference

    def outbox_entries(self, status: str | None = None) -> list[Document]:
        """The outbox rows (OutboxRow) as TinyDB documents, whose `doc_id` update_outgoing takes."""
        if status == "pending":  # asked after every chunk of mail: not a walk over the outbox
            docs = [self.outbox.get(doc_id=i) for i in sorted(self._pending)]
            return [d for d in docs if isinstance(d, Document)]
        found = (Document(d, int(k)) for k, d in self._peek("outbox"))  # read-only, not copied
        return [d for d in found if status is None or d["status"] == status]

    def record_sent(self, doc_id: int, message_id: str, changes: OutboxChanges) -> None:
        """A mail SMTP accepted: changed in the outbox and noted in the sent log, which
        write_sent() puts on disk long before the next commit of the store file."""
        self.update_outgoing(doc_id, changes)
        self.sent_log.add(message_id, changes)

    def write_sent(self, done: Callable[[], None] = lambda: None) -> None:
        """Put the notes of mail sent since the last commit on disk (a small file), in a thread
        that calls `done` once they are: a crash after that sends none of that mail again."""
        if self.read_only:
            raise StoreError("this store was opened read-only")
        self.sent_log.write(done)

    def update_outgoing(self, doc_id: int, changes: OutboxChanges) -> None:
        row = cast(dict[str, Any], self.db.storage.table("outbox").decoded(str(doc_id)))
        row.update(changes)  # as TinyDB's update(changes) does, without its copies
        self.outbox.replace(doc_id, row)
        if changes.get("status", "pending") != "pending":
            self._pending.discard(doc_id)

    def prune_outbox(self, before: datetime) -> int:
        """Forget sent or failed mail older than `before`, and the seen-rows of closed dossiers."""
        done = [
            int(key)
            for key, e in self._peek("outbox")
            if e["status"] in ("sent", "failed")
            and datetime.fromisoformat(e["created_at"]) < before
        ]
        old = {
            int(key): row["key"]
            for key, row in self._peek("seen")
            if row["where"] not in self._doc_ids
            and row["where"] != "quarantine"
            and datetime.fromisoformat(row["at"]) < before
        }
        self.outbox.remove(doc_ids=done)
        self.seen.remove(doc_ids=list(old))
        for key in old.values():
            self._seen.pop(key, None)  # built after the removal, if only now
        return len(done) + len(old)

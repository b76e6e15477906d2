"""The store: plain TinyDB files, one atomic write per commit, damage stops, one process at a time."""

from __future__ import annotations

import json
import multiprocessing
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from inbox_agent.mail.tokens import make_message_id, secret_key
from inbox_agent.register.privacy import closed_before, with_texts
from inbox_agent.run.reading import _closed_mail_keys, safe_name
from inbox_agent.store import STORE_FILE, Store, StoreError, StoreLocked
from inbox_agent.store.closed import ClosedFiles

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
KEY = b"k" * 32


def doc(reference: str, status: str, mid: str, email: str = "a@b.nl") -> dict[str, Any]:
    return {
        "reference": reference,
        "status": status,
        "customer": {"email": email, "name": ""},
        "subject": "Bel kapot",
        "updated_at": NOW.isoformat(),
        "closed_at": NOW.isoformat() if status == "closed" else None,
        "events": [],
        "messages": [{"message_id": mid, "direction": "in", "archive": None}],
    }


def plain(path: Path, table: str) -> list[dict[str, Any]]:
    """What anyone sees opening the file with TinyDB's own API, no project code."""
    db = TinyDB(path)
    try:
        return [dict(d) for d in db.table(table).all()]
    finally:
        db.close()


def test_new_store_round_trips(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.put_dossier(doc("K-2026-0001", "new", "<x@y>"))
        store.commit()
    with Store.open(tmp_path) as store:
        assert "a@b.nl" == store.dossier("K-2026-0001")["customer"]["email"]
        assert "K-2026-0001" == store.thread_index["<x@y>"]


def test_after_a_commit_plain_tinydb_shows_exactly_the_open_work(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.put_dossier(doc("K-2026-0001", "new", "<x@y>"))
        store.add_outgoing({"message_id": "<o@x>", "status": "pending", "to": ["a@b.nl"]})
        store.add_quarantine({"message_id": "<q@x>", "from": "spam@x"})
        store.set_mailbox_state("INBOX", {"uidvalidity": 7, "last_uid": 42, "pending_marks": []})
        store.commit()
        store.put_dossier(doc("K-2026-0002", "new", "<z@y>"))  # not committed: not on disk
        path = tmp_path / STORE_FILE
        assert ["K-2026-0001"] == [d["reference"] for d in plain(path, "dossiers")]
        assert ["<o@x>"] == [e["message_id"] for e in plain(path, "outbox")]
        assert ["<q@x>"] == [e["message_id"] for e in plain(path, "quarantine")]
        assert 42 == plain(path, "meta")[0]["mailboxes"]["INBOX"]["last_uid"]


def test_a_commit_is_one_atomic_write_of_the_store_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(tmp_path) as store:
        store.next_number(2026)
        store.commit()
        before = (tmp_path / STORE_FILE).stat().st_ino
        writes: list[Path] = []
        real = __import__("inbox_agent.store.storage", fromlist=["x"]).fsync_write
        monkeypatch.setattr(
            "inbox_agent.store.storage.fsync_write", lambda p, c: (writes.append(p), real(p, c))
        )
        for n in range(1, 101):
            store.put_dossier(doc(f"K-2026-{n:04d}", "new", f"<{n}@x>"))
            store.mark_seen(f"<{n}@x>", f"K-2026-{n:04d}", NOW)
        store.commit()
        store.commit()  # nothing changed: nothing written
    assert [tmp_path / STORE_FILE] == writes
    assert before != (tmp_path / STORE_FILE).stat().st_ino  # renamed over, never rewritten in place
    assert [] == list(tmp_path.glob(".*.tmp"))


def test_uncommitted_changes_are_gone_after_a_crash(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.next_number(2026)
        store.commit()
        store.next_number(2026)  # ... and the process dies before the commit
    with Store.open(tmp_path) as store:
        assert 2 == store.next_number(2026)


def test_a_write_torn_by_a_crash_leaves_a_temp_file_that_is_removed(tmp_path: Path) -> None:
    """With a rename the store file is the old one or the new one; a crash mid-write leaves only
    the temp file, which is the torn last write."""
    with Store.open(tmp_path) as store:
        store.set_meta_value("counter", "committed")
        store.commit()
    torn = [
        tmp_path / f".{STORE_FILE}.123.tmp",
        tmp_path / "closed/2026-11/.K-2026-0002.json.9.tmp",
    ]
    for path in torn:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b'{"dossiers": {"1": {"ref')
    with Store.open(tmp_path) as store:
        assert "committed" == store.meta_value("counter")
    assert [False, False] == [p.exists() for p in torn]


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b'{"meta": {"1": {"sch', "truncated"),
        (b'{"meta": {"1": {"schema": 2}}, "dossiers": {"1": {"ref": 1}} ', "truncated"),
        (b'{"other": {}}', "not an inbox-agent store"),
        (b"[1, 2]", "not a TinyDB file"),
    ],
)
def test_damaged_store_file_stops_the_agent(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / STORE_FILE).write_bytes(content)
    with pytest.raises(StoreError, match=message) as raised, Store.open(tmp_path):
        pass
    assert str(tmp_path / STORE_FILE) in str(raised.value)
    assert "backup" in str(raised.value)


def test_a_bit_flip_in_the_middle_of_the_store_file_stops_the_agent(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        for n in range(1, 20):
            store.put_dossier(doc(f"K-2026-{n:04d}", "new", f"<{n}@x>"))
        store.commit()
    content = bytearray((tmp_path / STORE_FILE).read_bytes())
    content[len(content) // 2] = ord("\x01")
    (tmp_path / STORE_FILE).write_bytes(bytes(content))
    with pytest.raises(StoreError, match="restore it from a backup"), Store.open(tmp_path):
        pass


def test_a_damaged_closed_dossier_file_stops_with_its_name(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.put_dossier(doc("K-2026-0001", "closed", "<a@x>"))
        store.commit()
    [path] = tmp_path.glob("closed/*/K-2026-0001.json")
    path.write_bytes(path.read_bytes()[:30])
    store = Store.read(tmp_path)  # opening reads no closed file ...
    with pytest.raises(StoreError, match=f"{path}.*backup"):
        store.all_dossiers()  # ... reading the damaged one stops


def test_missing_store_with_an_archive_is_refused(tmp_path: Path) -> None:
    (tmp_path / "archive" / "in").mkdir(parents=True)
    (tmp_path / "archive" / "in" / "x.eml").write_bytes(b"x")
    with pytest.raises(StoreError, match="missing"), Store.open(tmp_path):
        pass


def test_a_store_of_an_earlier_schema_is_refused(tmp_path: Path) -> None:
    (tmp_path / STORE_FILE).write_text(json.dumps({"meta": {"1": {"schema": 1}}}))
    with pytest.raises(StoreError, match="schema 1"), Store.open(tmp_path):
        pass


def _hold_lock(
    path: str, ready: multiprocessing.synchronize.Event, done: multiprocessing.synchronize.Event
) -> None:
    with Store.open(Path(path)):
        ready.set()
        done.wait(10)


def test_second_process_is_refused(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    ready, done = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(str(tmp_path), ready, done))
    holder.start()
    try:
        assert ready.wait(20)
        with pytest.raises(StoreLocked, match="already working"), Store.open(tmp_path):
            pass
    finally:
        done.set()
        holder.join(10)
    with Store.open(tmp_path):
        pass


def test_a_read_only_snapshot_sees_what_was_committed(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.put_dossier(doc("K-2026-0001", "new", "<a@x>"))
        store.commit()
        snapshot = Store.read(tmp_path)
        assert "new" == snapshot.dossier("K-2026-0001")["status"]
        with pytest.raises(StoreError, match="read-only"):
            snapshot.commit()


def test_secret_key_is_made_once(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        first = secret_key(store.root)
    with Store.open(tmp_path) as store:
        assert first == secret_key(store.root)
    assert 0o600 == (tmp_path / "secret.key").stat().st_mode & 0o777


def test_the_secret_key_is_never_readable_by_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Private from its creation, not after a chmod that leaves a moment for others to read."""
    modes = []

    def replace(source: str, target: str) -> None:
        modes.append(os.stat(source).st_mode & 0o777)
        real_replace(source, target)

    real_replace = os.replace
    monkeypatch.setattr(os, "replace", replace)
    secret_key(tmp_path)
    assert [0o600] == modes


@pytest.mark.parametrize(
    "name,expected",
    [
        ("../../etc/passwd", "01-passwd"),
        ("CON", "01-CON"),
        ("..", "01-attachment"),
        ("rapport (1).pdf", "01-rapport_1_.pdf"),
        ("C:\\Windows\\evil.exe", "01-evil.exe"),
    ],
)
def test_safe_name(name: str, expected: str) -> None:
    assert expected == safe_name(name, 1)


def test_closed_dossiers_move_to_their_own_file_and_back_when_reopened(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.put_dossier(doc("K-2026-0001", "new", "<a@x>"))
        store.put_dossier(doc("K-2026-0002", "new", "<b@x>"))
        store.commit()
        store.put_dossier(doc("K-2026-0001", "closed", "<a@x>"))
        store.commit()
    closed = tmp_path / "closed" / "2026-11" / "K-2026-0001.json"
    assert ["K-2026-0002"] == [d["reference"] for d in plain(tmp_path / STORE_FILE, "dossiers")]
    assert [("K-2026-0001", "closed")] == [
        (d["reference"], d["status"]) for d in plain(closed, "dossiers")
    ]
    with Store.open(tmp_path) as store:
        assert "closed" == store.dossier("K-2026-0001")["status"]
        assert "a@b.nl" == store.customers["K-2026-0001"]
        assert ["K-2026-0002"] == [d["reference"] for d in store.open_dossiers()]
        assert 2 == len(store.all_dossiers())
        store.put_dossier(doc("K-2026-0001", "reopened", "<a@x>"))
        store.commit()
    assert not closed.exists()
    with Store.open(tmp_path) as store:
        assert {"K-2026-0001", "K-2026-0002"} == {d["reference"] for d in store.open_dossiers()}
        assert 2 == len(store.all_dossiers())


def test_closed_dossiers_are_found_by_our_message_ids_without_reading_history_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = make_message_id(KEY, "K-2026-0003.closure.2", "ketting.nl")
    question = make_message_id(KEY, "K-2026-0003.question.3", "ketting.nl")
    with Store.open(tmp_path) as store:
        for n in range(1, 6):
            closed = doc(f"K-2026-{n:04d}", "closed", f"<{n}@x>", f"klant{n}@x.nl")
            closed["messages"].append({"message_id": ours, "direction": "out"})
            closed["questions"] = {question: "kees@ketting.nl"}
            store.put_dossier(closed)
        store.commit()
    reads: list[Path] = []
    real = __import__("inbox_agent.store.closed", fromlist=["x"]).read
    monkeypatch.setattr("inbox_agent.store.closed.read", lambda p: (reads.append(p), real(p))[1])
    with Store.open(tmp_path) as store:
        assert [] == reads
        assert "K-2026-0003" == store.thread_index[ours]
        assert "klant3@x.nl" == store.customers["K-2026-0003"]
        assert "kees@ketting.nl" == store.questions[question]
        assert ["K-2026-0003.json"] == sorted({p.name for p in reads})
        forged = make_message_id(b"x" * 32, "K-2026-0001.closure.2", "ketting.nl")
        assert forged not in store.thread_index  # named, but not in that dossier


def test_a_dossier_in_both_places_counts_once_and_the_open_copy_wins(tmp_path: Path) -> None:
    """A crash after a closing dossier's file was written, before the store's commit."""
    with Store.open(tmp_path) as store:
        store.put_dossier(doc("K-2026-0001", "new", "<a@x>"))
        store.commit()
        store.put_dossier(doc("K-2026-0001", "closed", "<a@x>"))
        store.closed.flush()  # ... and the process dies before the store file is written
    with Store.open(tmp_path) as store:
        assert ["new"] == [d["status"] for d in store.all_dossiers()]
        assert "new" == store.dossier("K-2026-0001")["status"]
        store.put_dossier(doc("K-2026-0001", "closed", "<a@x>"))
        store.commit()
    with Store.open(tmp_path) as store:
        assert ["closed"] == [d["status"] for d in store.all_dossiers()]
    assert 1 == len(list(tmp_path.glob("closed/*/*.json")))


def test_reopening_survives_a_crash_on_either_side_of_the_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(tmp_path) as store:
        store.put_dossier(doc("K-2026-0001", "closed", "<a@x>"))
        store.commit()
        store.put_dossier(doc("K-2026-0001", "reopened", "<a@x>"))  # no commit: a crash
    with Store.open(tmp_path) as store:
        assert "closed" == store.dossier("K-2026-0001")["status"]
        store.put_dossier(doc("K-2026-0001", "reopened", "<a@x>"))
        monkeypatch.setattr(ClosedFiles, "delete_obsolete", lambda self: None)
        store.commit()  # ... and a crash before the closed file is deleted
    monkeypatch.undo()
    assert 1 == len(list(tmp_path.glob("closed/*/*.json")))
    with Store.open(tmp_path) as store:
        assert ["reopened"] == [d["status"] for d in store.all_dossiers()]
    assert [] == list(tmp_path.glob("closed/*/*.json"))


def test_forgetting_leaves_no_trace_in_any_file(tmp_path: Path) -> None:
    from inbox_agent.register.privacy import forget

    secret = "geheim.adres@klant.nl"
    with Store.open(tmp_path) as store:
        for n in range(1, 30):
            store.put_dossier(doc(f"K-2026-{n:04d}", "closed", f"<{n}@x>", f"klant{n}@klant.nl"))
        for status, ref in (("closed", "K-2026-0100"), ("new", "K-2026-0101")):
            erased = doc(ref, status, f"<{ref}@x>", secret)
            erased.update(subject="Geheim", customer={"email": secret, "name": "Geheim"})
            store.put_dossier(erased)
        store.add_quarantine({"from": secret, "archive": "archive/in/x.eml", "subject": "Geheim"})
        store.add_outgoing(
            {
                "message_id": "<o@x>",
                "status": "sent",
                "to": [secret],
                "reference": "K-2026-0101",
                "subject": "Geheim",
            }
        )
        store.commit()
        assert 2 == len(forget(store, secret, NOW).dossiers)
    leaks = [p for p in tmp_path.rglob("*") if p.is_file() and b"eheim" in p.read_bytes()]
    assert [] == leaks
    with Store.open(tmp_path) as store:
        assert "klant7@klant.nl" == store.customers["K-2026-0007"]


def test_retention_reads_old_months_once(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        old = doc("K-2026-0001", "closed", "<a@x>")
        old["closed_at"] = "2026-01-10T10:00:00+00:00"
        store.put_dossier(old)
        store.put_dossier(doc("K-2026-0002", "closed", "<b@x>"))
        store.commit()
        assert ["K-2026-0001"] == closed_before(store, datetime(2026, 6, 1, tzinfo=UTC))
        store.put_dossier({**old, "erased_at": NOW.isoformat()})
        assert [] == closed_before(store, datetime(2026, 6, 1, tzinfo=UTC))
        assert "2026-01" == store.meta_value("retention_done")
        assert ["K-2026-0002"] == closed_before(store, datetime(2026, 12, 1, tzinfo=UTC))


def test_show_reads_message_texts_from_the_archive(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        path = store.archive.incoming(b"Subject: x\r\n\r\nDe bel is kapot.\r\n", "ab" * 32, NOW)
        dossier = doc("K-2026-0001", "new", "<a@x>")
        dossier["messages"][0]["archive"] = path
        store.put_dossier(dossier)
        store.commit()
        assert "text" not in plain(tmp_path / STORE_FILE, "dossiers")[0]["messages"][0]
        shown = with_texts(store, store.dossier("K-2026-0001"))
    assert "De bel is kapot." == shown["messages"][0]["text"].strip()


def test_closed_dossiers_mail_counts_as_seen_when_a_whole_folder_is_read_again(
    tmp_path: Path,
) -> None:
    """After a UIDVALIDITY change every mail is read again; the seen-rows of closed dossiers
    have long been pruned, so their files are read once to recognise that mail."""
    with Store.open(tmp_path) as store:
        store.put_dossier(doc("K-2026-0001", "new", "<old@klant.nl>"))
        store.mark_seen("<old@klant.nl>", "K-2026-0001", NOW)
        store.commit()
        store.put_dossier(doc("K-2026-0001", "closed", "<old@klant.nl>"))
        store.prune_outbox(NOW.replace(year=2027))
        store.commit()
    with Store.open(tmp_path) as store:
        assert not store.is_seen("<old@klant.nl>")
        store.assume_seen(_closed_mail_keys(store))
        assert store.is_seen("<old@klant.nl>")


def _pending(message_id: str) -> Any:
    return {"message_id": message_id, "status": "pending", "to": ["a@b.nl"], "attempts": 0}


def test_sent_mail_noted_in_the_sent_log_is_on_record_after_a_crash(tmp_path: Path) -> None:
    """What SMTP accepted is noted in a small file between two commits of the store file: a
    store opened after a crash (no commit since) has that mail as sent, readers too."""
    with Store.open(tmp_path) as store:
        store.add_outgoing(_pending("<one@x>"))
        store.add_outgoing(_pending("<two@x>"))
        store.commit()
        [one, _] = store.outbox_entries("pending")
        changes = {"status": "sent", "sent_at": NOW.isoformat(), "attempts": 1}
        store.record_sent(one.doc_id, "<one@x>", changes)  # type: ignore[arg-type]
        store.sent_log.add("<someone-else@x>", changes)  # a note of another store: ignored
        store.write_sent()
        store.sent_log.settle()
        # the crash: the store file is not committed again
    assert ["pending", "pending"] == [e["status"] for e in plain(tmp_path / STORE_FILE, "outbox")]
    assert 2 == len(TinyDB(tmp_path / "inbox-agent-sent.json").table("sent"))  # plain TinyDB

    seen = {e["message_id"]: e["status"] for e in Store.read(tmp_path).outbox_entries()}
    assert {"<one@x>": "sent", "<two@x>": "pending"} == seen
    with Store.open(tmp_path) as store:
        assert ["<two@x>"] == [e["message_id"] for e in store.outbox_entries("pending")]
        store.commit()
    assert not (tmp_path / "inbox-agent-sent.json").exists()  # the store file holds it now
    assert ["sent", "pending"] == [e["status"] for e in plain(tmp_path / STORE_FILE, "outbox")]


def test_commits_write_each_table_as_a_whole_join_would_after_any_changes(tmp_path: Path) -> None:
    """The store keeps runs of rows joined between commits (and rows as views of them); after
    inserts, updates, removals and ids out of order, each commit's file is still every row
    joined afresh, and TinyDB reads it."""
    import random

    from inbox_agent.store.storage import Database, Rows

    # Many runs, so that changes hit old and new ones, and every row kept as a view of its run.
    Rows.SEGMENT, Rows.VIEW_FROM = 4, 0
    rng = random.Random(7)
    db = Database(tmp_path / "t.json")
    table = db.table("things")
    expected: dict[int, dict[str, Any]] = {}
    try:
        for step in range(300):
            action = rng.random()
            if action < 0.5 or not expected:
                row = {"n": step, "text": "é" * rng.randrange(3)}
                expected[table.insert(row)] = row
            elif action < 0.8:
                doc_id = rng.choice(sorted(expected))
                table.update({"n": -step}, doc_ids=[doc_id])
                expected[doc_id]["n"] = -step
            elif action < 0.95:
                doc_id = rng.choice(sorted(expected))
                table.remove(doc_ids=[doc_id])
                del expected[doc_id]
            else:  # an id out of order: the table is joined whole from then on
                from tinydb.table import Document

                doc_id = rng.choice([i for i in range(1, 400) if i not in expected])
                table.insert(Document({"n": step}, doc_id=doc_id))
                expected[doc_id] = {"n": step}
            if step % 7 == 0:
                db.storage.dirty = True
                db.flush()
                on_disk = json.loads((tmp_path / "t.json").read_bytes())["things"]
                rows = db.storage.table("things")
                whole = b",".join(b'"%s":%s' % (k.encode(), rows.encoded(k)) for k in rows.docs)
                assert b"".join(rows.joined()) == whole
                assert on_disk == {str(k): v for k, v in expected.items()}
        db.storage.dirty = True
        db.flush()
        assert {d.doc_id: dict(d) for d in table.all()} == expected  # read through the views
    finally:
        Rows.SEGMENT, Rows.VIEW_FROM = 256, 256
    assert {
        d.doc_id: dict(d) for d in TinyDB(tmp_path / "t.json").table("things").all()
    } == expected


def test_inserting_a_document_under_an_id_in_use_is_refused_as_tinydb_does(
    tmp_path: Path,
) -> None:
    from tinydb.table import Document

    with Store.open(tmp_path) as store:
        table = store.db.table("quarantine")
        first = table.insert({"n": 1})
        with pytest.raises(ValueError, match="already exists"):
            table.insert(Document({"n": 2}, doc_id=first))
        assert {"n": 1} == table.get(doc_id=first)

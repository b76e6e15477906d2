"""The store: refuses damaged files, one process at a time, commits atomically."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from inbox_agent.files import safe_name
from inbox_agent.store import JOURNAL_FILE, STORE_FILE, Store, StoreError, StoreLocked


def test_new_store_round_trips(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.put_dossier(
            {
                "reference": "K-2026-0001",
                "status": "new",
                "customer": {"email": "a@b.nl"},
                "messages": [{"message_id": "<x@y>"}],
            }
        )
        store.commit()
    with Store.open(tmp_path) as store:
        assert "a@b.nl" == store.dossier("K-2026-0001")["customer"]["email"]
        assert "K-2026-0001" == store.thread_index["<x@y>"]


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b'{"meta": {"1": {"sch', "truncated"),
        (b'{"other": 1}', "truncated"),
    ],
)
def test_damaged_store_file_stops_the_agent(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / STORE_FILE).write_bytes(content)
    with pytest.raises(StoreError, match=message), Store.open(tmp_path):
        pass


def test_missing_store_with_an_archive_is_refused(tmp_path: Path) -> None:
    (tmp_path / "archive" / "in").mkdir(parents=True)
    with pytest.raises(StoreError, match="missing"), Store.open(tmp_path):
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


def test_a_commit_appends_what_changed_and_leaves_the_store_file_alone(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        for n in range(1, 201):
            store.put_dossier(doc(f"K-2026-{n:04d}", "new", f"<{n}@x>"))
        store.compact()
        before = (tmp_path / STORE_FILE).read_bytes()
        changed = doc("K-2026-0007", "in_progress", "<7@x>")
        store.put_dossier(changed)
        store.commit()
    assert before == (tmp_path / STORE_FILE).read_bytes()
    one_dossier = len(json.dumps(changed))
    assert one_dossier < (tmp_path / JOURNAL_FILE).stat().st_size < 3 * one_dossier
    with Store.open(tmp_path) as store:
        assert "in_progress" == store.dossier("K-2026-0007")["status"]
        assert 200 == len(store.open_dossiers())


def test_compact_replaces_the_store_file_whole_and_empties_the_journal(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.next_number(2026)
        store.commit()
        before = (tmp_path / STORE_FILE).stat().st_ino
        store.next_number(2026)
        store.compact()
        after = (tmp_path / STORE_FILE).stat().st_ino
    assert before != after  # a new file renamed over the old one, never rewritten in place
    assert 2 == json.loads((tmp_path / STORE_FILE).read_text())["meta"]["1"]["counters"]["2026"]
    assert 0 == (tmp_path / JOURNAL_FILE).stat().st_size
    assert [] == list(tmp_path.glob(".*.tmp"))


def test_the_journal_is_compacted_when_it_outgrows_the_store_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("inbox_agent.store._MIN_JOURNAL_BYTES", 2000)
    with Store.open(tmp_path) as store:
        for n in range(1, 101):
            store.put_dossier(doc(f"K-2026-{n:04d}", "new", f"<{n}@x>"))
            store.commit()
    journal_size = (tmp_path / JOURNAL_FILE).stat().st_size
    assert journal_size < max(2000, (tmp_path / STORE_FILE).stat().st_size)
    with Store.open(tmp_path) as store:
        assert 100 == len(store.open_dossiers())


@pytest.mark.parametrize("damage", ["torn", "bit flip"])
def test_a_damaged_journal_tail_is_a_commit_that_never_happened(
    tmp_path: Path, damage: str
) -> None:
    """A crash mid-append leaves a torn line: the earlier commits count, that one does not."""
    with Store.open(tmp_path) as store:
        store.next_number(2026)
        store.commit()
        intact = (tmp_path / JOURNAL_FILE).stat().st_size
        store.next_number(2026)
        store.commit()
    content = (tmp_path / JOURNAL_FILE).read_bytes()
    if damage == "torn":
        content = content[: intact + (len(content) - intact) // 2]
    else:
        content = content[:-20] + bytes([content[-20] ^ 1]) + content[-19:]
    (tmp_path / JOURNAL_FILE).write_bytes(content)
    with Store.open(tmp_path) as store:
        assert 2 == store.next_number(2026)  # the first commit (1) survived, the second did not
        store.commit()
    with Store.open(tmp_path) as store:
        assert 3 == store.next_number(2026)  # the new commit follows the cut, intact


def test_a_journal_left_over_from_before_a_compaction_is_not_applied_again(
    tmp_path: Path,
) -> None:
    """A crash between rewriting the store file and emptying the journal."""
    with Store.open(tmp_path) as store:
        store.set_meta_value("counter", "old")
        store.commit()
        stale = (tmp_path / JOURNAL_FILE).read_bytes()
        store.set_meta_value("counter", "new")
        store.compact()
    (tmp_path / JOURNAL_FILE).write_bytes(stale)
    with Store.open(tmp_path) as store:
        assert "new" == store.meta_value("counter")


def test_a_read_only_snapshot_sees_committed_journal_records(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.put_dossier(doc("K-2026-0001", "new", "<a@x>"))
        store.commit()
        snapshot = Store.read(tmp_path)
        assert "new" == snapshot.dossier("K-2026-0001")["status"]
        with pytest.raises(StoreError, match="read-only"):
            snapshot.commit()


def test_secret_key_is_made_once(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        first = store.secret_key()
    with Store.open(tmp_path) as store:
        assert first == store.secret_key()
    assert 0o600 == (tmp_path / "secret.key").stat().st_mode & 0o777


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


def doc(reference: str, status: str, mid: str) -> dict:
    return {
        "reference": reference,
        "status": status,
        "customer": {"email": "a@b.nl"},
        "closed_at": "2026-11-27T10:00:00+00:00" if status == "closed" else None,
        "messages": [{"message_id": mid, "direction": "in"}],
    }


def test_closed_dossiers_leave_the_hot_store_and_come_back_when_reopened(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.put_dossier(doc("K-2026-0001", "new", "<a@x>"))
        store.mark_seen("<a@x>", "K-2026-0001", __import__("datetime").datetime.now())
        store.put_dossier(doc("K-2026-0002", "new", "<b@x>"))
        store.commit()
        store.put_dossier(doc("K-2026-0001", "closed", "<a@x>"))
        store.commit()
        store.compact()
    hot = json.loads((tmp_path / STORE_FILE).read_text())
    assert ["K-2026-0002"] == [d["reference"] for d in hot["dossiers"].values()]
    assert [] == list(hot.get("seen", {}).values())
    with Store.open(tmp_path) as store:
        assert "closed" == store.dossier("K-2026-0001")["status"]
        assert ("K-2026-0001", True) == (store.thread_index["<a@x>"], store.is_seen("<a@x>"))
        assert ["K-2026-0002"] == [d["reference"] for d in store.open_dossiers()]
        assert 2 == len(store.all_dossiers())
        store.put_dossier(doc("K-2026-0001", "reopened", "<a@x>"))
        store.commit()
    with Store.open(tmp_path) as store:
        assert {"K-2026-0001", "K-2026-0002"} == {d["reference"] for d in store.open_dossiers()}
        assert 2 == len(store.all_dossiers())
    assert not (tmp_path / "closed" / "2026" / "K-2026-0001.json").exists()


def test_a_dossier_in_both_stores_counts_once_and_the_hot_copy_wins(tmp_path: Path) -> None:
    """What a crash between the closed-index write and the store write leaves behind."""
    with Store.open(tmp_path) as store:
        store.put_dossier(doc("K-2026-0001", "closed", "<a@x>"))
        store.cold.commit()  # ... and the process dies before the hot store is written
        store.put_dossier(doc("K-2026-0001", "reopened", "<a@x>"))
    with Store.open(tmp_path) as store:
        store.put_dossier(doc("K-2026-0001", "reopened", "<a@x>"))
        store.commit()
    with Store.open(tmp_path) as store:
        assert ["reopened"] == [d["status"] for d in store.all_dossiers()]


def test_reopening_survives_a_crash_before_the_store_commit(tmp_path: Path) -> None:
    """The closed-dossier index lets go of a reopened dossier only after the store has it."""
    with Store.open(tmp_path) as store:
        store.put_dossier(doc("K-2026-0001", "closed", "<a@x>"))
        store.commit()
        store.put_dossier(doc("K-2026-0001", "reopened", "<a@x>"))
        store.cold.commit()  # ... and the process dies before the store's commit
    with Store.open(tmp_path) as store:
        assert "closed" == store.dossier("K-2026-0001")["status"]
        assert "K-2026-0001" == store.thread_index["<a@x>"]


@pytest.mark.parametrize("loss", ["missing", "damaged"])
def test_a_lost_closed_index_is_rebuilt_from_the_dossier_files(tmp_path: Path, loss: str) -> None:
    with Store.open(tmp_path) as store:
        store.put_dossier(doc("K-2026-0001", "new", "<a@x>"))
        store.mark_seen("<a@x>", "K-2026-0001", __import__("datetime").datetime.now())
        store.commit()
        store.put_dossier(doc("K-2026-0001", "closed", "<a@x>"))
        store.commit()
    index = tmp_path / "closed" / "index.sqlite"
    if loss == "missing":
        index.unlink()
    else:
        index.write_bytes(b"this is not a database" * 100)
    with Store.open(tmp_path) as store:
        assert "K-2026-0001" == store.thread_index["<a@x>"]
        assert store.is_seen("<a@x>")
        assert "a@b.nl" == store.customers["K-2026-0001"]
        assert ["K-2026-0001"] == [d["reference"] for d in store.all_dossiers()]


def test_a_store_with_the_old_json_index_is_converted(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.put_dossier(doc("K-2026-0001", "closed", "<a@x>"))
        store.commit()
    (tmp_path / "closed" / "index.sqlite").unlink()
    old = {"dossiers": {}, "thread": {}, "seen": ["<duplicate-of-a@x>"], "questions": {}}
    (tmp_path / "closed-index.json").write_text(json.dumps(old))
    with Store.open(tmp_path) as store:
        assert store.is_seen("<duplicate-of-a@x>") and store.is_seen("<a@x>")
        assert "K-2026-0001" == store.thread_index["<a@x>"]
    assert not (tmp_path / "closed-index.json").exists()


def test_temp_files_a_crash_left_are_removed(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.put_dossier(doc("K-2026-0001", "closed", "<a@x>"))
        store.commit()
    left = [
        tmp_path / ".inbox-agent.json.123.tmp",
        tmp_path / "closed/2026/.K-2026-0002.json.9.tmp",
    ]
    for path in left:
        path.write_bytes(b"half a file")
    with Store.open(tmp_path) as store:
        store.remove_stale_temp_files()
    assert [False, False] == [p.exists() for p in left]
    assert (tmp_path / "closed/2026/K-2026-0001.json").exists()


def test_forgetting_a_closed_dossier_leaves_no_trace_in_its_file_or_the_index(
    tmp_path: Path,
) -> None:
    from datetime import UTC, datetime

    from inbox_agent.privacy import forget

    secret = "geheim.adres@klant.nl"
    with Store.open(tmp_path) as store:
        for n in range(1, 30):  # others' rows share the index's pages with the erased one
            other = doc(f"K-2026-{n:04d}", "closed", f"<{n}@x>")
            other["customer"]["email"] = f"klant{n}@klant.nl"
            store.put_dossier(other)
        erased = doc("K-2026-0100", "closed", "<100@x>")
        erased.update(customer={"email": secret, "name": "Geheim"}, events=[], subject="x")
        erased["messages"][0].update(text="x", subject="x", **{"from": secret})
        store.put_dossier(erased)
        store.commit()
        assert 1 == len(forget(store, secret, datetime.now(UTC)).dossiers)
    leaks = [p for p in tmp_path.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]
    assert [] == leaks
    with Store.open(tmp_path) as store:
        assert "klant7@klant.nl" == store.customers["K-2026-0007"]

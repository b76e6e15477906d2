"""The store: refuses damaged files, one process at a time, commits atomically."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from inbox_agent.store import STORE_FILE, Store, StoreError, StoreLocked, safe_name


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


def test_commit_replaces_the_file_whole(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.next_number(2026)
        store.commit()
        before = (tmp_path / STORE_FILE).stat().st_ino
        store.next_number(2026)
        store.commit()
        after = (tmp_path / STORE_FILE).stat().st_ino
    assert before != after  # a new file renamed over the old one, never rewritten in place
    assert 2 == json.loads((tmp_path / STORE_FILE).read_text())["meta"]["1"]["counters"]["2026"]
    assert [] == list(tmp_path.glob(".*.tmp"))


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

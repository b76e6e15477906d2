"""A cycle with nothing to do decodes only the store's meta table, and never sweeps too late."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from test_schedule import CORPUS, START, shop_config
from test_store import plain

from inbox_agent.config import Config
from inbox_agent.dossier.record import iso
from inbox_agent.run.cycle import Cycle
from inbox_agent.store import STORE_FILE, Store, StoreError

REFERENCE = "K-2026-0001"


def seeded(tmp_path: Path) -> Config:
    """One dossier opened and acknowledged at START (progress due a week later), its mail
    sent, swept and pruned once: the state every later idle cycle finds."""
    config = shop_config(tmp_path, escalate_after="30 workdays", answer_within="30 workdays")
    with Store.open(config.storage.path) as store:
        cycle = Cycle(config, store, START)
        cycle.reading.accept((CORPUS / "complaint_plain_nl.eml").read_bytes())
        sent(store)
        cycle.due.sweep()
        cycle.sending.prune()
        store.commit()
    return config


def sent(store: Store) -> None:
    for entry in store.outbox_entries("pending"):
        store.update_outgoing(entry.doc_id, {"status": "sent"})


def decodes(store: Store) -> int:
    return store.db.storage.decodes  # type: ignore[attr-defined, no-any-return]


def idle_cycle(config: Config, now: datetime) -> tuple[Cycle, int]:
    """What `once` does after reading no mail; how often it decoded the tables after meta."""
    with Store.open(config.storage.path) as store:
        cycle = Cycle(config, store, now)
        store.commit()
        cycle.due.sweep()
        store.commit()
        sent(store)  # what the sweep queued is taken as sent, so no test needs SMTP
        cycle.sending.dispatch()
        cycle.sending.prune()
        store.commit()
        return cycle, decodes(store)


def test_an_idle_cycle_decodes_no_table_but_meta(tmp_path: Path) -> None:
    config = seeded(tmp_path)
    progress_at = datetime.fromisoformat(
        plain(config.storage.path / STORE_FILE, "dossiers")[0]["due"]["progress_at"]
    )
    cycle, decoded = idle_cycle(config, START + timedelta(minutes=10))
    assert 0 == decoded
    assert progress_at == cycle.report.next_due  # the service still wakes for it
    with Store.open(config.storage.path) as store:  # the rest is there when asked for
        assert 0 == decodes(store)
        assert "acknowledged" == store.dossier(REFERENCE)["status"]  # type: ignore[index]
        assert 1 == decodes(store)


def test_an_idle_cycle_still_sweeps_what_is_due_and_prunes_hourly(tmp_path: Path) -> None:
    config = seeded(tmp_path)
    swept = START + timedelta(days=7, hours=2)
    cycle, _ = idle_cycle(config, swept)
    assert 1 == cycle.report.due_steps
    assert cycle.report.next_due is not None and cycle.report.next_due > swept + timedelta(days=1)
    cycle, decoded = idle_cycle(config, swept + timedelta(minutes=30))
    assert (0, 0) == (cycle.report.due_steps, decoded)
    _, decoded = idle_cycle(config, swept + timedelta(minutes=61))  # pruning reads the outbox
    assert 1 == decoded


def _moved_earlier(
    config: Config, change: Any, soon: datetime = START + timedelta(hours=1)
) -> datetime:
    """Store the dossier as `change` makes it, due `soon`; returns `soon`."""
    with Store.open(config.storage.path) as store:
        dossier = store.dossier(REFERENCE)
        assert dossier is not None
        change(store, dossier)
        dossier["due"]["progress_at"] = iso(soon)
        store.put_dossier(dossier)
        known, next_due = store.next_due()
        assert known and next_due is not None and next_due <= soon
        store.commit()
    return soon


def test_a_due_time_an_owner_moves_earlier_is_swept_on_time(tmp_path: Path) -> None:
    config = seeded(tmp_path)
    soon = _moved_earlier(config, lambda store, dossier: None)
    cycle, _ = idle_cycle(config, soon - timedelta(minutes=1))
    assert (0, soon) == (cycle.report.due_steps, cycle.report.next_due)
    cycle, _ = idle_cycle(config, soon + timedelta(minutes=1))
    assert 1 == cycle.report.due_steps


def test_a_reopened_dossier_is_swept_on_time(tmp_path: Path) -> None:
    config = seeded(tmp_path)
    with Store.open(config.storage.path) as store:
        dossier = store.dossier(REFERENCE)
        assert dossier is not None
        store.put_dossier({**dossier, "status": "closed", "closed_at": iso(START)})
        store.commit()
    # Closing left the earliest due time too early: a walk at that time finds nothing open.
    walked = START + timedelta(days=7, minutes=1)
    cycle, _ = idle_cycle(config, START + timedelta(minutes=5))
    assert cycle.report.next_due is not None and cycle.report.next_due < walked
    cycle, _ = idle_cycle(config, walked)
    assert (0, None) == (cycle.report.due_steps, cycle.report.next_due)

    def reopen(store: Store, dossier: dict[str, Any]) -> None:
        dossier["status"], dossier["closed_at"] = "acknowledged", None

    soon = _moved_earlier(config, reopen, walked + timedelta(hours=1))
    cycle, _ = idle_cycle(config, soon + timedelta(minutes=1))
    assert 1 == cycle.report.due_steps


def test_a_dossier_stored_without_due_times_is_swept_at_once(tmp_path: Path) -> None:
    config = seeded(tmp_path)
    with Store.open(config.storage.path) as store:
        dossier = store.dossier(REFERENCE)
        assert dossier is not None
        del dossier["due"]
        store.put_dossier(dossier)
        store.commit()
    cycle, decoded = idle_cycle(config, START + timedelta(minutes=5))
    assert decoded == 1 and cycle.report.next_due is not None  # walked, and refreshed it


def test_a_file_written_by_something_else_is_read_whole_and_nothing_derived_is_trusted(
    tmp_path: Path,
) -> None:
    from tinydb import TinyDB

    config = seeded(tmp_path)
    db = TinyDB(config.storage.path / STORE_FILE)  # plain TinyDB rewrites the file its own way
    table = db.table("dossiers")
    [row] = table.all()
    table.update({"due": {**row["due"], "progress_at": iso(START + timedelta(hours=1))}})
    db.close()
    with Store.open(config.storage.path) as store:
        assert (False, None) == store.next_due() and 1 == decodes(store)
    cycle, _ = idle_cycle(config, START + timedelta(hours=2))
    assert 1 == cycle.report.due_steps
    cycle, decoded = idle_cycle(config, START + timedelta(hours=2, minutes=30))  # ours again
    assert 0 == decoded


def test_a_commit_of_meta_alone_keeps_the_file_as_plain_tinydb_reads_it(tmp_path: Path) -> None:
    config = seeded(tmp_path)
    path = config.storage.path / STORE_FILE
    before = {t: plain(path, t) for t in ("dossiers", "outbox", "seen")}
    with Store.open(config.storage.path) as store:
        store.set_meta_value("last_digest", "2026-11-23")
        store.commit()
        assert 0 == decodes(store)
    assert before == {t: plain(path, t) for t in ("dossiers", "outbox", "seen")}
    assert path.read_bytes().startswith(b'{"meta":{"1":{')
    with Store.open(config.storage.path) as store:
        assert (0, "2026-11-23") == (decodes(store), store.meta_value("last_digest"))


@pytest.mark.parametrize("where", [0.5, 0.99])
def test_damage_after_meta_stops_the_store_when_it_opens(tmp_path: Path, where: float) -> None:
    config = seeded(tmp_path)
    path = config.storage.path / STORE_FILE
    content = bytearray(path.read_bytes())
    content[int(len(content) * where)] = 0x01
    path.write_bytes(bytes(content))
    with pytest.raises(StoreError, match="restore it from a backup"):
        Store.open(config.storage.path).__enter__()
    path.write_bytes(bytes(content[: len(content) // 2]))
    with pytest.raises(StoreError, match="truncated"):
        Store.open(config.storage.path).__enter__()

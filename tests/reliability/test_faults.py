"""Faults with real servers: kills, outages, misbehaving SMTP, full disks, two agents at once."""

from __future__ import annotations

import email
import os
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import complaint, make_config
from test_crash import kill_at_random_then_run_clean, write_config

from inbox_agent.config import Config
from inbox_agent.run.cycle import run_once, utcnow
from inbox_agent.store import STORE_FILE, Store, StoreError
from inbox_agent.testing.servers import DovecotServer, FaultySmtpServer, ImapServer, SmtpServer


def agent(config_file: Path) -> list[str]:
    return [sys.executable, "-m", "inbox_agent", "-c", str(config_file), "once"]


def purposes(smtp: SmtpServer) -> dict[tuple[str, str], set[str]]:
    """(reference, kind) → the distinct Message-IDs that arrived for it."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for received in smtp.received:
        mid = email.message_from_bytes(received.data)["Message-ID"]
        reference, kind = mid.strip("<").split(".")[:2]
        seen[(reference, kind)].add(mid)
    return seen


def assert_exactly_once(config: Config, smtp: SmtpServer, customers: list[str]) -> None:
    dossiers = Store.read(config.storage.path).all_dossiers()
    per_customer = Counter(d["customer"]["email"] for d in dossiers)
    wrong = {c: n for c, n in per_customer.items() if n != 1}
    missing = [c for c in customers if c not in per_customer]
    assert {c: 1 for c in customers} == dict(per_customer), f"duplicated {wrong}, missing {missing}"
    for (reference, kind), ids in purposes(smtp).items():
        if kind in ("acknowledgement", "notification"):
            assert len(ids) == 1 or kind == "notification", (reference, kind, ids)
    acks = Counter(ref for (ref, kind) in purposes(smtp) if kind == "acknowledgement")
    assert len(customers) == len(acks)


@pytest.mark.slow
def test_kill_9_many_times_over_hundreds_of_mails(
    tmp_path: Path, shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    customers = [f"kill{n}.{shop.shop.email.split('@')[0]}@klant.nl" for n in range(200)]
    seed = kill_at_random_then_run_clean(tmp_path, shop, imap_server, customers, 15, 2.0)
    assert_exactly_once(shop, smtp_server, customers)
    for (reference, kind), ids in purposes(smtp_server).items():
        assert 1 == len(ids), f"seed {seed}: {reference} {kind} went out as {ids}"


def test_imap_outage_mid_fetch(tmp_path: Path) -> None:
    if DovecotServer is None or not Path("/usr/sbin/dovecot").exists():
        pytest.skip("needs Dovecot, which can be stopped and started with its mail kept")
    server = DovecotServer()
    smtp = SmtpServer(None)
    try:
        config = make_config(tmp_path, server, smtp, imap__fetch_batch=5)
        customers = [f"outage{n}@klant.nl" for n in range(300)]
        for customer in customers:
            server.deliver(config.shop.email, complaint(customer, config.shop.email))
        config_file = write_config(config, tmp_path / "config.toml")
        process = subprocess.Popen(
            agent(config_file), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        archive = config.storage.path / "archive" / "in"
        deadline = time.monotonic() + 30
        while len(list(archive.rglob("*.eml"))) < 20:  # mid-fetch: some mail read, most not
            assert time.monotonic() < deadline
            time.sleep(0.01)
        server.halt()
        out, _ = process.communicate(timeout=120)
        assert 1 == process.returncode and b"IMAP" in out  # reported, not a traceback
        assert b"Traceback" not in out
        server.resume()
        assert 0 == subprocess.run(agent(config_file), capture_output=True, timeout=120).returncode
        assert_exactly_once(config, smtp, customers)
    finally:
        smtp.stop()
        server.stop()


@pytest.mark.parametrize("fault", ["hang", "drop"])
def test_smtp_that_hangs_or_hangs_up_after_data(
    fault: str, tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer, sending: str
) -> None:
    faulty = FaultySmtpServer(fault)
    try:
        config = make_config(
            tmp_path, imap_server, smtp_server, smtp__port=faulty.port, smtp__timeout="2s"
        )
        customer = f"faulty.{fault}.{config.shop.email.split('@')[0]}@klant.nl"
        imap_server.deliver(config.shop.email, complaint(customer, config.shop.email))
        report = run_once(config)
        assert 1 == report.dossiers_opened and 0 == report.sent and report.errors
        pending = [
            e for e in Store.read(config.storage.path).outbox_entries() if e["status"] == "pending"
        ]
        assert 2 == len(pending)  # nothing lost, nothing given up
    finally:
        faulty.stop()
    recovered = replace(config, smtp=replace(config.smtp, port=smtp_server.port))
    assert 2 == run_once(recovered, now=utcnow() + timedelta(minutes=5)).sent
    ids = purposes(smtp_server)
    assert all(len(v) == 1 for v in ids.values())  # a resend keeps its Message-ID


def _mount(target: Path, options: str) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    return (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True
        ).returncode
        == 0
    )


@pytest.fixture
def small_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    disk = tmp_path / "disk"
    if os.geteuid() != 0 or not _mount(disk, "size=16m"):
        pytest.skip("needs root to mount a small tmpfs as the data folder")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_full_disk_gives_a_clear_error_and_marks_nothing(
    small_disk: Path, tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(
        tmp_path,
        imap_server,
        smtp_server,
        imap__processed_folder="Verwerkt",
        storage__path=str(small_disk / "data"),
    )
    customers = [f"full{n}.{config.shop.email.split('@')[0]}@klant.nl" for n in range(40)]
    for customer in customers:
        imap_server.deliver(
            config.shop.email, complaint(customer, config.shop.email, body="x" * 60_000)
        )
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * (15 * 1024 * 1024))
    with pytest.raises(StoreError, match="No space left"):
        run_once(config)
    store = Store.read(config.storage.path)
    moved = len(imap_server.messages(config.shop.email, "Verwerkt"))
    assert moved == len(store.all_dossiers())  # only what is stored was marked processed
    assert moved < len(customers)
    filler.unlink()
    run_once(config)
    assert_exactly_once(config, smtp_server, customers)


def test_read_only_data_folder(
    small_disk: Path, tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server, storage__path=str(small_disk / "data"))
    run_once(config)
    customer = f"ro.{config.shop.email.split('@')[0]}@klant.nl"
    imap_server.deliver(config.shop.email, complaint(customer, config.shop.email))
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    config_file = write_config(config, tmp_path / "config.toml")
    result = subprocess.run(agent(config_file), capture_output=True, text=True, timeout=60)
    assert 1 == result.returncode and "cannot" in result.stderr and "Traceback" not in result.stderr
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert 1 == run_once(config).dossiers_opened  # still unprocessed, so nothing was lost


def test_two_agents_at_once(
    tmp_path: Path, shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    customers = [f"twin{n}.{shop.shop.email.split('@')[0]}@klant.nl" for n in range(60)]
    for customer in customers:
        imap_server.deliver(shop.shop.email, complaint(customer, shop.shop.email))
    config_file = write_config(shop, tmp_path / "config.toml")
    agents = [
        subprocess.Popen(
            agent(config_file), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    # Which one gets the lock is up to the machine (on a loaded one the second may start first).
    errors = [a.communicate(timeout=120)[1] for a in agents]
    # The one that finds the other at work leaves the cycle to it: a log line, exit 0 (cron).
    outcomes = sorted(
        ("already working" in err, a.returncode) for a, err in zip(agents, errors, strict=True)
    )
    assert [(False, 0), (True, 0)] == outcomes, errors
    assert_exactly_once(shop, smtp_server, customers)


def test_client_kicked_mid_idle_reconnects(tmp_path: Path) -> None:
    if not Path("/usr/sbin/dovecot").exists():
        pytest.skip("needs Dovecot (doveadm kick)")
    server, smtp = DovecotServer(), SmtpServer(None)
    try:
        config = make_config(tmp_path, server, smtp, timing__poll_interval="10m")
        config_file = write_config(config, tmp_path / "config.toml")
        service = subprocess.Popen(
            [sys.executable, "-m", "inbox_agent", "-c", str(config_file), "run"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            # Kick once the service is in IDLE: on a busy machine its start can take a while.
            deadline = time.monotonic() + 30
            while True:
                time.sleep(1)
                try:
                    server.doveadm("kick", config.shop.email)
                    break
                except RuntimeError:  # nobody of that name connected yet
                    assert time.monotonic() < deadline, "the service never logged in"
            time.sleep(1.5)
            server.deliver(config.shop.email, complaint("kicked@klant.nl", config.shop.email))
            deadline = time.monotonic() + 15
            while not any("kicked@klant.nl" in r.rcpt_tos for r in smtp.received):
                assert time.monotonic() < deadline, "no acknowledgement after the kick"
                time.sleep(0.1)
        finally:
            service.send_signal(signal.SIGTERM)
            assert 0 == service.wait(30)
        assert 1 == sum("kicked@klant.nl" in r.rcpt_tos for r in smtp.received)
    finally:
        smtp.stop()
        server.stop()


def test_a_damaged_store_file_stops_the_agent_and_nothing_is_sent(
    tmp_path: Path, shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    """A byte flipped in the middle of the store file is damage, not a torn last write: `once`
    exits non-zero naming the file and the way out, reads no mail and sends nothing."""
    local = shop.shop.email.split("@")[0]
    imap_server.deliver(shop.shop.email, complaint(f"eerst.{local}@klant.nl", shop.shop.email))
    run_once(shop)
    sent = len(smtp_server.received)
    imap_server.deliver(shop.shop.email, complaint(f"later.{local}@klant.nl", shop.shop.email))
    path = shop.storage.path / STORE_FILE
    content = bytearray(path.read_bytes())
    content[len(content) // 2] = 0x01
    path.write_bytes(bytes(content))
    result = subprocess.run(
        agent(write_config(shop, tmp_path / "config.toml")),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert 1 == result.returncode and "Traceback" not in result.stderr, result.stderr
    assert str(path) in result.stderr and "restore it from a backup" in result.stderr
    assert sent == len(smtp_server.received)


@pytest.mark.parametrize("mark", ["keyword", "folder"])
def test_a_store_that_lost_commits_stops_instead_of_answering_again(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer, mark: str
) -> None:
    """The store file of an earlier commit (a restored old backup, a disk that lied): the
    server's processed marks prove the loss, and the agent stops before acknowledging again."""
    if mark == "keyword" and not imap_server.keywords:
        pytest.skip(f"{imap_server.name} does not keep our $Processed keyword")
    folder = {"imap__processed_folder": "Verwerkt"} if mark == "folder" else {}
    config = make_config(tmp_path, imap_server, smtp_server, **folder)
    local = config.shop.email.split("@")[0]
    imap_server.deliver(config.shop.email, complaint(f"een.{local}@klant.nl", config.shop.email))
    run_once(config)
    path = config.storage.path / STORE_FILE
    before = path.read_bytes()
    for name in ("twee", "drie"):
        imap_server.deliver(
            config.shop.email, complaint(f"{name}.{local}@klant.nl", config.shop.email)
        )
    run_once(config)
    sent = len(smtp_server.received)
    path.write_bytes(before)
    with pytest.raises(StoreError, match="lost work.*backup"):
        run_once(config)
    assert sent == len(smtp_server.received)
    assert 1 == len(Store.read(config.storage.path).all_dossiers())  # nothing was rebuilt


def test_a_crash_between_marking_and_recording_is_not_mistaken_for_lost_work(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    """Mail moved to the processed folder after its commit, then a crash before the cycle's
    last commit: the store has that mail, so the next run goes on as usual."""
    config = make_config(tmp_path, imap_server, smtp_server, imap__processed_folder="Verwerkt")
    local = config.shop.email.split("@")[0]
    run_once(config)
    with Store.open(config.storage.path) as store:
        position = store.mailbox_state(config.imap.folder)
    imap_server.deliver(config.shop.email, complaint(f"een.{local}@klant.nl", config.shop.email))
    run_once(config)
    with Store.open(config.storage.path) as store:  # as if the last commit never happened
        state = store.mailbox_state(config.imap.folder)
        store.set_mailbox_state(
            config.imap.folder, {**state, "processed_at": position["processed_at"]}
        )
        store.commit()
    imap_server.deliver(config.shop.email, complaint(f"twee.{local}@klant.nl", config.shop.email))
    assert 1 == run_once(config).dossiers_opened

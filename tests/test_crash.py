"""kill -9 of `inbox-agent once` at random instants loses nothing and duplicates nothing."""

from __future__ import annotations

import email
import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import complaint
from tinydb import TinyDB

from inbox_agent.config import Config
from inbox_agent.store import STORE_FILE, Store
from inbox_agent.testing.servers import PASSWORD, ImapServer, SmtpServer


def write_config(config: Config, path: Path, fetch_batch: int = 5) -> Path:
    path.write_text(f"""
[shop]
name = "Fietsenwinkel De Ketting"
email = "{config.shop.email}"
[owner]
handler = "{config.owner.handler}"
[imap]
host = "127.0.0.1"
port = {config.imap.port}
security = "none"
username = "{config.imap.username}"
password = "{PASSWORD}"
fetch_batch = {fetch_batch}
[smtp]
host = "127.0.0.1"
port = {config.smtp.port}
security = "none"
[storage]
path = "{config.storage.path}"
[timing]
digest_at = ""
""")
    return path


def kill_at_random_then_run_clean(
    tmp_path: Path, shop: Config, imap: ImapServer, customers: list[str], kills: int, longest: float
) -> int:
    """Deliver a complaint per customer, SIGKILL `once` `kills` times at random instants up to
    `longest` seconds in, then run it to the end. Returns the seed (INBOX_AGENT_CRASH_SEED
    replays it)."""
    seed = int(os.environ.get("INBOX_AGENT_CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    for customer in customers:
        imap.deliver(shop.shop.email, complaint(customer, shop.shop.email))
    config_file = write_config(shop, tmp_path / "config.toml")
    command = [sys.executable, "-m", "inbox_agent", "-c", str(config_file), "once"]
    for _ in range(kills):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, longest))
        process.send_signal(signal.SIGKILL)
        process.wait()
        if (shop.storage.path / STORE_FILE).exists():  # a kill during start-up leaves none yet
            Store.read(shop.storage.path)  # ... and any store left behind is readable
            assert_plain_tinydb_shows_the_store(shop)
    clean = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert 0 == clean.returncode, f"seed {seed}: {clean.stdout}\n{clean.stderr}"
    return seed


def assert_plain_tinydb_shows_the_store(config: Config) -> None:
    """TinyDB's own API, no project code, sees exactly the dossiers and position the agent has."""
    folder = config.storage.path
    seen = []
    for path in [folder / STORE_FILE, *sorted(folder.glob("closed/*/*.json"))]:
        db = TinyDB(path)
        seen += [(d["reference"], d["status"]) for d in db.table("dossiers").all()]
        if path.name == STORE_FILE:
            [meta] = db.table("meta").all()
            position = meta["mailboxes"].get(config.imap.folder)
            outbox = sorted(e["message_id"] for e in db.table("outbox").all())
        db.close()
    store = Store.read(folder)
    assert sorted(seen) == sorted((d["reference"], d["status"]) for d in store.all_dossiers())
    assert position == (store.mailbox_state(config.imap.folder) if position else None)
    assert outbox == sorted(e["message_id"] for e in store.outbox_entries())


@pytest.mark.slow
def test_kill_9_at_random_instants_then_clean_run(
    tmp_path: Path, shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    customers = [f"crash{n}@klant.nl" for n in range(30)]
    seed = kill_at_random_then_run_clean(tmp_path, shop, imap_server, customers, 8, 1.2)

    assert_plain_tinydb_shows_the_store(shop)
    with Store.open(shop.storage.path) as store:
        dossiers = store.all_dossiers()
    assert len(customers) == len(TinyDB(shop.storage.path / STORE_FILE).table("dossiers"))
    by_customer = defaultdict(list)
    for dossier in dossiers:
        by_customer[dossier["customer"]["email"]].append(dossier["reference"])
    assert {c: 1 for c in customers} == {c: len(refs) for c, refs in by_customer.items()}, seed
    for customer in customers:
        ack_ids = {
            email.message_from_bytes(r.data)["Message-ID"]
            for r in smtp_server.received
            if customer in r.rcpt_tos
        }
        assert 1 == len(ack_ids), f"seed {seed}: {customer} got {ack_ids}"


def _duplicates(smtp: SmtpServer) -> int:
    """Mails the sink received more than once under one Message-ID (a customer sees two)."""
    ids = [email.message_from_bytes(r.data)["Message-ID"] for r in smtp.received]
    return len(ids) - len(set(ids))


@pytest.mark.slow
def test_a_kill_9_resends_at_most_twenty_mails(
    tmp_path: Path, shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    """kill -9 five times while a 60-complaint first cycle sends its 120 mails: what was sent
    before each kill is on record, so the next run resends at most the mail in flight (20)."""
    seed = int(os.environ.get("INBOX_AGENT_CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    customers = [f"resend{n}@klant.nl" for n in range(60)]
    for customer in customers:
        imap_server.deliver(shop.shop.email, complaint(customer, shop.shop.email))
    # As shipped: the first chunk read brings all 60 mails, so their 120 go out at once.
    config_file = write_config(shop, tmp_path / "config.toml", fetch_batch=shop.imap.fetch_batch)
    command = [sys.executable, "-m", "inbox_agent", "-c", str(config_file), "once"]
    duplicates = [0]  # after each run
    for run in range(6):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if run < 5:  # kill -9 after a random number of the mails still to send went out
            left = 120 - len({r.data for r in smtp_server.received})
            start, deadline = len(smtp_server.received), time.monotonic() + 180
            wanted = rng.randint(1, max(1, left - 1))
            while len(smtp_server.received) - start < wanted and process.poll() is None:
                assert time.monotonic() < deadline, f"seed {seed}: nothing was sent"
                time.sleep(0.002)
            process.send_signal(signal.SIGKILL)
        assert process.wait(300) in (0, -signal.SIGKILL), f"seed {seed}"
        duplicates.append(_duplicates(smtp_server))
    # The mail a run sends twice is what the kill before it left unrecorded.
    per_kill = [
        after - before for before, after in zip(duplicates[1:-1], duplicates[2:], strict=True)
    ]
    print(f"seed {seed}: resent per kill {per_kill}")
    assert max(per_kill) <= 20, f"seed {seed}: resent per kill {per_kill}"
    for customer in customers:  # and nothing was lost
        assert any(customer in r.rcpt_tos for r in smtp_server.received), f"seed {seed}"
    assert 0 == subprocess.run(command, timeout=300).returncode
    assert len(smtp_server.received) - duplicates[-1] == 120  # every mail went out

"""A folder whose UIDVALIDITY changes (a server migration, a rebuilt index) while our
$Processed marks are kept: read again once, then carried on with, never taken for a store that
lost work. Nothing is answered twice and nothing is left unanswered, whether new mail arrives
in the cycle that sees the change or in the one after it."""

from __future__ import annotations

import email

from conftest import complaint

from inbox_agent.config import Config
from inbox_agent.run.cycle import run_once
from inbox_agent.store import Store
from inbox_agent.testing.servers import ImapServer, SmtpServer


def _acks_per_customer(smtp: SmtpServer, customers: list[str]) -> dict[str, int]:
    return {c: sum(c in r.rcpt_tos for r in smtp.received) for c in customers}


def _dossier_count(config: Config) -> int:
    with Store.open(config.storage.path) as store:
        return len(store.all_dossiers())


def _deliver(imap: ImapServer, config: Config, customer: str) -> None:
    imap.deliver(config.shop.email, complaint(customer, config.shop.email, subject=customer))


def test_new_mail_in_the_cycle_after_the_change_is_answered_once(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    before = [f"voor{n}@klant.nl" for n in range(4)]
    for customer in before:
        _deliver(imap_server, shop, customer)
    assert 4 == run_once(shop).dossiers_opened
    imap_server.reset_uidvalidity(shop.shop.email)

    resync = run_once(shop)  # the change is seen: nothing is new
    _deliver(imap_server, shop, "na@klant.nl")
    after = run_once(shop)  # used to stop: "has lost work ... already marked processed"
    quiet = run_once(shop)

    assert ([], 0) == (resync.errors, resync.dossiers_opened)
    assert ([], 1) == (after.errors, after.dossiers_opened)
    assert ([], 0, 0) == (quiet.errors, quiet.fetched, quiet.sent)
    assert 5 == _dossier_count(shop)
    assert dict.fromkeys([*before, "na@klant.nl"], 1) == _acks_per_customer(
        smtp_server, [*before, "na@klant.nl"]
    )


def test_new_mail_in_the_cycle_of_the_change_is_answered_once(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    before = [f"eerst{n}@klant.nl" for n in range(4)]
    for customer in before:
        _deliver(imap_server, shop, customer)
    run_once(shop)
    imap_server.reset_uidvalidity(shop.shop.email)
    _deliver(imap_server, shop, "tegelijk@klant.nl")

    resync = run_once(shop)
    _deliver(imap_server, shop, "later@klant.nl")
    after = run_once(shop)

    assert ([], 1) == (resync.errors, resync.dossiers_opened)
    assert ([], 1) == (after.errors, after.dossiers_opened)
    customers = [*before, "tegelijk@klant.nl", "later@klant.nl"]
    assert dict.fromkeys(customers, 1) == _acks_per_customer(smtp_server, customers)
    owner_notes = [
        email.message_from_bytes(r.data)["Message-ID"]
        for r in smtp_server.received
        if shop.owner.handler in r.rcpt_tos
    ]
    assert 6 == len(owner_notes) == len(set(owner_notes))

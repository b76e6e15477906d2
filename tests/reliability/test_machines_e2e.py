"""Through the real servers: machines get no answer, the customer's own mail still does."""

from __future__ import annotations

from pathlib import Path

from test_corpus import CORPUS, EXPECTED

from inbox_agent.config import Config
from inbox_agent.run.cycle import run_once
from inbox_agent.store import Store
from inbox_agent.testing.servers import ImapServer, SmtpServer

MACHINES = sorted(
    name
    for name, where in EXPECTED.items()
    if where in ("automatic", "bounce")
    and name.startswith(("mdn_", "bounce_", "loop_", "challenge_", "autoreply_"))
)


def test_no_machine_is_answered_and_the_owner_is_not_bothered(
    tmp_path: Path, shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    """Every machine mail of the corpus, delivered into the shop's mailbox at once, next to a
    customer's complaint that asks for a read receipt: only the customer hears from us."""
    shop_address = shop.shop.email
    for name in MACHINES:
        raw = (CORPUS / name).read_bytes().replace(b"klachten@ketting.nl", shop_address.encode())
        imap_server.deliver(shop_address, raw)
    imap_server.deliver(
        shop_address, (CORPUS / "complaint_requests_read_receipt_nl.eml").read_bytes()
    )

    report = run_once(shop)

    assert len(MACHINES) + 1 == report.fetched
    recipients = sorted({to for mail in smtp_server.received for to in mail.rcpt_tos})
    assert ["h.bakker@klant.nl", shop.owner.handler] == recipients  # the ack and its notification
    with Store.open(shop.storage.path) as store:
        quarantine = store.quarantined()
        assert 1 == len(store.all_dossiers())
    assert len(MACHINES) == len(quarantine)
    assert all(entry["reason"] for entry in quarantine)

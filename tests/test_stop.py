"""#stop, end to end on the loopback servers: a customer who keeps sending abusive mail is ended
politely by the owner; one letter, the dossier closed, and later mail only filed and counted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from clients import reply
from conftest import YEAR, complaint
from test_crash import write_config
from test_owner_loop import dossier, mailbox, piet, start_complaint, text_of

from inbox_agent.cli.main import main
from inbox_agent.config import Config
from inbox_agent.run.cycle import run_once
from inbox_agent.testing.servers import ImapServer, SmtpServer

ABUSE = "Jullie zijn een stelletje oplichters en ik blijf mailen tot jullie betalen!"
# Words that would put the blame on the customer; the stop letter names none of them.
BLAME = re.compile(
    r"\b(?:abusive|abuse|rude|insult\w*|offensive|threat\w*|unacceptable|behaviou?r|tone|"
    r"grievend\w*|beledig\w*|scheld\w*|bedreig\w*|onacceptabel|gedrag|toon|grof|onbeschoft)\b",
    re.IGNORECASE,
)


def test_stop_ends_the_correspondence_with_one_polite_letter_and_files_later_mail(
    shop: Config,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    customer = piet(shop)
    note = start_complaint(shop, imap_server)
    [ack] = mailbox(imap_server, customer)
    imap_server.deliver(shop.shop.email, reply("gmail", ack, customer, ABUSE))
    run_once(shop)

    imap_server.deliver(
        shop.shop.email,
        reply("gmail", note, shop.owner.handler, "#stop\nHij scheldt ons al een week uit."),
    )
    # A new mail of the customer read in the same cycle, after the #stop, is filed already.
    imap_server.deliver(
        shop.shop.email, complaint(customer, shop.shop.email, subject="Hallo?", body=ABUSE)
    )
    run_once(shop)

    record = dossier(shop)
    assert "closed" == record["status"] and record["closed_at"]
    assert 1 == record["stopped"]["later"]
    letters = mailbox(imap_server, customer)
    assert 2 == len(letters)
    stop = letters[-1]
    text = text_of(stop)
    assert text.startswith("Beste Piet Jansen,")
    assert "beëindigen hier onze" in text and f"K-{YEAR}-0001" in text
    assert not BLAME.search(text), BLAME.search(text)
    # The owner's words under the command are a note for the file, not for the customer.
    assert "scheldt" not in text
    assert "Hij scheldt ons al een week uit." in [e["text"] for e in record["events"]]
    owner_after_stop = len(mailbox(imap_server, shop.owner.handler))

    # Later: a reply in the thread, and a new mail without any reference, both only filed.
    imap_server.deliver(shop.shop.email, reply("gmail", stop, customer, ABUSE))
    imap_server.deliver(
        shop.shop.email, complaint(customer, shop.shop.email, subject="NOG STEEDS", body=ABUSE)
    )
    run_once(shop)

    record = dossier(shop)
    assert 3 == record["stopped"]["later"]
    assert "closed" == record["status"]
    assert 2 == len(mailbox(imap_server, customer))  # no reply, no acknowledgement
    assert owner_after_stop == len(mailbox(imap_server, shop.owner.handler))  # nor the owner
    # The owner finds the count in the dossier, without a mail for each one.
    config = str(write_config(shop, tmp_path / "config.toml"))
    capsys.readouterr()
    assert 0 == main(["-c", config, "show", f"K-{YEAR}-0001"])
    assert "later mails filed unanswered: 3" in capsys.readouterr().out
    filed = [m for m in record["messages"] if m["direction"] == "in" and m["from"] == customer]
    assert 5 == len(filed)  # the complaint, the abuse before, and the three filed after
    assert [] == [e for e in record["events"] if e["type"] == "status" and "reopened" in e["text"]]


def test_reopen_ends_a_stop_and_the_customer_is_answered_again(
    shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    customer = piet(shop)
    note = start_complaint(shop, imap_server)
    imap_server.deliver(shop.shop.email, reply("gmail", note, shop.owner.handler, "#stop"))
    run_once(shop)
    assert dossier(shop).get("stopped")
    imap_server.deliver(shop.shop.email, reply("gmail", note, shop.owner.handler, "#heropen"))
    run_once(shop)
    assert "stopped" not in dossier(shop) and "reopened" == dossier(shop)["status"]
    imap_server.deliver(
        shop.shop.email, complaint(customer, shop.shop.email, subject="Nieuwe vraag", body="Hoi")
    )
    run_once(shop)
    # The new mail is a new complaint again, acknowledged as any other.
    assert 3 == len(mailbox(imap_server, customer))


def test_stop_is_in_the_owner_help_in_both_languages() -> None:
    from inbox_agent.commands.help import readme_table
    from inbox_agent.commands.table import BY_WORD

    assert "stop" == BY_WORD["stop"].name == BY_WORD["stoppen"].name
    assert "`#stop`" in readme_table()


def test_the_stopped_senders_follow_the_dossier_through_reopening_and_erasure(
    tmp_path: Path,
) -> None:
    """The index that files a stopped sender's new mail forgets them once the stop ends or the
    dossier is erased, so no address outlives an erasure in it."""
    from datetime import UTC, datetime

    from inbox_agent.dossier.record import open_dossier
    from inbox_agent.mail.parsing import parse
    from inbox_agent.store import Store

    now = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    mail = parse(complaint("piet@klant.nl", "klachten@ketting.nl"))
    dossier = {**open_dossier("K-2026-0007", mail, "a.eml", now), "status": "closed"}
    dossier["closed_at"] = dossier["updated_at"]
    with Store.open(tmp_path) as store:
        store.put_dossier({**dossier, "stopped": {"at": "", "by": "", "later": 0}})
        store.commit()
        assert {"piet@klant.nl": "K-2026-0007"} == store.stopped_senders
    with Store.open(tmp_path) as store:  # kept on disk, for the next cycle's triage
        assert {"piet@klant.nl": "K-2026-0007"} == store.stopped_senders
        erased = {**dossier, "customer": {**dossier["customer"], "email": "erased-1@invalid"}}
        store.put_dossier({**erased, "stopped": {"at": "", "by": "", "later": 0}})
        assert "piet@klant.nl" not in store.stopped_senders
        store.put_dossier({**erased, "status": "reopened"})
        assert {} == store.stopped_senders

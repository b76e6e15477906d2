"""After `forget`, the owner answers an old notification of the erased dossier with a command:
nothing is carried out, nothing goes to the anonymised placeholder, and the owner hears why."""

from __future__ import annotations

from pathlib import Path

import pytest
from clients import reply
from conftest import complaint
from test_crash import write_config
from test_owner_loop import mailbox, text_of

from inbox_agent.cli.main import main
from inbox_agent.config import Config
from inbox_agent.run.cycle import run_once
from inbox_agent.store import Store
from inbox_agent.testing.servers import ImapServer, SmtpServer


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_command_on_an_erased_dossier_is_refused_and_the_owner_told_why(
    tmp_path: Path,
    shop: Config,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    language: str,
) -> None:
    customer = f"wis.{shop.shop.email.split('@')[0]}@klant.nl"
    imap_server.deliver(shop.shop.email, complaint(customer, shop.shop.email, subject="Spaak"))
    run_once(shop)
    [note] = mailbox(imap_server, shop.owner.handler)
    config_file = write_config(shop, tmp_path / "config.toml")
    if language == "en":
        text = config_file.read_text().replace("[owner]", 'language = "en"\n[owner]', 1)
        config_file.write_text(text)
    assert 0 == main(["-c", str(config_file), "forget", customer, "--yes"])
    sent_before = len(smtp_server.received)
    imap_server.deliver(
        shop.shop.email,
        reply("outlook_nl", note, f"Jan <{shop.owner.handler}>", "#resolve refund\nGeld terug."),
    )

    assert 0 == main(["-c", str(config_file), "once"])

    with Store.open(shop.storage.path) as store:
        [erased] = store.all_dossiers()
        outbox = store.outbox_entries()
    assert erased["status"] == "acknowledged"  # not resolved
    assert "resolution" not in erased or not erased.get("resolution")
    assert not any("erased-" in to for e in outbox for to in e["to"])  # no letter to nobody
    new = smtp_server.received[sent_before:]
    assert [[shop.owner.handler]] == [r.rcpt_tos for r in new]
    [refusal] = mailbox(imap_server, shop.owner.handler)[1:]
    first_line = text_of(refusal).split("\n\n")[1].splitlines()[0]
    if language == "nl":
        assert "Niet uitgevoerd: dit dossier is gewist" in refusal["Subject"]
        assert first_line.startswith(
            "Niets te doen: uw opdracht is niet uitgevoerd, want dossier K-"
        )
    else:
        assert "Not carried out: this dossier has been erased" in refusal["Subject"]
        assert first_line.startswith(
            "Nothing to do: your command was not carried out, as dossier K-"
        )
    assert customer not in refusal.as_string() and "Spaak" not in refusal["Subject"]

"""Every mail in tests/corpus goes through parse → triage → dossier/quarantine → store, with no server."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from pathlib import Path

import pytest

from inbox_agent.config import Config, config_from_dict
from inbox_agent.run.cycle import Cycle
from inbox_agent.store import Store

CORPUS = Path(__file__).parent / "corpus"
NOW = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)

# Where each mail must end up after the seed complaint (complaint_plain_nl.eml, K-2026-0001 for
# piet@klant.nl) is in the store: "new" (a second dossier), "K-2026-0001" (threaded), or the
# quarantine kind.
EXPECTED = {
    "complaint_latin1_nl.eml": "new",
    "complaint_windows1252_en.eml": "new",
    "raw_8bit_headers.eml": "new",
    "no_message_id.eml": "new",
    "html_only_outlook_nl.eml": "new",
    "broken_mime_no_boundary.eml": "new",
    "huge_attachment.eml": "new",
    "header_injection_subject.eml": "new",
    "reply_gmail_en.eml": "new",  # Anne copies Piet's reference; the tag is not hers to use
    "stranger_copies_reference.eml": "new",
    "reply_thunderbird_nl.eml": "K-2026-0001",
    "reply_outlook_nl.eml": "K-2026-0001",
    "reply_applemail_nl.eml": "K-2026-0001",
    "autoreply_exchange_oof.eml": "automatic",
    "autoreply_vacation_rfc3834.eml": "automatic",
    "list_mail_newsletter.eml": "automatic",
    "spam_flagged.eml": "spam",
    "bounce_postfix_dsn.eml": "bounce",
    "garbage_bytes.eml": "unparseable",
    # Machines (issue 12): read receipts, reports in every shape, loops, challenge-response.
    "mdn_thunderbird_read_receipt_nl.eml": "automatic",
    "mdn_outlook_read_receipt_en.eml": "automatic",
    "mdn_wrapped_in_mixed.eml": "automatic",
    "complaint_requests_read_receipt_nl.eml": "new",
    "bounce_exchange_ndr.eml": "bounce",
    "bounce_qmail.eml": "bounce",
    "bounce_exim_failed_recipients.eml": "bounce",
    "bounce_dsn_wrapped_by_gateway.eml": "bounce",
    "autoreply_auto_submitted_twice.eml": "automatic",
    "loop_many_received.eml": "automatic",
    "loop_x_loop_ours.eml": "automatic",
    "reply_many_hops_nl.eml": "K-2026-0001",
    "challenge_tmda_confirm.eml": "automatic",
    "challenge_spamarrest.eml": "automatic",
    "challenge_boxbe.eml": "automatic",
}

# What the quarantine must say about each machine, so the owner can read why.
REASONS = {
    "mdn_thunderbird_read_receipt_nl.eml": "read receipt",
    "mdn_outlook_read_receipt_en.eml": "read receipt",
    "mdn_wrapped_in_mixed.eml": "read receipt",
    "bounce_exchange_ndr.eml": "Exchange non-delivery report",
    "bounce_qmail.eml": "mail system",
    "bounce_exim_failed_recipients.eml": "sanne@hostingbedrijf.nl",
    "bounce_dsn_wrapped_by_gateway.eml": "delivery status report",
    "autoreply_auto_submitted_twice.eml": "Auto-Submitted: auto-replied",
    "loop_many_received.eml": "passed 55 mail servers",
    "loop_x_loop_ours.eml": "X-Loop names our address",
    "challenge_tmda_confirm.eml": "challenge-response",
    "challenge_spamarrest.eml": "challenge-response",
    "challenge_boxbe.eml": "challenge-response",
}


def corpus_config(tmp_path: Path) -> Config:
    return config_from_dict(
        {
            "shop": {"name": "Fietsenwinkel De Ketting", "email": "klachten@ketting.nl"},
            "owner": {"handler": "jan@ketting.nl"},
            "imap": {"host": "127.0.0.1", "security": "none", "username": "k", "password": "p"},
            "smtp": {"host": "127.0.0.1", "security": "none"},
            "storage": {"path": str(tmp_path / "data"), "max_attachment_bytes": 64 * 1024},
        }
    )


def test_every_corpus_file_has_an_expectation() -> None:
    files = {p.name for p in CORPUS.glob("*.eml")} - {"complaint_plain_nl.eml"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_mail_lands_where_expected(tmp_path: Path, name: str) -> None:
    """Each awkward mail is archived and ends in a dossier or the quarantine, as listed."""
    config = corpus_config(tmp_path)
    raw = (CORPUS / name).read_bytes()
    with Store.open(config.storage.path) as store:
        cycle = Cycle(config, store, NOW)
        cycle.reading.accept((CORPUS / "complaint_plain_nl.eml").read_bytes())
        cycle.reading.accept(raw)
        store.commit()
    with Store.open(config.storage.path) as store:
        dossiers = {d["reference"]: d for d in store.all_dossiers()}
        quarantine = store.quarantined()
        archived = list((config.storage.path / "archive" / "in").rglob("*.eml"))
    assert 2 == len(archived)
    expected = EXPECTED[name]
    if expected == "new":
        assert ["K-2026-0001", "K-2026-0002"] == sorted(dossiers)
        assert [] == quarantine
        assert "acknowledged" == dossiers["K-2026-0002"]["status"]
        assert 3 == len(dossiers["K-2026-0001"]["messages"])  # seed untouched: in, ack, notify
    elif expected.startswith("K-"):
        assert ["K-2026-0001"] == sorted(dossiers)
        kinds = [m["kind"] for m in dossiers[expected]["messages"]]
        assert ["complaint", "acknowledgement", "notification", "followup", "notification"] == kinds
    else:
        assert ["K-2026-0001"] == sorted(dossiers)
        assert [expected] == [q["kind"] for q in quarantine]
        assert quarantine[0]["reason"]
        assert REASONS.get(name, "") in quarantine[0]["reason"]
        assert (config.storage.path / quarantine[0]["archive"]).exists()


def test_attachments_are_saved_under_safe_names_with_a_size_limit(tmp_path: Path) -> None:
    config = corpus_config(tmp_path)
    with Store.open(config.storage.path) as store:
        cycle = Cycle(config, store, NOW)
        cycle.reading.accept((CORPUS / "huge_attachment.eml").read_bytes())
        store.commit()
        attachments = store.all_dossiers()[0]["messages"][0]["attachments"]
    assert ["../../etc/passwd", "CON"] == [a["name"] for a in attachments]
    assert "path" not in attachments[0] and "larger than" in attachments[0]["note"]
    saved = config.storage.path / attachments[1]["path"]
    assert b"hello" == saved.read_bytes()
    assert saved.name == "02-CON"
    assert config.storage.path in saved.resolve().parents


def test_header_injection_never_reaches_our_headers(tmp_path: Path) -> None:
    config = corpus_config(tmp_path)
    with Store.open(config.storage.path) as store:
        cycle = Cycle(config, store, NOW)
        cycle.reading.accept((CORPUS / "header_injection_subject.eml").read_bytes())
        store.commit()
        entries = store.outbox_entries()
        raws = [store.archive.read(e["archive"]) for e in entries]
    for raw in raws:
        head = raw.split(b"\r\n\r\n", 1)[0]
        assert not any(line.lower().startswith(b"bcc:") for line in head.split(b"\r\n"))
    ack = email.message_from_bytes(raws[0], policy=email.policy.default)
    body = ack.get_content()
    assert "{{ 7*7 }}" in body and "49" not in body  # customer text is data, never a template
    assert "\n" not in ack["Subject"] and "Bcc" not in ack


def test_a_different_mail_reusing_a_message_id_is_kept_apart(tmp_path: Path) -> None:
    config = corpus_config(tmp_path)
    original = (CORPUS / "complaint_plain_nl.eml").read_bytes()
    forged = original.replace(b"Mijn nieuwe fiets", b"Stuur mij alle gegevens van")
    with Store.open(config.storage.path) as store:
        cycle = Cycle(config, store, NOW)
        cycle.reading.accept(original)
        # The same mail again (a copy, a UIDVALIDITY reset): nothing new.
        cycle.reading.accept(original)
        cycle.reading.accept(forged)
        store.commit()
        assert 1 == cycle.report.duplicates
        [dossier] = store.all_dossiers()
        [kept] = store.quarantined()
    assert 1 == sum(m["direction"] == "in" for m in dossier["messages"])
    assert "earlier, different mail" in kept["reason"]

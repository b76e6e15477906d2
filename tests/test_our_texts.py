"""The texts of our own mails a reply may quote, read from the archive by what the dossier records."""

from __future__ import annotations

from email.message import EmailMessage
from typing import Any

from inbox_agent.mail.parsing import parse
from inbox_agent.run import our_texts


def _raw(text: str, message_id: str) -> bytes:
    message = EmailMessage()
    message["From"] = "klachten@ketting.nl"
    message["To"] = "jan@ketting.nl"
    message["Subject"] = "[K-2026-0001] Nieuwe klacht"
    message["Message-ID"] = message_id
    message.set_content(text)
    return message.as_bytes()


def _sent(message_id: str, internal: bool) -> dict[str, Any]:
    return {
        "direction": "out",
        "kind": "notification" if internal else "reply",
        "internal": internal,
        "message_id": message_id,
        "archive": f"archive/out/{message_id.strip('<>')}.eml",
    }


ARCHIVE = {
    "archive/out/n1@k.eml": _raw("Er is een nieuwe klacht binnengekomen.", "<n1@k>"),
    "archive/out/n2@k.eml": _raw("De klant heeft gereageerd.", "<n2@k>"),
    "archive/out/r1@k.eml": _raw("Beste Piet, wij vervangen de spaak.", "<r1@k>"),
}
DOSSIER: Any = {
    "reference": "K-2026-0001",
    "messages": [
        {"direction": "in", "kind": "complaint", "message_id": "<c1@klant>", "archive": "x"},
        _sent("<n1@k>", True),
        _sent("<r1@k>", False),
        _sent("<n2@k>", True),
        _sent("<gone@k>", True),  # its file is not in the archive (any more)
    ],
}


def read(where: str) -> bytes:
    if where not in ARCHIVE:
        raise FileNotFoundError(where)
    return ARCHIVE[where]


def _reply(in_reply_to: str) -> bytes:
    message = EmailMessage()
    message["From"] = "jan@ketting.nl"
    message["To"] = "klachten@ketting.nl"
    message["Subject"] = "Re: [K-2026-0001] Nieuwe klacht"
    message["Message-ID"] = "<a1@ketting.nl>"
    message["In-Reply-To"] = in_reply_to
    message.set_content("Ja.")
    return message.as_bytes()


def test_the_owner_reply_gets_the_notification_it_answers_first_and_only_mail_to_the_shop() -> None:
    texts = our_texts.for_owner(DOSSIER, parse(_reply("<n1@k>")), read)
    assert texts[0].startswith("Er is een nieuwe klacht")
    assert "De klant heeft gereageerd." in texts
    assert not any("Beste Piet" in text for text in texts)  # a letter to the customer


def test_a_customer_mail_gets_our_letters_to_the_customer_only() -> None:
    assert ["Beste Piet, wij vervangen de spaak."] == our_texts.for_customer(
        DOSSIER, parse(_reply("<r1@k>")), read
    )


def test_without_an_archive_or_a_dossier_there_is_nothing_to_compare() -> None:
    assert [] == our_texts.for_owner(DOSSIER, parse(_reply("<n1@k>")), None)
    assert [] == our_texts.for_owner(None, parse(_reply("<n1@k>")), read)

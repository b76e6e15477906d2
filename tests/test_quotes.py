"""Only the owner's new text survives, whichever client wrote the reply."""

from __future__ import annotations

import email
import email.policy

import pytest
from clients import CLIENTS, reply

from inbox_agent.parsing import parse
from inbox_agent.quotes import strip_reply

ORIGINAL = email.message_from_bytes(
    b"From: Fietsenwinkel De Ketting <klachten@ketting.nl>\r\nTo: jan@ketting.nl\r\n"
    b"Subject: [K-2026-0001] Nieuwe klacht: Fiets\r\nMessage-ID: <n1@ketting.nl>\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Er is een nieuwe klacht binnengekomen.\r\nDe spaak is gebroken.\r\n",
    policy=email.policy.default,
)
NEW = "#resolve repair\nWe vervangen de spaak gratis.\nU kunt de fiets zaterdag ophalen."


@pytest.mark.parametrize("client", CLIENTS)
def test_only_new_text_survives(client: str) -> None:
    raw = reply(client, ORIGINAL, "Jan <jan@ketting.nl>", NEW + "\n\nMet vriendelijke groet,\nJan")
    text = strip_reply(parse(raw).text)
    assert text.startswith(NEW)
    assert "nieuwe klacht binnengekomen" not in text
    assert "Onderwerp" not in text and "Subject" not in text


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Prima\n-- \nJan\n06-1234", "Prima"),
        ("Dank\n\nSent from my iPhone", "Dank"),
        ("Alleen nieuwe tekst", "Alleen nieuwe tekst"),
    ],
)
def test_signatures(text: str, expected: str) -> None:
    assert expected == strip_reply(text)

"""smtp._transaction, our own run of aiosmtplib's sendmail: the same bytes, the same answers."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from aiosmtplib.protocol import PERIOD_REGEX, normalize_message_line_endings

from inbox_agent.config import SmtpConfig
from inbox_agent.durations import Duration
from inbox_agent.mail import mailer
from inbox_agent.mail.smtp import data_lines
from inbox_agent.testing.servers import SmtpServer


def _sendmail_data(raw: bytes) -> tuple[bytes, int]:
    """What aiosmtplib 5's sendmail writes after DATA, and the SIZE it announces."""
    normalized = normalize_message_line_endings(raw)
    return PERIOD_REGEX.sub(b"..", normalized) + b".\r\n", len(normalized)


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b".",
        b"Subject: x\r\n\r\nBody\r\n",
        b"Subject: x\r\n\r\n.leading dot\r\n..two\r\nend",
        b"bare\nlf\n.dot after lf\n",
        b"bare\rcr\r\r\n\n\r",
        b"\r\n.\r\n",
    ],
)
def test_the_data_is_what_sendmail_would_write(raw: bytes) -> None:
    assert _sendmail_data(raw) == data_lines(raw)


def test_the_data_is_what_sendmail_would_write_for_any_line_ends() -> None:
    rng = random.Random(14)
    for _ in range(3000):
        raw = bytes(rng.choice(b"ab.\r\n") for _ in range(rng.randrange(0, 24)))
        assert _sendmail_data(raw) == data_lines(raw), raw


def _send(tmp_path: Path, port: int, *envelopes: list[str]) -> list[mailer.SendResult]:
    """Each envelope's mail, in order, over one connection."""
    config = SmtpConfig(
        host="127.0.0.1", port=port, security="none", timeout=Duration(30), connections=1
    )
    path = tmp_path / "mail.eml"
    path.write_bytes(b"From: shop@ketting.nl\r\nSubject: Uw klacht\r\n\r\nBeste klant,\r\n.\r\n")
    sender = mailer.Sender(config, "shop@ketting.nl")
    for n, recipients in enumerate(envelopes):
        sender.submit(n, recipients, path)
    results: dict[int, mailer.SendResult] = {}
    unsent, error = sender.finish(results.__setitem__)
    assert ([], None) == (unsent, error)
    return [results[n] for n in range(len(envelopes))]


@pytest.fixture
def refusing_server() -> Any:
    """aiosmtpd refusing nobody@ (550) and full@ (452), per recipient, as a real server does."""
    server = SmtpServer(None)

    async def handle_rcpt(
        smtp: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.startswith("nobody@"):
            return "550 5.1.1 No such user"
        if address.startswith("full@"):
            return "452 4.2.2 Mailbox full"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    server.handler.handle_RCPT = handle_rcpt
    yield server
    server.stop()


def test_a_refused_recipient_does_not_stop_the_others(tmp_path: Path, refusing_server: Any) -> None:
    [result] = _send(tmp_path, refusing_server.port, ["klant@klant.nl", "nobody@klant.nl"])
    assert result.ok
    [received] = refusing_server.received
    assert ["klant@klant.nl"] == received.rcpt_tos
    assert received.data.endswith(b"Beste klant,\r\n.\r\n")  # the dot line, doubled and undone


def test_every_recipient_refused_is_reported_with_each_answer(
    tmp_path: Path, refusing_server: Any
) -> None:
    permanent, mixed, after = _send(
        tmp_path,
        refusing_server.port,
        ["nobody@klant.nl"],
        ["nobody@klant.nl", "full@klant.nl"],
        ["klant@klant.nl"],
    )
    assert (False, True) == (permanent.ok, permanent.permanent)
    assert "nobody@klant.nl: 550 5.1.1 No such user" == permanent.error
    assert (False, False) == (mixed.ok, mixed.permanent)  # a full mailbox may empty
    assert "nobody@klant.nl: 550 5.1.1 No such user; full@klant.nl: 452 4.2.2 Mailbox full" == (
        mixed.error
    )
    # The envelope was reset after each refusal: the next mail goes out on the same connection.
    assert after.ok
    [received] = refusing_server.received
    assert ["klant@klant.nl"] == received.rcpt_tos

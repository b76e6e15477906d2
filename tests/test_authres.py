"""Authentication-Results is parsed (RFC 8601), so look-alike domains and servers prove nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from clients import reply
from conftest import make_config
from hypothesis import given
from hypothesis import strategies as st
from test_owner_loop import dossier, start_complaint

from inbox_agent.mail.parsing import parse
from inbox_agent.run.cycle import run_once
from inbox_agent.testing.servers import ImapServer, SmtpServer
from inbox_agent.triage.owner import authentication_passes

OURS = "mx.ketting.nl"


def passes(value: str) -> bool:
    mail = parse(f"From: jan@ketting.nl\r\nAuthentication-Results: {value}\r\n\r\nhoi\r\n".encode())
    return authentication_passes(mail, OURS, "ketting.nl")


@pytest.mark.parametrize(
    "value",
    [
        "mx.ketting.nl; dkim=pass header.d=ketting.nl",
        "MX.Ketting.NL; dkim=pass header.d=Ketting.NL",
        "mx.ketting.nl 1; dkim=pass header.i=@ketting.nl",
        "mx.ketting.nl; dkim=pass header.d=mail.ketting.nl",  # a subdomain signs for the shop
        "mx.ketting.nl; spf=pass smtp.mailfrom=jan@ketting.nl",
        "mx.ketting.nl; spf=fail smtp.mailfrom=x; dmarc=pass (p=reject) header.from=ketting.nl",
    ],
)
def test_a_pass_for_the_owners_domain_from_our_server_counts(value: str) -> None:
    assert passes(value)


@pytest.mark.parametrize(
    "value",
    [
        "mx.ketting.nl; dkim=pass header.d=evilketting.nl",
        "mx.ketting.nl; dkim=pass header.d=ketting.nl.evil.com",
        "mx.ketting.nl; dkim=pass header.i=@ketting.nl.evil.com",
        "mx.ketting.nl; spf=pass smtp.mailfrom=jan@evilketting.nl",
        "mx.ketting.nl; spf=pass smtp.mailfrom=ketting.nl.evil.com",
        "mx.ketting.nl; dmarc=pass header.from=evilketting.nl",
        "mx.ketting.nl; dkim=fail (dkim=pass header.d=ketting.nl) header.d=ketting.nl",
        'mx.ketting.nl; dkim=neutral header.d=ketting.nl reason="dkim=pass"',
        "mx.ketting.nl; dkim=pass header.b=ketting.nl",  # not a domain property
        "mx.ketting.nl; spf=pass smtp.helo=ketting.nl",  # HELO says nothing about the sender
        "mx.ketting.nl.evil.com; dkim=pass header.d=ketting.nl",  # authserv-id with a suffix
        "mx.ketting.nlx; dkim=pass header.d=ketting.nl",
        "evil.mx.ketting.nl; dkim=pass header.d=ketting.nl",
        "mx.elders.nl; dkim=pass header.d=ketting.nl",
        "mx.ketting.nl; none",
        ";;; dkim=pass header.d=ketting.nl",
        "",
    ],
)
def test_look_alikes_and_other_servers_prove_nothing(value: str) -> None:
    assert not passes(value)


def test_only_the_topmost_header_counts() -> None:
    """Our server writes on top; a header further down came with the mail and may be forged."""
    mail = parse(
        b"From: jan@ketting.nl\r\n"
        b"Authentication-Results: mx.ketting.nl; dkim=fail header.d=ketting.nl\r\n"
        b"Authentication-Results: mx.ketting.nl; dkim=pass header.d=ketting.nl\r\n\r\nhoi\r\n"
    )
    assert not authentication_passes(mail, OURS, "ketting.nl")


@given(st.text(max_size=200))
def test_any_header_text_is_read_without_raising(value: str) -> None:
    mail = parse(b"From: jan@ketting.nl\r\n\r\nhoi\r\n")
    mail.headers["authentication-results"] = value
    assert authentication_passes(mail, OURS, "ketting.nl") in (True, False)


@pytest.mark.parametrize(
    "header,runs",
    [
        ("mx.ketting.nl; dkim=pass header.d=evilketting.nl", False),
        ("mx.ketting.nl.evil.com; dkim=pass header.d=ketting.nl", False),
        ("mx.ketting.nl; dkim=pass header.d=ketting.nl", True),
    ],
)
def test_owner_command_through_real_servers_needs_a_real_pass(
    tmp_path: Path,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    header: str,
    runs: bool,
) -> None:
    shop = make_config(tmp_path, imap_server, smtp_server, owner__trusted_authserv_id=OURS)
    note = start_complaint(shop, imap_server)
    answer = reply("thunderbird_nl", note, f"Jan <{shop.owner.handler}>", "#resolve repair\nKlaar.")
    imap_server.deliver(shop.shop.email, f"Authentication-Results: {header}\r\n".encode() + answer)
    run_once(shop)
    assert runs == (dossier(shop)["status"] == "resolved")

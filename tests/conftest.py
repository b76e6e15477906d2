"""Fixtures: real loopback servers (pymap or Dovecot for IMAP, aiosmtpd for SMTP) and configs."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from inbox_agent.config import Config, config_from_dict
from inbox_agent.testing.servers import (
    PASSWORD,
    DovecotServer,
    ImapServer,
    PymapServer,
    SmtpServer,
    dovecot_binary,
)

CORPUS = Path(__file__).parent / "corpus"
# The year in the references of dossiers opened on the real clock (K-<year>-0001): the shop's
# year, so the tests that run on today's date pass in every year.
YEAR = datetime.now(ZoneInfo("Europe/Amsterdam")).year
REQUIRE_DOVECOT = os.environ.get("INBOX_AGENT_REQUIRE_DOVECOT") == "1"
_accounts = itertools.count(1)


def _start(name: str) -> ImapServer:
    if name == "pymap":
        return PymapServer()
    if dovecot_binary() is None:
        if REQUIRE_DOVECOT:
            pytest.fail("INBOX_AGENT_REQUIRE_DOVECOT=1 but dovecot is not installed")
        pytest.skip("dovecot is not installed (CI installs it and makes these tests mandatory)")
    return DovecotServer()


@pytest.fixture(scope="session", params=["pymap", "dovecot"])
def imap_server(request: pytest.FixtureRequest) -> Iterator[ImapServer]:
    server = _start(request.param)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pymap_server() -> Iterator[ImapServer]:
    server = PymapServer()
    yield server
    server.stop()


@pytest.fixture
def smtp_server(imap_server: ImapServer) -> Iterator[SmtpServer]:
    server = SmtpServer(imap_server)
    yield server
    server.stop()


@pytest.fixture(params=["thread", "process"])
def sending(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways a round sends: a thread of the agent, or (for a backlog) a process of its own."""
    from inbox_agent.mail import mailer

    monkeypatch.setattr(mailer, "SEPARATE_PROCESS_FROM", 0 if request.param == "process" else 10**9)
    return str(request.param)


def make_config(
    tmp_path: Path, imap: ImapServer, smtp: SmtpServer | None, **overrides: Any
) -> Config:
    """A config for a fresh shop account, so tests sharing a server never see each other's mail."""
    number = next(_accounts)
    imap.add_user(f"klachten{number}@ketting.nl")
    data: dict[str, Any] = {
        "shop": {
            "name": "Fietsenwinkel De Ketting",
            "email": f"klachten{number}@ketting.nl",
            "language": "nl",
            "disputes_body": "De Geschillencommissie",
        },
        "owner": {"handler": f"jan{number}@ketting.nl", "deputy": f"els{number}@ketting.nl"},
        "imap": {
            "host": "127.0.0.1",
            "port": imap.port,
            "security": "none",
            "username": f"klachten{number}@ketting.nl",
            "password": PASSWORD,
            "timeout": "10s",
        },
        "smtp": {
            "host": "127.0.0.1",
            "port": smtp.port if smtp else 1,
            "security": "none",
            "timeout": "10s",
        },
        "storage": {"path": str(tmp_path / "data")},
        # The daily digest has its own tests; elsewhere it would add a mail at random hours.
        "timing": {"digest_at": ""},
    }
    for dotted, value in overrides.items():
        section, key = dotted.split("__")
        data.setdefault(section, {})[key] = value
    return config_from_dict(data)


@pytest.fixture
def shop(tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer) -> Config:
    return make_config(tmp_path, imap_server, smtp_server)


def complaint(
    sender: str,
    to: str,
    subject: str = "Kapotte fiets",
    body: str = "Mijn fiets is kapot.",
    name: str = "Piet Jansen",
    **headers: str,
) -> bytes:
    """A plain customer mail as a mail client would write it."""
    message = EmailMessage()
    message["From"] = f"{name} <{sender}>"
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=sender.split("@")[1])
    for key, value in headers.items():
        message[key.replace("_", "-")] = value
    message.set_content(body)
    return message.as_bytes()

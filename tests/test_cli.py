"""The command line: exit codes, JSON fields, clear messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import complaint
from test_crash import write_config

from inbox_agent.cli.main import main
from inbox_agent.config import Config
from inbox_agent.store import STORE_FILE
from inbox_agent.testing.servers import ImapServer, SmtpServer

DOSSIER_KEYS = {
    "reference",
    "status",
    "customer",
    "subject",
    "channel",
    "received_at",
    "acknowledged_at",
    "deadline",
    "fields",
    "missing",
    "messages",
    "events",
    "resolution",
    "evaluation",
    "closed_at",
}
MESSAGE_KEYS = {"direction", "kind", "message_id", "date", "from", "to", "subject", "text"}


def test_bad_config_exits_2_naming_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[shop]\nname = "x"\nemail = "nope"\n')
    assert 2 == main(["-c", str(path), "dossiers"])
    assert "shop.email" in capsys.readouterr().err


def test_missing_config_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert 2 == main(["-c", str(tmp_path / "none.toml"), "once"])
    assert "not found" in capsys.readouterr().err


def test_once_then_listing_commands(
    tmp_path: Path,
    shop: Config,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus = Path(__file__).parent / "corpus"
    imap_server.deliver(shop.shop.email, complaint("cli@klant.nl", shop.shop.email))
    imap_server.deliver(shop.shop.email, (corpus / "spam_flagged.eml").read_bytes())
    config = str(write_config(shop, tmp_path / "config.toml"))

    assert 0 == main(["-c", config, "once"])
    capsys.readouterr()
    assert 0 == main(["-c", config, "dossiers", "--json"])
    [row] = json.loads(capsys.readouterr().out)
    assert {"reference", "status", "customer_email", "subject", "received_at", "updated_at"} == set(
        row
    )
    assert ("acknowledged", "cli@klant.nl") == (row["status"], row["customer_email"])

    assert 0 == main(["-c", config, "dossiers", "--status", "closed", "--json"])
    assert [] == json.loads(capsys.readouterr().out)

    assert 0 == main(["-c", config, "show", row["reference"], "--json"])
    dossier = json.loads(capsys.readouterr().out)
    assert DOSSIER_KEYS <= set(dossier)
    assert {"name", "email", "phone", "address"} == set(dossier["customer"])
    assert all(MESSAGE_KEYS <= set(m) for m in dossier["messages"])
    texts = {m["kind"]: m["text"] for m in dossier["messages"]}  # read from the archive
    assert "Mijn fiets is kapot." == texts["complaint"].strip()
    assert row["reference"] in texts["acknowledgement"]
    assert "+" in dossier["received_at"] or "Z" in dossier["received_at"]

    assert 0 == main(["-c", config, "show", row["reference"]])
    assert row["reference"] in capsys.readouterr().out
    assert 1 == main(["-c", config, "show", "K-1999-0001"])
    capsys.readouterr()

    assert 0 == main(["-c", config, "quarantine", "--json"])
    [entry] = json.loads(capsys.readouterr().out)
    assert {"message_id", "from", "subject", "received_at", "reason", "archive"} <= set(entry)
    assert "spam" in entry["reason"]


def test_empty_store_file_stops_once(
    tmp_path: Path, shop: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(write_config(shop, tmp_path / "config.toml"))
    shop.storage.path.mkdir(parents=True)
    (shop.storage.path / STORE_FILE).write_bytes(b"")
    assert 1 == main(["-c", config, "once"])
    assert "empty" in capsys.readouterr().err


def test_check_reports_both_servers(
    tmp_path: Path, shop: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(write_config(shop, tmp_path / "config.toml"))
    assert 0 == main(["-c", config, "check"])
    out = capsys.readouterr().out
    assert "IMAP 127.0.0.1" in out and "SMTP 127.0.0.1" in out


def test_python_dash_m_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "inbox_agent", "--help"], capture_output=True, text=True, timeout=60
    )
    assert 0 == result.returncode and "once" in result.stdout

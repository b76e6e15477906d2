"""`inbox-agent demo` plays its story on embedded servers and ends in the expected state."""

from __future__ import annotations

import email
import email.policy
import io
import json
from pathlib import Path

import pytest
from conftest import YEAR
from rich.console import Console

from inbox_agent.cli.demo import ANNE, KEES, OWNER, PIET, run_demo
from inbox_agent.cli.main import main


def kinds(folder: Path) -> list[str]:
    """Our Message-IDs name their purpose: <K-2026-0001.acknowledgement.1.token@...>."""
    found = []
    for path in sorted(folder.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        found.append(str(message["Message-ID"]).split(".")[1])
    return found


def test_demo_end_state(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    console = Console(file=io.StringIO(), width=120)
    assert 0 == run_demo(output=tmp_path, console=console)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert f"K-{YEAR}-0001" in shown and "Quarantine: kees@klant.nl" in shown
    assert "<svg" in (tmp_path / "report.html").read_text()

    mail = tmp_path / "mail"
    assert ["acknowledgement", "progress", "reply", "evaluation", "closure"] == kinds(mail / PIET)
    assert ["acknowledgement", "reply", "progress", "reply", "evaluation", "disputes"] == kinds(
        mail / ANNE
    )
    assert not (mail / KEES).exists()  # the out-of-office reply got no answer
    assert ["notification"] * 4 == kinds(mail / OWNER)
    anne_ack = email.message_from_bytes(
        (mail / ANNE / "01.eml").read_bytes(), policy=email.policy.default
    )
    assert "Dear Anne Smith" in anne_ack.get_body(("plain",)).get_content()  # she wrote English

    assert 0 == main(["-c", str(tmp_path / "config.toml"), "dossiers", "--json"])
    rows = json.loads(capsys.readouterr().out)
    assert {f"K-{YEAR}-0001": "closed", f"K-{YEAR}-0002": "reopened"} == {
        r["reference"]: r["status"] for r in rows
    }

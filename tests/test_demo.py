"""`inbox-agent demo` plays its story on embedded servers and ends in the expected state."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console

from inbox_agent.cli import main
from inbox_agent.demo import OWNER, SHOP, run_demo


def test_demo_end_state(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    console = Console(file=io.StringIO(), width=120)
    assert 0 == run_demo(output=tmp_path, console=console)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "K-2026-0001" in shown and "Quarantine: kees@klant.nl" in shown

    mail = tmp_path / "mail"
    # One acknowledgement each; his follow-up did not earn Piet a second one.
    assert 1 == len(list((mail / "piet@klant.nl").glob("*.eml")))
    assert 1 == len(list((mail / "anne@customer.co.uk").glob("*.eml")))
    assert 3 == len(list((mail / OWNER).glob("*.eml")))
    assert 4 == len(list((mail / SHOP).glob("*.eml")))
    assert not (mail / "kees@klant.nl").exists()  # the out-of-office reply got no answer

    assert 0 == main(["-c", str(tmp_path / "config.toml"), "dossiers", "--json"])
    rows = json.loads(capsys.readouterr().out)
    assert {"K-2026-0001": "acknowledged", "K-2026-0002": "acknowledged"} == {
        r["reference"]: r["status"] for r in rows
    }

"""How the last cycles went, kept beside the store in `health.json` for `status` and `check`.

Outside the store on purpose: a cycle that read nothing would otherwise rewrite the store
just to say so. It also remembers since when a login is refused, so the owner is told once
per episode, not every cycle.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inbox_agent.files import write_private_json

if TYPE_CHECKING:
    from inbox_agent.run.state import CycleReport

HEALTH_FILE = "health.json"


def read(root: Path) -> dict[str, Any]:
    try:
        data = json.loads((root / HEALTH_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def trouble_since(root: Path, server: str, now: datetime) -> str:
    """When the current run of refused logins to `server` began (now, if it begins now)."""
    return str(read(root).get("login_refused", {}).get(server) or now.isoformat(timespec="seconds"))


def record_cycle(root: Path, now: datetime, errors: list[str], refused: dict[str, str]) -> None:
    """After a cycle: when it ran, whether it went well, which logins are refused since when."""
    data = read(root)
    stamp = now.isoformat(timespec="seconds")
    data["last_cycle_at"] = stamp
    data["last_errors"] = errors
    if not errors:
        data["last_good_cycle_at"] = stamp
    data["login_refused"] = refused
    write_private_json(root / HEALTH_FILE, data)


def anything_happened(report: CycleReport) -> bool:
    """Whether a cycle read, sent, did or failed anything: an idle cycle has nothing to say."""
    return bool(
        report.fetched
        or report.sent
        or report.send_failed
        or report.due_steps
        or report.quarantined
        or report.errors
        or report.stopped_early
    )


def cycle_line(report: CycleReport) -> str:
    """A cycle in one line. Its failures are not repeated: each was logged when it happened."""
    line = (
        f"read {report.fetched} mail(s): {report.dossiers_opened} new dossier(s), "
        f"{report.followups} follow-up(s), {report.quarantined} quarantined, "
        f"{report.duplicates} already known; {report.due_steps} due step(s); "
        f"sent {report.sent}, failed {report.send_failed}"
    )
    if report.stopped_early:
        line += "; stopped early on request: the rest waits for the next run"
    if report.errors:
        line += f"; {len(report.errors)} failure(s), logged"
    return line

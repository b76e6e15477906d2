"""How the last cycles went, kept beside the store in `health.json` for `status` and `check`.

Outside the store on purpose: a cycle that read nothing would otherwise rewrite the store
just to say so. It also remembers since when a login is refused, so the owner is told once
per episode, not every cycle.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

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


def write_private_json(path: Path, data: dict[str, Any]) -> None:
    """Atomically and readable by this user only: a crash leaves the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            os.fchmod(out.fileno(), 0o600)
            json.dump(data, out, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)

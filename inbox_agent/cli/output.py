"""How the command line answers: exit codes, JSON, and times as the shop reads them."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inbox_agent.config import Config

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
# Ctrl-C or Ctrl-D: 128 + SIGINT, what a shell reports for a command it interrupted.
EXIT_INTERRUPTED = 130


def local_time(moment: str | None, config: Config) -> str:
    """An ISO time as the shop reads it: its own time zone, to the minute."""
    if not moment:
        return "-"
    try:
        parsed = datetime.fromisoformat(moment)
    except ValueError:
        return moment
    if parsed.tzinfo is None:
        return moment[:16]
    return parsed.astimezone(config.shop.tz).strftime("%Y-%m-%d %H:%M")


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    print()

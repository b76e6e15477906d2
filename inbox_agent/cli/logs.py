"""Where log lines go and how they look: a terminal or cron, or systemd's journal.

Under systemd (stderr is the journal: `JOURNAL_STREAM` names its device and inode) every line
carries a syslog priority prefix (`<3>` error, `<4>` warning, `<6>` info, `<7>` debug, read
with the unit's default `SyslogLevelPrefix=yes`) and no time of its own, since journald adds
one; `journalctl -p err` then shows exactly the failures. Elsewhere a line has its time and
level in words. Each event is one line either way: a message with line breaks is joined.
`-v` shows the agent's own debug lines; libraries (APScheduler's job runs, imapclient's
protocol) stay at warnings.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TextIO

# syslog(3) priorities, as journald reads them from a "<N>" prefix.
PRIORITY = {
    logging.DEBUG: 7,
    logging.INFO: 6,
    logging.WARNING: 4,
    logging.ERROR: 3,
    logging.CRITICAL: 2,
}


def priority(level: int) -> int:
    """The syslog priority of a logging level (a level between two takes the graver one)."""
    return next((p for lvl, p in sorted(PRIORITY.items(), reverse=True) if level >= lvl), 7)


def writes_to_journal(stream: TextIO) -> bool:
    """True when `stream` is the journal's own socket (systemd sets JOURNAL_STREAM=dev:inode)."""
    expected = os.environ.get("JOURNAL_STREAM", "")
    if not expected:
        return False
    try:
        facts = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return expected == f"{facts.st_dev}:{facts.st_ino}"


class OneLine(logging.Formatter):
    """One event, one line: line breaks in the message (a traceback, a server's answer) are
    joined with " | "."""

    def format(self, record: logging.LogRecord) -> str:
        return " | ".join(line for line in super().format(record).splitlines() if line.strip())


class JournalLine(OneLine):
    """A line for journald: `<priority>logger: message`, no time (journald adds its own)."""

    def __init__(self) -> None:
        super().__init__("%(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return f"<{priority(record.levelno)}>{super().format(record)}"


def setup(verbose: bool, stream: TextIO | None = None) -> logging.Handler | None:
    """Send log lines to stderr (or `stream`), in the journal's form when it is the journal.

    Like logging.basicConfig, it leaves logging alone when the program that called us has set
    it up already (pytest, a script that embeds the agent), unless given a stream.
    """
    root = logging.getLogger()
    if root.handlers and stream is None:
        return None
    stream = stream if stream is not None else sys.stderr
    handler = logging.StreamHandler(stream)
    if writes_to_journal(stream):
        handler.setFormatter(JournalLine())
    else:
        handler.setFormatter(OneLine("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.WARNING)  # the libraries' own chatter
    logging.getLogger("inbox_agent").setLevel(logging.DEBUG if verbose else logging.WARNING)
    return handler

"""A progress bar on a terminal for long work; nothing at all under cron or systemd.

rich draws it on stderr, so `--json` output on stdout stays clean.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# (done, total): called as work advances.
Advance = Callable[[int, int], None]


def wanted() -> bool:
    """Only for a person at a terminal: not under cron (no tty), systemd or a dumb terminal."""
    if os.environ.get("INVOCATION_ID") or os.environ.get("JOURNAL_STREAM"):
        return False
    return sys.stderr.isatty() and os.environ.get("TERM", "") != "dumb"


@contextmanager
def bar(label: str, enabled: bool | None = None) -> Iterator[Advance]:
    """Yields advance(done, total); the bar appears once there is more than a little to do."""
    if not (wanted() if enabled is None else enabled):
        yield lambda done, total: None
        return
    # rich only when a bar is drawn: cron and systemd runs do not pay for loading it.
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        TextColumn(f"{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = None

    def advance(done: int, total: int) -> None:
        nonlocal task
        if total < 20:  # a few mails: done before a bar would help
            return
        if task is None:
            progress.start()
            task = progress.add_task(label, total=total)
        progress.update(task, completed=done, total=total)

    try:
        yield advance
    finally:
        if task is not None:
            progress.stop()

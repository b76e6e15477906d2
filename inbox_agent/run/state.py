"""What one cycle's runners share: the open store, the config, the clock, the key and the report.

The runners (reading, due, sending) are handed one `CycleState` and keep nothing global: a
test builds a state at any `now`, and two cycles never see each other's counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from inbox_agent.config import Config
from inbox_agent.mail import tokens
from inbox_agent.store import Store

if TYPE_CHECKING:
    from inbox_agent.letters.compose import Composer
    from inbox_agent.letters.mailmaker import MailMaker


@dataclass
class CycleReport:
    fetched: int = 0
    duplicates: int = 0
    dossiers_opened: int = 0
    followups: int = 0
    quarantined: int = 0
    sent: int = 0
    send_failed: int = 0
    due_steps: int = 0
    # Where reading stopped, so the service can tell whether mail arrived since.
    folder_position: tuple[int, int] | None = None
    # The earliest stored due time after this cycle, so the service can wake for it.
    next_due: datetime | None = None
    errors: list[str] = field(default_factory=list)
    # Told to stop (SIGTERM), the cycle ended after its current step; the rest waits.
    stopped_early: bool = False

    def __str__(self) -> str:
        text = (
            f"read {self.fetched} mail(s): {self.dossiers_opened} new dossier(s), "
            f"{self.followups} follow-up(s), {self.quarantined} quarantined, "
            f"{self.duplicates} already known; {self.due_steps} due step(s); "
            f"sent {self.sent}, failed {self.send_failed}"
        )
        if self.stopped_early:
            text += "; stopped early on request: the rest waits for the next run"
        return text + "".join(f"\nerror: {e}" for e in self.errors)


class CycleState:
    """The state of one run_once that every runner reads: store, config, clock, key, report."""

    def __init__(
        self,
        config: Config,
        store: Store,
        now: datetime,
        heartbeat: Callable[[], None] = lambda: None,
        progress: Callable[[int, int], None] = lambda done, total: None,
        stopping: Callable[[], bool] = lambda: False,
    ) -> None:
        self.config = config
        self.store = store
        self.now = now
        # Called after each mail read, dossier swept and mail sent (the service feeds its
        # watchdog with it, so a long first cycle is not mistaken for a hung one).
        self.heartbeat = heartbeat
        # Hears (done, total) as a long step goes on (a bar on a terminal).
        self.progress = progress
        # Whether the agent has been told to stop (SIGTERM): the runners then end their current
        # step (the mail being read, the mails on the wire) and leave the rest for the next run.
        self.stopping = stopping
        self.key = tokens.secret_key(store.root)
        self.report = CycleReport()
        # Servers whose login is refused in this cycle, with since when (see health.py).
        self.refused_logins: dict[str, str] = {}

    # The mail-writing core is made when first needed: a cycle with nothing to read or send
    # loads no templates, registration patterns or evaluation words.

    @cached_property
    def composer(self) -> Composer:
        from inbox_agent.letters.compose import Composer

        return Composer(self.config, today=self.now.astimezone(self.config.shop.tz).date())

    @cached_property
    def maker(self) -> MailMaker:
        from inbox_agent.letters.mailmaker import MailMaker

        return MailMaker(self.config, self.composer, self.key)

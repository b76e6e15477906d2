"""The provider's sending limits (`smtp.rate`) as a budget for one cycle: how many of the mails
due may be handed to SMTP now, counted against what was sent within each limit's period. Pure:
the mails sent recently and the time are handed in. What the budget does not admit stays in
the outbox for a later cycle."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from inbox_agent.config import RateLimit


class Budget:
    """What each limit still allows now; `admit` spends it mail by mail, in the outbox's order."""

    def __init__(
        self, limits: Iterable[RateLimit], sent: Iterable[tuple[datetime, int]], now: datetime
    ) -> None:
        """`sent`: (when, how many recipients) of each mail sent lately."""
        self.limits = tuple(limits)
        recent = list(sent)
        self.left = [
            limit.count
            - sum(
                (recipients if limit.recipients else 1)
                for at, recipients in recent
                if at > now - timedelta(seconds=limit.seconds)
            )
            for limit in self.limits
        ]
        self.refused = 0  # mails not admitted in this cycle
        self.stopped = False
        self.reason = ""  # the limit reached, or the server's answer, for the log

    @staticmethod
    def longest(limits: Iterable[RateLimit]) -> timedelta:
        """How far back the mail sent counts (the longest period of any limit)."""
        return timedelta(seconds=max((limit.seconds for limit in limits), default=0))

    def admit(self, recipients: int) -> bool:
        """Whether a mail to `recipients` addresses may go now; if so, it is counted. Once one is
        refused, no later mail goes in this cycle either, so mail keeps its order."""
        cost = [recipients if limit.recipients else 1 for limit in self.limits]
        over = [
            str(limit)
            for limit, c, left in zip(self.limits, cost, self.left, strict=True)
            if c > left
        ]
        if self.stopped or over:
            self.reason = self.reason or ", ".join(over)
            self.stopped = True
            self.refused += 1
            return False
        self.left = [left - c for c, left in zip(cost, self.left, strict=True)]
        return True

    def stop(self, reason: str) -> None:
        """The server asked us to slow down: nothing more goes in this cycle."""
        self.reason = self.reason or reason
        self.stopped = True

"""The dossier's lifecycle: which status may follow which, and the one place that changes it; pure.

`transition` is the only writer of a dossier's `status` and `closed_at` (a test over the source
holds every other module to that). The owner's commands, the mail read and the due steps all
ask it, and it records each change as an event with its time and actor, so the dossier is its
own history. What a command is allowed to do in which status is the command table's business
(inbox_agent/commands); this module only knows the moves.
"""

from __future__ import annotations

from datetime import datetime

from inbox_agent.dossier.history import add_event, iso
from inbox_agent.models import OPEN_STATUSES, Dossier, Status

S = Status
OPEN = OPEN_STATUSES
ANSWERED = frozenset({S.RESOLVED, S.REJECTED, S.EVALUATING})
ALL = frozenset(Status)

# The moves the lifecycle knows: from each status, the statuses that may follow it. Every open
# or answered dossier may be closed (`#status closed`); an answered or closed one reopened.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.NEW: frozenset({S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED, S.REJECTED, S.CLOSED}),
    S.ACKNOWLEDGED: frozenset({S.IN_PROGRESS, S.RESOLVED, S.REJECTED, S.CLOSED}),
    S.IN_PROGRESS: frozenset({S.RESOLVED, S.REJECTED, S.CLOSED}),
    S.REOPENED: frozenset({S.IN_PROGRESS, S.RESOLVED, S.REJECTED, S.CLOSED}),
    S.RESOLVED: frozenset({S.EVALUATING, S.CLOSED, S.REOPENED}),
    S.REJECTED: frozenset({S.EVALUATING, S.CLOSED, S.REOPENED}),
    S.EVALUATING: frozenset({S.CLOSED, S.REOPENED}),
    S.CLOSED: frozenset({S.REOPENED}),
}


class UnknownMove(ValueError):
    """A change of status the transition table does not have: a fault in the code, not in mail."""


def transition(dossier: Dossier, to: Status, now: datetime, actor: str, why: str) -> None:
    """Move the dossier to `to` and record why; a move to the status it has changes nothing.

    Closing stamps `closed_at`. Only `reopen` clears it: a customer's mail after closure moves
    the dossier to reopened through here and keeps the date it was closed.
    """
    old = dossier["status"]
    if old == to.value:
        return
    if to not in TRANSITIONS[Status(old)]:
        raise UnknownMove(f"{dossier.get('reference', '?')}: {old} → {to.value} is no known move")
    if to is S.CLOSED:
        dossier["closed_at"] = iso(now)
    dossier["status"] = to.value
    add_event(dossier, now, actor, "status", f"{old} → {to.value}: {why}", to=to.value)


def reopen(dossier: Dossier, now: datetime, actor: str, why: str) -> None:
    """Open an answered or closed dossier again; it is no longer closed."""
    dossier["closed_at"] = None
    transition(dossier, S.REOPENED, now, actor, why)


def settle_evaluation(
    dossier: Dossier, satisfied: bool, score: int | None, actor: str, now: datetime, why: str
) -> None:
    """A clear evaluation answer, or the owner's #satisfied/#unhappy: closed, or reopened."""
    evaluation = dossier.get("evaluation") or {}
    evaluation.setdefault("answered_at", iso(now))
    evaluation["satisfied"] = satisfied
    evaluation["verdict"] = "satisfied" if satisfied else "unhappy"
    if score is not None:
        evaluation["score"] = score
    evaluation.setdefault("score", None)
    dossier["evaluation"] = evaluation
    if satisfied and dossier["status"] == S.CLOSED.value:
        add_event(dossier, now, actor, "evaluation", f"the customer is satisfied ({why})")
    elif satisfied:
        transition(dossier, S.CLOSED, now, actor, f"the customer is satisfied ({why})")
    else:
        reopen(dossier, now, actor, f"the customer is not satisfied ({why})")

"""Which owner command is allowed in which status, and what it changes; pure.

Every change is recorded as an event with its time and actor, so the dossier is its own
history. Mail to send is not made here: the pipeline turns the returned effects into mail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from inbox_agent.commands.parse import DUTCH_NAMES, Command, CommandError
from inbox_agent.dossier import record as dossiers
from inbox_agent.dossier import registration
from inbox_agent.dossier.record import Dossier, iso
from inbox_agent.models import ResolutionRecord, Status
from inbox_agent.vocabulary.wording import status_word

S = Status
OPEN = frozenset({S.NEW, S.ACKNOWLEDGED, S.IN_PROGRESS, S.REOPENED})
ANSWERED = frozenset({S.RESOLVED, S.REJECTED, S.EVALUATING})
ALL = frozenset(Status)

ALLOWED: dict[str, frozenset[Status]] = {
    "resolve": OPEN,
    "reject": OPEN,
    "cause": ALL - {S.CLOSED},
    "deadline": OPEN,
    "agree": OPEN | ANSWERED,
    "note": ALL,
    "progress": OPEN,
    "internal": ALL,
    "ask": ALL - {S.CLOSED},
    "field": ALL,
    "status:in_progress": frozenset({S.NEW, S.ACKNOWLEDGED, S.REOPENED, S.IN_PROGRESS}),
    "status:closed": ALL - {S.CLOSED},
    "reopen": ANSWERED | {S.CLOSED},
    "relay": ALL - {S.CLOSED},
    "satisfied": ANSWERED,
    "unhappy": ANSWERED,
}


class NotAllowed(CommandError):
    """A command that the dossier's status does not permit; the text says why."""


@dataclass
class Effects:
    """What the commands decided that the customer or a colleague must hear about."""

    resolution: ResolutionRecord | None = None
    rejection: str | None = None
    new_deadline: str | None = None
    agreements: list[dict[str, Any]] = field(default_factory=list)
    questions: list[Command] = field(default_factory=list)
    closed: bool = False
    evaluation: bool | None = None  # #satisfied (True) or #unhappy (False) settled it


def rule_for(command: Command) -> str:
    return f"status:{command.arg}" if command.name == "status" else command.name


def check_allowed(status: Status, names: list[str]) -> None:
    for name in names:
        if status not in ALLOWED[name]:
            what = name.split(":")[0]
            english = "sending text to the customer" if what == "relay" else f"#{what}"
            dutch = (
                "tekst naar de klant sturen"
                if what == "relay"
                else f"#{DUTCH_NAMES.get(what, what)}"
            )
            raise NotAllowed(
                f"{english} is not possible while the dossier is {status_word(status.value, 'en')}",
                nl=f"{dutch} is niet mogelijk zolang het dossier "
                f"{status_word(status.value, 'nl')} is",
            )


def simulate(
    dossier: Dossier, commands: tuple[Command, ...], relay: bool, today: date | None = None
) -> None:
    """Raise NotAllowed unless every command (and a relay) is allowed, in order; changes nothing.

    With `today` (the shop's date), a date that would be a promise in the past is refused too.
    """
    status = Status(dossier["status"])
    for command in commands:
        check_allowed(status, [rule_for(command)])
        if today is not None:
            check_date(command, today)
        status = _next_status(status, command)
    if relay:
        check_allowed(status, ["relay"])


def check_date(command: Command, today: date) -> None:
    """A promise is never a date that has already passed."""
    if command.when is not None and command.when < today:
        raise NotAllowed(
            f"#{command.name} {command.arg}: that date has passed (today is {today})",
            nl=f"#{DUTCH_NAMES.get(command.name, command.name)} {command.arg}: die datum is al voorbij "
            f"(vandaag is het {today})",
        )


def _next_status(status: Status, command: Command) -> Status:
    return {
        "resolve": S.RESOLVED,
        "reject": S.REJECTED,
        "reopen": S.REOPENED,
        "satisfied": S.CLOSED,
        "unhappy": S.REOPENED,
    }.get(command.name, Status(command.arg) if command.name == "status" else status)


def apply(
    dossier: Dossier, commands: tuple[Command, ...], body: str, actor: str, now: datetime
) -> Effects:
    effects = Effects()
    for command in commands:
        _apply_one(dossier, command, body, actor, now, effects)
    dossier["owner_acted_at"] = iso(now)
    return effects


def _apply_one(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    name = command.name
    if name == "resolve":
        dossier["resolution"] = {"type": command.arg, "at": iso(now), "text": command.text}
        dossiers.set_status(dossier, S.RESOLVED, now, actor, f"resolved: {command.arg}")
        effects.resolution = dossier["resolution"]
    elif name == "reject":
        text = command.text or body
        dossier["resolution"] = {"type": "rejected", "at": iso(now), "text": text}
        dossiers.set_status(dossier, S.REJECTED, now, actor, "complaint rejected")
        effects.rejection = text
    elif name == "cause":
        dossier["cause"] = command.arg
        dossiers.add_event(dossier, now, actor, "cause", command.arg)
    elif name == "deadline":
        dossier["deadline"] = command.arg
        for flag in ("deadline_warned", "deadline_kept"):
            dossier.setdefault("due", {}).pop(flag, None)
        dossiers.add_event(dossier, now, actor, "deadline", f"answer promised by {command.arg}")
        effects.new_deadline = command.arg
    elif name == "agree":
        agreement = {
            "date": command.arg,
            "text": command.text,
            "at": iso(now),
            "by": actor,
            "reminded": False,
        }
        dossier.setdefault("agreements", []).append(agreement)
        dossiers.add_event(
            dossier,
            now,
            actor,
            "agreement",
            f"{command.arg}: {command.text}",
            date=command.arg,
            agreed=command.text,
        )
        effects.agreements.append(agreement)
    elif name == "note":
        dossiers.add_event(dossier, now, actor, "note", command.text)
    elif name == "progress":
        # Customer-visible: the next progress update (or missed-date letter) tells it.
        dossiers.add_event(dossier, now, actor, "progress", command.text)
    elif name == "internal":
        dossiers.add_event(dossier, now, actor, "note", body or "(internal reply)")
    elif name == "ask":
        dossiers.add_event(dossier, now, actor, "question", f"asked {command.arg}: {command.text}")
        effects.questions.append(command)
    elif name == "field":
        _set_field(dossier, command, actor, now)
    elif name == "status":
        if command.arg == "closed":
            dossier["closed_at"] = iso(now)
            effects.closed = True
        if dossier["status"] == command.arg:
            dossiers.add_event(dossier, now, actor, "status", f"already {command.arg}")
        dossiers.set_status(dossier, Status(command.arg), now, actor, "set by the owner")
    elif name == "reopen":
        dossier["closed_at"] = None
        dossiers.set_status(dossier, S.REOPENED, now, actor, "reopened by the owner")
    elif name in ("satisfied", "unhappy"):
        score = int(command.arg) if command.arg else None
        effects.evaluation = name == "satisfied"
        settle_evaluation(dossier, effects.evaluation, score, actor, now, "settled by the owner")


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
        dossiers.add_event(dossier, now, actor, "evaluation", f"the customer is satisfied ({why})")
    elif satisfied:
        dossier["closed_at"] = iso(now)
        dossiers.set_status(dossier, S.CLOSED, now, actor, f"the customer is satisfied ({why})")
    else:
        dossier["closed_at"] = None
        dossiers.set_status(
            dossier, S.REOPENED, now, actor, f"the customer is not satisfied ({why})"
        )


def _set_field(dossier: Dossier, command: Command, actor: str, now: datetime) -> None:
    try:
        name = registration.set_field(dossier, command.arg, command.text)
    except registration.FieldError as exc:
        raise NotAllowed(str(exc), nl=exc.nl) from None
    dossiers.refresh_missing(dossier)
    dossiers.add_event(dossier, now, actor, "field", f"{name} = {command.text}", fields=name)

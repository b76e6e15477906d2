"""The answer date promised to the customer: when to warn, when it is missed, what comes next; pure.

A promise is made when the customer is told a date: the acknowledgement, an owner's
`#deadline`, a missed-date letter, a progress update that had to state a fresh date, or a
reopening. It is kept by an answer sent after it (a reply or a rejection) or by a resolution.
The handler and deputy are warned `timing.warn_before` ahead; on the date itself, with no answer
and no new date, the date moves by `timing.deadline_extension` and the customer is told.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from inbox_agent.config import Config
from inbox_agent.dossier import record as dossiers
from inbox_agent.durations import Duration, add_duration, subtract_duration
from inbox_agent.models import OPEN_STATUSES, Dossier, MailKind, Status

OPEN = OPEN_STATUSES
# Mail to the customer that answers a promise; progress updates and the like do not.
ANSWER_KINDS = frozenset({MailKind.REPLY, MailKind.REJECTION})


def start_of(config: Config, day: str) -> datetime:
    """The first moment of a promised date in the shop's time zone."""
    return datetime.combine(date.fromisoformat(day), time(0), tzinfo=config.shop.tz)


def local_today(config: Config, now: datetime) -> date:
    return now.astimezone(config.shop.tz).date()


def date_after(config: Config, moment: datetime, duration: Duration) -> str:
    """The date `duration` after `moment`, counted in the shop's time zone and working days."""
    local = moment.astimezone(config.shop.tz)
    return add_duration(local, duration, config.shop.holiday_country).date().isoformat()


def promised_at(dossier: Dossier) -> datetime:
    """When the current date was told to the customer: its last `deadline` event, or intake."""
    made = next(
        (e["at"] for e in reversed(dossier["events"]) if e["type"] == "deadline"),
        dossier.get("acknowledged_at") or dossier["received_at"],
    )
    return datetime.fromisoformat(made)


def answered_since_promise(dossier: Dossier) -> bool:
    made = promised_at(dossier)
    return any(
        m["direction"] == "out"
        and not m.get("internal")
        and m["kind"] in ANSWER_KINDS
        and datetime.fromisoformat(m["date"]) > made
        for m in dossier["messages"]
    )


def _live(dossier: Dossier) -> str | None:
    """The date the customer is waiting for, in an open dossier (None when none, or kept)."""
    deadline = dossier.get("deadline")
    due = dossier.get("due") or {}
    live = dossier["status"] in OPEN and deadline and due.get("deadline_kept") != deadline
    return deadline if live else None


def missed_at(dossier: Dossier, config: Config) -> datetime | None:
    """The start of the promised day: the moment an unanswered promise is renegotiated.

    A date promised on the day itself (`#deadline` for today, or a very short `answer_within`)
    is missed when that day ends, so the letter never follows the promise within seconds.
    """
    if (deadline := _live(dossier)) is None:
        return None
    start = start_of(config, deadline)
    if start <= promised_at(dossier):
        start += timedelta(days=1)
    return start


def warn_at(dossier: Dossier, config: Config) -> datetime | None:
    """`timing.warn_before` ahead of the promised day, unless that was before the promise.

    Nobody is warned about a date they set inside the warning window themselves, nor once
    the customer has had an answer since the promise.
    """
    due = dossier.get("due") or {}
    if (deadline := _live(dossier)) is None or due.get("deadline_warned") == deadline:
        return None
    if answered_since_promise(dossier):
        return None
    moment = subtract_duration(
        start_of(config, deadline),
        config.timing.warn_before,
        config.shop.holiday_country,
    )
    return moment if moment > promised_at(dossier) else None


def extended(dossier: Dossier, now: datetime, config: Config) -> str:
    """The new date the customer gets when the promise is missed at `now` (one was made)."""
    deadline = dossier["deadline"]
    assert deadline is not None, "asked only while a date is promised"
    base = max(now, start_of(config, deadline))
    return date_after(config, base, config.timing.deadline_extension)


def promise(dossier: Dossier, day: str, now: datetime, actor: str, why: str, **data: str) -> None:
    """Record a new promised date; the `deadline` event marks when the customer was told."""
    dossier["deadline"] = day
    dossiers.add_event(dossier, now, actor, "deadline", f"answer promised by {day}: {why}", **data)


def missed_dates(dossier: Dossier) -> list[str]:
    """The promised dates that came without an answer (each was moved with an apology)."""
    return [e["missed"] for e in dossier["events"] if e["type"] == "deadline" and e.get("missed")]


def needs_fresh_date(dossier: Dossier, now: datetime, config: Config) -> bool:
    """True when a letter about to state the date would state none, a kept or a past one."""
    deadline = dossier.get("deadline")
    due = dossier.get("due") or {}
    return (
        not deadline
        or due.get("deadline_kept") == deadline
        or deadline < local_today(config, now).isoformat()
    )


def _reopened_at(dossier: Dossier) -> int | None:
    """Index of the last reopening among the events, while the dossier is open again.

    Not only while its status says `reopened`: `#heropen` and `#status in_progress` in one
    reply reopen it too.
    """
    if dossier["status"] not in OPEN:
        return None
    for index in range(len(dossier["events"]) - 1, -1, -1):
        event = dossier["events"][index]
        if event["type"] == "status" and (
            event.get("to") == Status.REOPENED.value or "→ reopened:" in event["text"]
        ):
            return index
    return None


def date_reopened(dossier: Dossier, config: Config) -> None:
    """A reopened dossier gets a fresh realistic date, counted from the reopening.

    Unless a date was promised after the reopening already (the owner's `#deadline` in the
    same reply, or an earlier call of this function).
    """
    index = _reopened_at(dossier)
    if index is None:
        return
    if any(e["type"] == "deadline" for e in dossier["events"][index + 1 :]):
        return
    at = datetime.fromisoformat(dossier["events"][index]["at"])
    promise(
        dossier,
        date_after(config, at, config.timing.answer_within),
        at,
        "agent",
        f"reopened; a fresh date {config.timing.answer_within} on",
    )

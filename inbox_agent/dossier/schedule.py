"""What is due, and when: a pure function of (dossier, now, config). Decisions only.

The next due times are stored in the dossier itself (`due`), so cron, a restarted service and
the tests all compute the same thing; APScheduler only decides when to look. Doing a due step
(the letters it sends) is the due runner's part: `inbox_agent.run.due`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from inbox_agent.config import Config
from inbox_agent.dossier import aftercare, promises
from inbox_agent.dossier.record import iso
from inbox_agent.durations import Duration, add_duration
from inbox_agent.models import OPEN_STATUSES, Dossier, Status

S = Status
_ORDER = (
    "escalate_at",
    "deadline_warn_at",
    "deadline_missed_at",
    "reminder_at",
    "agreement_missed_at",
    "broken_escalate_at",
    "progress_at",
    "evaluation_at",
    "close_at",
)


def _after(config: Config, start: str, duration: Duration) -> str:
    local = datetime.fromisoformat(start).astimezone(config.shop.tz)
    return iso(add_duration(local, duration, config.shop.holiday_country))


def last_customer_mail_at(dossier: Dossier) -> str:
    """When the customer last got mail from us (or, before any, when they wrote)."""
    dates = [
        m["date"] for m in dossier["messages"] if m["direction"] == "out" and not m.get("internal")
    ]
    return max(dates, key=datetime.fromisoformat, default=dossier["received_at"])


def _later(moment: str, pause: datetime | None) -> str:
    """A due time, held back to the end of a `#wait` (the clock pauses while waiting)."""
    return iso(pause) if pause is not None and datetime.fromisoformat(moment) < pause else moment


def refresh(dossier: Dossier, config: Config) -> None:
    """Recompute `dossier["due"]` after any change; what was done is kept in the promises."""
    due: dict[str, Any] = dossier.setdefault("due", {})
    for key in _ORDER:
        due.pop(key, None)
    status = dossier["status"]
    timing = config.timing
    pause = promises.wait_ends(dossier, config)
    broken = promises.broken(dossier)
    if status in OPEN_STATUSES:
        promises.date_reopened(dossier, config)
        if not broken:
            # No progress mail while a promise is broken: a person must act, the agent does
            # not write the customer about it on its own.
            progress = _after(config, last_customer_mail_at(dossier), timing.progress_every)
            due["progress_at"] = _later(progress, pause)
        warn = promises.warn_at(dossier, config)
        if warn is not None:
            due["deadline_warn_at"] = iso(warn)
        missed = promises.missed_at(dossier, config)
        if missed is not None:
            due["deadline_missed_at"] = iso(missed)
        if not dossier.get("owner_acted_at") and not due.get("escalated") and config.owner.deputy:
            escalate = _after(config, dossier["received_at"], timing.escalate_after)
            due["escalate_at"] = _later(escalate, pause)
    if status != S.CLOSED.value:
        ahead = [p for p in promises.pending_agreements(dossier) if p["outcome"] == "open"]
        times = [(p, *promises.agreement_times(p, config)) for p in ahead]
        if unasked := [ask for p, ask, _ in times if not p.get("reminded_at")]:
            due["reminder_at"] = iso(min(unasked))
        if times:
            due["agreement_missed_at"] = iso(min(missed for _, _, missed in times))
        if config.owner.deputy:
            moments = [m for p in broken if (m := promises.escalate_at(p, config)) is not None]
            if moments:
                due["broken_escalate_at"] = _later(iso(min(moments)), pause)
    # A customer's later mail that waits for a person holds the evaluation and the closing.
    waiting = aftercare.waiting_since(dossier) is not None
    start = promises.evaluation_from(dossier)
    if status in (S.RESOLVED.value, S.REJECTED.value) and start and not waiting:
        evaluation_at = _after(config, start, timing.evaluation_after)
        quiet = aftercare.quiet_until(dossier)
        if quiet is not None and quiet > datetime.fromisoformat(evaluation_at):
            evaluation_at = iso(quiet)
        due["evaluation_at"] = evaluation_at
        if status == S.REJECTED.value and not timing.evaluate_rejections:
            # Asking a customer whose complaint was turned down to rate the handling is not
            # what a shop wants by default: it closes with a letter naming the disputes body.
            due["close_at"] = _after(config, evaluation_at, timing.close_after)
            del due["evaluation_at"]
    evaluation = dossier.get("evaluation") or {}
    if (
        status == S.EVALUATING.value
        and evaluation.get("sent_at")
        and not evaluation.get("answered_at")
        and not waiting
    ):
        # An answer that could not be read (answered, not settled) never closes by silence.
        due["close_at"] = _after(config, evaluation["sent_at"], timing.close_after)


def due_times(dossier: Dossier) -> list[datetime]:
    due = dossier.get("due") or {}
    return [datetime.fromisoformat(due[key]) for key in _ORDER if key in due]


def stored_due_times(dossier: Dossier) -> list[datetime] | None:
    """What the store is handed with a dossier it keeps: the dossier's due times, or None
    (sweep it at once) when they have not been computed yet."""
    return due_times(dossier) if "due" in dossier else None


def due_now(dossier: Dossier, now: datetime) -> list[str]:
    due = dossier.get("due") or {}
    return [key for key in _ORDER if key in due and datetime.fromisoformat(due[key]) <= now]


def digest_sections(
    all_dossiers: list[Dossier], now: datetime, config: Config
) -> dict[str, list[Dossier]]:
    """The owner's daily overview; empty sections are left out, so an empty dict means no mail.

    A dossier with a broken promise is listed every day until a person acts on it.
    """
    today = now.astimezone(config.shop.tz).date().isoformat()
    since = now - timedelta(days=1)

    def overdue(d: Dossier) -> bool:
        promise = promises.current(d) if d["status"] in OPEN_STATUSES else None
        return promise is not None and promise["outcome"] == "open" and promise["due"] < today

    def due_today(d: Dossier) -> bool:
        if d["status"] == S.CLOSED.value:
            return False
        answer = promises.current(d) if d["status"] in OPEN_STATUSES else None
        return (answer is not None and answer["due"] == today) or any(
            p["due"] == today for p in promises.pending_agreements(d)
        )

    sections: dict[str, list[Dossier]] = {
        "new": [d for d in all_dossiers if datetime.fromisoformat(d["received_at"]) >= since],
        "broken": [d for d in all_dossiers if d["status"] != S.CLOSED.value and promises.broken(d)],
        "overdue": [d for d in all_dossiers if overdue(d)],
        "due_today": [d for d in all_dossiers if due_today(d)],
        "waiting": [
            d
            for d in all_dossiers
            if d["status"] in OPEN_STATUSES
            and (waiting := d.get("waiting"))
            and waiting["until"] == today
        ],
    }
    # An answer only a person can read, left unsettled: put to the owner again, never closed.
    sections["unclear"] = [d for d in all_dossiers if _unsettled_for_long(d, now, config)]
    raised = {d["reference"] for d in sections["unclear"]}
    sections["evaluating"] = [
        d
        for d in all_dossiers
        if d["status"] == S.EVALUATING.value and d["reference"] not in raised
    ]
    return {name: items for name, items in sections.items() if items}


# How long an unclear answer may wait for the owner before the daily digest raises it again.
UNSETTLED_AFTER = Duration(workdays=2)


def unsettled_since(dossier: Dossier) -> datetime | None:
    """Since when a customer's answer waits for the owner to read it: an unclear evaluation
    answer, or a later mail the owner was asked about (None when nothing waits)."""
    evaluation = dossier.get("evaluation") or {}
    answered = evaluation.get("answered_at")
    if dossier["status"] == S.EVALUATING.value and answered and evaluation.get("satisfied") is None:
        return datetime.fromisoformat(answered)
    if dossier["status"] in (S.RESOLVED.value, S.REJECTED.value):
        return aftercare.waiting_since(dossier)
    return None


def _unsettled_for_long(dossier: Dossier, now: datetime, config: Config) -> bool:
    since = unsettled_since(dossier)
    if since is None:
        return False
    local = since.astimezone(config.shop.tz)
    return add_duration(local, UNSETTLED_AFTER, config.shop.holiday_country) <= now

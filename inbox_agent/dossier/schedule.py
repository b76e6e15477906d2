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
from inbox_agent.durations import Duration, add_duration, subtract_duration
from inbox_agent.models import OPEN_STATUSES, Dossier, Status

S = Status
OPEN = OPEN_STATUSES
_ORDER = (
    "escalate_at",
    "deadline_warn_at",
    "deadline_missed_at",
    "reminder_at",
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


def remind_at(agreement: dict[str, Any], config: Config) -> datetime:
    """`timing.warn_before` ahead of an agreement's date, or its first moment when it was made
    later than that (an agreement for tomorrow is not reminded the minute it is recorded)."""
    start = promises.start_of(config, agreement["date"])
    early = subtract_duration(start, config.timing.warn_before, config.shop.holiday_country)
    made = agreement.get("at")
    return early if made is None or early > datetime.fromisoformat(made) else start


def refresh(dossier: Dossier, config: Config) -> None:
    """Recompute `dossier["due"]` after any change; flags of things already done are kept."""
    due: dict[str, Any] = dossier.setdefault("due", {})
    for key in _ORDER:
        due.pop(key, None)
    status = dossier["status"]
    timing = config.timing
    if status in OPEN:
        promises.date_reopened(dossier, config)
        due["progress_at"] = _after(config, last_customer_mail_at(dossier), timing.progress_every)
        warn = promises.warn_at(dossier, config)
        if warn is not None:
            due["deadline_warn_at"] = iso(warn)
        missed = promises.missed_at(dossier, config)
        if missed is not None:
            due["deadline_missed_at"] = iso(missed)
        if not dossier.get("owner_acted_at") and not due.get("escalated") and config.owner.deputy:
            due["escalate_at"] = _after(config, dossier["received_at"], timing.escalate_after)
    resolution = dossier.get("resolution")
    # A customer's later mail that waits for a person holds the evaluation and the closing.
    waiting = aftercare.waiting_since(dossier) is not None
    if status in (S.RESOLVED.value, S.REJECTED.value) and resolution and not waiting:
        start = _after(config, resolution["at"], timing.evaluation_after)
        quiet = aftercare.quiet_until(dossier)
        if quiet is not None and quiet > datetime.fromisoformat(start):
            start = iso(quiet)
        due["evaluation_at"] = start
        if status == S.REJECTED.value and not timing.evaluate_rejections:
            # Asking a customer whose complaint was turned down to rate the handling is not
            # what a shop wants by default: it closes with a letter naming the disputes body.
            due["close_at"] = _after(config, start, timing.close_after)
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
    pending = [remind_at(a, config) for a in dossier.get("agreements", []) if not a.get("reminded")]
    if pending and status != S.CLOSED.value:
        due["reminder_at"] = iso(min(pending))


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
    """The owner's daily overview; empty sections are left out, so an empty dict means no mail."""
    today = now.astimezone(config.shop.tz).date().isoformat()
    since = now - timedelta(days=1)
    sections: dict[str, list[Dossier]] = {
        "new": [d for d in all_dossiers if datetime.fromisoformat(d["received_at"]) >= since],
        "overdue": [
            d
            for d in all_dossiers
            if d["status"] in OPEN
            and (deadline := d.get("deadline"))
            and deadline < today
            and (d.get("due") or {}).get("deadline_kept") != deadline
        ],
        "due_today": [
            d
            for d in all_dossiers
            if d["status"] != S.CLOSED.value
            and (
                (d["status"] in OPEN and d.get("deadline") == today)
                or any(a["date"] == today for a in d.get("agreements", []))
            )
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

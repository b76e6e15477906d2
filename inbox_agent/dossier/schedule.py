"""What is due, and when: a pure function of (dossier, now, config).

The next due times are stored in the dossier itself (`due`), so cron, a restarted service and
the tests all compute the same thing; APScheduler only decides when to look.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from inbox_agent.config import Config
from inbox_agent.dossier import lifecycle, promises
from inbox_agent.dossier import record as dossiers
from inbox_agent.dossier.record import Dossier, iso
from inbox_agent.durations import Duration, add_duration, subtract_duration
from inbox_agent.letters import news
from inbox_agent.models import OPEN_STATUSES, OutgoingMail, Status

if TYPE_CHECKING:
    from inbox_agent.letters.mailmaker import MailMaker

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
    return news.last_heard(dossier)


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
    if status in (S.RESOLVED.value, S.REJECTED.value) and resolution:
        due["evaluation_at"] = _after(config, resolution["at"], timing.evaluation_after)
    if status == S.REJECTED.value and resolution and not timing.evaluate_rejections:
        # Asking a customer whose complaint was turned down to rate the handling is not what a
        # shop wants by default: the dossier closes with a letter naming the disputes body.
        start = _after(config, resolution["at"], timing.evaluation_after)
        due["close_at"] = _after(config, start, timing.close_after)
        del due["evaluation_at"]
    evaluation = dossier.get("evaluation") or {}
    if (
        status == S.EVALUATING.value
        and evaluation.get("sent_at")
        and not evaluation.get("answered_at")
    ):
        due["close_at"] = _after(config, evaluation["sent_at"], timing.close_after)
    pending = [remind_at(a, config) for a in dossier.get("agreements", []) if not a.get("reminded")]
    if pending and status != S.CLOSED.value:
        due["reminder_at"] = iso(min(pending))


def due_times(dossier: Dossier) -> list[datetime]:
    due = dossier.get("due") or {}
    return [datetime.fromisoformat(due[key]) for key in _ORDER if key in due]


def due_now(dossier: Dossier, now: datetime) -> list[str]:
    due = dossier.get("due") or {}
    return [key for key in _ORDER if key in due and datetime.fromisoformat(due[key]) <= now]


def perform(
    dossier: Dossier, key: str, now: datetime, config: Config, maker: MailMaker
) -> list[OutgoingMail]:
    """Do one due step; returns the mail it makes, already recorded in the dossier.

    A step an earlier step made moot (a progress update after a missed-date letter) is skipped.
    """
    if key not in due_now(dossier, now):
        return []
    due = dossier["due"]
    mails: list[OutgoingMail] = []

    def send(mail: OutgoingMail) -> None:
        dossiers.record_outgoing(dossier, mail, now, config.shop.email, mails)

    if key == "escalate_at":
        due["escalated"] = iso(now)
        dossiers.add_event(
            dossier,
            now,
            "agent",
            "escalated",
            f"no owner action for {config.timing.escalate_after}; deputy told",
        )
        send(maker.escalation(dossier))
    elif key == "deadline_warn_at":
        _warn(dossier, now, config, maker, send)
    elif key == "deadline_missed_at":
        _missed(dossier, now, config, maker, send)
    elif key == "reminder_at":
        for agreement in dossier.get("agreements", []):
            if not agreement.get("reminded") and remind_at(agreement, config) <= now:
                agreement["reminded"] = True
                send(maker.reminder(dossier, agreement))
    elif key == "progress_at":
        _fresh_date_if_needed(dossier, now, config, "stated in a progress update")
        today = promises.local_today(config, now)
        send(
            maker.progress(dossier, news.since_last_heard(dossier), news.next_step(dossier, today))
        )
    elif key == "evaluation_at":
        dossier["evaluation"] = {
            "sent_at": iso(now),
            "answered_at": None,
            "score": None,
            "satisfied": None,
        }
        send(maker.evaluation(dossier))
        lifecycle.transition(dossier, S.EVALUATING, now, "agent", "evaluation mail sent")
    elif key == "close_at":
        rejected = dossier["status"] == S.REJECTED.value
        send(maker.closure(dossier, "rejected" if rejected else "no_answer"))
        lifecycle.transition(dossier, S.CLOSED, now, "agent", "evaluation not answered")
    refresh(dossier, config)
    return mails


def _warn(
    dossier: Dossier,
    now: datetime,
    config: Config,
    maker: MailMaker,
    send: Callable[[OutgoingMail], None],
) -> None:
    """Handler and deputy hear of a date coming up, and what happens if nobody answers."""
    deadline = dossier["deadline"]
    dossier["due"]["deadline_warned"] = deadline
    missed = promises.missed_at(dossier, config)
    if missed is not None and missed <= now:
        return  # the agent was not running: the missed-date step follows and tells them
    dossiers.add_event(
        dossier, now, "agent", "deadline_warning", f"answer promised by {deadline}; owner warned"
    )
    send(maker.warning(dossier, promises.extended(dossier, now, config)))


def _missed(
    dossier: Dossier,
    now: datetime,
    config: Config,
    maker: MailMaker,
    send: Callable[[OutgoingMail], None],
) -> None:
    """The promised date has come: kept by an answer, or renegotiated with the customer today."""
    old = dossier["deadline"]
    assert old is not None, "due only while a date is promised (promises.missed_at)"
    if promises.answered_since_promise(dossier):
        dossier["due"]["deadline_kept"] = old
        dossiers.add_event(
            dossier, now, "agent", "promise_kept", f"the customer was answered before {old}"
        )
        return
    told = news.since_last_heard(dossier)
    promises.promise(
        dossier,
        promises.extended(dossier, now, config),
        now,
        "agent",
        f"{old} came without an answer; the customer is told the new date",
        missed=old,
    )
    today = promises.local_today(config, now)
    send(maker.missed_date(dossier, old, told, news.next_step(dossier, today)))
    send(maker.date_moved(dossier, old))


def _fresh_date_if_needed(dossier: Dossier, now: datetime, config: Config, why: str) -> None:
    """Before a letter states the date: a kept or past one is replaced, never repeated."""
    if promises.needs_fresh_date(dossier, now, config):
        day = promises.date_after(config, now, config.timing.deadline_extension)
        promises.promise(dossier, day, now, "agent", why)


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
        "evaluating": [d for d in all_dossiers if d["status"] == S.EVALUATING.value],
    }
    return {name: items for name, items in sections.items() if items}

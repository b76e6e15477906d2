"""What is due, and when: a pure function of (dossier, now, config).

The next due times are stored in the dossier itself (`due`), so cron, a restarted service and
the tests all compute the same thing; APScheduler only decides when to look.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from inbox_agent import dossiers
from inbox_agent.config import Config
from inbox_agent.dossiers import Dossier, iso
from inbox_agent.durations import Duration, add_duration
from inbox_agent.mailmaker import MailMaker
from inbox_agent.models import OutgoingMail, Status

S = Status
OPEN = {S.NEW.value, S.ACKNOWLEDGED.value, S.IN_PROGRESS.value, S.REOPENED.value}
_ORDER = (
    "escalate_at",
    "deadline_warn_at",
    "reminder_at",
    "progress_at",
    "evaluation_at",
    "close_at",
)


def _after(config: Config, start: str, duration: Duration) -> str:
    local = datetime.fromisoformat(start).astimezone(config.shop.tz)
    return iso(add_duration(local, duration, config.shop.holiday_country))


def _start_of_day(config: Config, day: str, plus_days: int = 0) -> str:
    moment = datetime.combine(
        datetime.fromisoformat(day).date() + timedelta(days=plus_days), time(0)
    )
    return iso(moment.replace(tzinfo=config.shop.tz))


def last_customer_mail_at(dossier: Dossier) -> str:
    dates = [
        m["date"] for m in dossier["messages"] if m["direction"] == "out" and not m.get("internal")
    ]
    return max(dates, default=dossier["received_at"])


def refresh(dossier: Dossier, config: Config) -> None:
    """Recompute `dossier["due"]` after any change; flags of things already done are kept."""
    due: dict[str, Any] = dossier.setdefault("due", {})
    for key in _ORDER:
        due.pop(key, None)
    status = dossier["status"]
    timing = config.timing
    if status in OPEN:
        due["progress_at"] = _after(config, last_customer_mail_at(dossier), timing.progress_every)
        if dossier.get("deadline") and due.get("deadline_warned") != dossier["deadline"]:
            due["deadline_warn_at"] = _start_of_day(config, dossier["deadline"], plus_days=1)
        if not dossier.get("owner_acted_at") and not due.get("escalated") and config.owner.deputy:
            due["escalate_at"] = _after(config, dossier["received_at"], timing.escalate_after)
    if status in (S.RESOLVED.value, S.REJECTED.value) and dossier.get("resolution"):
        due["evaluation_at"] = _after(config, dossier["resolution"]["at"], timing.evaluation_after)
    if status == S.REJECTED.value and dossier.get("resolution") and not timing.evaluate_rejections:
        # Asking a customer whose complaint was turned down to rate the handling is not what a
        # shop wants by default: the dossier closes with a letter naming the disputes body.
        start = _after(config, dossier["resolution"]["at"], timing.evaluation_after)
        due["close_at"] = _after(config, start, timing.close_after)
        del due["evaluation_at"]
    evaluation = dossier.get("evaluation") or {}
    if (
        status == S.EVALUATING.value
        and evaluation.get("sent_at")
        and not evaluation.get("answered_at")
    ):
        due["close_at"] = _after(config, evaluation["sent_at"], timing.close_after)
    pending = [a["date"] for a in dossier.get("agreements", []) if not a.get("reminded")]
    if pending and status != S.CLOSED.value:
        due["reminder_at"] = _start_of_day(config, min(pending))


def due_times(dossier: Dossier) -> list[datetime]:
    due = dossier.get("due") or {}
    return [datetime.fromisoformat(due[key]) for key in _ORDER if key in due]


def due_now(dossier: Dossier, now: datetime) -> list[str]:
    due = dossier.get("due") or {}
    return [key for key in _ORDER if key in due and datetime.fromisoformat(due[key]) <= now]


def perform(
    dossier: Dossier, key: str, now: datetime, config: Config, maker: MailMaker
) -> list[OutgoingMail]:
    """Do one due step; returns the mail it makes, already recorded in the dossier."""
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
        due["deadline_warned"] = dossier["deadline"]
        dossiers.add_event(
            dossier, now, "agent", "overdue", f"promised date {dossier['deadline']} passed"
        )
        send(maker.warning(dossier))
    elif key == "reminder_at":
        today = now.astimezone(config.shop.tz).date().isoformat()
        for agreement in dossier.get("agreements", []):
            if not agreement.get("reminded") and agreement["date"] <= today:
                agreement["reminded"] = True
                send(maker.reminder(dossier, agreement))
    elif key == "progress_at":
        send(maker.progress(dossier))
    elif key == "evaluation_at":
        dossier["evaluation"] = {
            "sent_at": iso(now),
            "answered_at": None,
            "score": None,
            "satisfied": None,
        }
        send(maker.evaluation(dossier))
        dossiers.set_status(dossier, S.EVALUATING, now, "agent", "evaluation mail sent")
    elif key == "close_at":
        rejected = dossier["status"] == S.REJECTED.value
        send(maker.closure(dossier, "rejected" if rejected else "no_answer"))
        dossier["closed_at"] = iso(now)
        dossiers.set_status(dossier, S.CLOSED, now, "agent", "evaluation not answered")
    refresh(dossier, config)
    return mails


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
            if d["status"] in OPEN and d.get("deadline") and d["deadline"] < today
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

"""What is due, and when: a pure function of (dossier, now, config). Decisions only.

The next due times are stored in the dossier itself (`due`), so cron, a restarted service and
the tests all compute the same thing; APScheduler only decides when to look. Doing a due step
(the letters it sends) is the due runner's part: `inbox_agent.run.due`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypedDict

from inbox_agent.config import Config
from inbox_agent.dossier import aftercare, promises
from inbox_agent.dossier.record import iso
from inbox_agent.durations import Duration, add_duration, is_workday
from inbox_agent.models import OPEN_STATUSES, Dossier, Promise, Status

S = Status


class AgendaItem(TypedDict):
    """One line of the agenda: a dossier, the promise it is about (if any), and whether that
    promise is still broken (False: it broke since the last agenda and was moved since)."""

    dossier: Dossier
    promise: Promise | None
    still: bool


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


def agenda_day(now: datetime, config: Config) -> bool:
    """Whether today is a day for the agenda: a working day of the shop's holiday calendar."""
    local = now.astimezone(config.shop.tz).date()
    return is_workday(local, config.shop.holiday_country)


def _moved_at(dossier: Dossier, promise: Promise) -> str | None:
    """When a renegotiated promise was moved: the moment its successor was made."""
    successor = next(
        (
            q
            for q in promises.records(dossier)
            if q["id"] > promise["id"] and q["due"] == promise["renegotiated_to"]
        ),
        None,
    )
    return successor["made_at"] if successor else None


def missed(promise: Promise) -> bool:
    """A promise that came due unkept: broken, or moved by the agent because its day came
    without an answer (the date was moved, but the promise was not kept)."""
    return (
        promise["outcome"] == "broken"
        or bool(promise.get("broken_at"))
        or (promise["outcome"] == "renegotiated" and promise["renegotiated_by"] == promises.AGENT)
    )


def _broken_lines(dossier: Dossier, since: datetime | None) -> list[AgendaItem]:
    """The dossier's broken promises: those still broken, and every one that broke (or that
    the agent moved because its day came unkept) since the last agenda, so a promise is listed
    even when its date was moved before the agenda was written."""
    items: list[AgendaItem] = []
    for promise in promises.records(dossier):
        if not missed(promise):
            continue
        moment = promise.get("broken_at") or _moved_at(dossier, promise) or promise["due"]
        recent = since is None or datetime.fromisoformat(moment) >= since
        still = promise["outcome"] == "broken" and dossier["status"] != S.CLOSED.value
        if still or recent:
            items.append({"dossier": dossier, "promise": promise, "still": still})
    return items


def _answered(dossier: Dossier, promise: Promise) -> bool:
    return promise["kind"] == promises.ANSWER and promises.on_due(dossier, promise) == "kept"


def agenda_sections(
    all_dossiers: list[Dossier], now: datetime, config: Config, since: datetime | None = None
) -> dict[str, list[AgendaItem]]:
    """The handler's agenda: what a person must do today, and what waits for the customer.

    Each dossier is listed once, in the first section it belongs to (broken promises are
    listed one line per promise). A dossier already answered is not "to do today". `since` is
    when the last agenda went out: what broke since then is listed even if the agent moved the
    date since. Empty sections are left out; an empty dict means no agenda.
    """
    today = now.astimezone(config.shop.tz).date().isoformat()
    sections: dict[str, list[AgendaItem]] = {name: [] for name in AGENDA_SECTIONS}
    listed: set[str] = set()

    def add(name: str, dossier: Dossier, promise: Promise | None = None) -> None:
        sections[name].append({"dossier": dossier, "promise": promise, "still": True})
        listed.add(dossier["reference"])

    for dossier in all_dossiers:
        if broken := _broken_lines(dossier, since):
            sections["broken"] += broken
            listed.add(dossier["reference"])
    for dossier in all_dossiers:
        if dossier["reference"] in listed or dossier["status"] == S.CLOSED.value:
            continue
        is_open = dossier["status"] in OPEN_STATUSES
        answer = promises.current(dossier) if is_open else None
        if answer is not None and (answer["outcome"] != "open" or _answered(dossier, answer)):
            answer = None
        agreements = [p for p in promises.pending_agreements(dossier) if p["outcome"] == "open"]
        late = [p for p in [answer, *agreements] if p is not None and p["due"] < today]
        due = [p for p in [answer, *agreements] if p is not None and p["due"] == today]
        if late:
            add("overdue", dossier, late[0])
        elif due:
            add("due_today", dossier, due[0])
        elif unsettled_since(dossier) is not None:
            add("unclear", dossier)
        elif is_open and answer is not None and not dossier.get("waiting"):
            add("to_answer", dossier, answer)
        elif (
            is_open
            and not dossier.get("waiting")
            and not agreements
            and not _held_back_since(dossier, since)
        ):
            # Open with nothing promised: answered, maybe, but not resolved; it stays open
            # (and the customer gets "nothing new" updates) until a person closes the loop.
            # One of a flood held back since the last agenda is on the agenda's flood line.
            add("open", dossier)
    for dossier in all_dossiers:
        if dossier["reference"] in listed:
            continue
        waiting = dossier.get("waiting")
        evaluation = dossier.get("evaluation") or {}
        paused = dossier["status"] in OPEN_STATUSES and waiting and waiting["until"] >= today
        asked = dossier["status"] == S.EVALUATING.value and not evaluation.get("answered_at")
        if paused or asked:
            add("waiting", dossier)
    return {name: items for name, items in sections.items() if items}


# The agenda's sections, in the order a person works through them.
def _held_back_since(dossier: Dossier, since: datetime | None) -> bool:
    """Whether the automatic-mail brake held this dossier's acknowledgement back since `since`
    (one of a sender's flood: `triage.unanswered.floods` lists it)."""
    return any(
        event["type"] == "acknowledgement_withheld"
        and since is not None
        and datetime.fromisoformat(event["at"]) >= since
        for event in dossier["events"]
    )


AGENDA_SECTIONS = ("broken", "overdue", "due_today", "unclear", "to_answer", "open", "waiting")


def deputy_agenda(all_dossiers: list[Dossier], since: datetime | None) -> list[AgendaItem]:
    """What waits for the deputy: dossiers escalated to them that nobody has acted on since,
    and broken promises escalated to them. Empty unless something was escalated since the last
    agenda: the deputy hears of each escalation once, on the next working day's agenda."""
    items: list[AgendaItem] = []
    fresh = False
    for dossier in all_dossiers:
        if dossier["status"] == S.CLOSED.value:
            continue
        due = dossier.get("due") or {}
        escalated = due.get("escalated") if not dossier.get("owner_acted_at") else None
        broken = [p for p in promises.broken(dossier) if p.get("escalated_at")]
        moments = [m for m in [escalated, *(p["escalated_at"] for p in broken)] if m]
        if not moments:
            continue
        items.append({"dossier": dossier, "promise": broken[0] if broken else None, "still": True})
        fresh |= since is None or any(datetime.fromisoformat(m) >= since for m in moments)
    return items if fresh else []


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

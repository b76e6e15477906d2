"""The due runner: what time brings. The dossiers' due steps (the schedule decides which, a
handler here acts), the owner's daily agenda on working days, the monthly report and retention.

Owner mail a due step makes goes out only when `letters.urgency.SENT_AT_ONCE` says a person must
act now; the rest waits for the agenda, which reads it from the dossiers' state.

`dossier.schedule` decides what is due and when; the handlers in `STEPS` do it, one per step,
and queue the mail they make through the sending runner.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from inbox_agent.config import Config
from inbox_agent.dossier import lifecycle, promises, schedule
from inbox_agent.dossier import record as dossiers
from inbox_agent.dossier.record import Dossier, iso
from inbox_agent.letters import news, urgency
from inbox_agent.models import OutgoingMail, Status
from inbox_agent.register import privacy
from inbox_agent.run.sending import Sending
from inbox_agent.run.state import CycleState
from inbox_agent.store import StoreError
from inbox_agent.triage import unanswered

if TYPE_CHECKING:
    # The mail maker is made when first needed (CycleState.maker): a cycle with nothing due
    # loads no templates, registration patterns or evaluation words.
    from inbox_agent.letters.mailmaker import MailMaker

log = logging.getLogger(__name__)

S = Status
# A handler does one due step: (dossier, now, config, maker, send), changing the dossier and
# sending its mail through `send`, which records each in the dossier.
Handler = Callable[[Dossier, datetime, Config, "MailMaker", Callable[[OutgoingMail], None]], None]


class DueWork:
    """Do what is due: the dossiers' steps, the daily agenda, the monthly report, retention."""

    def __init__(self, state: CycleState, sending: Sending) -> None:
        self.state = state
        self.sending = sending

    def sweep(self) -> None:
        """Send what the dossiers' stored due times say is due now (progress, evaluation, ...)."""
        state, store = self.state, self.state.store
        changed = False
        known, next_due = store.next_due()
        if not known or (next_due is not None and next_due <= state.now):
            changed = self._walk_due()
        else:  # nothing can be due: the dossiers stay undecoded
            state.report.next_due = next_due
        if self._agenda() or self._monthly_report():
            changed = True
        erased = privacy.apply_retention(store, state.config, state.now, state.progress)
        if erased:
            log.info("retention: anonymised %s", ", ".join(erased))
            changed = True
        if changed:
            store.commit()

    def _walk_due(self) -> bool:
        """Look at every open dossier's due times; perform what is due. True if any changed."""
        state, store = self.state, self.state.store
        changed = False
        upcoming: list[datetime] = []
        store.start_due_walk()
        for view in store.open_views():
            state.heartbeat()
            times = schedule.due_times(view)  # parsed once: due_now would parse them again
            if "due" in view and all(t > state.now for t in times):
                upcoming += times
                continue
            try:
                done = self._perform_due(view["reference"])
            except StoreError:
                raise  # a damaged store file stops the agent; it is not this dossier's fault
            except Exception as exc:  # noqa: BLE001 - one dossier's bug must not stop the others
                log.error("due step of %s failed: %r", view["reference"], exc)
                log.debug("the error in full:\n%s", traceback.format_exc())
                state.report.errors.append(
                    f"internal error in a due step of {view['reference']}: {exc!r}; "
                    "the dossier is left as it was and tried again next run"
                )
                upcoming += times or [state.now]  # as stored: still due, so swept again
                continue
            upcoming += done[1]
            changed |= done[0]
        state.report.next_due = store.end_due_walk(min(upcoming, default=None))
        return changed

    def _perform_due(self, reference: str) -> tuple[bool, list[datetime]]:
        """Perform what is due for one dossier: (whether it changed, its due times after)."""
        state = self.state
        dossier = state.store.dossier(reference)
        assert dossier is not None
        if "due" not in dossier:
            schedule.refresh(dossier, state.config)
        keys = schedule.due_now(dossier, state.now)
        if not keys:
            return False, schedule.due_times(dossier)
        for key in keys:
            for mail_out in perform(dossier, key, state.now, state.config, state.maker, hold=True):
                self.sending.queue(mail_out)
        state.store.put_dossier(dossier, schedule.stored_due_times(dossier))
        state.report.due_steps += len(keys)
        return True, schedule.due_times(dossier)

    def _agenda(self) -> bool:
        """At `timing.digest_at` on a working day: the handler's agenda, and the deputy's when
        something was escalated to them since the last one. Nothing on weekends and holidays:
        Monday's agenda lists what broke since Friday's."""
        state, config, store = self.state, self.state.config, self.state.store
        if not config.timing.digest_at:
            return False
        local = state.now.astimezone(config.shop.tz)
        today = local.date().isoformat()
        if (
            local.strftime("%H:%M") < config.timing.digest_at
            or store.meta_value("last_digest") == today
            or not schedule.agenda_day(state.now, config)
        ):
            return False
        # Since the last agenda's hour (a little before it went out, never after): what broke
        # since then is listed even when its date was moved since.
        last = store.meta_value("last_digest")
        since = (
            datetime.combine(
                date.fromisoformat(last),
                time.fromisoformat(config.timing.digest_at),
                config.shop.tz,
            )
            if last
            else None
        )
        store.set_meta_value("last_digest", today)
        dossiers_now = store.open_dossiers()
        sections = schedule.agenda_sections(dossiers_now, state.now, config, since)
        # Mail nobody answered: people in the quarantine, and one sender's flood.
        unanswered_since = since or state.now - timedelta(days=1)
        quarantine = unanswered.people_in_quarantine(store.quarantined(), unanswered_since)
        flooded = unanswered.floods(dossiers_now, unanswered_since)
        if sections or quarantine or flooded:
            self.sending.queue(state.maker.agenda(sections, today, quarantine, flooded))
        if config.owner.deputy:
            escalated = schedule.deputy_agenda(dossiers_now, since)
            if escalated:
                self.sending.queue(state.maker.deputy_agenda(escalated, today))
        return True

    def _monthly_report(self) -> bool:
        """On the first cycle of a month, last month's report to the handler (when asked for)."""
        state, config, store = self.state, self.state.config, self.state.store
        if not config.reports.monthly:
            return False
        local = state.now.astimezone(config.shop.tz)
        month = local.strftime("%Y-%m")
        if store.meta_value("last_monthly_report") == month:
            return False
        store.set_meta_value("last_monthly_report", month)
        from inbox_agent.register import report  # with the templates: only when a report is due
        from inbox_agent.register.printouts import report_html

        last_day = local.date().replace(day=1) - timedelta(days=1)
        figures = report.build_report(
            store.all_dossiers(),
            last_day.replace(day=1),
            last_day,
            config.shop.tz,
            config.reports.signal_window.seconds // 86400,
            config.reports.signal_threshold,
        )
        self.sending.queue(
            state.maker.monthly_report(
                report.as_text(figures, config.shop.name, config.shop.language),
                report_html(figures, config),
                last_day.strftime("%Y-%m"),
            )
        )
        return True


def perform(
    dossier: Dossier,
    key: str,
    now: datetime,
    config: Config,
    maker: MailMaker,
    hold: bool = False,
) -> list[OutgoingMail]:
    """Do one due step; returns the mail it makes, already recorded in the dossier.

    A step an earlier step made moot (a progress update after a renegotiation letter) is skipped.
    With `hold` (the due runner), owner mail that can wait is not sent but left to the agenda.
    """
    if key not in schedule.due_now(dossier, now):
        return []
    mails: list[OutgoingMail] = []

    def send(mail: OutgoingMail) -> None:
        if hold and not urgency.sent_at_once(mail.kind):
            # It waits for the agenda (letters.urgency.SENT_AT_ONCE says why): the dossier's
            # state puts it there; the event says what was not sent.
            what = f"{mail.kind} to {', '.join(mail.to)}: in the next agenda instead of a mail"
            dossiers.add_event(dossier, now, "agent", "agenda", what)
            return
        dossiers.record_outgoing(dossier, mail, now, config.shop.email, mails)

    STEPS[key](dossier, now, config, maker, send)
    schedule.refresh(dossier, config)
    return mails


def _escalate(
    dossier: Dossier,
    now: datetime,
    config: Config,
    maker: MailMaker,
    send: Callable[[OutgoingMail], None],
) -> None:
    """Nobody acted in time: the deputy is told."""
    dossier["due"]["escalated"] = iso(now)
    dossiers.add_event(
        dossier,
        now,
        "agent",
        "escalated",
        f"no owner action for {config.timing.escalate_after}; deputy told",
    )
    send(maker.escalation(dossier))


def _warn(
    dossier: Dossier,
    now: datetime,
    config: Config,
    maker: MailMaker,
    send: Callable[[OutgoingMail], None],
) -> None:
    """Handler and deputy hear of a date coming up, and what happens if nobody answers."""
    promise = promises.current(dossier)
    assert promise is not None, "due only while a date is promised (promises.warn_at)"
    promise["warned_at"] = iso(now)
    missed = promises.missed_at(dossier, config)
    if missed is not None and missed <= now:
        return  # the agent was not running: the due day's step follows and tells them
    dossiers.add_event(
        dossier,
        now,
        "agent",
        "deadline_warning",
        f"answer promised by {promise['due']}; owner warned",
    )
    renegotiates = promises.on_due(dossier, promise) == "renegotiate"
    send(maker.warning(dossier, promises.extended(promise, now, config) if renegotiates else None))


def _missed(
    dossier: Dossier,
    now: datetime,
    config: Config,
    maker: MailMaker,
    send: Callable[[OutgoingMail], None],
) -> None:
    """The promised day has come: kept by an answer, renegotiated once, or broken.

    The agent writes the customer about a date once; a date it set itself that comes unkept
    too, or a date on which a person only wrote a note, goes to a person: the handler gets one
    short mail, and the dossier stays in the digest until someone acts.
    """
    promise = promises.current(dossier)
    assert promise is not None, "due only while a date is promised (promises.missed_at)"
    old = promise["due"]
    verdict = promises.on_due(dossier, promise)
    if verdict == "kept":
        promises.keep(dossier, promise, now, "agent", f"the customer was answered before {old}")
        return
    if verdict != "renegotiate":
        why = "only a note since it was made" if verdict == "noted" else "renegotiated once already"
        promises.break_promise(dossier, promise, now, f"{old} came without an answer ({why})")
        send(maker.promise_broken(dossier, promise, verdict))
        return
    told = news.since_last_heard(dossier)
    new = promises.renegotiate(
        dossier, promise, now, "agent", promises.extended(promise, now, config), "renegotiation"
    )
    dossiers.add_event(
        dossier,
        now,
        "agent",
        "deadline",
        f"answer promised by {new['due']}: {old} came without an answer; the customer is told "
        "the new date, once",
        missed=old,
    )
    today = promises.local_today(config, now)
    send(maker.missed_date(dossier, promise, told, news.next_step(dossier, today)))
    send(maker.date_moved(dossier, promise))


def _remind(
    dossier: Dossier,
    now: datetime,
    config: Config,
    maker: MailMaker,
    send: Callable[[OutgoingMail], None],
) -> None:
    """On an agreement's day the handler is reminded of it and asked whether it is done."""
    for promise in promises.pending_agreements(dossier):
        ask, _ = promises.agreement_times(promise, config)
        if promise["outcome"] == "open" and not promise.get("reminded_at") and ask <= now:
            promise["reminded_at"] = iso(now)
            send(maker.reminder(dossier, promise))


def _agreement_missed(
    dossier: Dossier,
    now: datetime,
    config: Config,
    maker: MailMaker,
    send: Callable[[OutgoingMail], None],
) -> None:
    """A day after the handler was asked "done?" with no answer, the agreement counts broken.

    Nobody tells the customer it was missed (the agent cannot know); the digest lists it.
    """
    for promise in promises.pending_agreements(dossier):
        _, missed = promises.agreement_times(promise, config)
        if promise["outcome"] == "open" and missed <= now:
            why = f"agreement of {promise['due']} not reported done"
            promises.break_promise(dossier, promise, now, why)


def _escalate_broken(
    dossier: Dossier,
    now: datetime,
    config: Config,
    maker: MailMaker,
    send: Callable[[OutgoingMail], None],
) -> None:
    """A promise stayed broken `timing.escalate_after`: the deputy gets one mail about it."""
    due = [
        p
        for p in promises.broken(dossier)
        if (moment := promises.escalate_at(p, config)) is not None and moment <= now
    ]
    for promise in due:
        promise["escalated_at"] = iso(now)
    if due:
        dossiers.add_event(dossier, now, "agent", "escalated", "a broken promise; deputy told")
        send(maker.promise_broken(dossier, due[0], "deputy"))


def _progress(
    dossier: Dossier,
    now: datetime,
    config: Config,
    maker: MailMaker,
    send: Callable[[OutgoingMail], None],
) -> None:
    """The customer heard nothing for a while: what happened since, and what comes next.

    It restates a date only when the acknowledgement or a person made it; it never makes one.
    """
    today = promises.local_today(config, now)
    send(
        maker.progress(
            dossier,
            news.since_last_heard(dossier),
            news.next_step(dossier, today),
            promises.stated(dossier),
        )
    )


def _evaluate(
    dossier: Dossier,
    now: datetime,
    config: Config,
    maker: MailMaker,
    send: Callable[[OutgoingMail], None],
) -> None:
    """Some weeks after the solution: is the customer satisfied with it and its handling?"""
    dossier["evaluation"] = {
        "sent_at": iso(now),
        "answered_at": None,
        "score": None,
        "satisfied": None,
    }
    send(maker.evaluation(dossier))
    lifecycle.transition(dossier, S.EVALUATING, now, "agent", "evaluation mail sent")


def _close(
    dossier: Dossier,
    now: datetime,
    config: Config,
    maker: MailMaker,
    send: Callable[[OutgoingMail], None],
) -> None:
    """The evaluation stayed unanswered (or a rejection needs none): the closure letter."""
    rejected = dossier["status"] == S.REJECTED.value
    send(maker.closure(dossier, "rejected" if rejected else "no_answer"))
    lifecycle.transition(dossier, S.CLOSED, now, "agent", "evaluation not answered")


# What each due step does; `schedule` decides which are due, in its own order.
STEPS: dict[str, Handler] = {
    "escalate_at": _escalate,
    "deadline_warn_at": _warn,
    "deadline_missed_at": _missed,
    "reminder_at": _remind,
    "agreement_missed_at": _agreement_missed,
    "broken_escalate_at": _escalate_broken,
    "progress_at": _progress,
    "evaluation_at": _evaluate,
    "close_at": _close,
}

"""Promises to the customer as records, and their one honest lifecycle; pure.

A promise is made by the acknowledgement (its answer date) or by a person: `#deadline`, a dated
`#agree`, `#wait`, or a resolution letter saying the shop will be in touch. It ends one way:
kept (a substantive answer went out, or an agreement was done), renegotiated (moved to a new
date, by the agent or a person), or broken (it came due unkept and no person acted on it yet).

The agent renegotiates an answer date with the customer once. When the date it set comes
unkept too, or a person only wrote a note, the promise is broken and a person must act; a
person's new date may again be renegotiated once. These functions decide and change the
record given `now`; the due runner (run/due.py) acts on them and writes the mail.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from inbox_agent.config import Config
from inbox_agent.dossier.history import add_event, iso
from inbox_agent.durations import Duration, add_duration, subtract_duration
from inbox_agent.models import OPEN_STATUSES, Dossier, MailKind, Promise, Resolution, Status

AGENT = "agent"
ANSWER, AGREEMENT = "answer", "agreement"
# Outcomes that still wait for something: the date ahead, or a person to act.
PENDING = ("open", "broken")
WHAT_ANSWER = "an answer to the complaint"
WHAT_NEXT_STEP = "come back with the next step"
# Mail to the customer that answers a promise; progress updates and the like do not.
ANSWER_KINDS = frozenset({MailKind.REPLY, MailKind.REJECTION})
# Resolution letters that say the shop will be in touch: each carries a date and becomes an
# agreement the handler is reminded of. Only "change" promises nothing to this customer.
CONTACT_RESOLUTIONS = frozenset(Resolution) - {Resolution.CHANGE, Resolution.REJECTED}


def start_of(config: Config, day: str) -> datetime:
    """The first moment of a promised date in the shop's time zone."""
    return datetime.combine(date.fromisoformat(day), time(0), tzinfo=config.shop.tz)


def local_today(config: Config, now: datetime) -> date:
    return now.astimezone(config.shop.tz).date()


def date_after(config: Config, moment: datetime, duration: Duration) -> str:
    """The date `duration` after `moment`, counted in the shop's time zone and working days."""
    local = moment.astimezone(config.shop.tz)
    return add_duration(local, duration, config.shop.holiday_country).date().isoformat()


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value)


# -- the records ---------------------------------------------------------------------------------


def records(dossier: Dossier) -> list[Promise]:
    """The dossier's promises. A dossier stored before promises were records gets its open
    answer date and its agreements not yet reminded as records, once."""
    if "promises" not in dossier:
        dossier["promises"] = []
        deadline = dossier.get("deadline")
        due = dossier.get("due") or {}
        if deadline and dossier["status"] in OPEN_STATUSES and due.get("deadline_kept") != deadline:
            made = next(
                (e["at"] for e in reversed(dossier["events"]) if e["type"] == "deadline"),
                dossier.get("acknowledged_at") or dossier["received_at"],
            )
            make(dossier, _at(made), AGENT, WHAT_ANSWER, deadline, ANSWER, "acknowledgement")
        for agreement in dossier.get("agreements", []):
            if not agreement.get("reminded") and dossier["status"] != Status.CLOSED.value:
                when = _at(agreement.get("at") or dossier["received_at"])
                by = agreement.get("by") or AGENT
                _agreement(dossier, when, by, agreement["date"], agreement.get("text", ""))
    return dossier["promises"]


def make(
    dossier: Dossier,
    now: datetime,
    by: str,
    what: str,
    due: str,
    kind: str = ANSWER,
    origin: str = "acknowledgement",
) -> Promise:
    """Record a new open promise; an answer date is also the dossier's `deadline`."""
    promises = records(dossier)
    promise: Promise = {
        "id": len(promises) + 1,
        "by": by,
        "what": what,
        "due": due,
        "outcome": "open",
        "renegotiated_to": None,
        "renegotiated_by": None,
        "kind": kind,
        "origin": origin,
        "made_at": iso(now),
    }
    promises.append(promise)
    if kind == ANSWER:
        dossier["deadline"] = due
    return promise


def current(dossier: Dossier) -> Promise | None:
    """The answer date the customer waits for: the last answer promise still open or broken."""
    return next(
        (p for p in reversed(records(dossier)) if p["kind"] == ANSWER and p["outcome"] in PENDING),
        None,
    )


def pending_agreements(dossier: Dossier) -> list[Promise]:
    """Agreements not yet done, earliest first: those ahead and those that broke."""
    found = [p for p in records(dossier) if p["kind"] == AGREEMENT and p["outcome"] in PENDING]
    return sorted(found, key=lambda p: p["due"])


def broken(dossier: Dossier) -> list[Promise]:
    return [p for p in records(dossier) if p["outcome"] == "broken"]


def keep(dossier: Dossier, promise: Promise, now: datetime, by: str, why: str) -> None:
    promise["outcome"] = "kept"
    promise["kept_at"] = iso(now)
    add_event(dossier, now, by, "promise_kept", f"{promise['what']} (by {promise['due']}): {why}")


def answered(dossier: Dossier, now: datetime, by: str, everything: bool = False) -> None:
    """A substantive answer went out: the answer dates promised before it are kept.

    A resolution or rejection (`everything`) keeps them all, also one given in the same reply.
    """
    for promise in records(dossier):
        pending = promise["kind"] == ANSWER and promise["outcome"] in PENDING
        if pending and (everything or _at(promise["made_at"]) < now):
            keep(dossier, promise, now, by, "the customer was answered")


def _moved(promise: Promise, due: str, by: str) -> None:
    promise["outcome"] = "renegotiated"
    promise["renegotiated_to"] = due
    promise["renegotiated_by"] = by


def renegotiate(
    dossier: Dossier,
    promise: Promise,
    now: datetime,
    by: str,
    due: str,
    origin: str,
    what: str | None = None,
) -> Promise:
    """Move a promise to a new date: the old one says by whom and to when, a new one is open."""
    _moved(promise, due, by)
    add_event(dossier, now, by, "promise_moved", f"{promise['what']}: {promise['due']} → {due}")
    new = make(dossier, now, by, what or promise["what"], due, promise["kind"], origin)
    if what is None and "text" in promise:
        new["text"] = promise["text"]
    if what is None and "contact" in promise:
        new["contact"] = promise["contact"]
    return new


def person_date(
    dossier: Dossier, now: datetime, by: str, due: str, origin: str, what: str = WHAT_ANSWER
) -> Promise:
    """A person promises the customer news by `due` (`#deadline`, `#wait`): the date moves."""
    pending = current(dossier)
    if pending is not None:
        return renegotiate(dossier, pending, now, by, due, origin, what)
    return make(dossier, now, by, what, due, ANSWER, origin)


def _agreement(
    dossier: Dossier, now: datetime, by: str, due: str, text: str, contact: str = ""
) -> Promise:
    origin = "resolution" if contact else "agreement"
    what = text or (f"get in touch about the {contact}" if contact else WHAT_NEXT_STEP)
    promise = make(dossier, now, by, what, due, AGREEMENT, origin)
    promise["text"] = text
    if contact:
        promise["contact"] = contact
    return promise


def agree(dossier: Dossier, now: datetime, by: str, due: str, text: str) -> Promise:
    """A dated agreement (`#agree`) is a person's promise.

    One the handler was reminded of, or that broke, is moved by it (renegotiated by that
    person); otherwise it is a new agreement. A pending answer date gives way to it.
    """
    pending = pending_agreements(dossier)
    asked = [p for p in pending if p.get("reminded_at") or p["outcome"] == "broken"]
    if asked:
        old = asked[0]
        new = renegotiate(dossier, old, now, by, due, "agreement", text or None)
        new["text"] = text or old.get("text", "")
        return new
    answer = current(dossier)
    if answer is not None:
        _moved(answer, due, by)
    return _agreement(dossier, now, by, due, text)


def contact_agreement(
    dossier: Dossier, now: datetime, by: str, resolution: str, config: Config
) -> str | None:
    """A resolution letter that says the shop will be in touch carries a date: `timing.contact_within`
    on. It is an agreement of the person who resolved; returns its date (None: nothing promised)."""
    if resolution not in CONTACT_RESOLUTIONS:
        return None
    day = date_after(config, now, config.timing.contact_within)
    record = {"date": day, "text": "", "at": iso(now), "by": by, "contact": resolution}
    dossier.setdefault("agreements", []).append(record)
    _agreement(dossier, now, by, day, "", contact=resolution)
    return day


def done(dossier: Dossier, now: datetime, by: str) -> Promise | None:
    """`#done`: the earliest agreement not yet done is kept; None when there is none."""
    pending = pending_agreements(dossier)
    if not pending:
        return None
    keep(dossier, pending[0], now, by, "done, the owner says")
    return pending[0]


def break_promise(dossier: Dossier, promise: Promise, now: datetime, why: str) -> None:
    promise["outcome"] = "broken"
    promise["broken_at"] = iso(now)
    add_event(dossier, now, AGENT, "promise_broken", why, missed=promise["due"])


def wait(dossier: Dossier, now: datetime, by: str, what: str, until: str) -> Promise:
    """`#wait WHAT UNTIL`: the clock pauses until then, and the customer's date becomes `until`."""
    dossier["waiting"] = {"what": what, "until": until, "by": by, "at": iso(now)}
    return person_date(dossier, now, by, until, "wait", f"news after waiting for: {what}")


def wait_ends(dossier: Dossier, config: Config) -> datetime | None:
    """The first moment after the last `#wait`: progress, escalation and renegotiation wait."""
    waiting = dossier.get("waiting")
    return start_of(config, waiting["until"]) if waiting else None


# -- decisions ----------------------------------------------------------------------------------


def answered_since(dossier: Dossier, moment: datetime) -> bool:
    return any(
        m["direction"] == "out"
        and not m.get("internal")
        and m["kind"] in ANSWER_KINDS
        and _at(m["date"]) > moment
        for m in dossier["messages"]
    )


def noted_since(dossier: Dossier, moment: datetime) -> bool:
    """A person wrote a note (`#note`, `#internal`) after `moment`: a person is on it."""
    return any(
        e["type"] == "note" and e["actor"] != AGENT and _at(e["at"]) > moment
        for e in dossier["events"]
    )


def on_due(dossier: Dossier, promise: Promise) -> str:
    """What an answer date's day brings, if nothing changes before it.

    "kept": a substantive answer went out after it was made. "noted": a person only wrote a
    note, so no letter may say the date came without anything done; a person must give a
    date. "broken": the agent renegotiated it already. "renegotiate": the agent's one letter.
    """
    made = _at(promise["made_at"])
    if answered_since(dossier, made):
        return "kept"
    if noted_since(dossier, made):
        return "noted"
    if promise["by"] == AGENT and promise.get("origin") == "renegotiation":
        return "broken"
    return "renegotiate"


def _live(dossier: Dossier) -> Promise | None:
    promise = current(dossier)
    live = (
        dossier["status"] in OPEN_STATUSES and promise is not None and promise["outcome"] == "open"
    )
    return promise if live else None


def missed_at(dossier: Dossier, config: Config) -> datetime | None:
    """The start of the promised day: when an unkept answer date is renegotiated or broken.

    A date promised on the day itself (`#deadline` for today, a very short `answer_within`) is
    due when that day ends, so no letter follows the promise within seconds.
    """
    if (promise := _live(dossier)) is None:
        return None
    start = start_of(config, promise["due"])
    if start <= _at(promise["made_at"]):
        start += timedelta(days=1)
    return start


def warn_at(dossier: Dossier, config: Config) -> datetime | None:
    """`timing.warn_before` ahead of the promised day, unless that was before the promise.

    Nobody is warned twice, about a date they set inside the warning window themselves, or
    once the customer has had an answer since the promise.
    """
    promise = _live(dossier)
    if promise is None or promise.get("warned_at"):
        return None
    if answered_since(dossier, _at(promise["made_at"])):
        return None
    moment = subtract_duration(
        start_of(config, promise["due"]), config.timing.warn_before, config.shop.holiday_country
    )
    return moment if moment > _at(promise["made_at"]) else None


def extended(promise: Promise, now: datetime, config: Config) -> str:
    """The new date the agent offers when `promise` comes unkept at `now`."""
    base = max(now, start_of(config, promise["due"]))
    return date_after(config, base, config.timing.deadline_extension)


def agreement_times(promise: Promise, config: Config) -> tuple[datetime, datetime]:
    """(when the handler is asked "done?", when it counts as broken if nobody says so).

    Asked at the start of its day (an agreement made on its own day: the next morning), and
    broken a day later.
    """
    ask = start_of(config, promise["due"])
    made = _at(promise["made_at"])
    if ask <= made:
        next_day = made.astimezone(config.shop.tz).date() + timedelta(days=1)
        ask = start_of(config, next_day.isoformat())
    return ask, ask + timedelta(days=1)


def escalate_at(promise: Promise, config: Config) -> datetime | None:
    """The deputy hears of a broken promise `timing.escalate_after` after it broke, once."""
    if promise["outcome"] != "broken" or promise.get("escalated_at"):
        return None
    if not promise.get("broken_at"):
        return None
    return add_duration(
        _at(promise["broken_at"]).astimezone(config.shop.tz),
        config.timing.escalate_after,
        config.shop.holiday_country,
    )


def stated(dossier: Dossier) -> str | None:
    """The answer date a progress update may restate: one the acknowledgement or a person
    made, still open. The agent's own new date is not repeated, and none is ever invented."""
    promise = _live(dossier)
    if promise is None or promise.get("origin") == "renegotiation":
        return None
    return promise["due"]


def evaluation_from(dossier: Dossier) -> str | None:
    """When the evaluation clock starts: the resolution, or the last agreement done after it.
    None while an agreement is not done: nobody is asked to rate a repair that has not happened."""
    resolution = dossier.get("resolution")
    if not resolution or pending_agreements(dossier):
        return None
    kept = [
        p["kept_at"]
        for p in records(dossier)
        if p["kind"] == AGREEMENT and p["outcome"] == "kept" and p.get("kept_at")
    ]
    return max([resolution["at"], *kept], key=_at)


def missed_dates(dossier: Dossier) -> list[str]:
    """The promised dates that came unkept: renegotiated by the agent on the day, or broken."""
    return [
        e["missed"]
        for e in dossier["events"]
        if e["type"] in ("deadline", "promise_broken") and e.get("missed")
    ]


def _reopened_at(dossier: Dossier) -> int | None:
    """Index of the last reopening among the events, while the dossier is open again.

    Not only while its status says `reopened`: `#heropen` and `#status in_progress` in one
    reply reopen it too.
    """
    if dossier["status"] not in OPEN_STATUSES:
        return None
    for index in range(len(dossier["events"]) - 1, -1, -1):
        event = dossier["events"][index]
        if event["type"] == "status" and (
            event.get("to") == Status.REOPENED.value or "→ reopened:" in event["text"]
        ):
            return index
    return None


def date_reopened(dossier: Dossier, config: Config) -> None:
    """A reopened dossier gets a fresh realistic date, counted from the reopening, as a new
    complaint would: unless an answer date was promised since (a `#deadline` with it)."""
    index = _reopened_at(dossier)
    if index is None:
        return
    at = _at(dossier["events"][index]["at"])
    if any(p["kind"] == ANSWER and _at(p["made_at"]) >= at for p in records(dossier)):
        return
    day = date_after(config, at, config.timing.answer_within)
    for promise in records(dossier):
        # A date still pending from before (a dossier closed without an answer) gives way.
        if promise["kind"] == ANSWER and promise["outcome"] in PENDING:
            _moved(promise, day, AGENT)
    make(dossier, at, AGENT, WHAT_ANSWER, day, ANSWER, "reopened")

"""What each owner command does to the dossier: one function per command, named after it; pure.

Each has the same signature (`Effect`): the dossier, the command, the reply's body, the
owner's address, the moment, and the `Effects` that tell the reply step which mail to make.
A change of status is asked of the lifecycle, which records it; every other change leaves an
event in the dossier's history.
"""

from __future__ import annotations

from datetime import datetime

from inbox_agent.commands.command import Command, Effects, NotAllowed
from inbox_agent.dossier import lifecycle, promises, registration
from inbox_agent.dossier import record as dossiers
from inbox_agent.dossier.history import add_event, iso
from inbox_agent.models import Dossier, Status


def resolve(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    dossier["resolution"] = {"type": command.arg, "at": iso(now), "text": command.text}
    lifecycle.transition(dossier, Status.RESOLVED, now, actor, f"resolved: {command.arg}")
    promises.answered(dossier, now, actor, everything=True)
    effects.resolution = dossier["resolution"]


def reject(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    text = command.text or body
    dossier["resolution"] = {"type": "rejected", "at": iso(now), "text": text}
    lifecycle.transition(dossier, Status.REJECTED, now, actor, "complaint rejected")
    promises.answered(dossier, now, actor, everything=True)
    effects.rejection = text


def cause(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    dossier["cause"] = command.arg
    add_event(dossier, now, actor, "cause", command.arg)


def language(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    """`#taal de`: the customer's language, as the owner knows it better than the detector."""
    dossier["language"] = command.arg
    add_event(dossier, now, actor, "language", command.arg)


def deadline(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    # A person's date: it moves the one the customer waits for (also a broken one).
    promises.person_date(dossier, now, actor, command.arg, "deadline")
    add_event(dossier, now, actor, "deadline", f"answer promised by {command.arg}")
    effects.new_deadline = command.arg


def agree(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    agreement = {
        "date": command.arg,
        "text": command.text,
        "at": iso(now),
        "by": actor,
        "reminded": False,
    }
    dossier.setdefault("agreements", []).append(agreement)
    promises.agree(dossier, now, actor, command.arg, command.text)
    add_event(
        dossier,
        now,
        actor,
        "agreement",
        f"{command.arg}: {command.text}",
        date=command.arg,
        agreed=command.text,
    )
    effects.agreements.append(agreement)


def done(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    kept = promises.done(dossier, now, actor)
    if kept is None:
        raise NotAllowed(
            "#done marks an agreement as kept, and this dossier has none open; record one with "
            "#agree YYYY-MM-DD text",
            nl="#klaar markeert een afspraak als nagekomen, en dit dossier heeft er geen open; "
            "leg er een vast met #afspraak JJJJ-MM-DD tekst",
            de="#erledigt markiert eine Vereinbarung als eingehalten, und dieser Vorgang hat keine "
            "offene; halten Sie eine fest mit #vereinbarung JJJJ-MM-TT Text",
            fr="#fait marque un engagement comme tenu, et ce dossier n'en a aucun en cours\u00a0; "
            "notez-en un avec #accord AAAA-MM-JJ texte",
        )
    for agreement in dossier.get("agreements", []):
        if agreement["date"] == kept["due"] and not agreement.get("done"):
            agreement["done"] = True
            break
    effects.done.append(kept)


def wait(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    promises.wait(dossier, now, actor, command.text, command.arg)
    add_event(dossier, now, actor, "waiting", f"waiting for {command.text} until {command.arg}")
    effects.waiting = dossier["waiting"]


def note(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    add_event(dossier, now, actor, "note", command.text)


def progress(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    # Customer-visible: the next progress update (or missed-date letter) tells it.
    add_event(dossier, now, actor, "progress", command.text)


def internal(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    add_event(dossier, now, actor, "note", body or "(internal reply)")


def ask(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    add_event(dossier, now, actor, "question", f"asked {command.arg}: {command.text}")
    effects.questions.append(command)


def field(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    try:
        name = registration.set_field(dossier, command.arg, command.text)
    except registration.FieldError as exc:
        raise NotAllowed.of(exc.texts) from None
    dossiers.refresh_missing(dossier)
    add_event(dossier, now, actor, "field", f"{name} = {command.text}", fields=name)


def status(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    if command.arg == Status.CLOSED.value:
        effects.closed = True
    if dossier["status"] == command.arg:
        add_event(dossier, now, actor, "status", f"already {command.arg}")
    lifecycle.transition(dossier, Status(command.arg), now, actor, "set by the owner")


def reopen(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    lifecycle.reopen(dossier, now, actor, "reopened by the owner")
    # Opening it again ends a #stop: the customer's mail is answered again.
    if dossier.pop("stopped", None) is not None:
        add_event(dossier, now, actor, "stop_ended", "the customer's mail is answered again")


def stop(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    """The correspondence ends: one polite letter, the dossier closed, later mail only filed."""
    dossier["stopped"] = {"at": iso(now), "by": actor, "later": 0}
    # The owner's words with the command are for the file, not for the customer.
    for text in (command.text, body):
        if text:
            add_event(dossier, now, actor, "note", text)
    lifecycle.transition(dossier, Status.CLOSED, now, actor, "correspondence ended by the owner")
    effects.stopped = True


def satisfied(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    _settle(dossier, command, True, actor, now, effects)


def unhappy(
    dossier: Dossier, command: Command, body: str, actor: str, now: datetime, effects: Effects
) -> None:
    _settle(dossier, command, False, actor, now, effects)


def _settle(
    dossier: Dossier, command: Command, verdict: bool, actor: str, now: datetime, effects: Effects
) -> None:
    """#satisfied and #unhappy settle an evaluation exactly as a clear answer of the customer."""
    score = int(command.arg) if command.arg else None
    effects.evaluation = verdict
    lifecycle.settle_evaluation(dossier, verdict, score, actor, now, "settled by the owner")

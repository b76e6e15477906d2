"""News for the customer: what happened since they last heard from us, and the next step; pure.

Read from the dossier's events, never from message texts. Each item names a kind of step
(and, for the owner's own `#progress` lines and agreements, the words the customer may read);
the template turns it into the customer's language. Internal notes, colleagues' answers and
cause categories have no item that could carry their text, so they cannot leak.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from inbox_agent.dossier import schedule
from inbox_agent.dossier.record import Dossier
from inbox_agent.models import MailKind

Item = dict[str, Any]

# Event types whose mere occurrence the customer may hear about (never their text): a question
# to a colleague, the colleague's answer, the cause looked into.
_STEPS = frozenset({"question", "answer", "cause"})

# When the customer last got mail from us (or, before any, when they wrote): the schedule
# counts the progress update's period from it, and the letters name it.
last_heard = schedule.last_customer_mail_at


def since_last_heard(dossier: Dossier) -> list[Item]:
    """The customer-visible steps since `last_heard`, in time order, each kind of step once."""
    from inbox_agent.dossier.registration import LABELS

    since = datetime.fromisoformat(last_heard(dossier))
    steps: list[tuple[datetime, Item]] = []
    fields: list[str] = []
    for message in dossier["messages"]:
        received = datetime.fromisoformat(message.get("received_at") or message["date"])
        if (
            message["direction"] == "in"
            and message["kind"] == MailKind.FOLLOWUP
            and message["from"] == dossier["customer"]["email"]
            and received > since
        ):
            steps.append((received, {"kind": "followup"}))
    for event in dossier["events"]:
        at, kind = datetime.fromisoformat(event["at"]), event["type"]
        # A `#progress` line sent with a relayed reply waits for the next update, as asked.
        if at < since or (at == since and kind != "progress"):
            continue
        if kind in _STEPS:
            steps.append((at, {"kind": kind}))
        elif kind == "progress":
            steps.append((at, {"kind": "progress", "text": event["text"]}))
        elif kind == "agreement" and event.get("date"):
            item = {"kind": "agreement", "text": event.get("agreed", ""), "date": event["date"]}
            steps.append((at, item))
        elif kind in ("supplied", "field") and event.get("fields"):
            # Only fields with a label the customer can read; never a raw key.
            fields += [
                f for f in event["fields"].split(",") if f in LABELS["en"] and f not in fields
            ]
        elif kind == "status" and event.get("to") == "reopened":
            steps.append((at, {"kind": "reopened"}))
    items: list[Item] = []
    for _, item in sorted(steps, key=lambda step: step[0]):
        if item not in items:
            items.append(item)
    if fields:
        items.append({"kind": "fields", "fields": fields})
    return items


def next_step(dossier: Dossier, today: date) -> Item:
    """What comes next: an agreement still ahead, a colleague's answer awaited, or our answer."""
    ahead = sorted(
        (a for a in dossier.get("agreements", []) if a["date"] >= today.isoformat()),
        key=lambda a: a["date"],
    )
    if ahead:
        return {"kind": "agreement", "text": ahead[0]["text"], "date": ahead[0]["date"]}
    asked = [i for i, e in enumerate(dossier["events"]) if e["type"] == "question"]
    answered = [i for i, e in enumerate(dossier["events"]) if e["type"] == "answer"]
    if asked and (not answered or answered[-1] < asked[-1]):
        return {"kind": "colleague"}
    return {"kind": "answer"}

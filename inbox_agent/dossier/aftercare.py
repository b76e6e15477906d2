"""A customer's mail after the resolution: what it leads to, and whether it still waits; pure.

Listen before asking (SPEC §2 step 7): a mail that says the solution failed or asks something
reopens the dossier; a short thank-you is filed; what cannot be read with confidence goes to
the owner, and nothing reopens or closes by itself. While such a mail waits for a person, no
evaluation is asked and nothing closes by silence; and no evaluation follows a customer's mail
within a day, so the question never crosses their words.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from inbox_agent.models import Dossier, MailKind, Status
from inbox_agent.reading.later import Later, LaterMail

S = Status
# The statuses in which the complaint has had its answer; a mail then is a "later" mail.
AFTER_ANSWER = frozenset({S.RESOLVED.value, S.REJECTED.value, S.EVALUATING.value, S.CLOSED.value})
# The least time between a customer's mail and our evaluation question.
QUIET = timedelta(days=1)
# A person's letter to the customer answers what they wrote before it.
_PERSON_KINDS = frozenset({MailKind.REPLY, MailKind.REJECTION, MailKind.CLOSURE})


class Action(enum.StrEnum):
    REOPEN = "reopen"  # reopened, a same-day acknowledgement, one notification
    FILE = "file"  # a thank-you: kept in the dossier, nothing sent
    ASK_OWNER = "ask_owner"  # one notification; nothing reopens or closes meanwhile


def decide(status: str, later: LaterMail) -> Action:
    """What a customer's mail after the resolution leads to.

    A mail of substance after closure that is plainly not a thank-you is a complaint after
    closure: it is acknowledged like any complaint. Before closure, an unclear mail holds the
    evaluation until the owner has read it; it never closes or reopens anything by itself.
    """
    if later.needs_person:
        return Action.REOPEN
    if later.kind is Later.THANKS:
        return Action.FILE
    if status == S.CLOSED.value and not later.thankful:
        return Action.REOPEN
    return Action.ASK_OWNER


def _later_mails(dossier: Dossier) -> list[tuple[datetime, str]]:
    """The customer's mails after the resolution: when each came, and where it is kept."""
    resolution = dossier.get("resolution")
    if not resolution:
        return []
    since = datetime.fromisoformat(resolution["at"])
    customer = (dossier.get("customer") or {}).get("email", "").lower()
    mails = []
    for message in dossier["messages"]:
        received = datetime.fromisoformat(message.get("received_at") or message["date"])
        if (
            message["direction"] == "in"
            and message["kind"] == MailKind.FOLLOWUP
            and message["from"].lower() == customer
            and received > since
        ):
            mails.append((received, message.get("archive") or ""))
    return mails


def waiting_since(dossier: Dossier) -> datetime | None:
    """The customer's latest mail after the resolution that no person has acted on yet.

    A person acted when the owner replied or gave a command afterwards, or a person's letter
    went to the customer. A thank-you filed as such waits for nobody.
    """
    filed = {e.get("archive", "") for e in dossier.get("events", []) if e["type"] == "thanks_filed"}
    waiting = [received for received, archive in _later_mails(dossier) if archive not in filed]
    if not waiting:
        return None
    latest = max(waiting)
    acted = [datetime.fromisoformat(at)] if (at := dossier.get("owner_acted_at")) else []
    acted += [
        datetime.fromisoformat(m["date"])
        for m in dossier["messages"]
        if m["direction"] == "out" and m["kind"] in _PERSON_KINDS
    ]
    return latest if not acted or max(acted) < latest else None


def quiet_until(dossier: Dossier) -> datetime | None:
    """No evaluation before this: a day after the customer's last mail since the resolution."""
    moments = [received for received, _ in _later_mails(dossier)]
    return max(moments) + QUIET if moments else None

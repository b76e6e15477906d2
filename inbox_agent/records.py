"""The records TinyDB keeps, as TypedDicts so that mypy checks every key: a dossier with
its messages, promises, resolution and evaluation, and a quarantined mail. Plain data, no
behaviour; the rules that change them live in `dossier/`."""

from __future__ import annotations

from typing import Any, TypedDict

# A message as the dossier records it: who, when and where the whole mail is kept. The text is
# read from the archive when shown (`text` is filled in only then).
Message = TypedDict(
    "Message",
    {
        "direction": str,
        "kind": str,
        "internal": bool,
        "message_id": str,
        "date": str,
        "received_at": str,
        "from": str,
        "to": list[str],
        "subject": str,
        "archive": str | None,
        "attachments": list[Any],
        "text": str,
    },
    total=False,
)


class ResolutionRecord(TypedDict):
    """How the complaint was settled (`#resolve TYPE`, or `#reject`: type "rejected")."""

    type: str
    at: str
    text: str


class Evaluation(TypedDict, total=False):
    """The evaluation mail and the customer's answer; `score` 1-5, `satisfied` None when unclear."""

    sent_at: str
    answered_at: str | None
    score: int | None
    satisfied: bool | None
    verdict: str
    reason: str  # how the answer was read (a code, never the customer's words)
    comment: str  # the customer's words; erasure removes them


class Promise(TypedDict, total=False):
    """One promise to the customer (SPEC §3 `promises`): who made it, what, by when, how it ended.

    `by` is "agent" for the acknowledgement's date (and the agent's one renegotiation) or the
    address of the person who made it. `outcome` is open, kept, renegotiated or broken (came due
    unkept and not yet acted on by a person). `kind` is "answer" (the answer date) or "agreement"
    (a dated agreement, `#agree`); `origin` says what made it (acknowledgement, renegotiation,
    deadline, agreement, resolution, wait, reopened).
    """

    id: int
    by: str
    what: str
    due: str
    outcome: str
    renegotiated_to: str | None
    renegotiated_by: str | None
    kind: str
    origin: str
    made_at: str
    kept_at: str
    broken_at: str
    reminded_at: str
    warned_at: str
    escalated_at: str
    text: str  # an agreement's own words, as the owner wrote them ("" for none)
    contact: str  # the resolution whose letter said the shop will be in touch


class Waiting(TypedDict):
    """`#wait WHAT UNTIL`: what the shop waits for, until which date, asked by whom and when."""

    what: str
    until: str
    by: str
    at: str


class Dossier(TypedDict, total=False):
    """One complaint as the store keeps it (TinyDB document); mypy checks its keys.

    Fields that stay None until a step happens (acknowledged, resolved, closed, ...) say so in
    their type: code that reads them where the lifecycle guarantees them must still check.
    """

    reference: str
    status: str
    customer: dict[str, str]
    subject: str
    channel: str
    complaint_type: str
    topic: str
    feelings: list[str]  # what the customer's first mail showed: angry, disappointed, urgent
    language: str
    received_at: str
    updated_at: str
    acknowledged_at: str | None
    first_answer_at: str | None
    owner_acted_at: str | None
    deadline: str | None  # the date promised to the customer (YYYY-MM-DD)
    fields: dict[str, str]
    missing: list[str]
    messages: list[Message]
    events: list[dict[str, str]]
    resolution: ResolutionRecord | None
    evaluation: Evaluation | None
    agreements: list[dict[str, Any]]
    promises: list[Promise]
    waiting: Waiting | None
    questions: dict[str, str]
    due: dict[str, Any]
    cause: str
    closed_at: str | None
    erased_at: str
    stopped: dict[str, Any]  # the owner's #stop: at, by, and how many later mails were filed


# A mail that belongs to no dossier (table `quarantine`), with the reason the owner reads. Here
# with the value types, not in store/rows.py, because the pipeline's Outcome carries one.
QuarantineRow = TypedDict(
    "QuarantineRow",
    {
        "message_id": str,
        "key": str,
        "from": str,
        "subject": str,
        "received_at": str,
        "kind": str,
        "reason": str,
        "reference": str | None,
        "archive": str,
    },
)

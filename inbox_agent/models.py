"""Plain value types passed between the pipeline's steps."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Status(enum.StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    EVALUATING = "evaluating"
    CLOSED = "closed"
    REOPENED = "reopened"


class Kind(enum.StrEnum):
    """What triage decided an incoming mail is."""

    COMPLAINT = "complaint"
    FOLLOWUP = "followup"
    OWNER = "owner"
    AUTOMATIC = "automatic"
    BOUNCE = "bounce"
    OWN = "own"
    SPAM = "spam"
    UNPARSEABLE = "unparseable"
    OWNER_UNVERIFIED = "owner_unverified"
    INTERNAL_ANSWER = "internal_answer"
    MISDIRECTED = "misdirected"


# Mail between the shop's people: never shown to the customer, never used to thread their mail.
INTERNAL_KINDS = frozenset(
    {
        "notification",
        "escalation",
        "warning",
        "reminder",
        "digest",
        "internal_error",
        "command_help",
        "owner_help",
        "delivery_failure",
        "question",
        "owner_reply",
        "internal",
    }
)


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    size: int
    payload: bytes = field(repr=False, default=b"")


@dataclass(frozen=True)
class Mail:
    """One incoming mail, normalised; `key` is what deduplication uses."""

    key: str
    sha256: str
    message_id: str
    from_addr: str
    from_name: str
    to: tuple[str, ...]
    subject: str
    date: datetime | None
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    text: str
    headers: dict[str, str]
    attachments: tuple[Attachment, ...] = ()
    defects: tuple[str, ...] = ()
    dsn_refs: tuple[str, ...] = ()  # Message-IDs quoted in the body (reports name our mail so)
    is_dsn: bool = False
    return_path: str | None = None
    # Machine-mail signs that `headers` (first value of each) cannot show; see machines.py.
    is_mdn: bool = False  # a read receipt (RFC 8098 disposition notification)
    is_report: bool = False  # any machine report (RFC 6522 multipart/report, RFC 5965 ...)
    auto_submitted: tuple[str, ...] = ()  # every Auto-Submitted value, top first
    x_loop: tuple[str, ...] = ()  # every X-Loop value
    delivered_to: tuple[str, ...] = ()  # every Delivered-To value
    hops: int = 0  # Received headers: one per mail server passed

    @property
    def thread_ids(self) -> tuple[str, ...]:
        """Message-IDs this mail answers, nearest first (In-Reply-To, then References backwards)."""
        seen: list[str] = []
        for mid in (*self.in_reply_to, *reversed(self.references)):
            if mid and mid not in seen:
                seen.append(mid)
        return tuple(seen)


@dataclass(frozen=True)
class Verdict:
    """Triage's decision: what the mail is and, in words the owner can read, why."""

    kind: Kind
    reason: str
    reference: str | None = None


@dataclass(frozen=True)
class OutgoingMail:
    """A mail the agent wants to send; rendered to bytes once and kept in the outbox."""

    kind: str
    reference: str | None
    to: tuple[str, ...]
    subject: str
    text: str
    message_id: str
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    auto_submitted: str = "auto-generated"
    reply_to: str | None = None
    attachments: tuple[Attachment, ...] = ()
    language: str = ""

    @property
    def internal(self) -> bool:
        return self.kind in INTERNAL_KINDS

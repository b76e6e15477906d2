"""Plain value types passed between the pipeline's steps."""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from inbox_agent.records import (
    Dossier as Dossier,
)
from inbox_agent.records import (
    Evaluation as Evaluation,
)
from inbox_agent.records import (
    Message as Message,
)
from inbox_agent.records import (
    Promise as Promise,
)
from inbox_agent.records import (
    QuarantineRow as QuarantineRow,
)
from inbox_agent.records import (
    ResolutionRecord as ResolutionRecord,
)
from inbox_agent.records import (
    Waiting as Waiting,
)


class TemplateError(Exception):
    """A shop's own template is broken; the message names the file.

    Raised by `compose`; here so that the command line can catch it without loading templates.
    """


class BackupError(Exception):
    """The copy could not be made; the message says why. Raised by `backup`."""


class OAuth2Error(Exception):
    """No access token. `refused` means a person must act (run `inbox-agent login` again, fix
    the client id or the command); otherwise it is a passing fault (the provider unreachable).

    Raised by `oauth2`; here so that the command line and the IMAP login can catch it cheaply.
    """

    def __init__(self, message: str, refused: bool = False) -> None:
        super().__init__(message)
        self.refused = refused


class OutputExists(Exception):
    """The destination holds something already; nothing was written or removed."""


# Postfix's hopcount_limit: a mail that passed more mail servers than this is going in circles.
HOP_LIMIT = 50


@dataclass(frozen=True)
class TriageContext:
    """What triage needs to know about the shop and the store; built once per cycle.

    Here, not in `triage`, so that a cycle with no mail need not load triage to build it.
    """

    shop_email: str
    owner_addresses: frozenset[str]
    reference_prefix: str
    thread_index: Mapping[str, str]
    customers: Mapping[str, str]
    sent_ids: Collection[str]
    key: bytes = b""
    questions: Mapping[str, str] = field(default_factory=dict)
    authserv_id: str = ""
    hop_limit: int = HOP_LIMIT
    # Customers whose correspondence the owner ended (#stop): address → their dossier.
    stopped: Mapping[str, str] = field(default_factory=dict)


class Status(enum.StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    EVALUATING = "evaluating"
    CLOSED = "closed"
    REOPENED = "reopened"


# The statuses in which the shop still owes the customer an answer.
OPEN_STATUSES = frozenset({Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.REOPENED})


class Resolution(enum.StrEnum):
    """How a complaint was settled (`resolution.type`): `#resolve TYPE`, or `#reject`."""

    REPAIR = "repair"
    REPLACE = "replace"
    ASSIST = "assist"
    INFORM = "inform"
    COMPENSATE = "compensate"
    GOODWILL = "goodwill"
    REFUND = "refund"
    CHANGE = "change"
    REJECTED = "rejected"


class Cause(enum.StrEnum):
    """What the complaint came from (`cause`), as `#cause` records it."""

    QUALITY = "quality"
    MISUSE = "misuse"
    INFORMATION = "information"
    OTHER = "other"


class Channel(enum.StrEnum):
    """How the complaint reached the shop (`channel`)."""

    MAIL = "mail"
    PHONE = "phone"
    COUNTER = "counter"
    LETTER = "letter"
    WEB_FORM = "web_form"
    # What dossiers opened with `#new` before the owner could name the channel say.
    FORWARDED = "forwarded by the owner"


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


class MailKind(enum.StrEnum):
    """What a message in a dossier is (`kind`): a mail that came in, or one the agent wrote.

    The values are stored (TinyDB, JSON, the purpose in our Message-IDs); a StrEnum compares
    and serialises as its value, so stored strings and these members are interchangeable.
    """

    # From the customer.
    COMPLAINT = "complaint"
    FOLLOWUP = "followup"
    EVALUATION_ANSWER = "evaluation_answer"
    # From the shop's people.
    OWNER_REPLY = "owner_reply"
    INTERNAL = "internal"
    # To the customer.
    ACKNOWLEDGEMENT = "acknowledgement"
    REOPENING = "reopening"  # the acknowledgement of a mail that reopened an answered dossier
    REPLY = "reply"
    REJECTION = "rejection"
    CLOSURE = "closure"
    PROGRESS = "progress"
    MISSED_DATE = "missed_date"
    EVALUATION = "evaluation"
    DISPUTES = "disputes"
    STOP = "stop"  # the owner's #stop: the correspondence ends, politely
    # To the shop's people.
    NOTIFICATION = "notification"
    ESCALATION = "escalation"
    WARNING = "warning"
    DATE_MOVED = "date_moved"
    REMINDER = "reminder"
    QUESTION = "question"
    COMMAND_HELP = "command_help"
    OWNER_HELP = "owner_help"
    DELIVERY_FAILURE = "delivery_failure"
    DIGEST = "digest"
    INTERNAL_ERROR = "internal_error"
    LOGIN_FAILURE = "login_failure"


# Mail between the shop's people: never shown to the customer, never used to thread their mail.
# LOGIN_FAILURE is not among them, as before the kinds were an enum (a follow-up of issue 19).
INTERNAL_KINDS = frozenset(
    {
        MailKind.NOTIFICATION,
        MailKind.ESCALATION,
        MailKind.WARNING,
        MailKind.DATE_MOVED,
        MailKind.REMINDER,
        MailKind.DIGEST,
        MailKind.INTERNAL_ERROR,
        MailKind.COMMAND_HELP,
        MailKind.OWNER_HELP,
        MailKind.DELIVERY_FAILURE,
        MailKind.QUESTION,
        MailKind.OWNER_REPLY,
        MailKind.INTERNAL,
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
    # An HTML alternative to `text` (rendered with autoescaping); "" for a text-only mail.
    html: str = ""

    @property
    def internal(self) -> bool:
        return self.kind in INTERNAL_KINDS


@dataclass
class Outcome:
    """The changes one mail causes; the app applies them to the store in one commit."""

    where: str
    dossier: Dossier | None = None
    outgoing: list[OutgoingMail] = field(default_factory=list)
    quarantine: QuarantineRow | None = None
    opened: bool = False


@dataclass(frozen=True)
class Facts:
    """What the pipeline may ask of the world, injected so the core stays pure."""

    now: datetime
    new_reference: Callable[[], str]
    auto_mail_count: Callable[[str], int]
    # Whether the owner was told already that this sender is over the automatic-mail brake
    # (their flood): later mails of the flood wait in the agenda instead of a mail each.
    flood_told: Callable[[str], bool] = lambda address: False
    # The bytes of a mail the archive keeps (a path the dossier records): the texts of our own
    # mails a reply quotes are read with it (run/our_texts.py). None: quotes are cut by shape.
    read_archive: Callable[[str], bytes] | None = None


# Our Message-IDs: <PURPOSE.TOKEN@DOMAIN>, the purpose starting with the dossier's reference.
OUR_MESSAGE_ID = re.compile(
    r"^<(?P<purpose>[A-Za-z0-9._\-]+)\.(?P<token>[0-9a-f]{20})@(?P<domain>[^>]+)>$"
)


def named_reference(message_id: str) -> str:
    """The dossier reference one of our Message-IDs names, unverified ("" when none).

    Only a pointer: whoever follows it must find the Message-ID in that dossier.
    """
    match = OUR_MESSAGE_ID.match(message_id.strip())
    parts = match.group("purpose").split(".") if match else []
    return parts[0] if len(parts) >= 3 else ""


def outgoing_path(message_id: str, when: datetime) -> str:
    """Where a sent mail is kept in the data folder: derived from its Message-ID and date alone.

    Here, not in the store, so that the dossier can record where its mail is kept (the store
    writes it there) without either knowing the other.
    """
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", message_id.strip("<>"))[:150]
    return os.path.join("archive", "out", when.strftime("%Y-%m"), f"{name}.eml")  # as Path has it

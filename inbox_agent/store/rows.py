"""The rows of the store file's other tables (outbox, seen, meta), as TinyDB keeps them.

The store writes them and the run layer builds and reads them; the JSON keys and their order
are what the store file has always held. A quarantine row (`QuarantineRow`) is in models,
since the pipeline's Outcome carries one; the dossier is there too.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict


class OutboxRow(TypedDict):
    """A mail in the outbox (table `outbox`): queued, then sent or failed for good."""

    message_id: str
    reference: str | None
    kind: str
    to: list[str]
    subject: str
    auto: bool  # counts toward the per-recipient limit on automatic mail
    internal: bool
    archive: str  # where the rendered mail is kept: the sender reads it from there
    status: str  # "pending", "sent" or "failed"
    attempts: int
    created_at: str
    next_attempt_at: str
    sent_at: str | None
    last_error: str | None
    failed_at: NotRequired[str]


class OutboxChanges(TypedDict, total=False):
    """What an attempt to send (or an erasure) changes in an outbox row."""

    status: str
    attempts: int
    next_attempt_at: str
    sent_at: str | None
    failed_at: str
    last_error: str | None
    to: list[str]
    subject: str


class SeenRow(TypedDict):
    """A mail read before (table `seen`), by its deduplication key: `where` it went."""

    key: str
    where: str  # a dossier's reference, or "quarantine"
    sha256: str
    at: str


class MailboxState(TypedDict):
    """Where reading one IMAP folder stands (meta `mailboxes`, by folder name)."""

    uidvalidity: int | None
    last_uid: int
    pending_marks: list[int]  # committed, not yet marked processed on the server
    retry: NotRequired[list[int]]  # left unprocessed by an internal error: read again first
    processed_at: NotRequired[list[int] | None]  # the processed folder's [UIDVALIDITY, UIDNEXT]
    # Reading the whole folder again after a UIDVALIDITY change, not finished yet: every mail up
    # to this UID is either unprocessed (still to read) or processed before the change.
    resync_until: NotRequired[int]


class ErasureRecord(TypedDict):
    """One `forget`, without whom it was for (meta `erasures`)."""

    at: str
    dossiers: int
    quarantined: int


class Meta(TypedDict, total=False):
    """The store's own row (table `meta`, doc id 1): counters and bookkeeping of the cycle."""

    schema: int
    counters: dict[str, int]  # the last reference number handed out, by year
    mailboxes: dict[str, MailboxState]
    obsolete: list[str]  # closed dossiers' files to delete once this commit is on disk
    pending: list[int]  # the outbox's pending doc ids (derived)
    next_due: str | None  # the open dossiers' earliest due time (derived)
    last_digest: str
    last_monthly_report: str
    pruned_at: str
    retention_done: str
    erasures: list[ErasureRecord]
    # Senders whose correspondence the owner ended (#stop): address → dossier; their later mail
    # is filed there. Kept here because a stopped dossier is closed, in its own file.
    stopped: dict[str, str]


MetaKey = Literal[
    "schema",
    "counters",
    "mailboxes",
    "obsolete",
    "pending",
    "next_due",
    "last_digest",
    "last_monthly_report",
    "pruned_at",
    "retention_done",
    "erasures",
    "stopped",
]

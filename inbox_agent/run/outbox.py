"""Outbox entries and the retry policy; pure. Only mailer.py talks SMTP."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from inbox_agent.dossier.record import iso
from inbox_agent.models import OutgoingMail
from inbox_agent.store.rows import OutboxChanges, OutboxRow

# Retry delays after temporary failures: 1, 2, 4 ... minutes, capped at one hour.
_FIRST_DELAY = 60
_MAX_DELAY = 3600


def new_entry(mail: OutgoingMail, archive: str, now: datetime) -> OutboxRow:
    created = iso(now)
    return {
        "message_id": mail.message_id,
        "reference": mail.reference,
        "kind": mail.kind,
        "to": list(mail.to),
        "subject": mail.subject,
        "auto": mail.auto_submitted != "no",
        "internal": mail.internal,
        "archive": archive,
        "status": "pending",
        "attempts": 0,
        "created_at": created,
        "next_attempt_at": created,
        "sent_at": None,
        "last_error": None,
    }


def is_due(entry: Mapping[str, Any], now: datetime) -> bool:
    return entry["status"] == "pending" and datetime.fromisoformat(entry["next_attempt_at"]) <= now


def after_temporary_failure(entry: Mapping[str, Any], error: str, now: datetime) -> OutboxChanges:
    attempts = entry["attempts"] + 1
    delay = min(_FIRST_DELAY * 2 ** (attempts - 1), _MAX_DELAY)
    return {
        "attempts": attempts,
        "last_error": error,
        "next_attempt_at": iso(now + timedelta(seconds=delay)),
    }


def after_permanent_failure(entry: Mapping[str, Any], error: str, now: datetime) -> OutboxChanges:
    return {
        "attempts": entry["attempts"] + 1,
        "last_error": error,
        "status": "failed",
        "failed_at": iso(now),
    }


def after_success(entry: Mapping[str, Any], now: datetime) -> OutboxChanges:
    return {
        "attempts": entry["attempts"] + 1,
        "status": "sent",
        "sent_at": iso(now),
        "last_error": None,
    }


def auto_mail_counts(entries: Iterable[Mapping[str, Any]], since: datetime) -> Counter[str]:
    """Automatic mails per recipient created since `since` (the per-sender loop brake)."""
    counts: Counter[str] = Counter()
    for entry in entries:
        if entry["auto"] and datetime.fromisoformat(entry["created_at"]) >= since:
            counts.update(address.lower() for address in entry["to"])
    return counts

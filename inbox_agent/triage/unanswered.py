"""Quarantined mail that looks like a person writing: nobody answered it, so the owner must see
it (the agenda lists it). Pure: the quarantine rows and the time are handed in."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from inbox_agent.models import Kind, QuarantineRow

# Kinds of quarantined mail a person may have written: a mail that reused an earlier mail's
# Message-ID (same sender, other text: a resubmitted form, a broken client) and someone's
# answer to internal mail that was not meant for them. Machines' mail, spam, our own copies
# and mail without a sender address are not for the owner's attention.
_PERSON_KINDS = frozenset({Kind.UNPARSEABLE.value, Kind.MISDIRECTED.value})


def looks_like_a_person(row: QuarantineRow) -> bool:
    return row["kind"] in _PERSON_KINDS and "@" in (row.get("from") or "")


def people_in_quarantine(rows: Iterable[QuarantineRow], since: datetime) -> list[QuarantineRow]:
    """The quarantined mails since `since` that look like a person writing, oldest first."""
    found = [
        row
        for row in rows
        if looks_like_a_person(row) and datetime.fromisoformat(row["received_at"]) >= since
    ]
    return sorted(found, key=lambda row: row["received_at"])

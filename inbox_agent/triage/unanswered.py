"""Mail nobody answered that the owner must see in the agenda: quarantined mail that looks like
a person writing, and one sender's flood (their acknowledgements withheld by the automatic-mail
brake, the owner told once). Pure: the rows, the dossiers and the time are handed in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from inbox_agent.models import Dossier, Kind, QuarantineRow

# The dossier events of a flood: the acknowledgement held back by the automatic-mail brake, and
# (after the owner's one mail about it) the owner's notification held back too.
ACKNOWLEDGEMENT_WITHHELD = "acknowledgement_withheld"
NOTIFICATION_WITHHELD = "notification_withheld"

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


@dataclass(frozen=True)
class Flood:
    """One sender's mails beyond the automatic-mail brake since a moment: an agenda line."""

    sender: str
    references: tuple[str, ...]  # the dossiers opened without an acknowledgement, oldest first
    first: datetime
    last: datetime
    told: int  # how many of them the owner had a notification of (the first one, normally)


def _withheld_at(dossier: Dossier, kind: str, since: datetime) -> datetime | None:
    for event in dossier["events"]:
        if event["type"] == kind and (at := datetime.fromisoformat(event["at"])) >= since:
            return at
    return None


def acknowledgement_withheld(dossier: Dossier) -> bool:
    """Whether the brake held back this dossier's acknowledgement (its sender floods)."""
    return any(event["type"] == ACKNOWLEDGEMENT_WITHHELD for event in dossier["events"])


def flood_senders(dossiers: Iterable[Dossier], since: datetime) -> set[str]:
    """Senders whose acknowledgement was withheld since `since`: the owner has been told of
    their flood with that dossier's notification, so their next mails need no mail each."""
    return {
        d["customer"]["email"].lower()
        for d in dossiers
        if _withheld_at(d, ACKNOWLEDGEMENT_WITHHELD, since) is not None
    }


def floods(dossiers: Iterable[Dossier], since: datetime) -> list[Flood]:
    """Per sender, the dossiers opened since `since` without an acknowledgement (the brake held
    it back), for the agenda; senders with the most first."""
    by_sender: dict[str, list[tuple[datetime, str, bool]]] = {}
    for d in dossiers:
        at = _withheld_at(d, ACKNOWLEDGEMENT_WITHHELD, since)
        if at is not None:
            told = _withheld_at(d, NOTIFICATION_WITHHELD, since) is None
            by_sender.setdefault(d["customer"]["email"].lower(), []).append(
                (at, d["reference"], told)
            )
    found = [
        Flood(
            sender=sender,
            references=tuple(reference for _, reference, _ in sorted(rows)),
            first=min(at for at, _, _ in rows),
            last=max(at for at, _, _ in rows),
            told=sum(told for _, _, told in rows),
        )
        for sender, rows in by_sender.items()
    ]
    return sorted(found, key=lambda f: (-len(f.references), f.sender))

"""The dossier's history: every change is an event with its time and actor; pure.

The record and the lifecycle both write events, so the event lives below both of them.
"""

from __future__ import annotations

from datetime import datetime

from inbox_agent.models import Dossier


def iso(moment: datetime) -> str:
    """A moment as the store keeps it: ISO 8601 to the second, with its offset."""
    return moment.isoformat(timespec="seconds")


def add_event(
    dossier: Dossier, now: datetime, actor: str, kind: str, text: str, **data: str
) -> None:
    """Append to the dossier's history; `data` holds what later steps read back (never parsed text)."""
    dossier["events"].append({"at": iso(now), "actor": actor, "type": kind, "text": text, **data})
    dossier["updated_at"] = iso(now)

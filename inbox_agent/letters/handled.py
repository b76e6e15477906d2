"""What was done about a complaint and what the customer said of it, for the closing letter; pure.

The closing letter restates both (SPEC §2 step 7): the solution in the owner's own words, the
agreements kept, and the customer's answer to the evaluation, or that we heard nothing. Read
from the dossier's records, never from internal notes, so nothing internal can reach it.
"""

from __future__ import annotations

from typing import Any

from inbox_agent.models import Dossier
from inbox_agent.reading.freetext import shorten

# The owner's words and the customer's answer are restated, not resent whole.
_OWNER_WORDS = 300
_CUSTOMER_WORDS = 200


def handled(dossier: Dossier) -> dict[str, Any]:
    """The solution (type and the owner's words), the date we first answered, what was kept."""
    resolution = dossier.get("resolution")
    solution = None
    if resolution:
        solution = {
            "type": resolution["type"],
            "text": shorten(resolution.get("text") or "", _OWNER_WORDS),
            "at": resolution.get("at") or "",
        }
    kept = [
        {"text": (a.get("text") or "").rstrip("."), "date": a["date"]}
        for a in dossier.get("agreements", [])
        if a.get("done")
    ]
    return {
        "resolution": solution,
        "answered_on": dossier.get("first_answer_at") or "",
        "kept": kept,
    }


def verdict(dossier: Dossier) -> dict[str, Any]:
    """What the customer answered when asked how it went: their words and score, or nothing.

    `asked` says the evaluation went out; `heard` that an answer came (or the owner settled it).
    """
    evaluation = dossier.get("evaluation") or {}
    heard = bool(evaluation.get("answered_at"))
    return {
        "asked": bool(evaluation.get("sent_at")),
        "heard": heard,
        "score": evaluation.get("score") if heard else None,
        "satisfied": evaluation.get("satisfied") if heard else None,
        "words": shorten(evaluation.get("comment") or "", _CUSTOMER_WORDS) if heard else "",
    }

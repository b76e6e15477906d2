"""Closed dossiers, each in a TinyDB file of its own, so the file every commit writes stays small.

`closed/<YYYY-MM>/<reference>.json` (the month it closed, in UTC) holds one dossier in table
`dossiers`, doc id 1. It is written when the dossier closes and rarely after (erasure rewrites
it; reopening moves it back into the open store). Nothing is loaded at start-up: a reference
finds its file by looking in each month's folder (a few dozen at most).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import cast

from tinydb.table import Document

from inbox_agent.models import Dossier
from inbox_agent.store.storage import Database
from inbox_agent.tokens import named_reference

FOLDER = "closed"


class ClosedFiles:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / FOLDER
        self.pending: dict[str, tuple[Path, Dossier]] = {}  # written at the next commit
        self._months: list[str] | None = None

    def months(self) -> list[str]:
        """Month folders, newest first."""
        if self._months is None:
            found = [p.name for p in self.folder.iterdir()] if self.folder.is_dir() else []
            self._months = sorted(found, reverse=True)
        return self._months

    def find(self, reference: str) -> Path | None:
        if reference in self.pending:
            return self.pending[reference][0]
        for month in self.months():
            path = self.folder / month / f"{reference}.json"
            if path.exists():
                return path
        return None

    def get(self, reference: str) -> Dossier | None:
        if not reference:
            return None
        if reference in self.pending:
            return copy.deepcopy(self.pending[reference][1])
        path = self.find(reference)
        return read(path) if path else None

    def thread_of(self, message_id: str) -> str | None:
        """A closed dossier is found by our own Message-IDs, which name its reference."""
        doc = self.get(named_reference(message_id))
        ours = doc and any(
            m.get("message_id") == message_id and not m.get("internal") for m in doc["messages"]
        )
        return doc["reference"] if doc and ours else None

    def customer_of(self, reference: str) -> str | None:
        return doc["customer"]["email"] if (doc := self.get(reference)) else None

    def addressee_of(self, message_id: str) -> str | None:
        doc = self.get(named_reference(message_id))
        return doc.get("questions", {}).get(message_id) if doc else None

    def path_for(self, doc: Dossier) -> Path:
        closed_at = datetime.fromisoformat(doc.get("closed_at") or doc["updated_at"])
        return self.folder / closed_at.strftime("%Y-%m") / f"{doc['reference']}.json"

    def put(self, doc: Dossier) -> Path | None:
        """Stage the dossier's file; returns an older file of it elsewhere, now obsolete."""
        path = self.path_for(doc)
        old = self.find(doc["reference"])
        self.pending[doc["reference"]] = (path, copy.deepcopy(doc))
        return old if old is not None and old != path else None

    def drop(self, reference: str) -> None:
        self.pending.pop(reference, None)

    def flush(self) -> None:
        """Write every staged dossier file; before the open store's commit, which lets go of them."""
        for path, doc in self.pending.values():
            write(path, doc)
        if self.pending:
            self._months = None
        self.pending.clear()

    def all(self, months: list[str] | None = None) -> Iterator[Dossier]:
        """Every closed dossier (of `months`), staged changes included."""
        staged = {path: doc for path, doc in self.pending.values()}
        every = sorted({*self.months(), *(p.parent.name for p in staged)}, reverse=True)
        for month in every if months is None else months:
            paths = {
                *(self.folder / month).glob("*.json"),
                *(p for p in staged if p.parent.name == month),
            }
            for path in sorted(paths):
                doc = copy.deepcopy(staged[path]) if path in staged else read(path)
                if doc is not None:
                    yield doc


def read(path: Path) -> Dossier | None:
    try:
        doc = Database(path).table("dossiers").get(doc_id=1)
    except FileNotFoundError:  # moved back into the open store while a snapshot looked
        return None
    return cast(Dossier, dict(doc)) if isinstance(doc, Document) else None


def write(path: Path, doc: Dossier) -> None:
    db = Database(path, fresh=True)
    db.table("dossiers").insert(Document(doc, doc_id=1))
    db.flush()

"""Closed dossiers, each in a TinyDB file `closed/<YYYY-MM>/<reference>.json` (table `dossiers`,
doc id 1; the month it closed), so the file every commit writes stays small. Nothing is loaded at
start-up: a reference is looked for in each month's folder (a few dozen at most)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import cast

from inbox_agent.files import fsync_write
from inbox_agent.models import Dossier, named_reference
from inbox_agent.store.storage import _dumps, read_json


class ClosedFiles:
    def __init__(self, root: Path) -> None:
        self.root, self.folder = root, root / "closed"
        self.pending: dict[str, tuple[Path, Dossier]] = {}  # written at the next commit
        self.obsolete: set[str] = set()  # deleted once the store's commit no longer needs them
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
        paths = (self.folder / month / f"{reference}.json" for month in self.months())
        return next((path for path in paths if path.exists()), None)

    def get(self, reference: str) -> Dossier | None:
        if reference in self.pending:
            return copy.deepcopy(self.pending[reference][1])
        return read(path) if reference and (path := self.find(reference)) else None

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

    def put(self, doc: Dossier) -> None:
        """Stage the dossier's file; an older file of it in another month becomes obsolete."""
        closed_at = datetime.fromisoformat(doc.get("closed_at") or doc["updated_at"])
        path = self.folder / closed_at.strftime("%Y-%m") / f"{doc['reference']}.json"
        if (old := self.find(doc["reference"])) is not None and old != path:
            self.obsolete.add(str(old.relative_to(self.root)))
        self.obsolete.discard(str(path.relative_to(self.root)))
        self.pending[doc["reference"]] = (path, copy.deepcopy(doc))

    def reopen(self, reference: str) -> None:
        """The dossier moves back into the open store: its file becomes obsolete."""
        if (path := self.find(reference)) is not None:
            self.obsolete.add(str(path.relative_to(self.root)))
        self.pending.pop(reference, None)

    def flush(self) -> None:
        """Write the staged files: before the store's commit, which lets go of their dossiers."""
        for path, doc in self.pending.values():
            fsync_write(path, _dumps({"dossiers": {"1": doc}}))  # as TinyDB has it
            self._months = None
        self.pending.clear()

    def delete_obsolete(self) -> None:
        """After the store's commit, which names them in `meta` lest a crash come first."""
        for relative in self.obsolete:
            with suppress(FileNotFoundError):
                (self.root / relative).unlink()
        self.obsolete.clear()

    def all(self, months: list[str] | None = None) -> Iterator[Dossier]:
        """Every closed dossier (of `months`), staged changes included."""
        staged = dict(self.pending.values())
        every = sorted({*self.months(), *(p.parent.name for p in staged)}, reverse=True)
        for month in every if months is None else months:
            here = {
                *(self.folder / month).glob("*.json"),
                *(p for p in staged if p.parent.name == month),
            }
            for path in sorted(here):
                doc = copy.deepcopy(staged[path]) if path in staged else read(path)
                if doc is not None:
                    yield doc


def read(path: Path) -> Dossier | None:
    try:
        doc = read_json(path).get("dossiers", {}).get("1")
    except FileNotFoundError:  # moved back into the open store while a snapshot looked
        return None
    return cast(Dossier, doc) if isinstance(doc, dict) else None

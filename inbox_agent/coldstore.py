"""Closed dossiers, kept apart so the store that every cycle rewrites stays small.

Each closed dossier is one JSON file under `closed/`; `closed-index.json` keeps only what
threading and deduplication need (Message-IDs, customer addresses, seen-mail keys), so a
customer who writes again after closure still lands in their dossier, which then reopens.
Both are written with fsync and rename, and the hot store wins when a dossier is in both (a
crash between the two writes), so no order of crashes loses or duplicates a dossier.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

INDEX_FILE = "closed-index.json"


class ColdStore:
    def __init__(self, root: Path, fsync_write: Any) -> None:
        self.root = root
        self.folder = root / "closed"
        self._write = fsync_write
        self.index: dict[str, Any] = {"dossiers": {}, "thread": {}, "seen": [], "questions": {}}
        path = root / INDEX_FILE
        if path.exists():
            try:
                self.index = json.loads(path.read_bytes())
            except ValueError:
                from inbox_agent.store import StoreError

                raise StoreError(f"{path} is damaged; restore it from a backup") from None
        self._dirty = False
        self._delete_after_commit: list[Path] = []

    def path(self, reference: str) -> Path:
        year = reference.split("-")[1] if reference.count("-") >= 2 else "other"
        return self.folder / year / f"{reference}.json"

    def __contains__(self, reference: str) -> bool:
        return reference in self.index["dossiers"]

    def put(self, doc: dict[str, Any], seen_keys: list[str]) -> None:
        reference = doc["reference"]
        self._write(self.path(reference), json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        self.index["dossiers"][reference] = {
            "email": doc["customer"]["email"],
            "closed_at": doc.get("closed_at"),
            "erased": bool(doc.get("erased_at")),
        }
        # Only what others wrote: replies to our own mail are recognised by its signed ID.
        for message in doc["messages"]:
            if (
                message.get("message_id")
                and message["direction"] == "in"
                and not message.get("internal")
            ):
                self.index["thread"][message["message_id"]] = reference
        self.index["questions"].update(doc.get("questions", {}))
        self.index["seen"].extend(seen_keys)
        self._dirty = True

    def get(self, reference: str) -> dict[str, Any] | None:
        if reference not in self.index["dossiers"]:
            return None
        try:
            return dict(json.loads(self.path(reference).read_bytes()))
        except FileNotFoundError:
            return None

    def remove(self, reference: str) -> None:
        """The dossier is open again; it lives in the hot store from the next commit on."""
        if self.index["dossiers"].pop(reference, None) is not None:
            self.index["thread"] = {m: r for m, r in self.index["thread"].items() if r != reference}
            self._delete_after_commit.append(self.path(reference))
            self._dirty = True

    def references(self) -> list[str]:
        return list(self.index["dossiers"])

    def all(self) -> Iterator[dict[str, Any]]:
        for reference in self.references():
            doc = self.get(reference)
            if doc is not None:
                yield doc

    def commit(self) -> None:
        """Before the hot store's commit: then a crash leaves a dossier in both, never in none."""
        if not self._dirty:
            return
        self._write(
            self.root / INDEX_FILE,
            json.dumps(self.index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        )
        self._dirty = False

    def after_hot_commit(self) -> None:
        for path in self._delete_after_commit:
            with suppress(OSError):
                path.unlink()
        self._delete_after_commit.clear()

"""`inbox-agent backup DEST`: a consistent copy of the data folder, also while `run` runs.

When no agent is working (between two cron runs) the copy is made under the store's lock, so
nothing changes while it is made. `inbox-agent run` holds that lock for as long as it runs;
then the copy is a snapshot: the store file first, then the folders (closed dossiers, and the
raw-mail archive, which only ever gains files). Every commit replaces the store file, so when
it is the same file after the copy as before, no commit ran meanwhile and the copy is what
that commit left: the store's own crash rules (a dossier in both places is the open one) hold
for it. Otherwise the copy is made again. Finally the copy is opened with the store's own
reader and every archived mail it names is looked for.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from inbox_agent.models import BackupError as BackupError
from inbox_agent.store import STORE_FILE, Store, StoreError, StoreLocked

_ATTEMPTS = 5


def backup(root: Path, dest: Path, say: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """Copy `root` to the new folder `dest`; returns what was copied and how."""
    if not root.is_dir():
        raise BackupError(f"the data folder {root} does not exist (nothing to back up)")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BackupError(f"{dest} already exists and is not an empty folder; choose a new one")
    if dest.resolve().is_relative_to(root.resolve()):
        raise BackupError(f"{dest} lies inside the data folder {root}; choose a place outside it")
    with ExitStack() as held:
        try:
            held.enter_context(Store.lock(root))
            locked = True
        except StoreLocked:
            locked = False
            say("the agent is running: taking a snapshot and checking it")
        for attempt in range(1, _ATTEMPTS + 1):
            before = _identity(root / STORE_FILE)
            files = _copy(root, dest)
            moved = before != _identity(root / STORE_FILE)
            problem = "a commit ran while it was copied" if moved else _check(dest)
            if problem is None:
                return {"dest": str(dest), "files": files, "locked": locked, "attempts": attempt}
            if locked:
                break  # nothing moved under the lock: the folder itself is damaged
            shutil.rmtree(dest)
        raise BackupError(f"the copy in {dest} is not consistent: {problem}")


def _identity(path: Path) -> tuple[int, int, int] | None:
    """Which version of a file this is: a commit writes a new file and renames it into place."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_size


def _copy(root: Path, dest: Path) -> int:
    dest.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(dest, 0o700)
    # The store file first, then the other files, then the folders.
    entries = sorted(root.iterdir(), key=lambda p: (p.name != STORE_FILE, p.is_dir(), p.name))
    count = 0
    for entry in entries:
        if entry.name.endswith((".lock", ".tmp")):
            continue
        if entry.is_dir():
            count += sum(1 for p in entry.rglob("*") if p.is_file())
            shutil.copytree(
                entry, dest / entry.name, ignore=shutil.ignore_patterns("*.tmp", "*.lock")
            )
        elif entry.is_file():
            shutil.copy2(entry, dest / entry.name)
            count += 1
    return count


def _check(dest: Path) -> str | None:
    """None when the copied store opens and every archived mail it names is in the copy."""
    try:
        store = Store.read(dest)
        dossiers = store.all_dossiers()
        quarantined = store.quarantined()
    except StoreError as exc:
        return str(exc)
    for dossier in dossiers:
        for message in dossier.get("messages", []):
            archive = message.get("archive")
            if archive and not (dest / archive).exists():
                return f"{dossier['reference']} names {archive}, which is missing"
    for entry in quarantined:
        archive = entry.get("archive")
        if archive and not (dest / archive).exists():
            return f"the quarantine names {archive}, which is missing"
    return None

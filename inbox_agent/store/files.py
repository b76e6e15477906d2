"""Durable files: atomic writes, batched syncs and safe names; the store and archive use these."""

from __future__ import annotations

import ctypes
import os
import re
from contextlib import suppress
from pathlib import Path


def fsync_write(path: Path, content: bytes) -> None:
    """Write `content` to `path` atomically and durably (temp file, fsync, rename, fsync dir)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError:
        # A full disk must not also be left fuller by a half-written temp file.
        with suppress(OSError):
            temp.unlink()
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class Batch:
    """Archive files written now and made durable together, just before the store commit.

    One syncfs(2) for the whole batch instead of two fsyncs per file; where syncfs is not
    available every file and folder is fsynced one by one. Until the store commit nothing
    refers to these files, so they are written in place, without a temp file and a rename:
    whatever a crash leaves (short, or the right size but unwritten) differs from the mail,
    and `holds` makes the next run write it again.
    """

    def __init__(self) -> None:
        self.files: list[Path] = []
        self._folders: set[Path] = set()

    def write(self, path: Path, content: bytes) -> None:
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        try:
            with open(path, "wb") as handle:
                handle.write(content)
        except OSError:
            # A full disk must not keep a short file: it would pass for an archived mail.
            with suppress(OSError):
                path.unlink()
            raise
        self.files.append(path)

    def flush(self, root: Path) -> None:
        if not self.files:
            return
        if not _syncfs(root):
            for path in self.files:
                fd = os.open(path, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
            for folder in {p.parent for p in self.files}:
                fsync_dir(folder)
        self.files.clear()


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _syncfs(root: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return False
    fd = os.open(root, os.O_RDONLY)
    try:
        return bool(syncfs(fd) == 0)
    finally:
        os.close(fd)


def holds(path: Path, content: bytes) -> bool:
    """Whether `path` is already exactly `content` (an earlier run archived this mail)."""
    try:
        if path.stat().st_size != len(content):
            return False
        return path.read_bytes() == content
    except OSError:
        return False


def safe_name(name: str, index: int) -> str:
    """A file name that cannot leave its folder or hit a reserved name (CON, ../..)."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", name.replace("\\", "/").rsplit("/", 1)[-1]).lstrip("._")
    return f"{index:02d}-{base[:80] or 'attachment'}"

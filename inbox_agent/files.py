"""Durable files: the folder lock, fsync, atomic writes; the errors that stop the agent."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

RESTORE = "restore it from a backup; inbox-agent has stopped and sent nothing"


class StoreError(Exception):
    """The data folder cannot be used as it is; the message says what to do."""


class StoreLocked(StoreError):
    """Another inbox-agent process holds the data folder."""


@contextmanager
def lock_folder(root: Path) -> Iterator[None]:
    """Hold the data folder for one process; a second one gets StoreLocked at once."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        handle = open(root / "inbox-agent.lock", "a+")  # noqa: SIM115 - held open while locked
    except OSError as exc:
        raise StoreError(f"data folder {root} cannot be used: {exc.strerror}") from None
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreLocked(
                f"another inbox-agent is already working on {root} "
                "(it holds the lock); this run does nothing"
            ) from None
        yield


def fsync(path: Path, whole_file_system: bool = False) -> bool:
    """fsync(2) a file or folder, or syncfs(2) its file system (False where there is none)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        if not whole_file_system:
            os.fsync(fd)
            return True
        import ctypes  # only when something is written: an idle cycle does without

        return bool(ctypes.CDLL(None, use_errno=True).syncfs(fd) == 0)
    except AttributeError:  # no syncfs in this C library
        return False
    finally:
        os.close(fd)


def fsync_write(path: Path, content: bytes | Iterable[bytes], mode: int = 0o666) -> None:
    """Temp file, fsync, rename, fsync the folder: a crash leaves the old file or the new one,
    never half of one (only the temp file can be torn; the store removes those when it opens).
    `mode` applies from the file's creation (a secret is never readable by others)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with suppress(FileNotFoundError):
            temp.unlink()  # a torn one left by a crashed run of the same pid keeps its old mode
        with open(temp, "wb", opener=lambda name, flags: os.open(name, flags, mode)) as handle:
            handle.writelines([content] if isinstance(content, bytes) else content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError:
        with suppress(OSError):  # a full disk must not be left fuller by a half-written file
            temp.unlink()
        raise
    fsync(path.parent)


def write_private_json(path: Path, data: dict[str, Any]) -> None:
    """Atomically and readable by this user only: a crash leaves the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            os.fchmod(out.fileno(), 0o600)
            json.dump(data, out, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)

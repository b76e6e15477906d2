"""Durable files: the folder lock, atomic writes, batched syncs and safe names."""

from __future__ import annotations

import ctypes
import fcntl
import os
import queue
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

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


def fsync(path: Path, call: str = "fsync") -> bool:
    """fsync(2) a file or folder (or, with call="syncfs", its whole file system)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        if call == "fsync":
            os.fsync(fd)
            return True
        return bool(ctypes.CDLL(None, use_errno=True).syncfs(fd) == 0)
    except AttributeError:  # no syncfs in this C library
        return False
    finally:
        os.close(fd)


def fsync_write(path: Path, content: bytes | Iterable[bytes]) -> None:
    """Write `content` (bytes, or pieces of them) to `path` atomically and durably: a temp
    file, fsync, rename, fsync the folder.

    A crash leaves the old file or the new one, never half of one: only the temp file can be
    torn, and the store removes such leftovers when it opens.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.writelines([content] if isinstance(content, bytes) else content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError:
        with suppress(OSError):  # a full disk must not be left fuller by a half-written file
            temp.unlink()
        raise
    fsync(path.parent)


class Batch:
    """Archive files, written by a thread of their own and made durable together before the
    store commit.

    Creating a file blocks for up to a millisecond on a busy disk; the thread does that while
    the cycle reads on. One syncfs(2) for the batch instead of two fsyncs per file (each file and
    folder where syncfs is missing). Until the commit nothing refers to these files, so they are
    written in place: whatever a crash leaves differs from the mail, and `holds` makes the next
    run write it again. A failed write is raised by the next write() or by flush().
    """

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.folders: set[Path] = set()  # known to exist: a mkdir per file cost a stat each
        self.error: OSError | None = None
        self.queue: queue.Queue[tuple[Path, bytes]] = queue.Queue(maxsize=256)
        self.thread: threading.Thread | None = None

    def write(self, path: Path, content: bytes) -> None:
        if self.error is not None:
            raise self.error
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="archive", daemon=True)
            self.thread.start()
        self.files.append(path)
        self.queue.put((path, content))

    def _run(self) -> None:
        while True:
            path, content = self.queue.get()
            try:
                if self.error is None:
                    self._write(path, content)
            except OSError as exc:
                self.error = exc
            finally:
                self.queue.task_done()

    def _write(self, path: Path, content: bytes) -> None:
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        try:
            try:
                with open(path, "xb") as handle:  # one call, where a check first took two
                    handle.write(content)
            except FileExistsError:  # an earlier run archived it, or left a torn leftover
                if not holds(path, content):
                    path.write_bytes(content)
        except OSError:
            with suppress(OSError):  # a short file would pass for an archived mail
                path.unlink()
            raise

    def flush(self, root: Path) -> None:
        self.queue.join()
        if self.error is not None:
            self.files.clear()
            error, self.error = self.error, None
            raise error
        if self.files and not fsync(root, "syncfs"):
            for path in [*self.files, *{p.parent for p in self.files}]:
                fsync(path)
        self.files.clear()


def holds(path: Path, content: bytes) -> bool:
    """Whether `path` is already exactly `content` (an earlier run archived this mail)."""
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def safe_name(name: str, index: int) -> str:
    """A file name that cannot leave its folder or hit a reserved name (CON, ../..)."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", name.replace("\\", "/").rsplit("/", 1)[-1]).lstrip("._")
    return f"{index:02d}-{base[:80] or 'attachment'}"

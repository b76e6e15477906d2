"""Durable files: the folder lock, atomic writes, and the archive's batched writes."""

from __future__ import annotations

import fcntl
import os
import queue
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


def fsync_write(path: Path, content: bytes | Iterable[bytes]) -> None:
    """Temp file, fsync, rename, fsync the folder: a crash leaves the old file or the new one,
    never half of one (only the temp file can be torn; the store removes those when it opens)."""
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
    """Archive files, written by threads of their own while the cycle reads on, made durable
    together before the store commit (one syncfs(2)). Nothing refers to them before it, so they
    are written in place: a torn one differs from the mail and the next run writes it again.
    Creating a file can take a millisecond on a busy disk; four at a time go 3x as fast."""

    WRITERS = 4

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.folders: set[Path] = set()  # known to exist: a mkdir per file costs a stat
        self.error: OSError | None = None
        self.queue: queue.Queue[tuple[Path, bytes]] = queue.Queue(maxsize=256)
        self.threads: list[threading.Thread] = []

    def write(self, path: Path, content: bytes) -> None:
        if self.error is not None:
            raise self.error
        if not self.threads:
            self.threads = [
                threading.Thread(target=self._run, name="archive", daemon=True)
                for _ in range(self.WRITERS)
            ]
            for thread in self.threads:
                thread.start()
        self.files.append(path)
        self.queue.put((path, content))

    def _run(self) -> None:
        while True:
            path, content = self.queue.get()
            try:
                if self.error is None:
                    if path.parent not in self.folders:
                        path.parent.mkdir(parents=True, exist_ok=True)
                        self.folders.add(path.parent)
                    _write_new(path, content)
            except OSError as exc:
                self.error = exc
            finally:
                self.queue.task_done()

    def flush(self, root: Path) -> None:
        self.queue.join()
        if self.error is not None:
            self.files.clear()
            error, self.error = self.error, None
            raise error
        if self.files and not fsync(root, whole_file_system=True):
            for path in [*self.files, *{p.parent for p in self.files}]:
                fsync(path)
        self.files.clear()


def _write_new(path: Path, content: bytes) -> None:
    try:
        try:
            with open(path, "xb") as handle:  # one call, where a check first took two
                handle.write(content)
        except FileExistsError:  # an earlier run archived it, or left a torn leftover
            if path.stat().st_size != len(content) or path.read_bytes() != content:
                path.write_bytes(content)
    except OSError:
        with suppress(OSError):  # a short file would pass for an archived mail
            path.unlink()
        raise

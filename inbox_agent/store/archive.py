"""The raw-mail archive: every mail received or sent, as .eml files a mail client opens.

Dossiers keep only where a mail is; its text is read from here. Files are written by threads of
their own while the cycle reads on, and made durable together by the store's next commit (one
syncfs(2)). Nothing refers to them before it, so they are written in place: a torn one differs
from the mail and the next run writes it again. Creating a file can take a millisecond on a busy
disk; four at a time go 3x as fast.
"""

from __future__ import annotations

import os
import queue
import threading
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from inbox_agent.files import fsync
from inbox_agent.models import outgoing_path


class Archive:
    WRITERS = 4
    # Files are handed to the writers this many at a time, split among them: one hand-over per
    # file woke a writer (and passed the interpreter lock) three times per complaint.
    BATCH = 32

    def __init__(self, root: Path) -> None:
        self.root = root
        self._root = str(root)
        self.files: list[str] = []  # written since the last commit
        self.folders: set[str] = set()  # known to exist: a mkdir per file costs a stat
        self.error: OSError | None = None
        self.queue: queue.Queue[list[tuple[str, bytes]]] = queue.Queue(maxsize=64)
        self.threads: list[threading.Thread] = []
        self.waiting: dict[str, bytes] = {}  # not yet handed to the writers: path → content

    def incoming(self, raw: bytes, sha256: str, now: datetime) -> str:
        """Keep a received mail under its hash (attachments go in a folder beside it)."""
        return self.write(
            os.path.join("archive", "in", now.strftime("%Y-%m"), f"{sha256}.eml"), raw
        )

    def outgoing(self, message_id: str, raw: bytes, now: datetime) -> str:
        """Keep a mail about to be queued; its Message-ID is new, so no record refers to it yet."""
        return self.write(outgoing_path(message_id, now), raw)

    def read(self, relative: str) -> bytes:
        path = os.path.join(self._root, relative)
        if (content := self.waiting.get(path)) is not None:
            return content
        with open(path, "rb") as handle:
            return handle.read()

    def write(self, relative: str | Path, content: bytes) -> str:
        """Keep `content` at `relative` in the data folder; returns `relative`."""
        if self.error is not None:
            raise self.error
        relative = str(relative)
        path = os.path.join(self._root, relative)
        self.files.append(path)
        self.waiting[path] = content
        if len(self.waiting) >= self.BATCH:
            self.hand_over()
        return relative

    def hand_over(self) -> None:
        """Give the files waiting to the writers, a share to each."""
        if not self.waiting:
            return
        if not self.threads:
            self.threads = [
                threading.Thread(target=self._run, name="archive", daemon=True)
                for _ in range(self.WRITERS)
            ]
            for thread in self.threads:
                thread.start()
        files, self.waiting = list(self.waiting.items()), {}
        for share in range(min(self.WRITERS, len(files))):
            self.queue.put(files[share :: self.WRITERS])

    def _run(self) -> None:
        while True:
            files = self.queue.get()
            try:
                for path, content in files:
                    if self.error is not None:
                        break
                    try:
                        self._write(path, content)
                    except OSError as exc:
                        with suppress(OSError):  # a short file would pass for an archived mail
                            os.unlink(path)
                        self.error = exc
            finally:
                self.queue.task_done()

    def _write(self, path: str, content: bytes) -> None:
        folder = os.path.dirname(path)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        try:
            with open(path, "xb") as handle:  # one call, where a check first took two
                handle.write(content)
        except FileExistsError:  # an earlier run archived it, or left a torn leftover
            if os.stat(path).st_size != len(content) or Path(path).read_bytes() != content:
                Path(path).write_bytes(content)

    def flush(self) -> None:
        """Wait for the writers, then make what they wrote durable (before the store commit)."""
        self.hand_over()
        self.queue.join()
        if self.error is not None:
            self.files.clear()
            error, self.error = self.error, None
            raise error
        if self.files and not fsync(self.root, whole_file_system=True):
            for path in [*self.files, *{os.path.dirname(p) for p in self.files}]:
                fsync(Path(path))
        self.files.clear()

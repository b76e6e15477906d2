"""The raw-mail archive: every mail received or sent, as .eml files a mail client opens.

Dossiers keep only where a mail is; its text is read from here. Files are written by threads of
their own while the cycle reads on, and made durable together by the store's next commit (one
syncfs(2)). Nothing refers to them before it, so they are written in place: a torn one differs
from the mail and the next run writes it again. Creating a file can take a millisecond on a busy
disk; four at a time go 3x as fast.
"""

from __future__ import annotations

import queue
import threading
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from inbox_agent.files import fsync
from inbox_agent.models import outgoing_path


class Archive:
    WRITERS = 4

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: list[Path] = []  # written since the last commit
        self.folders: set[Path] = set()  # known to exist: a mkdir per file costs a stat
        self.error: OSError | None = None
        self.queue: queue.Queue[tuple[Path, bytes]] = queue.Queue(maxsize=256)
        self.threads: list[threading.Thread] = []

    def incoming(self, raw: bytes, sha256: str, now: datetime) -> str:
        """Keep a received mail under its hash (attachments go in a folder beside it)."""
        return self.write(Path("archive", "in", now.strftime("%Y-%m"), f"{sha256}.eml"), raw)

    def outgoing(self, message_id: str, raw: bytes, now: datetime) -> str:
        """Keep a mail about to be queued; its Message-ID is new, so no record refers to it yet."""
        return self.write(outgoing_path(message_id, now), raw)

    def read(self, relative: str) -> bytes:
        return (self.root / relative).read_bytes()

    def write(self, relative: str | Path, content: bytes) -> str:
        """Keep `content` at `relative` in the data folder; returns `relative`."""
        if self.error is not None:
            raise self.error
        if not self.threads:
            self.threads = [
                threading.Thread(target=self._run, name="archive", daemon=True)
                for _ in range(self.WRITERS)
            ]
            for thread in self.threads:
                thread.start()
        self.files.append(self.root / relative)
        self.queue.put((self.root / relative, content))
        return str(relative)

    def _run(self) -> None:
        while True:
            path, content = self.queue.get()
            try:
                if self.error is None:
                    self._write(path, content)
            except OSError as exc:
                with suppress(OSError):  # a short file would pass for an archived mail
                    path.unlink()
                self.error = exc
            finally:
                self.queue.task_done()

    def _write(self, path: Path, content: bytes) -> None:
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        try:
            with open(path, "xb") as handle:  # one call, where a check first took two
                handle.write(content)
        except FileExistsError:  # an earlier run archived it, or left a torn leftover
            if path.stat().st_size != len(content) or path.read_bytes() != content:
                path.write_bytes(content)

    def flush(self) -> None:
        """Wait for the writers, then make what they wrote durable (before the store commit)."""
        self.queue.join()
        if self.error is not None:
            self.files.clear()
            error, self.error = self.error, None
            raise error
        if self.files and not fsync(self.root, whole_file_system=True):
            for path in [*self.files, *{p.parent for p in self.files}]:
                fsync(path)
        self.files.clear()

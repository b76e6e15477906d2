"""Files and folders a command writes for the user: never over something that is already there.

Everything is made under a temporary name next to its destination and renamed into place at the
end, so an interrupted command leaves no half-written export, and the rename itself refuses a
destination that appeared meanwhile. Only what we made ourselves is ever removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from inbox_agent.models import OutputExists as OutputExists


def refuse_existing(destination: Path, folder: bool) -> None:
    """Stop before any work when `destination` is taken (an empty folder is free for a folder)."""
    if destination.is_symlink() or (destination.exists() and not folder):
        raise OutputExists(
            f"{destination} already exists; choose another --output or move it away first"
        )
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise OutputExists(
            f"{destination} already exists and is not an empty folder; choose another "
            "--output or move it away first"
        )


@contextlib.contextmanager
def staging_folder(destination: Path) -> Iterator[Path]:
    """A private temporary folder beside `destination`, removed afterwards unless published."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent)
    )
    try:
        yield staging
    finally:
        if staging.is_dir():
            shutil.rmtree(staging)


def publish_folder(staging: Path, destination: Path) -> Path:
    """Rename the finished folder into place; the kernel refuses a non-empty destination."""
    try:
        os.rename(staging, destination)
    except OSError as exc:
        if exc.errno in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR, errno.EISDIR):
            raise OutputExists(
                f"{destination} appeared while the export was written; nothing was changed there"
            ) from None
        raise
    return destination


def publish_zip(staging: Path, destination: Path) -> Path:
    """Zip the finished folder under a temporary name, then link it into place (no overwrite)."""
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(staging.rglob("*")):
                archive.write(path, path.relative_to(staging).as_posix())
        publish_file(temp, destination)
    finally:
        temp.unlink(missing_ok=True)
    return destination


def write_file(destination: Path, data: bytes, replace: bool = False) -> Path:
    """Write `data` to a new file at `destination` (or over a file, when `replace` is given)."""
    if destination.is_dir():
        raise OutputExists(f"{destination} is a folder; give a file name for --output")
    if destination.exists() and not replace:
        raise OutputExists(
            f"{destination} already exists; choose another --output, or pass --force to replace it"
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if replace:
            os.replace(temp, destination)
        else:
            publish_file(temp, destination)
    finally:
        temp.unlink(missing_ok=True)
    return destination


def publish_file(temp: Path, destination: Path) -> None:
    """Give the finished temporary file its name, failing if that name is taken meanwhile."""
    try:
        os.link(temp, destination)
    except FileExistsError:
        raise OutputExists(
            f"{destination} appeared while it was written; nothing was changed there"
        ) from None
    except OSError:
        # A file system without hard links: check, then rename (a narrow race, no worse).
        if destination.exists():
            raise OutputExists(f"{destination} already exists; nothing was changed there") from None
        os.replace(temp, destination)


def check_data_folder(path: Path) -> tuple[str, bool]:
    """(what `check` says about the data folder, whether that is a failure).

    The folder is created when missing (private), and a file is written and removed in it: a
    folder the agent cannot write would fail every cycle.
    """
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        return f"data folder {path}: FAILED: cannot write there: {exc.strerror or exc}", True
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return (
            f"data folder {path}: writable, but other users can read it (mode {mode:o}); "
            f"run: chmod 700 {path}",
            False,
        )
    return f"data folder {path}: ok (private)", False

"""The message a cycle stops with on a system error names the disk only when it is the disk."""

from __future__ import annotations

import errno
import os

import pytest

from inbox_agent.run.cycle import stopped_by


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EIO])
def test_disk_errors_name_the_data_folder(code: int) -> None:
    message = stopped_by(OSError(code, os.strerror(code)), "/var/lib/inbox-agent")
    assert message.startswith("cannot write to the data folder /var/lib/inbox-agent: ")
    assert os.strerror(code) in message


def test_a_file_error_names_the_file() -> None:
    exc = OSError(errno.EINVAL, "Invalid argument", "/var/lib/inbox-agent/archive/x.eml")
    message = stopped_by(exc, "/var/lib/inbox-agent")
    assert "data folder" in message and "(/var/lib/inbox-agent/archive/x.eml)" in message


@pytest.mark.parametrize("code", [errno.EINVAL, errno.ECONNRESET, errno.EPIPE])
def test_other_system_errors_do_not_blame_the_disk(code: int) -> None:
    message = stopped_by(OSError(code, os.strerror(code)), "/var/lib/inbox-agent")
    assert "data folder" not in message and os.strerror(code) in message
    assert "next run starts where this one was" in message

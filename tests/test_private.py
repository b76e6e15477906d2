"""Private by default: everything the agent writes is readable by its own user only."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import YEAR, complaint
from test_crash import write_config

from inbox_agent.cli.main import main
from inbox_agent.config import Config
from inbox_agent.testing.servers import ImapServer, SmtpServer


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A typical login umask (0022): files would be world-readable unless the agent says so."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def modes(root: Path) -> dict[str, int]:
    return {
        str(path.relative_to(root)): stat.S_IMODE(path.stat().st_mode)
        for path in [root, *root.rglob("*")]
    }


def test_data_archive_and_exports_are_private(
    tmp_path: Path,
    shop: Config,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    loose_umask: None,
) -> None:
    config_file = write_config(shop, tmp_path / "config.toml")
    imap_server.deliver(shop.shop.email, complaint("piet@klant.nl", shop.shop.email))
    assert 0 == main(["-c", str(config_file), "once"])
    out = tmp_path / "out"
    assert 0 == main(["-c", str(config_file), "export", f"K-{YEAR}-0001", "--output", str(out)])
    assert 0 == main(["-c", str(config_file), "export", f"K-{YEAR}-0001", "--output", f"{out}.zip"])
    report = tmp_path / "report.html"
    assert 0 == main(
        ["-c", str(config_file), "report", "--format", "html", "--output", str(report)]
    )

    written = {**modes(shop.storage.path), **modes(out)}
    written |= {p.name: stat.S_IMODE(p.stat().st_mode) for p in (Path(f"{out}.zip"), report)}
    assert len(written) > 10  # the store, the archive's folders and mails, the export
    leaky = {name: f"{mode:o}" for name, mode in written.items() if mode & 0o077}
    assert {} == leaky


def test_check_warns_about_a_data_folder_others_can_read(
    tmp_path: Path,
    shop: Config,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config_file = write_config(shop, tmp_path / "config.toml")
    shop.storage.path.mkdir(mode=0o755)
    shop.storage.path.chmod(0o755)
    assert 0 == main(["-c", str(config_file), "check"])
    assert f"chmod 700 {shop.storage.path}" in capsys.readouterr().out


def test_check_fails_when_the_data_folder_cannot_be_written(
    tmp_path: Path,
    shop: Config,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config_file = write_config(shop, tmp_path / "config.toml")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    text = config_file.read_text().replace(str(shop.storage.path), str(blocker / "data"))
    config_file.write_text(text)
    assert 1 == main(["-c", str(config_file), "check"])
    assert "cannot write there" in capsys.readouterr().out

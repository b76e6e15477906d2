"""The command line as a newcomer meets it: help with examples, options anywhere, init,
status, backup, JSON from once and check, and a package that carries what it points to."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from datetime import date
from importlib.metadata import version
from pathlib import Path

import pytest
from conftest import complaint, make_config
from test_crash import write_config

from inbox_agent import __version__
from inbox_agent.cli import initconfig, progress
from inbox_agent.cli.helptext import HELP
from inbox_agent.cli.main import build_parser, main
from inbox_agent.config import Config, config_from_dict
from inbox_agent.register import privacy
from inbox_agent.run.cycle import run_once
from inbox_agent.shipped import contrib, example_config
from inbox_agent.store import Store, backup
from inbox_agent.testing.servers import ImapServer, SmtpServer


@pytest.fixture
def smtp(pymap_server: ImapServer) -> Iterator[SmtpServer]:
    server = SmtpServer(pymap_server)
    yield server
    server.stop()


@pytest.fixture
def shop(tmp_path: Path, pymap_server: ImapServer, smtp: SmtpServer) -> Config:
    return make_config(tmp_path, pymap_server, smtp)


# -- help and options ----------------------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(HELP))
def test_every_command_has_its_own_description_and_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args([command, "--help"])
    out = capsys.readouterr().out
    description, examples = HELP[command][1], out.partition("examples:")[2]
    assert " ".join(description.split()[:4]) in " ".join(out.split())
    assert command in examples and examples.strip().startswith("inbox-agent")


def test_global_options_work_after_the_subcommand(tmp_path: Path) -> None:
    after = build_parser().parse_args(["dossiers", "-c", str(tmp_path / "x.toml"), "-v"])
    before = build_parser().parse_args(["-c", str(tmp_path / "x.toml"), "-v", "dossiers"])
    neither = build_parser().parse_args(["dossiers"])
    assert (tmp_path / "x.toml", True) == (after.config, after.verbose)
    assert (before.config, before.verbose) == (after.config, after.verbose)
    assert (None, False) == (neither.config, neither.verbose)


def test_missing_config_after_the_subcommand_names_init_and_the_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 2 == main(["status", "-c", str(tmp_path / "none.toml")])
    err = capsys.readouterr().err
    assert "inbox-agent init" in err and str(example_config()) in err


# -- the package ---------------------------------------------------------------------------------


def test_one_version_number_and_the_files_messages_point_to_exist() -> None:
    assert __version__ == version("inbox-agent")
    assert example_config().is_file()
    assert (contrib() / "inbox-agent.service").is_file()
    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert "version" in pyproject["project"]["dynamic"]
    shipped = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert {"config.example.toml", "contrib", "templates"} <= set(shipped)
    assert "html2text" not in " ".join(pyproject["project"]["dependencies"])


_LOADED_BY = """
import runpy, sys
sys.argv = ["inbox-agent"] + sys.argv[1:]
try:
    runpy.run_module("inbox_agent", run_name="__main__")
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)))
"""
# What only writing, parsing or sending mail needs (and the slow-to-load calendar and bar).
_HEAVY = {"jinja2", "mailparser", "aiosmtplib", "holidays", "rich", "apscheduler"}


def test_version_answers_without_loading_the_application() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _LOADED_BY, "--version"], capture_output=True, text=True, check=True
    )
    version_line, loaded = done.stdout.splitlines()
    assert version_line == f"inbox-agent {__version__}"
    loaded_modules = set(loaded.split())
    assert not _HEAVY & loaded_modules
    assert not {"inbox_agent.run.cycle", "inbox_agent.store", "inbox_agent.config"} & loaded_modules


def test_a_cycle_with_no_mail_loads_no_templates_parser_or_calendar(
    shop: Config, tmp_path: Path
) -> None:
    config = write_config(shop, tmp_path / "config.toml")
    command = [sys.executable, "-c", _LOADED_BY, "-c", str(config), "once"]
    subprocess.run(command, capture_output=True, check=True)  # a first cycle has more to do
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    (loaded,) = done.stdout.splitlines()  # an idle cycle prints nothing (cron mails nothing)
    idle_needs_none_of = {"jinja2", "mailparser", "holidays", "rich", "aiosmtplib"}
    # Nor what only new mail, sending, an OAuth2 login, a backup or an export needs.
    lazy = {
        "mail.mailer",
        "mail.smtp",
        "mail.htmltext",
        "triage.rules",
        "mail.oauth2",
        "store.backup",
        "register.outputs",
        "letters.compose",
    }
    idle_needs_none_of |= {f"inbox_agent.{name}" for name in lazy}
    found = idle_needs_none_of & set(loaded.split())
    assert not found, found


def test_no_progress_bar_without_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert not progress.wanted()  # pytest captures stderr: as under cron
    with progress.bar("reading", enabled=False) as advance:
        advance(500, 1000)
    assert ("", "") == tuple(capsys.readouterr())


# -- init ----------------------------------------------------------------------------------------


def test_init_without_a_terminal_writes_the_commented_example_and_next_steps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    assert 0 == main(["init", str(path)])
    text = path.read_text()
    # The example as it is, but for the day from which mail is read: the day of `init`.
    today = f"read_since = {date.today().isoformat()}"
    assert example_config().read_text().replace("# read_since = 2026-11-27", today) == text
    assert 0o600 == stat.S_IMODE(path.stat().st_mode)
    out = capsys.readouterr().out
    assert "check" in out and str(contrib()) in out
    assert 2 == main(["init", str(path)])  # never overwrites without --force


def test_init_answers_for_microsoft_give_oauth2_on_both_servers(tmp_path: Path) -> None:
    replies = iter(
        ["Rijwiel Pieters", "klachten@pieters.nl", "en", "", "piet@pieters.nl", "microsoft"]
    )
    answers = initconfig.ask(lambda _: next(replies), lambda _: None)
    text = initconfig.render(answers)
    config = config_from_dict(tomllib.loads(text))
    assert ("oauth2", "oauth2") == (config.imap.auth, config.smtp.auth)
    assert ("outlook.office365.com", "smtp.office365.com") == (config.imap.host, config.smtp.host)
    assert ("microsoft", "en") == (config.imap.oauth2.provider, config.shop.language)
    assert "# Give the password in exactly one way" in text  # the explanations stay
    google = initconfig.render(initconfig.Answers(provider="google"))
    assert "imap.gmail.com" == config_from_dict(tomllib.loads(google)).imap.host


def test_init_offers_every_language_with_templates_and_refuses_others(tmp_path: Path) -> None:
    """A German shop answers "de"; a language without templates is asked again."""
    replies = iter(["Fahrrad Becker", "service@becker.de", "xx", "de", "Europe/Berlin"])
    replies = iter([*replies, "klaus@becker.de", "other", "", ""])
    asked: list[str] = []
    said: list[str] = []

    def prompt(text: str) -> str:
        asked.append(text)
        return next(replies)

    answers = initconfig.ask(prompt, said.append)
    config = config_from_dict(tomllib.loads(initconfig.render(answers)))
    assert "de" == config.shop.language
    offered = next(t.split("(")[1].split(")")[0] for t in asked if "Language" in t)
    assert {"de", "en", "nl"} <= set(offered.split("/"))
    assert any("'xx' does not fit" in line for line in said)


def test_init_asks_again_for_an_address_that_is_none(tmp_path: Path) -> None:
    replies = iter(["", "not-an-address", "k@shop.nl", "", "", "", "o@shop.nl", "other", "", ""])
    said: list[str] = []
    answers = initconfig.ask(lambda _: next(replies), said.append)
    assert ("k@shop.nl", "imap.shop.nl") == (answers.shop_email, answers.imap_host)
    assert any("not-an-address" in line for line in said)


# -- once, check, status and backup against real servers -----------------------------------------


def test_once_and_check_print_json_and_status_tells_what_waits(
    tmp_path: Path, shop: Config, pymap_server: ImapServer, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(write_config(shop, tmp_path / "config.toml"))
    pymap_server.deliver(shop.shop.email, complaint("json@klant.nl", shop.shop.email))
    assert 0 == main(["once", "--json", "-c", config])
    report = json.loads(capsys.readouterr().out)
    assert (1, 1, []) == (report["fetched"], report["dossiers_opened"], report["errors"])

    assert 0 == main(["check", "--json", "-c", config])
    checked = json.loads(capsys.readouterr().out)
    assert [("IMAP", True, "password"), ("SMTP", True, "none")] == [
        (s["server"], s["ok"], s["login"]) for s in checked["servers"]
    ]

    pymap_server.deliver(shop.shop.email, complaint("later@klant.nl", shop.shop.email))
    assert 0 == main(["status", "--json", "-c", config])
    status = json.loads(capsys.readouterr().out)
    assert (1, 0, 1) == (status["mail_waiting"], status["quarantine"], status["open_dossiers"])
    assert status["last_good_cycle_at"] and status["next_due"]["reference"].startswith("K-")
    assert 0 == main(["status", "-c", config, "--offline"])
    assert "last good cycle" in capsys.readouterr().out


def test_backup_under_the_lock_and_as_a_checked_snapshot_while_the_service_holds_it(
    tmp_path: Path, shop: Config, pymap_server: ImapServer, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(write_config(shop, tmp_path / "config.toml"))
    for n in range(3):
        pymap_server.deliver(shop.shop.email, complaint(f"b{n}@klant.nl", shop.shop.email))
    run_once(shop)

    assert 0 == main(["backup", str(tmp_path / "quiet"), "-c", config])
    assert "under the lock" in capsys.readouterr().out
    with Store.lock(shop.storage.path):  # as `inbox-agent run` holds it
        assert 0 == main(["-c", config, "backup", str(tmp_path / "busy")])
    assert "checked snapshot" in capsys.readouterr().out
    for copy in ("quiet", "busy"):
        copied = Store.read(tmp_path / copy)
        assert 3 == len(copied.all_dossiers())
        assert 0o700 == stat.S_IMODE((tmp_path / copy).stat().st_mode)
    # Never over a copy: exit 2, as export and report over an existing target.
    assert 2 == main(["backup", str(tmp_path / "busy"), "-c", config])
    assert "already exists" in capsys.readouterr().err


def test_export_reports_progress_per_dossier(
    tmp_path: Path, shop: Config, pymap_server: ImapServer
) -> None:
    for n in range(2):
        pymap_server.deliver(shop.shop.email, complaint(f"p{n}@klant.nl", shop.shop.email))
    run_once(shop)
    seen: list[tuple[int, int]] = []
    store = Store.read(shop.storage.path)
    privacy.export(
        store, shop, store.all_dossiers(), tmp_path / "out", progress=lambda *d: seen.append(d)
    )
    assert [(1, 2), (2, 2)] == seen


def test_a_snapshot_made_while_a_commit_ran_is_made_again(
    tmp_path: Path, shop: Config, pymap_server: ImapServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    pymap_server.deliver(shop.shop.email, complaint("race@klant.nl", shop.shop.email))
    run_once(shop)
    copy = backup._copy
    calls: list[int] = []

    def copy_while_the_service_commits(root: Path, dest: Path) -> int:
        calls.append(1)
        copied = copy(root, dest)
        if len(calls) == 1:  # the service commits while the first copy is being made
            with Store.open(root, locked=True) as store:
                store.set_meta_value("touched", True)
                store.commit()
        return copied

    monkeypatch.setattr(backup, "_copy", copy_while_the_service_commits)
    with Store.lock(shop.storage.path):
        result = backup.backup(shop.storage.path, tmp_path / "copy")
    assert (False, 2) == (result["locked"], result["attempts"])
    assert Store.read(tmp_path / "copy").meta_value("touched") is True

"""The agent as a shop's admin meets it on a server with systemd and cron (issue 24): commands
run as the wrong user, a readable password, cron's mail, the journal, `status` for monitoring,
`forget` with a typo, Ctrl-C at a question, and one spelling of the command line."""

from __future__ import annotations

import io
import json
import logging
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import complaint, make_config
from test_crash import write_config
from test_oauth2 import config_data
from test_oauth2 import write_toml as write_oauth2_toml
from test_service_wake import Systemd

from inbox_agent.cli import logs, ownership
from inbox_agent.cli.main import build_parser, main
from inbox_agent.config import Config
from inbox_agent.run import health
from inbox_agent.run.due import STEPS
from inbox_agent.run.service import Service
from inbox_agent.run.status import STEP_WORDS
from inbox_agent.store import Store
from inbox_agent.testing.oauthserver import FakeAuthority
from inbox_agent.testing.servers import ImapServer, SmtpServer

ROOT = Path(__file__).parent.parent


@pytest.fixture
def smtp(pymap_server: ImapServer) -> Iterator[SmtpServer]:
    server = SmtpServer(pymap_server)
    yield server
    server.stop()


@pytest.fixture
def shop(tmp_path: Path, pymap_server: ImapServer, smtp: SmtpServer) -> Config:
    return make_config(tmp_path, pymap_server, smtp)


@pytest.fixture
def config_file(shop: Config, tmp_path: Path) -> Path:
    path = write_config(shop, tmp_path / "config.toml")
    path.chmod(0o600)
    return path


def deliver(server: ImapServer, shop: Config, sender: str = "piet@klant.nl") -> None:
    server.deliver(shop.shop.email, complaint(sender, shop.shop.email))


# -- 1. commands that write the data folder run as its owner -------------------------------------


def test_the_decision_names_the_owner_and_allows_only_the_owner(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    assert ownership.refusal(folder, os.getuid() + 1) is None  # not there yet: it will be ours
    folder.mkdir()
    me = os.getuid()
    assert ownership.refusal(folder, me) is None
    refused = ownership.refusal(folder, me + 1)
    assert refused and f"uid {me}" in refused and f"uid {me + 1}" in refused
    assert "sudo -u" in refused
    # Output outside the data folder is anyone's business; inside it is refused.
    assert ownership.refusal(folder, me + 1, tmp_path / "export") is None
    assert ownership.refusal(folder, me + 1, folder / "export") is not None


def test_forget_and_once_as_another_user_refuse_and_change_nothing(
    shop: Config,
    config_file: Path,
    pymap_server: ImapServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    deliver(pymap_server, shop)
    assert 0 == main(["-c", str(config_file), "once"])
    store_file = shop.storage.path / "inbox-agent.json"
    before = store_file.read_bytes()
    capsys.readouterr()
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)  # as root or an admin would
    assert 2 == main(["-c", str(config_file), "forget", "piet@klant.nl", "--yes"])
    assert 2 == main(["-c", str(config_file), "once"])
    err = capsys.readouterr().err
    assert f"belongs to {ownership.user_name(os.getuid())}" in err
    assert before == store_file.read_bytes()
    monkeypatch.chdir(shop.storage.path)  # export's default output lands in the data folder
    reference = Store.read(shop.storage.path).all_dossiers()[0]["reference"]
    assert 2 == main(["-c", str(config_file), "export", reference])
    assert not list(shop.storage.path.glob("export-*"))


def test_what_forget_writes_stays_private_to_the_folders_owner(
    shop: Config, config_file: Path, pymap_server: ImapServer
) -> None:
    deliver(pymap_server, shop)
    assert 0 == main(["-c", str(config_file), "once"])
    assert 0 == main(["-c", str(config_file), "forget", "piet@klant.nl", "--yes"])
    for path in [shop.storage.path, *shop.storage.path.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert path.stat().st_uid == shop.storage.path.stat().st_uid, path
        assert not mode & 0o077, (path, oct(mode))


# -- 2. check warns of a password others can read ------------------------------------------------


def test_check_warns_when_others_can_read_the_password(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 0 == main(["-c", str(config_file), "check"])
    assert "warning" not in capsys.readouterr().out
    config_file.chmod(0o644)
    assert 0 == main(["-c", str(config_file), "check"])
    out = capsys.readouterr().out
    assert "warning:" in out and "imap.password" in out and f"chmod 600 {config_file}" in out
    assert 0 == main(["-c", str(config_file), "check", "--json"])
    assert "every user" in json.loads(capsys.readouterr().out)["warnings"][0]
    config_file.chmod(0o640)  # the service's group may read it: the usual setup, no warning
    assert 0 == main(["-c", str(config_file), "check"])
    assert "warning" not in capsys.readouterr().out


def test_a_wrong_key_is_still_exit_2(tmp_path: Path, config_file: Path) -> None:
    config_file.write_text(config_file.read_text() + "\n[shop_typo]\nname = 1\n")
    assert 2 == main(["-c", str(config_file), "check"])


# -- 3. cron: quiet when nothing happened, exit 0 when another run works -------------------------


def test_once_says_nothing_when_nothing_happened_and_one_line_when_something_did(
    shop: Config,
    config_file: Path,
    pymap_server: ImapServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert 0 == main(["-c", str(config_file), "once"])
    assert ("", "") == capsys.readouterr()
    deliver(pymap_server, shop)
    assert 0 == main(["-c", str(config_file), "once"])
    out = capsys.readouterr().out
    assert 1 == len(out.splitlines()) and out.startswith("read 1 mail(s): 1 new dossier(s)")
    deliver(pymap_server, shop, "anne@klant.nl")
    assert 0 == main(["-c", str(config_file), "once", "--quiet"])
    assert "" == capsys.readouterr().out
    assert 2 == len(Store.read(shop.storage.path).all_dossiers())


def test_a_run_that_finds_another_working_exits_0_with_a_log_line(
    shop: Config, config_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with Store.lock(shop.storage.path), caplog.at_level(logging.WARNING):
        assert 0 == main(["-c", str(config_file), "once"])
    assert ["another inbox-agent is already working"] == [
        r.getMessage()[:38] for r in caplog.records if r.levelno == logging.WARNING
    ]


def test_the_shipped_crontab_and_the_readme_do_not_mail_every_run() -> None:
    crontab = [
        line for line in (ROOT / "contrib" / "crontab").read_text().splitlines() if "once" in line
    ]
    job = [line for line in crontab if not line.startswith("#")]
    assert 1 == len(job) and "| logger -t inbox-agent" in job[0] and "2>&1" in job[0]
    assert ">>" not in job[0]  # an unrotated file that grows for ever
    readme = (ROOT / "README.md").read_text()
    line = next(x for x in readme.splitlines() if x.strip().startswith("*/2 * * * *"))
    assert "logger" in line


# -- 4. logs under systemd: one line, one timestamp, a priority ---------------------------------


def journal_stream(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> io.TextIOWrapper:
    """A stream that is what systemd names in JOURNAL_STREAM (its device and inode)."""
    stream = open(tmp_path / "journal", "w+", encoding="utf-8")  # noqa: SIM115
    facts = os.fstat(stream.fileno())
    monkeypatch.setenv("JOURNAL_STREAM", f"{facts.st_dev}:{facts.st_ino}")
    return stream


@pytest.fixture
def fresh_logging() -> Iterator[None]:
    root, ours = logging.getLogger(), logging.getLogger("inbox_agent")
    saved = (list(root.handlers), root.level, ours.level)
    yield
    for handler in list(root.handlers):
        if handler not in saved[0]:
            root.removeHandler(handler)
    root.setLevel(saved[1])
    ours.setLevel(saved[2])


def test_under_the_journal_each_line_has_a_priority_and_no_time_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_logging: None
) -> None:
    stream = journal_stream(tmp_path, monkeypatch)
    logs.setup(verbose=True, stream=stream)
    agent = logging.getLogger("inbox_agent.run.cycle")
    agent.error("IMAP: connection refused")
    agent.warning("SMTP: slow")
    agent.info("read 1 mail(s)")
    agent.debug("looked at the folder")
    agent.error("could not process %s:\n%s", "raw/x.eml", "Traceback\n  line 1\nValueError: x")
    logging.getLogger("apscheduler.executors.default").info('Running job "sweep"')
    stream.flush()
    lines = (tmp_path / "journal").read_text().splitlines()
    assert [line[:3] for line in lines] == ["<3>", "<4>", "<6>", "<7>", "<3>"]
    assert lines[0] == "<3>inbox_agent.run.cycle: IMAP: connection refused"
    assert "Traceback |   line 1 | ValueError: x" in lines[4]
    assert not any(str(datetime.now().year) in line for line in lines)
    stream.close()


def test_on_a_terminal_or_in_cron_lines_carry_their_time_and_level(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_logging: None
) -> None:
    monkeypatch.delenv("JOURNAL_STREAM", raising=False)
    stream = io.StringIO()
    logs.setup(verbose=False, stream=stream)
    logging.getLogger("inbox_agent.x").warning("SMTP: slow")
    logging.getLogger("inbox_agent.x").debug("hidden without -v")
    (line,) = stream.getvalue().splitlines()
    assert line.endswith("WARNING inbox_agent.x: SMTP: slow")
    assert line.startswith(str(datetime.now().year)) and not line.startswith("<")


@pytest.mark.parametrize("down", ["IMAP", "SMTP"])
def test_each_failure_of_a_cycle_is_told_once(
    down: str, tmp_path: Path, pymap_server: ImapServer
) -> None:
    shop = make_config(tmp_path, pymap_server, None)  # SMTP on port 1: nobody there
    pymap_server.deliver(shop.shop.email, complaint("piet@klant.nl", shop.shop.email))
    config_file = write_config(shop, tmp_path / "config.toml")
    if down == "IMAP":
        text = config_file.read_text()
        config_file.write_text(text.replace(f"port = {shop.imap.port}", "port = 1", 1))
    done = subprocess.run(
        [sys.executable, "-m", "inbox_agent", "-c", str(config_file), "once"],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "JOURNAL_STREAM"},
        timeout=120,
    )
    assert 1 == done.returncode
    told = done.stdout + done.stderr
    assert 1 == told.count("127.0.0.1:1"), told
    assert 1 == len(done.stderr.splitlines()) and " ERROR " in done.stderr
    if down == "SMTP":  # the cycle did something: its one line counts the failure
        assert done.stdout.endswith("sent 0, failed 0; 1 failure(s), logged\n")
    assert len(done.stdout.splitlines()) <= 1


def test_a_real_run_under_the_journal_writes_priorities(
    tmp_path: Path, pymap_server: ImapServer
) -> None:
    shop = make_config(tmp_path, pymap_server, None)
    config_file = write_config(shop, tmp_path / "config.toml")
    config_file.write_text(config_file.read_text().replace(f"port = {shop.imap.port}", "port = 1"))
    with open(tmp_path / "journal", "w") as journal:
        facts = os.fstat(journal.fileno())
        env = {**os.environ, "JOURNAL_STREAM": f"{facts.st_dev}:{facts.st_ino}"}
        command = [sys.executable, "-m", "inbox_agent", "-c", str(config_file), "once", "-q"]
        done = subprocess.run(command, stderr=journal, env=env, timeout=120)
    assert 1 == done.returncode
    (line,) = (tmp_path / "journal").read_text().splitlines()
    assert line.startswith("<3>inbox_agent.run.cycle: IMAP server 127.0.0.1:1"), line


def test_the_service_tells_systemd_its_state(
    shop: Config, pymap_server: ImapServer, systemd: Systemd
) -> None:
    deliver(pymap_server, shop)
    Service(shop, ping_every=60).cycle()
    (status,) = [s for s in systemd.heard() if s.startswith("STATUS=")]
    assert "ok (read 1, sent 2)" in status
    assert "0 mail(s) waiting to be sent" in status
    due = Store.read(shop.storage.path).all_dossiers()[0]["due"]
    first = min(datetime.fromisoformat(at) for at in due.values() if at)
    assert f"next due step {first.astimezone(shop.shop.tz):%Y-%m-%d %H:%M}" in status
    assert "\n" not in status


@pytest.fixture
def systemd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Systemd]:
    path = tmp_path / "notify.sock"
    listener = Systemd(path)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    yield listener
    listener.close()


# -- 5. status for monitoring --------------------------------------------------------------------


def test_status_fails_until_a_cycle_went_well_and_again_when_it_is_stale(
    shop: Config, config_file: Path, pymap_server: ImapServer, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(shop.storage.path):
        pass  # a store, but no cycle yet
    assert 1 == main(["-c", str(config_file), "status", "--offline"])
    assert "no cycle has gone well yet" in capsys.readouterr().out
    deliver(pymap_server, shop)
    assert 0 == main(["-c", str(config_file), "once"])
    capsys.readouterr()
    assert 0 == main(["-c", str(config_file), "status", "--offline"])
    out = capsys.readouterr().out
    due = Store.read(shop.storage.path).all_dossiers()[0]["due"]
    first = min((at, step) for step, at in due.items() if at)[1]
    assert f"next due step:     {STEP_WORDS[first]} (" in out, out
    assert first not in out
    poll = shop.timing.poll_interval.seconds
    stale = datetime.now(UTC) - timedelta(seconds=3 * poll + 60)
    health.record_cycle(shop.storage.path, stale, [], {})
    assert 1 == main(["-c", str(config_file), "status", "--offline", "--json"])
    assert "poll intervals" in json.loads(capsys.readouterr().out)["problem"]


def test_every_due_step_has_words() -> None:
    assert set(STEPS) == set(STEP_WORDS)


# -- 6. forget with an address that matches nothing ----------------------------------------------


def test_forget_of_an_unknown_address_says_so_and_suggests_the_near_one(
    shop: Config,
    config_file: Path,
    pymap_server: ImapServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    deliver(pymap_server, shop, "piet.jansen@klant.nl")
    assert 0 == main(["-c", str(config_file), "once"])
    capsys.readouterr()
    assert 1 == main(["-c", str(config_file), "forget", "piet.jansen@klant.com", "--yes"])
    err = capsys.readouterr().err
    assert "nothing erased" in err and "did you mean piet.jansen@klant.nl?" in err
    assert (
        "piet.jansen@klant.nl"
        == (Store.read(shop.storage.path).all_dossiers()[0]["customer"]["email"])
    )
    assert 1 == main(["-c", str(config_file), "forget", "zz@elders.org", "--yes"])
    assert "did you mean" not in capsys.readouterr().err


# -- 7. Ctrl-C and Ctrl-D ------------------------------------------------------------------------


@pytest.mark.parametrize("key", [KeyboardInterrupt, EOFError])
def test_ctrl_c_or_ctrl_d_at_inits_questions_is_one_line_and_130(
    key: type[BaseException],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    answers = iter(["Fietsenwinkel"])

    def typed(prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise key from None

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", typed)
    assert 130 == main(["init", str(tmp_path / "config.toml")])
    err = capsys.readouterr().err.strip()
    assert "interrupted" in err and 1 == len(err.splitlines()) and "Traceback" not in err
    assert not (tmp_path / "config.toml").exists()


def test_ctrl_c_while_login_waits_for_the_sign_in_is_one_line_and_130(tmp_path: Path) -> None:
    authority = FakeAuthority()
    try:
        data = config_data(tmp_path, authority, 1, 2)
        config_file = write_oauth2_toml(data, tmp_path / "config.toml")
        login = subprocess.Popen(
            [sys.executable, "-u", "-m", "inbox_agent", "-c", str(config_file), "login"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert login.stdout is not None
        login.stdout.readline()  # the code to type: now it waits for the sign-in
        login.send_signal(signal.SIGINT)
        _, err = login.communicate(timeout=30)
    finally:
        authority.stop()
    assert 130 == login.returncode
    assert "Traceback" not in err and 1 == len(err.strip().splitlines()), err


# -- 8. one command line -------------------------------------------------------------------------


def test_both_spellings_of_a_status_are_one_status() -> None:
    parse = build_parser().parse_args
    assert "in_progress" == parse(["dossiers", "--status", "in-progress"]).status
    assert "in_progress" == parse(["dossiers", "--status", "in_progress"]).status
    with pytest.raises(SystemExit):
        parse(["dossiers", "--status", "busy"])


def test_report_has_json_as_every_other_command_has(
    config_file: Path, shop: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 0 == main(["-c", str(config_file), "once"])
    capsys.readouterr()
    assert 0 == main(["-c", str(config_file), "report", "--json"])
    by_flag = json.loads(capsys.readouterr().out)
    assert 0 == main(["-c", str(config_file), "report", "--format", "json"])
    assert by_flag == json.loads(capsys.readouterr().out)


def test_a_target_that_exists_is_exit_2_for_backup_export_and_report(
    config_file: Path, shop: Config, pymap_server: ImapServer, tmp_path: Path
) -> None:
    deliver(pymap_server, shop)
    assert 0 == main(["-c", str(config_file), "once"])
    reference = Store.read(shop.storage.path).all_dossiers()[0]["reference"]
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "something").write_text("mine")
    report_file = tmp_path / "report.txt"
    report_file.write_text("mine")
    assert 2 == main(["-c", str(config_file), "backup", str(taken)])
    assert 2 == main(["-c", str(config_file), "export", reference, "--output", str(taken)])
    assert 2 == main(["-c", str(config_file), "report", "--output", str(report_file)])
    assert ["something"] == [p.name for p in taken.iterdir()]
    assert "mine" == report_file.read_text()


@pytest.mark.parametrize(
    "unit", ["inbox-agent.service", "inbox-agent@.service", "inbox-agent-once.service"]
)
def test_the_units_let_journald_read_the_priorities(unit: str) -> None:
    text = (ROOT / "contrib" / unit).read_text()
    assert "\nSyslogLevelPrefix=yes\n" in text
    assert "StandardError=" not in text or "StandardError=journal" in text


def test_backup_export_and_forget_say_what_they_did_in_json(
    config_file: Path,
    shop: Config,
    pymap_server: ImapServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    deliver(pymap_server, shop)
    assert 0 == main(["-c", str(config_file), "once"])
    reference = Store.read(shop.storage.path).all_dossiers()[0]["reference"]
    capsys.readouterr()
    assert 0 == main(["-c", str(config_file), "backup", str(tmp_path / "copy"), "--json"])
    assert json.loads(capsys.readouterr().out)["locked"] is True
    out = tmp_path / "out"
    assert 0 == main(["-c", str(config_file), "export", reference, "--output", str(out), "--json"])
    assert {"dossiers": [reference], "written": str(out)} == json.loads(capsys.readouterr().out)
    assert 0 == main(["-c", str(config_file), "forget", "piet@klant.nl", "--yes", "--json"])
    assert [reference] == json.loads(capsys.readouterr().out)["dossiers"]

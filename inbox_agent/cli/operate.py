"""The commands that run and look after the agent: once, run, check, status, backup, login, init.

Each takes the loaded config and the parsed arguments and returns the exit code; the
application is imported by the command that needs it (see main.py).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from inbox_agent.cli.output import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, local_time, print_json

if TYPE_CHECKING:
    from inbox_agent.config import Config


def once(config: Config, args: argparse.Namespace) -> int:
    """One cycle. For cron: silent when nothing happened, one line when something did.

    Failures are logged on stderr as they happen (and give exit 1); another agent still at
    work is no failure: this run leaves the cycle to it and exits 0.
    """
    import logging
    from dataclasses import asdict

    from inbox_agent.cli import progress
    from inbox_agent.run import health
    from inbox_agent.run.cycle import run_once
    from inbox_agent.store import StoreLocked

    try:
        with progress.bar("reading mail") as advance, _stop_on_signals() as stopping:
            report = run_once(config, progress=advance, stopping=stopping.is_set)
    except StoreLocked as exc:
        level = logging.INFO if args.quiet else logging.WARNING
        logging.getLogger("inbox_agent.cli").log(level, "%s", exc)
        return EXIT_OK
    if args.json:
        facts = asdict(report)
        facts["next_due"] = report.next_due.isoformat() if report.next_due else None
        print_json(facts)
    elif health.anything_happened(report) and not args.quiet:
        print(health.cycle_line(report))
    return EXIT_FAILURE if report.errors else EXIT_OK


@contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """SIGTERM (systemctl stop, a shutdown, `timeout`) or Ctrl-C: finish the current step,
    record what was sent and exit 0, as `run` does. A second Ctrl-C interrupts at once."""
    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        if stopping.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stopping.set()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield stopping
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.run.service import run_service

    return run_service(config)


def check(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.cli import ownership
    from inbox_agent.mail import inbox, mailer
    from inbox_agent.register import outputs

    folder, failed = outputs.check_data_folder(config.storage.path)
    servers: list[dict[str, Any]] = []
    for name, probe in (
        ("IMAP", lambda: inbox.check(config.imap)),
        ("SMTP", lambda: mailer.check(config.smtp)),
    ):
        try:
            servers.append(probe())
        except (inbox.ImapUnavailable, mailer.SmtpUnavailable) as exc:
            servers.append({"server": name, "ok": False, "error": str(exc)})
    ok = all(s["ok"] for s in servers) and not failed
    warnings = [w for w in (ownership.exposed_secrets(config),) if w]
    if args.json:
        print_json(
            {
                "config": str(config.source),
                "ok": ok,
                "data_folder": folder,
                "servers": servers,
                "warnings": warnings,
            }
        )
        return EXIT_OK if ok else EXIT_FAILURE
    print(f"config {config.source}: ok")
    for warning in warnings:
        print(f"warning: {warning}")
    print(folder)
    for facts in servers:
        print(_check_line(facts, config))
    return EXIT_OK if ok else EXIT_FAILURE


def _check_line(facts: dict[str, Any], config: Config) -> str:
    name = facts["server"]
    if not facts["ok"]:
        return f"{name}: FAILED: {facts['error']}"
    line = f"{name} {facts['host']}:{facts['port']} ({facts['security']}) ok"
    if name == "IMAP":
        idle = "IDLE" if facts["idle"] else "no IDLE"
        line += f", folder {facts['folder']!r}, {idle}, {facts['marking']}"
    login = facts.get("login", "none")
    if facts.get("token_source"):
        expires = facts.get("token_expires_at")
        until = f", token valid until {local_time(expires, config)}" if expires else ""
        line += f"; logged in with {login} (token from {facts['token_source']}{until})"
    elif login != "none":
        line += f"; logged in with {login}"
    return line


def status(config: Config, args: argparse.Namespace) -> int:
    """Exit 1 when no cycle went well in three poll intervals (or ever): for monitoring."""
    from datetime import UTC, datetime

    from inbox_agent.run.status import collect, healthy

    facts = collect(config, ask_server=not args.offline)
    worry = healthy(facts, config, datetime.now(UTC))
    facts["problem"] = worry
    code = EXIT_FAILURE if worry else EXIT_OK
    if args.json:
        print_json(facts)
        return code
    waiting = (
        str(facts["mail_waiting"])
        if facts["mail_waiting"] is not None
        else f"unknown ({facts['mail_waiting_error']})"
        if facts["mail_waiting_error"]
        else "not asked"
    )
    due = facts["next_due"]
    print(f"last cycle:        {local_time(facts['last_cycle_at'], config)}")
    print(f"last good cycle:   {local_time(facts['last_good_cycle_at'], config)}")
    for error in facts["last_errors"]:
        print(f"  error: {error}")
    for server, since in facts["login_refused"].items():
        print(
            f"  {server} login refused since {local_time(since, config)}: run `inbox-agent login`"
        )
    print(f"mail waiting:      {waiting}")
    print(f"open dossiers:     {facts['open_dossiers']}")
    print(
        f"outbox:            {facts['outbox']['pending']} waiting, "
        f"{facts['outbox']['failed']} failed"
    )
    print(f"quarantine:        {facts['quarantine']}")
    token = facts["oauth2_token"]
    if token:
        print(
            f"OAuth2 token:      {token['file']}: "
            + (
                f"renewed {local_time(token['obtained_at'], config)}, access token valid until "
                f"{local_time(token['access_token_expires_at'], config)}"
                if token["saved"]
                else "not there yet: run `inbox-agent login`"
            )
        )
    print(
        "next due step:     "
        + (
            f"{due['words']} ({due['reference']}) at {local_time(due['at'], config)}"
            if due
            else "-"
        )
    )
    if worry:
        print(f"problem:           {worry}")
    return code


def backup(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.register import outputs
    from inbox_agent.store import backup as backups

    outputs.refuse_existing(args.dest, folder=True)  # exit 2, as export and report
    quiet = lambda _: None  # noqa: E731 - JSON alone on stdout
    result = backups.backup(config.storage.path, args.dest, say=quiet if args.json else print)
    if args.json:
        print_json(result)
        return EXIT_OK
    how = "under the lock" if result["locked"] else "as a checked snapshot"
    print(f"backed up {config.storage.path} to {result['dest']} ({result['files']} files, {how})")
    return EXIT_OK


def login(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.config import ConfigError
    from inbox_agent.mail import login as oauth2_login

    server = config.imap if args.server == "imap" else config.smtp
    settings = server.oauth2
    if server.auth != "oauth2" or settings is None or settings.token_command:
        raise ConfigError(
            f'{args.server}.auth: `login` is for auth = "oauth2" with the built-in flow '
            "(provider, client_id, refresh_token_file); a token_command gets its own tokens"
        )
    stored = oauth2_login.login(settings, server.username, say=print)
    expires = local_time(stored.get("expires_at"), config)
    if settings.refresh_token_file is not None:
        print(
            f"signed in as {server.username}; refresh token stored in {settings.refresh_token_file}"
        )
    else:
        print(
            f"signed in as {server.username}; put this refresh token in the environment "
            f"variable {settings.refresh_token_env}:\n{stored['refresh_token']}"
        )
    print(f"access token valid until {expires}. Next: inbox-agent -c {config.source} check")
    return EXIT_OK


def init(args: argparse.Namespace) -> int:
    from inbox_agent.cli import initconfig

    path: Path = args.path
    if path.exists() and not args.force:
        print(f"inbox-agent: {path} already exists (use --force to overwrite)", file=sys.stderr)
        return EXIT_USAGE
    answers = initconfig.ask(input, print) if sys.stdin.isatty() else initconfig.Answers()
    text = initconfig.render(answers)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)  # it may come to hold a password
    print(initconfig.next_steps(path, answers))
    return EXIT_OK

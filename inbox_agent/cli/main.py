"""Command line: arguments → calls into the app; no logic of its own."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inbox_agent import __version__
from inbox_agent.cli.helptext import HELP
from inbox_agent.models import Status, TemplateError

if TYPE_CHECKING:
    from inbox_agent.config import Config

# The application is imported by the command that needs it, not here: `--version`, `--help`
# and a `once` with nothing to do answer without loading templates, the mail parser or the
# SMTP client.

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
# Commands that write mail: they refuse to start with a shop template that does not render.
_MAILING = ("once", "run", "check")


def _global_options(parser: argparse.ArgumentParser, top: bool) -> None:
    """-c and -v, accepted before and after the subcommand (SUPPRESS keeps the earlier one)."""
    default: dict[str, Any] = {} if top else {"default": argparse.SUPPRESS}
    parser.add_argument(
        "-c",
        "--config",
        type=Path,
        help="config file (default: $INBOX_AGENT_CONFIG, then ./config.toml)",
        **default,
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens", **default)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inbox-agent",
        description="Runs a shop's complaint mailbox: dossiers, acknowledgements, owner relay.",
        epilog="`inbox-agent COMMAND --help` explains each command, with examples.",
    )
    parser.add_argument("--version", action="version", version=f"inbox-agent {__version__}")
    _global_options(parser, top=True)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub: dict[str, argparse.ArgumentParser] = {}
    for name, (oneline, description, examples) in HELP.items():
        sub[name] = commands.add_parser(
            name,
            help=oneline,
            description=description,
            epilog="examples:\n" + "\n".join(f"  {line}" for line in examples.splitlines()),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _global_options(sub[name], top=False)
    for name in ("once", "check", "status", "dossiers", "show", "quarantine"):
        sub[name].add_argument("--json", action="store_true", help="print JSON")
    sub["status"].add_argument(
        "--offline", action="store_true", help="do not ask the IMAP server how much mail waits"
    )
    sub["dossiers"].add_argument(
        "--status", choices=[s.value for s in Status], help="only this status"
    )
    sub["show"].add_argument("reference", help="e.g. K-2026-0001")
    report = sub["report"]
    report.add_argument("--format", choices=["text", "html", "json"], default="text")
    report.add_argument(
        "--output", type=Path, help="write to this new file instead of the terminal"
    )
    report.add_argument("--force", action="store_true", help="replace an existing --output file")
    report.add_argument("--since", type=_day, help="first day (YYYY-MM-DD) of complaints received")
    report.add_argument("--until", type=_day, help="last day (YYYY-MM-DD) of complaints received")
    export = sub["export"]
    export.add_argument("reference", nargs="?", help="e.g. K-2026-0001")
    export.add_argument("--customer", metavar="EMAIL", help="everything about this customer")
    export.add_argument(
        "--output",
        type=Path,
        help="new (or empty) folder to write, or FILE.zip (default: ./export-REF); "
        "anything already there is refused, never overwritten",
    )
    export.add_argument(
        "--zip", action="store_true", help="write one .zip (--output gets .zip added if missing)"
    )
    sub["forget"].add_argument("email")
    sub["forget"].add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    sub["backup"].add_argument("dest", type=Path, help="a new folder for the copy")
    sub["login"].add_argument(
        "--server",
        choices=["imap", "smtp"],
        default="imap",
        help="whose token to get when SMTP has its own (default: imap)",
    )
    sub["init"].add_argument(
        "path", nargs="?", type=Path, default=Path("config.toml"), help="default: ./config.toml"
    )
    sub["init"].add_argument("--force", action="store_true", help="overwrite an existing file")
    sub["demo"].add_argument(
        "--output",
        type=Path,
        help="new or empty folder for the mails and dossiers (default: a temporary folder)",
    )
    sub["demo"].add_argument(
        "--keep",
        action="store_true",
        help="leave the servers running afterwards (Ctrl-C stops them)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    # Dossiers, raw mail, exports and reports hold personal data: readable by this user only.
    os.umask(0o077)
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from inbox_agent.config import ConfigError, default_config_path, load_config
    from inbox_agent.models import BackupError, OAuth2Error, OutputExists
    from inbox_agent.store import StoreError, StoreLocked

    if args.command == "demo":
        from inbox_agent.cli.demo import run_demo
        from inbox_agent.register import outputs

        try:
            if args.output:
                outputs.refuse_existing(args.output, folder=True)
        except OutputExists as exc:
            print(f"inbox-agent: {exc}", file=sys.stderr)
            return EXIT_USAGE
        return run_demo(output=args.output, keep=args.keep)
    try:
        if args.command == "init":
            return _init(args)
        config = load_config(args.config or default_config_path())
        if args.command in _MAILING and config.storage.templates_dir is not None:
            from inbox_agent.letters.template_check import check_templates  # loads the templates

            check_templates(config)  # a broken override must not fail letter after letter
        return _COMMANDS[args.command](config, args)
    except ConfigError as exc:
        print(f"inbox-agent: config error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StoreLocked as exc:
        print(f"inbox-agent: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except (StoreError, TemplateError, BackupError, OAuth2Error) as exc:
        print(f"inbox-agent: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except OutputExists as exc:
        print(f"inbox-agent: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _once(config: Config, args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from inbox_agent.cli import progress
    from inbox_agent.run.cycle import run_once

    with progress.bar("reading mail") as advance:
        report = run_once(config, progress=advance)
    if args.json:
        facts = asdict(report)
        facts["next_due"] = report.next_due.isoformat() if report.next_due else None
        _print_json(facts)
    else:
        print(report)
    return EXIT_FAILURE if report.errors else EXIT_OK


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-01") from None


def _report(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.register import outputs
    from inbox_agent.register.printouts import report_html
    from inbox_agent.register.report import as_json, as_text, build_report
    from inbox_agent.store import Store

    store = Store.read(config.storage.path)
    figures = build_report(
        store.all_dossiers(),
        args.since,
        args.until,
        config.shop.tz,
        config.reports.signal_window.seconds // 86400,
        config.reports.signal_threshold,
    )
    if args.format == "json":
        text = as_json(figures, config.shop.language)
    elif args.format == "html":
        text = report_html(figures, config)
    else:
        text = as_text(figures, config.shop.name, config.shop.language)
    if args.output:
        outputs.write_file(args.output, text.encode("utf-8"), replace=args.force)
        print(f"report written to {args.output}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _export(config: Config, args: argparse.Namespace) -> int:
    if bool(args.reference) == bool(args.customer):
        print(
            "inbox-agent: export needs a REFERENCE or --customer EMAIL (one of them)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from inbox_agent.cli import progress
    from inbox_agent.register import privacy
    from inbox_agent.store import Store

    store = Store.read(config.storage.path)
    if args.customer:
        chosen = privacy.dossiers_of(store, args.customer)
        quarantined = [
            q for q in store.quarantined() if (q.get("from") or "").lower() == args.customer.lower()
        ]
        name = "export-" + args.customer.replace("@", "_at_")
    else:
        dossier = store.dossier(args.reference.strip().upper())
        if not dossier:
            print(f"inbox-agent: no dossier {args.reference!r}", file=sys.stderr)
            return EXIT_FAILURE
        chosen, quarantined, name = [dossier], [], f"export-{dossier['reference']}"
    with progress.bar("exporting") as advance:
        written = privacy.export(
            store, config, chosen, args.output or Path(name), args.zip, quarantined, advance
        )
    print(f"{len(chosen)} dossier(s) exported to {written}")
    return EXIT_OK


def _forget(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.register import privacy
    from inbox_agent.run.cycle import utcnow
    from inbox_agent.store import Store

    with Store.open(config.storage.path) as store:
        found = privacy.dossiers_of(store, args.email)
        refs = ", ".join(d["reference"] for d in found) or "no dossiers"
        if not args.yes:
            if not sys.stdin.isatty():
                print(
                    "inbox-agent: forget asks for confirmation; pass --yes in scripts",
                    file=sys.stderr,
                )
                return EXIT_USAGE
            answer = input(
                f"Erase all personal data of {args.email} ({refs})? This cannot be "
                "undone. Type 'yes': "
            )
            if answer.strip().lower() != "yes":
                print("nothing erased")
                return EXIT_OK
        result = privacy.forget(store, args.email, utcnow())
    print(
        f"erased {len(result.dossiers)} dossier(s) ({', '.join(result.dossiers) or '-'}), "
        f"{result.quarantined_removed} quarantined mail(s), {result.files_removed} file(s)"
    )
    return EXIT_OK


def _run(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.run.service import run_service

    return run_service(config)


def _check(config: Config, args: argparse.Namespace) -> int:
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
    if args.json:
        _print_json(
            {"config": str(config.source), "ok": ok, "data_folder": folder, "servers": servers}
        )
        return EXIT_OK if ok else EXIT_FAILURE
    print(f"config {config.source}: ok")
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
        until = f", token valid until {_local(expires, config)}" if expires else ""
        line += f"; logged in with {login} (token from {facts['token_source']}{until})"
    elif login != "none":
        line += f"; logged in with {login}"
    return line


def _local(moment: str | None, config: Config) -> str:
    """An ISO time as the shop reads it: its own time zone, to the minute."""
    if not moment:
        return "-"
    try:
        parsed = datetime.fromisoformat(moment)
    except ValueError:
        return moment
    if parsed.tzinfo is None:
        return moment[:16]
    return parsed.astimezone(config.shop.tz).strftime("%Y-%m-%d %H:%M")


def _status(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.run import status

    facts = status.collect(config, ask_server=not args.offline)
    if args.json:
        _print_json(facts)
        return EXIT_OK
    waiting = (
        str(facts["mail_waiting"])
        if facts["mail_waiting"] is not None
        else f"unknown ({facts['mail_waiting_error']})"
        if facts["mail_waiting_error"]
        else "not asked"
    )
    due = facts["next_due"]
    print(f"last cycle:        {_local(facts['last_cycle_at'], config)}")
    print(f"last good cycle:   {_local(facts['last_good_cycle_at'], config)}")
    for error in facts["last_errors"]:
        print(f"  error: {error}")
    for server, since in facts["login_refused"].items():
        print(f"  {server} login refused since {_local(since, config)}: run `inbox-agent login`")
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
                f"renewed {_local(token['obtained_at'], config)}, access token valid until "
                f"{_local(token['access_token_expires_at'], config)}"
                if token["saved"]
                else "not there yet: run `inbox-agent login`"
            )
        )
    print(
        "next due step:     "
        + (f"{due['step']} of {due['reference']} at {_local(due['at'], config)}" if due else "-")
    )
    return EXIT_OK


def _backup(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.store import backup

    result = backup.backup(config.storage.path, args.dest, say=print)
    how = "under the lock" if result["locked"] else "as a checked snapshot"
    print(f"backed up {config.storage.path} to {result['dest']} ({result['files']} files, {how})")
    return EXIT_OK


def _login(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.config import ConfigError
    from inbox_agent.mail import login

    server = config.imap if args.server == "imap" else config.smtp
    settings = server.oauth2
    if server.auth != "oauth2" or settings is None or settings.token_command:
        raise ConfigError(
            f'{args.server}.auth: `login` is for auth = "oauth2" with the built-in flow '
            "(provider, client_id, refresh_token_file); a token_command gets its own tokens"
        )
    stored = login.login(settings, server.username, say=print)
    expires = _local(stored.get("expires_at"), config)
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


def _init(args: argparse.Namespace) -> int:
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


def _dossiers(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.dossier.record import summary
    from inbox_agent.store import Store

    store = Store.read(config.storage.path)
    rows = [
        summary(d)
        for d in store.all_dossiers()
        if args.status is None or d["status"] == args.status
    ]
    if args.json:
        _print_json(rows)
        return EXIT_OK
    for row in rows:
        print(
            f"{row['reference']:<14} {row['status']:<13} {_local(row['received_at'], config):<17} "
            f"{row['customer_email']:<32} {row['subject'][:50]}"
        )
    print(f"{len(rows)} dossier(s)")
    return EXIT_OK


def _show(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.store import Store

    store = Store.read(config.storage.path)
    dossier = store.dossier(args.reference.strip().upper())
    if not dossier:
        print(f"inbox-agent: no dossier {args.reference!r}", file=sys.stderr)
        return EXIT_FAILURE
    if args.json:
        from inbox_agent.register.privacy import with_texts

        _print_json(with_texts(store, dossier))
        return EXIT_OK
    customer = dossier["customer"]
    print(f"{dossier['reference']}  {dossier['status']}  {dossier['subject']}")
    print(
        f"customer: {customer['name']} <{customer['email']}>  phone: {customer['phone'] or '-'}  "
        f"address: {customer['address'] or '-'}"
    )
    print(
        f"received: {_local(dossier['received_at'], config)} by {dossier['channel']}; "
        f"acknowledged: {_local(dossier['acknowledged_at'], config)}; "
        f"deadline: {dossier['deadline'] or '-'}"
    )
    print(f"missing: {', '.join(dossier['missing']) or 'nothing'}")
    for field, value in dossier["fields"].items():
        print(f"  {field}: {value[:100]}")
    print("messages:")
    for message in dossier["messages"]:
        arrow = "<-" if message["direction"] == "in" else "->"
        when = _local(message["date"], config)
        print(f"  {when} {arrow} {message['kind']:<16} {message['subject'][:60]}")
    print("events:")
    for event in dossier["events"]:
        when = _local(event["at"], config)
        print(f"  {when} {event['actor']}: {event['type']}: {event['text'][:100]}")
    return EXIT_OK


def _quarantine(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.store import Store

    store = Store.read(config.storage.path)
    entries: list[dict[str, Any]] = [
        {
            k: e.get(k)
            for k in (
                "message_id",
                "from",
                "subject",
                "received_at",
                "reason",
                "archive",
                "kind",
                "reference",
            )
        }
        for e in store.quarantined()
    ]
    if args.json:
        _print_json(entries)
        return EXIT_OK
    for entry in entries:
        print(
            f"{_local(entry['received_at'], config)}  {entry['from'] or '-':<32} "
            f"{str(entry['subject'])[:40]:<40} "
            f"{entry['reason']}"
        )
    print(f"{len(entries)} quarantined mail(s)")
    return EXIT_OK


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    print()


_COMMANDS = {
    "once": _once,
    "run": _run,
    "check": _check,
    "dossiers": _dossiers,
    "show": _show,
    "quarantine": _quarantine,
    "report": _report,
    "export": _export,
    "forget": _forget,
    "status": _status,
    "backup": _backup,
    "login": _login,
}

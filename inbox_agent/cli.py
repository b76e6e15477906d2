"""Command line: arguments → calls into the app; no logic of its own."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from inbox_agent import __version__, inbox, mailer
from inbox_agent.app import run_once
from inbox_agent.compose import TemplateError
from inbox_agent.config import Config, ConfigError, default_config_path, load_config
from inbox_agent.dossiers import summary
from inbox_agent.models import Status
from inbox_agent.store import Store, StoreError, StoreLocked

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inbox-agent",
        description="Runs a shop's complaint mailbox: dossiers, acknowledgements, owner relay.",
    )
    parser.add_argument("--version", action="version", version=f"inbox-agent {__version__}")
    parser.add_argument(
        "-c",
        "--config",
        type=Path,
        help="config file (default: $INBOX_AGENT_CONFIG, then ./config.toml)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser(
        "once", help="one full cycle (read mail, process, send due mail), then exit"
    )
    commands.add_parser(
        "run", help="long-running service (IMAP IDLE where offered); SIGTERM stops it cleanly"
    )
    commands.add_parser("check", help="validate the config and log in to IMAP and SMTP")
    listing = commands.add_parser("dossiers", help="list dossiers")
    listing.add_argument("--status", choices=[s.value for s in Status], help="only this status")
    listing.add_argument("--json", action="store_true", help="print JSON")
    show = commands.add_parser("show", help="one dossier in full")
    show.add_argument("reference", help="e.g. K-2026-0001")
    show.add_argument("--json", action="store_true", help="print JSON")
    quarantine = commands.add_parser(
        "quarantine", help="mail that belongs to no dossier, with reasons"
    )
    quarantine.add_argument("--json", action="store_true", help="print JSON")
    demo = commands.add_parser("demo", help="the whole process on embedded local servers, no setup")
    demo.add_argument(
        "--output", type=Path, help="folder for the mails and dossiers (default: temp)"
    )
    demo.add_argument(
        "--keep",
        action="store_true",
        help="leave the servers running afterwards (Ctrl-C stops them)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.command == "demo":
        from inbox_agent.demo import run_demo

        return run_demo(output=args.output, keep=args.keep)
    try:
        config = load_config(args.config or default_config_path())
        return _COMMANDS[args.command](config, args)
    except ConfigError as exc:
        print(f"inbox-agent: config error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StoreLocked as exc:
        print(f"inbox-agent: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except (StoreError, TemplateError) as exc:
        print(f"inbox-agent: {exc}", file=sys.stderr)
        return EXIT_FAILURE


def _once(config: Config, args: argparse.Namespace) -> int:
    report = run_once(config)
    print(report)
    return EXIT_FAILURE if report.errors else EXIT_OK


def _run(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.service import run_service

    return run_service(config)


def _check(config: Config, args: argparse.Namespace) -> int:
    print(f"config {config.source}: ok")
    failed = False
    for name, probe in (
        ("IMAP", lambda: inbox.check(config.imap)),
        ("SMTP", lambda: mailer.check(config.smtp)),
    ):
        try:
            print(probe())
        except (inbox.ImapUnavailable, mailer.SmtpUnavailable) as exc:
            print(f"{name}: FAILED: {exc}")
            failed = True
    return EXIT_FAILURE if failed else EXIT_OK


def _dossiers(config: Config, args: argparse.Namespace) -> int:
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
            f"{row['reference']:<14} {row['status']:<13} {row['received_at'][:16]:<17} "
            f"{row['customer_email']:<32} {row['subject'][:50]}"
        )
    print(f"{len(rows)} dossier(s)")
    return EXIT_OK


def _show(config: Config, args: argparse.Namespace) -> int:
    dossier = Store.read(config.storage.path).dossier(args.reference.strip().upper())
    if not dossier:
        print(f"inbox-agent: no dossier {args.reference!r}", file=sys.stderr)
        return EXIT_FAILURE
    if args.json:
        _print_json(dossier)
        return EXIT_OK
    customer = dossier["customer"]
    print(f"{dossier['reference']}  {dossier['status']}  {dossier['subject']}")
    print(
        f"customer: {customer['name']} <{customer['email']}>  phone: {customer['phone'] or '-'}  "
        f"address: {customer['address'] or '-'}"
    )
    print(
        f"received: {dossier['received_at']} by {dossier['channel']}; "
        f"acknowledged: {dossier['acknowledged_at'] or '-'}; deadline: {dossier['deadline'] or '-'}"
    )
    print(f"missing: {', '.join(dossier['missing']) or 'nothing'}")
    for field, value in dossier["fields"].items():
        print(f"  {field}: {value[:100]}")
    print("messages:")
    for message in dossier["messages"]:
        arrow = "<-" if message["direction"] == "in" else "->"
        print(f"  {message['date'][:16]} {arrow} {message['kind']:<16} {message['subject'][:60]}")
    print("events:")
    for event in dossier["events"]:
        print(f"  {event['at'][:16]} {event['actor']}: {event['type']}: {event['text'][:100]}")
    return EXIT_OK


def _quarantine(config: Config, args: argparse.Namespace) -> int:
    store = Store.read(config.storage.path)
    entries = [
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
            f"{str(entry['received_at'])[:16]}  {entry['from'] or '-':<32} "
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
}

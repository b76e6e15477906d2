"""Command line: arguments → calls into the app; no logic of its own."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from inbox_agent import __version__, inbox, mailer, outputs, privacy
from inbox_agent.app import run_once, utcnow
from inbox_agent.compose import TemplateError
from inbox_agent.config import Config, ConfigError, default_config_path, load_config
from inbox_agent.dossiers import summary
from inbox_agent.models import Status
from inbox_agent.printouts import report_html
from inbox_agent.report import as_json, as_text, build_report
from inbox_agent.store import Store, StoreError, StoreLocked
from inbox_agent.template_check import check_templates

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
# Commands that write mail: they refuse to start with a shop template that does not render.
_MAILING = ("once", "run", "check")


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
    report = commands.add_parser("report", help="figures and structural signals from the register")
    report.add_argument("--format", choices=["text", "html", "json"], default="text")
    report.add_argument(
        "--output", type=Path, help="write to this new file instead of the terminal"
    )
    report.add_argument("--force", action="store_true", help="replace an existing --output file")
    report.add_argument("--since", type=_day, help="first day (YYYY-MM-DD) of complaints received")
    report.add_argument("--until", type=_day, help="last day (YYYY-MM-DD) of complaints received")
    export = commands.add_parser(
        "export", help="a dossier (or all of a customer's) as JSON, printable HTML and raw mail"
    )
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
    forget = commands.add_parser(
        "forget", help="erase a customer's personal data and raw mail (asks for confirmation)"
    )
    forget.add_argument("email")
    forget.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    demo = commands.add_parser("demo", help="the whole process on embedded local servers, no setup")
    demo.add_argument(
        "--output",
        type=Path,
        help="new or empty folder for the mails and dossiers (default: a temporary folder)",
    )
    demo.add_argument(
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
    if args.command == "demo":
        from inbox_agent.demo import run_demo

        try:
            if args.output:
                outputs.refuse_existing(args.output, folder=True)
        except outputs.OutputExists as exc:
            print(f"inbox-agent: {exc}", file=sys.stderr)
            return EXIT_USAGE
        return run_demo(output=args.output, keep=args.keep)
    try:
        config = load_config(args.config or default_config_path())
        if args.command in _MAILING:
            check_templates(config)  # a broken override must not fail letter after letter
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
    except outputs.OutputExists as exc:
        print(f"inbox-agent: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _once(config: Config, args: argparse.Namespace) -> int:
    report = run_once(config)
    print(report)
    return EXIT_FAILURE if report.errors else EXIT_OK


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-01") from None


def _report(config: Config, args: argparse.Namespace) -> int:
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
    written = privacy.export(
        store, config, chosen, args.output or Path(name), args.zip, quarantined
    )
    print(f"{len(chosen)} dossier(s) exported to {written}")
    return EXIT_OK


def _forget(config: Config, args: argparse.Namespace) -> int:
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
    from inbox_agent.service import run_service

    return run_service(config)


def _check(config: Config, args: argparse.Namespace) -> int:
    print(f"config {config.source}: ok")
    line, failed = outputs.check_data_folder(config.storage.path)
    print(line)
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
    store = Store.read(config.storage.path)
    dossier = store.dossier(args.reference.strip().upper())
    if not dossier:
        print(f"inbox-agent: no dossier {args.reference!r}", file=sys.stderr)
        return EXIT_FAILURE
    if args.json:
        _print_json(store.with_texts(dossier))
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
    "report": _report,
    "export": _export,
    "forget": _forget,
}

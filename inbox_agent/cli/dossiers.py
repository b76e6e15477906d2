"""The commands that read and keep the register: dossiers, show, quarantine, report, export, forget.

Each takes the loaded config and the parsed arguments and returns the exit code; the store is
read without its lock, except by `forget`, which writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inbox_agent.cli.output import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, local_time, print_json

if TYPE_CHECKING:
    from inbox_agent.config import Config


def dossiers(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.dossier.record import summary
    from inbox_agent.store import Store

    store = Store.read(config.storage.path)
    rows = [
        summary(d)
        for d in store.all_dossiers()
        if args.status is None or d["status"] == args.status
    ]
    if args.json:
        print_json(rows)
        return EXIT_OK
    for row in rows:
        print(
            f"{row['reference']:<14} {row['status']:<13} {local_time(row['received_at'], config):<17} "
            f"{row['customer_email']:<32} {row['subject'][:50]}"
        )
    print(f"{len(rows)} dossier(s)")
    return EXIT_OK


def show(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.store import Store

    store = Store.read(config.storage.path)
    dossier = store.dossier(args.reference.strip().upper())
    if not dossier:
        print(f"inbox-agent: no dossier {args.reference!r}", file=sys.stderr)
        return EXIT_FAILURE
    if args.json:
        from inbox_agent.register.privacy import with_texts

        print_json(with_texts(store, dossier))
        return EXIT_OK
    customer = dossier["customer"]
    print(f"{dossier['reference']}  {dossier['status']}  {dossier['subject']}")
    print(
        f"customer: {customer['name']} <{customer['email']}>  phone: {customer['phone'] or '-'}  "
        f"address: {customer['address'] or '-'}"
    )
    print(
        f"received: {local_time(dossier['received_at'], config)} by {dossier['channel']}; "
        f"acknowledged: {local_time(dossier['acknowledged_at'], config)}; "
        f"deadline: {dossier['deadline'] or '-'}"
    )
    print(f"missing: {', '.join(dossier['missing']) or 'nothing'}")
    if stopped := dossier.get("stopped"):
        print(
            f"correspondence ended: {local_time(stopped['at'], config)} by {stopped['by']}; "
            f"later mails filed unanswered: {stopped.get('later', 0)}"
        )
    for field, value in dossier["fields"].items():
        print(f"  {field}: {value[:100]}")
    print("messages:")
    for message in dossier["messages"]:
        arrow = "<-" if message["direction"] == "in" else "->"
        when = local_time(message["date"], config)
        print(f"  {when} {arrow} {message['kind']:<16} {message['subject'][:60]}")
    print("events:")
    for event in dossier["events"]:
        when = local_time(event["at"], config)
        print(f"  {when} {event['actor']}: {event['type']}: {event['text'][:100]}")
    return EXIT_OK


def quarantine(config: Config, args: argparse.Namespace) -> int:
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
        print_json(entries)
        return EXIT_OK
    for entry in entries:
        print(
            f"{local_time(entry['received_at'], config)}  {entry['from'] or '-':<32} "
            f"{str(entry['subject'])[:40]:<40} "
            f"{entry['reason']}"
        )
    print(f"{len(entries)} quarantined mail(s)")
    return EXIT_OK


def report(config: Config, args: argparse.Namespace) -> int:
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


def export(config: Config, args: argparse.Namespace) -> int:
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
    if args.json:
        print_json({"dossiers": [d["reference"] for d in chosen], "written": str(written)})
        return EXIT_OK
    print(f"{len(chosen)} dossier(s) exported to {written}")
    return EXIT_OK


def forget(config: Config, args: argparse.Namespace) -> int:
    from inbox_agent.register import privacy
    from inbox_agent.run.cycle import utcnow
    from inbox_agent.store import Store

    with Store.open(config.storage.path) as store:
        if not privacy.holds_anything_of(store, args.email):
            near = privacy.near_matches(store, args.email)
            hint = f"; did you mean {' or '.join(near)}?" if near else ""
            print(
                f"inbox-agent: nothing of {args.email} in the register (no dossier, no "
                f"quarantined mail); nothing erased{hint}",
                file=sys.stderr,
            )
            return EXIT_FAILURE
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
    if args.json:
        print_json(
            {
                "dossiers": result.dossiers,
                "quarantined_removed": result.quarantined_removed,
                "files_removed": result.files_removed,
            }
        )
        return EXIT_OK
    print(
        f"erased {len(result.dossiers)} dossier(s) ({', '.join(result.dossiers) or '-'}), "
        f"{result.quarantined_removed} quarantined mail(s), {result.files_removed} file(s)"
    )
    return EXIT_OK

"""The command line's grammar: the subcommands, their options and their help (from helptext)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from inbox_agent import __version__
from inbox_agent.cli.helptext import HELP
from inbox_agent.models import Status


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
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="log what the agent does, debug lines included (not the libraries')",
        **default,
    )


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
    sub["once"].add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing, not even what the cycle did (failures are still logged)",
    )
    sub["status"].add_argument(
        "--offline", action="store_true", help="do not ask the IMAP server how much mail waits"
    )
    sub["dossiers"].add_argument(
        "--status",
        type=status,
        metavar="S",
        help="only this status: "
        + ", ".join(s.value.replace("_", "-") for s in Status)
        + " (in_progress and in-progress alike)",
    )
    sub["show"].add_argument("reference", help="e.g. K-2026-0001")
    report = sub["report"]
    report.add_argument("--format", choices=["text", "html", "json"], default="text")
    report.add_argument(
        "--json",
        action="store_const",
        dest="format",
        const="json",
        help="print JSON (the same as --format json)",
    )
    report.add_argument(
        "--output", type=Path, help="write to this new file instead of the terminal"
    )
    report.add_argument("--force", action="store_true", help="replace an existing --output file")
    report.add_argument("--since", type=day, help="first day (YYYY-MM-DD) of complaints received")
    report.add_argument("--until", type=day, help="last day (YYYY-MM-DD) of complaints received")
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
    for name in ("forget", "backup", "export"):
        sub[name].add_argument("--json", action="store_true", help="say what was done in JSON")
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


def status(text: str) -> str:
    """A status as stored, from either spelling: `in-progress`, `in_progress`, `In_Progress`."""
    value = text.strip().lower().replace("-", "_").replace(" ", "_")
    if value not in {s.value for s in Status}:
        known = ", ".join(s.value.replace("_", "-") for s in Status)
        raise argparse.ArgumentTypeError(f"{text!r} is not a status; one of: {known}")
    return value


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-01") from None

"""Command line: arguments → calls into the app; no logic of its own.

The grammar is in parser.py, the commands in operate.py (running the agent) and dossiers.py
(the register); this module picks the command and turns known errors into exit codes.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from inbox_agent.cli import dossiers, logs, operate
from inbox_agent.cli.output import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_USAGE
from inbox_agent.cli.parser import build_parser
from inbox_agent.models import TemplateError

# The application is imported by the command that needs it, not here: `--version`, `--help`
# and a `once` with nothing to do answer without loading templates, the mail parser or the
# SMTP client.

# Commands that write mail: they refuse to start with a shop template that does not render.
_MAILING = ("once", "run", "check")
# Commands that write the data folder: only its owner may run them (see ownership.py).
_WRITING = ("once", "run", "forget")
# Commands whose output may be pointed into the data folder (--output, DEST).
_OUTPUT = {"export": "output", "report": "output", "backup": "dest"}


def main(argv: list[str] | None = None) -> int:
    # Dossiers, raw mail, exports and reports hold personal data: readable by this user only.
    os.umask(0o077)
    parser = build_parser()
    args = parser.parse_args(argv)
    logs.setup(args.verbose)
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
            return operate.init(args)
        config = load_config(args.config or default_config_path())
        refused = _foreign_user(config.storage.path, args)
        if refused:
            print(f"inbox-agent: {refused}", file=sys.stderr)
            return EXIT_USAGE
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
    except (KeyboardInterrupt, EOFError):
        # Ctrl-C, or Ctrl-D at a question: one line, the shell's code for an interrupt.
        print("\ninbox-agent: interrupted; nothing more was done", file=sys.stderr)
        return EXIT_INTERRUPTED


def _foreign_user(folder: Path, args: argparse.Namespace) -> str | None:
    """Why this command must not run as this user (another user's data folder), or None."""
    from inbox_agent.cli import ownership

    uid = os.geteuid()
    if args.command in _WRITING:
        return ownership.refusal(folder, uid)
    target = getattr(args, _OUTPUT.get(args.command, ""), None)
    if args.command == "export" and target is None:
        target = Path.cwd()  # the default ./export-REF
    return ownership.refusal(folder, uid, target) if target is not None else None


_COMMANDS = {
    "once": operate.once,
    "run": operate.run,
    "check": operate.check,
    "dossiers": dossiers.dossiers,
    "show": dossiers.show,
    "quarantine": dossiers.quarantine,
    "report": dossiers.report,
    "export": dossiers.export,
    "forget": dossiers.forget,
    "status": operate.status,
    "backup": operate.backup,
    "login": operate.login,
}

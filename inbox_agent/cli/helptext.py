"""What `inbox-agent COMMAND --help` says: a line, a description and examples per command."""

from __future__ import annotations

# Each subcommand: (one-line help, description, examples). The examples appear in its --help.
HELP: dict[str, tuple[str, str, str]] = {
    "once": (
        "one full cycle (read mail, process, send due mail), then exit",
        "Reads new mail, opens or threads dossiers, sends acknowledgements and notifications, "
        "does what is due and retries what could not be sent; then exits. For cron and "
        "systemd timers: prints nothing when nothing happened and one line when something "
        "did (--quiet: not even that); each failure is logged once on stderr. Exit 1 when a "
        "server could not be reached (the cycle still did what it could); exit 0 with a log "
        "line when another inbox-agent is still working. SIGTERM or Ctrl-C finishes the mail "
        "being read and the mails on the wire, records what was sent and exits 0; the rest "
        "waits for the next run. Run it as the data folder's owner.",
        "inbox-agent -c /srv/inbox-agent/config.toml once --quiet\n"
        "inbox-agent once 2>&1 | logger -t inbox-agent\ninbox-agent once --json",
    ),
    "run": (
        "long-running service (IMAP IDLE where offered); SIGTERM stops it cleanly",
        "Stays running: new mail is answered within seconds through IMAP IDLE (polling "
        "every timing.poll_interval otherwise), due steps wake it at their time. SIGTERM "
        "finishes the current step (a mail, the mails on the wire) and exits 0. Use contrib/inbox-agent.service.",
        "inbox-agent -c config.toml run -v",
    ),
    "check": (
        "validate the config and log in to IMAP and SMTP",
        "Loads the config (a mistake is named by its key), logs in to both servers as a cycle "
        "would and says how: password or OAuth2 (XOAUTH2/OAUTHBEARER, with the token's "
        "expiry), IDLE or polling, and how processed mail is marked. Warns when other users "
        "may read the data folder, or a config file that holds a password.",
        "inbox-agent check\ninbox-agent check --json",
    ),
    "status": (
        "last good cycle, mail waiting, outbox, quarantine, next due step",
        "How the agent is doing, from a snapshot of the store (works while the service "
        "runs): when a cycle last went well, how many mails wait in the IMAP folder, what "
        "waits in the outbox, the quarantine, and the next step the dossiers are due for. "
        "Exit 1 when no cycle has gone well yet or none in three poll intervals (for "
        "monitoring).",
        "inbox-agent status\ninbox-agent status --json --offline",
    ),
    "dossiers": (
        "list dossiers",
        "One line per dossier (times in the shop's time zone), or JSON.",
        "inbox-agent dossiers --status in-progress\ninbox-agent dossiers --json",
    ),
    "show": (
        "one dossier in full",
        "The dossier's data, messages and events (times in the shop's time zone), or JSON.",
        "inbox-agent show K-2026-0001\ninbox-agent show K-2026-0001 --json",
    ),
    "quarantine": (
        "mail that belongs to no dossier, with reasons",
        "Automatic replies, unmatched bounces, list mail, spam and unreadable mail, each "
        "with the reason and where its raw mail is archived.",
        "inbox-agent quarantine\ninbox-agent quarantine --json",
    ),
    "report": (
        "figures and structural signals from the register",
        "Complaints per month, answer times, promises kept, resolutions, causes, "
        "satisfaction and recurring problems.",
        "inbox-agent report --since 2026-01-01\n"
        "inbox-agent report --format html --output report.html\ninbox-agent report --json",
    ),
    "export": (
        "a dossier (or all of a customer's) as JSON, printable HTML and raw mail",
        "For a disputes committee or a subject access request.",
        "inbox-agent export K-2026-0001 --zip\n"
        "inbox-agent export --customer piet@example.nl --output piet/",
    ),
    "forget": (
        "erase a customer's personal data and raw mail (asks for confirmation)",
        "Anonymises the customer's dossiers and deletes their raw mail, attachments and "
        "quarantined mail; records that an erasure happened. An address the register does "
        "not hold: nothing erased, exit 1, with the near matches it does hold.",
        "inbox-agent forget piet@example.nl\ninbox-agent forget piet@example.nl --yes",
    ),
    "backup": (
        "a consistent copy of the data folder, also while `run` runs",
        "Copies storage.path to DEST (a new folder): under the store's lock when no agent "
        "works, otherwise as a snapshot that is checked with the store's own reader.",
        "inbox-agent backup /var/backups/inbox-agent/$(date +%F)",
    ),
    "login": (
        "get the first OAuth2 token for Microsoft 365 or Google",
        'For auth = "oauth2" with the built-in refresh-token flow: signs the mailbox in '
        "(Microsoft: a code to type at microsoft.com/devicelogin; Google: a browser page) "
        "and stores the refresh token in refresh_token_file (mode 0600). Ctrl-C while it "
        "waits stops it (exit 130).",
        "inbox-agent -c config.toml login",
    ),
    "init": (
        "write a commented config.toml and say what to do next",
        "Writes the example config with the shop's answers filled in (asked on a terminal; "
        "the example's values otherwise) and lists the next steps.",
        "inbox-agent init\ninbox-agent init /srv/inbox-agent/config.toml",
    ),
    "demo": (
        "the whole process on embedded local servers, no setup",
        "Runs a bicycle shop's complaint mailbox on loopback IMAP and SMTP servers: "
        "complaints, acknowledgements, the owner's replies and commands, evaluations.",
        "inbox-agent demo\ninbox-agent demo --keep",
    ),
}

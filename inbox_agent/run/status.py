"""`inbox-agent status`: how the agent is doing, read from a snapshot of the store and health.json.

Safe while the service runs: the store is read without its lock, and the only server contact
is an optional look at how many mails wait in the IMAP folder.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from inbox_agent.config import Config
from inbox_agent.mail import oauth2
from inbox_agent.mail.inbox import ImapUnavailable, Inbox
from inbox_agent.models import Dossier
from inbox_agent.run import health
from inbox_agent.store import Store

# The due steps (run/due.py's STEPS) as an admin reads them.
STEP_WORDS = {
    "escalate_at": "tell the deputy nobody answered",
    "deadline_warn_at": "warn that the answer date is near",
    "deadline_missed_at": "report the missed answer date",
    "reminder_at": "remind the handler",
    "agreement_missed_at": "count an unconfirmed agreement as broken",
    "broken_escalate_at": "tell the deputy of a broken promise",
    "progress_at": "send the customer a progress update",
    "evaluation_at": "ask the customer for an evaluation",
    "close_at": "close the dossier",
}
# A monitor may call the agent stuck when no cycle went well for this many poll intervals.
STALE_AFTER_POLLS = 3


def step_words(step: str) -> str:
    return STEP_WORDS.get(step, step.removesuffix("_at").replace("_", " "))


def healthy(facts: dict[str, Any], config: Config, now: datetime) -> str | None:
    """Why a monitor should worry (no good cycle ever, or none for three poll intervals), or
    None when all is well."""
    last_good = facts.get("last_good_cycle_at")
    if not last_good:
        return "no cycle has gone well yet"
    poll = config.timing.poll_interval.seconds or 60
    limit = timedelta(seconds=STALE_AFTER_POLLS * poll)
    age = now - datetime.fromisoformat(last_good)
    if age > limit:
        minutes = int(age.total_seconds() // 60)
        return (
            f"the last good cycle was {minutes} minute(s) ago, more than {STALE_AFTER_POLLS} "
            f"poll intervals ({limit.total_seconds() / 60:g} minutes)"
        )
    return None


def collect(config: Config, ask_server: bool = True) -> dict[str, Any]:
    """The facts `status` shows; times are ISO 8601 with offset, as stored."""
    store = Store.read(config.storage.path)
    kept = health.read(config.storage.path)
    open_dossiers = store.open_dossiers()
    facts: dict[str, Any] = {
        "last_cycle_at": kept.get("last_cycle_at"),
        "last_good_cycle_at": kept.get("last_good_cycle_at"),
        "last_errors": kept.get("last_errors", []),
        "login_refused": kept.get("login_refused", {}),
        "open_dossiers": len(open_dossiers),
        "outbox": {
            "pending": len(store.outbox_entries("pending")),
            "failed": len(store.outbox_entries("failed")),
        },
        "quarantine": len(store.quarantined()),
        "next_due": next_due(open_dossiers),
        "mail_waiting": None,
        "mail_waiting_error": None,
        "oauth2_token": oauth2.token_status(config.imap.oauth2) if config.imap.oauth2 else None,
    }
    if ask_server:
        try:
            facts["mail_waiting"] = mail_waiting(config, store)
        except ImapUnavailable as exc:
            facts["mail_waiting_error"] = str(exc)
    return facts


def next_due(dossiers: list[Dossier]) -> dict[str, Any] | None:
    """The earliest stored due step over all open dossiers: which dossier, which step, when."""
    steps = [
        (datetime.fromisoformat(at), dossier["reference"], step)
        for dossier in dossiers
        for step, at in (dossier.get("due") or {}).items()
        if at
    ]
    if not steps:
        return None
    at, reference, step = min(steps)
    return {"reference": reference, "step": step, "words": step_words(step), "at": at.isoformat()}


def mail_waiting(config: Config, store: Store) -> int:
    """Mails in the IMAP folder that the agent has not read yet."""
    state = store.mailbox_state(config.imap.folder)
    with Inbox(config.imap) as inbox:
        assert inbox.info is not None
        rebaseline = state["uidvalidity"] != inbox.info.uidvalidity
        uids = inbox.unprocessed_uids(0 if rebaseline else state["last_uid"], rebaseline)
    return len(uids)

"""`inbox-agent status`: how the agent is doing, read from a snapshot of the store and health.json.

Safe while the service runs: the store is read without its lock, and the only server contact
is an optional look at how many mails wait in the IMAP folder.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from inbox_agent.config import Config
from inbox_agent.mail import oauth2
from inbox_agent.mail.inbox import ImapUnavailable, Inbox
from inbox_agent.models import Dossier
from inbox_agent.run import health
from inbox_agent.store import Store


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
    return {"reference": reference, "step": step, "at": at.isoformat()}


def mail_waiting(config: Config, store: Store) -> int:
    """Mails in the IMAP folder that the agent has not read yet."""
    state = store.mailbox_state(config.imap.folder)
    with Inbox(config.imap) as inbox:
        assert inbox.info is not None
        rebaseline = state["uidvalidity"] != inbox.info.uidvalidity
        uids = inbox.unprocessed_uids(0 if rebaseline else state["last_uid"], rebaseline)
    return len(uids)

"""The dossier document: opened, mail and events recorded; pure functions on plain dicts (what
TinyDB stores). Its status changes only through `lifecycle`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from inbox_agent.dossier.history import add_event as add_event
from inbox_agent.dossier.history import iso as iso
from inbox_agent.models import (
    INTERNAL_KINDS,
    Dossier,
    Mail,
    MailKind,
    OutgoingMail,
    Status,
    outgoing_path,
)


def format_reference(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year:04d}-{number:04d}"


def open_dossier(
    reference: str,
    mail: Mail,
    archive: str,
    now: datetime,
    channel: str = "mail",
    forwarded_for: str | None = None,
    text: str | None = None,
    default_language: str = "nl",
    region: str = "NL",
) -> Dossier:
    """A new dossier for a complaint; the registered data comes from what the customer wrote.

    `forwarded_for` is the customer's address when the owner forwards a complaint that came in
    by phone, letter or at the counter; then `text` is what the owner forwarded.
    """
    from inbox_agent.dossier import registration  # its patterns load with the first mail read
    from inbox_agent.reading.feelings import read_feelings

    body = mail.text if text is None else text
    language = registration.detect_language(f"{mail.subject}\n{body}", default_language)
    fields = registration.extract_fields(body, region, language)
    customer = {
        "name": fields.pop("name", "") or ("" if forwarded_for else mail.from_name),
        "email": forwarded_for or mail.from_addr,
        "phone": fields.pop("phone", ""),
        "address": fields.pop("address", ""),
    }
    kind, topic = registration.classify_complaint(fields, f"{mail.subject}\n{body}")
    if body.strip():
        fields["problem"] = body.strip()[:2000]
    dossier: Dossier = {
        "reference": reference,
        "status": Status.NEW.value,
        "customer": customer,
        "subject": mail.subject,
        "channel": channel,
        "complaint_type": kind,
        "topic": topic,
        # What the acknowledgement's first line answers: anger, disappointment, a hurry.
        "feelings": list(read_feelings(body, mail.subject)),
        "language": language,
        "received_at": iso(now),
        "updated_at": iso(now),
        "acknowledged_at": None,
        "deadline": None,
        "fields": fields,
        "missing": [],
        "messages": [],
        "events": [],
        "resolution": None,
        "evaluation": None,
        "closed_at": None,
        "promises": [],
    }
    refresh_missing(dossier)
    add_event(
        dossier, now, "agent", "opened", f"complaint received by {channel} from {mail.from_addr}"
    )
    add_incoming(dossier, mail, MailKind.COMPLAINT, archive, now)
    return dossier


def refresh_missing(dossier: Dossier) -> None:
    from inbox_agent.dossier import registration

    dossier["missing"] = registration.missing_fields(
        dossier["customer"], dossier["fields"], dossier["complaint_type"], dossier.get("topic", "")
    )


def add_incoming(dossier: Dossier, mail: Mail, kind: str, archive: str, now: datetime) -> None:
    """Record a received mail; its text stays in the archive (`archive`), read from there when shown."""
    dossier["messages"].append(
        {
            "direction": "in",
            "kind": kind,
            "internal": kind in INTERNAL_KINDS,
            "message_id": mail.message_id,
            "date": iso(mail.date) if mail.date else iso(now),
            "received_at": iso(now),
            "from": mail.from_addr,
            "to": list(mail.to),
            "subject": mail.subject,
            "archive": archive,
            "attachments": [a.name for a in mail.attachments],
        }
    )
    dossier["updated_at"] = iso(now)


def add_followup(
    dossier: Dossier, mail: Mail, archive: str, now: datetime, region: str = "NL"
) -> list[str]:
    """Thread a customer's follow-up in; returns the minimum-data fields it newly supplied.

    Only the new text of the reply is read for registration data; the mail stays in the archive.
    """
    from inbox_agent.dossier import registration
    from inbox_agent.reading.quotes import strip_reply

    text = strip_reply(mail.text) or mail.text
    add_incoming(dossier, mail, MailKind.FOLLOWUP, archive, now)
    supplied = []
    if mail.from_addr == dossier["customer"]["email"]:
        for field, value in registration.extract_fields(
            text, region, dossier.get("language", "")
        ).items():
            target = (
                dossier["customer"] if field in ("name", "phone", "address") else dossier["fields"]
            )
            if not target.get(field):
                target[field] = value
                supplied.append(field)
        refresh_missing(dossier)
        if supplied:
            # Read back by the next progress update ("we added your serial number").
            add_event(
                dossier,
                now,
                mail.from_addr,
                "supplied",
                ", ".join(supplied),
                fields=",".join(supplied),
            )
    return supplied


def add_outgoing(dossier: Dossier, outgoing: OutgoingMail, now: datetime, sender: str) -> None:
    dossier["messages"].append(
        {
            "direction": "out",
            "kind": outgoing.kind,
            "internal": outgoing.internal,
            "message_id": outgoing.message_id,
            "date": iso(now),
            "from": sender,
            "to": list(outgoing.to),
            "subject": outgoing.subject,
            "archive": outgoing_path(outgoing.message_id, now),
        }
    )
    dossier["updated_at"] = iso(now)


def record_outgoing(
    dossier: Dossier, mail: OutgoingMail, now: datetime, sender: str, queue: list[OutgoingMail]
) -> None:
    """Record a mail in the dossier (which numbers the next Message-ID) and queue it."""
    add_outgoing(dossier, mail, now, sender)
    queue.append(mail)


def summary(dossier: Dossier) -> dict[str, Any]:
    """The list form of `dossiers --json`."""
    return {
        "reference": dossier["reference"],
        "status": dossier["status"],
        "customer_email": dossier["customer"]["email"],
        "subject": dossier["subject"],
        "received_at": dossier["received_at"],
        "updated_at": dossier["updated_at"],
    }

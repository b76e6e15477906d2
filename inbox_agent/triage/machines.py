"""Signs that a program, not a person, wrote a mail; each sign comes with a reason. Pure.

Answering a machine starts a loop or tells a spammer the address works, so triage asks here
first. The signs: delivery reports in every shape (RFC 3464, Exchange, qmail, Exim), read
receipts (RFC 8098) and any other report (RFC 6522, abuse feedback RFC 5965), RFC 3834
automatic mail (any Auto-Submitted other than `no`, even among several), list and bulk mail,
mail loops, and challenge-response systems that want us to confirm. A request for a read
receipt (Disposition-Notification-To) is a person's mail, not a sign.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from inbox_agent.models import HOP_LIMIT as HOP_LIMIT
from inbox_agent.models import Kind, Mail

_DAEMON = re.compile(
    r"^(mailer-daemon|postmaster|mail-daemon|maildelivery|microsoftexchange[0-9a-f]{32})@",
    re.IGNORECASE,
)
_NOREPLY = re.compile(r"^(no-?reply|do-?not-?reply|donotreply|bounce[s]?)([+.@-])", re.IGNORECASE)
# The first line of delivery reports that carry no report part (qmail, old Exchange, Exim,
# Postfix without DSN). Only the first line: a customer may paste such a text into a complaint.
_BOUNCE_TEXT = re.compile(
    r"(hi\. this is the qmail-send program"
    r"|delivery has failed to these recipients or groups"
    r"|this is the mail system at host"
    r"|this message was created automatically by mail delivery software"
    r"|your message did not reach some or all of the intended recipients)",
    re.IGNORECASE,
)
_AUTO_SUBJECT = re.compile(
    r"^\s*(automatic reply|auto(matisch)?[ -]?(reply|antwoord)|out of (the )?office|afwezig(heidsmelding)?|"
    r"abwesenheitsnotiz|autoreply|auto:)\b",
    re.IGNORECASE,
)
# Challenge-response systems hold our mail until we "prove we are human"; we never do, the
# owner may. Their headers, sender domains and the wording of their requests.
_CHALLENGE_HEADERS = ("x-tmda", "x-spamarrest", "x-boxbe", "x-mailinblack", "x-challenge")
_CHALLENGE_DOMAINS = ("spamarrest.com", "boxbe.com", "mailinblack.com", "sendio.com")
# Only wording no customer would put in a subject: a false match leaves a complaint unanswered.
_CHALLENGE_SUBJECT = re.compile(
    r"(please confirm your (e-?mail )?message|\[spam ?arrest\]|challenge[- ]response"
    r"|bevestig (uw|je) (e-?mail)?bericht|bestätigen sie ihre (e-?mail|nachricht))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Sign:
    """A machine's fingerprint: a bounce (something failed) or other automatic mail."""

    kind: Kind
    reason: str


def machine_sign(mail: Mail, shop_email: str, hop_limit: int = HOP_LIMIT) -> Sign | None:
    """The first sign that a program wrote this mail, or None for a person's mail."""
    checks: tuple[Callable[[Mail, str, int], Sign | None], ...] = (
        _delivery_report,
        _read_receipt,
        _loop,
        _auto_submitted,
        _challenge_response,
        _bulk,
        _bounce_text,
        _auto_reply,
    )
    for check in checks:
        sign = check(mail, shop_email, hop_limit)
        if sign is not None:
            return sign
    return None


def _delivery_report(mail: Mail, shop_email: str, hop_limit: int) -> Sign | None:
    h = mail.headers
    if mail.is_dsn:
        return Sign(Kind.BOUNCE, "delivery status report (DSN)")
    if "x-failed-recipients" in h:
        return Sign(Kind.BOUNCE, f"delivery failure for {h['x-failed-recipients'][:80]}")
    if "x-ms-exchange-message-is-ndr" in h:
        return Sign(Kind.BOUNCE, "Exchange non-delivery report")
    if _DAEMON.match(mail.from_addr):
        return Sign(Kind.BOUNCE, f"sent by the mail system ({mail.from_addr})")
    if mail.return_path is not None and mail.return_path.strip() in ("<>", ""):
        return Sign(Kind.BOUNCE, "sent by a mail system (empty Return-Path)")
    return None


def _bounce_text(mail: Mail, shop_email: str, hop_limit: int) -> Sign | None:
    """Reports without a report part or header say what they are in their first line."""
    found = _BOUNCE_TEXT.match(mail.text.lstrip()[:200])
    if found:
        return Sign(Kind.BOUNCE, f"delivery failure report ({found.group(1).strip()!r})")
    return None


def _read_receipt(mail: Mail, shop_email: str, hop_limit: int) -> Sign | None:
    if mail.is_mdn:
        return Sign(Kind.AUTOMATIC, "read receipt (RFC 8098 disposition notification)")
    if mail.is_report:
        return Sign(Kind.AUTOMATIC, "automatic report (multipart/report or feedback report)")
    return None


def _loop(mail: Mail, shop_email: str, hop_limit: int) -> Sign | None:
    if mail.hops > hop_limit:
        return Sign(
            Kind.AUTOMATIC,
            f"mail loop: passed {mail.hops} mail servers (more than {hop_limit})",
        )
    shop = shop_email.lower()
    if any(shop in value.lower() for value in mail.x_loop):
        return Sign(Kind.AUTOMATIC, f"mail loop: X-Loop names our address {shop_email}")
    if sum(shop in value.lower() for value in mail.delivered_to) > 1:
        return Sign(Kind.AUTOMATIC, f"mail loop: delivered to {shop_email} more than once")
    return None


def _auto_submitted(mail: Mail, shop_email: str, hop_limit: int) -> Sign | None:
    """RFC 3834: any value but `no` is automatic, whichever of several headers carries it."""
    values = (*mail.auto_submitted, mail.headers.get("auto-submitted", ""))
    for value in values:
        keyword = re.split(r"[;(\s]", value.strip().lower(), maxsplit=1)[0]
        if keyword and keyword != "no":
            return Sign(Kind.AUTOMATIC, f"Auto-Submitted: {keyword} (RFC 3834 automatic mail)")
    return None


def _challenge_response(mail: Mail, shop_email: str, hop_limit: int) -> Sign | None:
    header = next((k for k in mail.headers if k.startswith(_CHALLENGE_HEADERS)), None)
    agent = mail.headers.get("x-delivery-agent", "")
    domain = mail.from_addr.rpartition("@")[2]
    system = (
        header
        or ("TMDA" if "tmda" in agent.lower() else None)
        or next((d for d in _CHALLENGE_DOMAINS if domain == d or domain.endswith("." + d)), None)
        or (mail.subject[:60] if _CHALLENGE_SUBJECT.search(mail.subject) else None)
    )
    if system is None:
        return None
    return Sign(
        Kind.AUTOMATIC,
        f"challenge-response system asks us to confirm our mail ({system}); not answered, "
        "the owner may confirm by hand",
    )


def _bulk(mail: Mail, shop_email: str, hop_limit: int) -> Sign | None:
    h = mail.headers
    precedence = h.get("precedence", "").strip().lower()
    if precedence in ("bulk", "junk", "list", "auto_reply"):
        return Sign(Kind.AUTOMATIC, f"Precedence: {precedence}")
    if "list-id" in h or "list-unsubscribe" in h:
        return Sign(Kind.AUTOMATIC, "mailing-list or bulk mail (List-Id / List-Unsubscribe)")
    return None


def _auto_reply(mail: Mail, shop_email: str, hop_limit: int) -> Sign | None:
    h = mail.headers
    if any(k in h for k in ("x-autoreply", "x-autorespond", "x-auto-response-suppress")):
        return Sign(Kind.AUTOMATIC, "marked as an automatic reply by the sender's mail program")
    if _NOREPLY.match(mail.from_addr):
        return Sign(Kind.AUTOMATIC, "sent from a no-reply address")
    if _AUTO_SUBJECT.match(mail.subject):
        return Sign(
            Kind.AUTOMATIC, f"subject says it is an automatic reply ({mail.subject[:60]!r})"
        )
    return None

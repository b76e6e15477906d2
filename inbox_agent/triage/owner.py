"""Is this mail really the owner's (or the colleague's answer to an #ask)? Pure, with reasons.

From can be forged by anyone, so a command also needs a secret only the owner received: the
token in the Message-ID of one of our internal mails that the reply answers, or in the
plus-address the reply was sent to. Optionally the receiving server's Authentication-Results
must show DKIM, SPF or DMARC passing for the owner's domain.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import authres

from inbox_agent.mail.tokens import token, verify_message_id
from inbox_agent.models import INTERNAL_KINDS, Mail, MailKind

# Kinds of our mail whose Message-ID an owner reply may answer: the internal ones, except the
# question to a colleague (answered by the colleague) and mail that was never ours to send.
OWNER_FACING = INTERNAL_KINDS - {MailKind.QUESTION, MailKind.OWNER_REPLY, MailKind.INTERNAL}
_PLUS = re.compile(r"^(?P<local>[^+@]+)\+(?P<tag>[^@]+)@(?P<domain>.+)$")


@dataclass(frozen=True)
class OwnerProof:
    ok: bool
    reason: str
    reference: str | None = None
    kind: str | None = None  # the kind of our mail the token came from


def split_purpose(purpose: str) -> tuple[str, str]:
    """`K-2026-0001.notification.3` → (`K-2026-0001`, `notification`)."""
    parts = purpose.split(".")
    return (parts[0], parts[1]) if len(parts) >= 3 else ("", "")


def token_proof(mail: Mail, key: bytes, shop_email: str) -> OwnerProof:
    domain = shop_email.split("@", 1)[1]
    for mid in mail.thread_ids:
        purpose = verify_message_id(key, mid, domain)
        if purpose:
            reference, kind = split_purpose(purpose)
            if kind in OWNER_FACING:
                ref = reference if reference and reference != "owner" else None
                return OwnerProof(True, f"answers our {kind} {mid}", ref, kind)
    shop_local = shop_email.split("@", 1)[0].lower()
    for address in mail.to:
        match = _PLUS.match(address)
        if (
            not match
            or match.group("local").lower() != shop_local
            or match.group("domain") != domain
        ):
            continue
        tag = match.group("tag")
        if tag == token(key, "owner"):
            return OwnerProof(True, "sent to the owner's plus-address", None, "standing")
        reference, _, tok = tag.rpartition(".")
        if reference and tok == token(key, "reply." + reference.upper()):
            return OwnerProof(
                True, "sent to the dossier's reply address", reference.upper(), "reply"
            )
    return OwnerProof(False, "carries no valid token of an owner notification")


# The results that speak for the sender's domain (RFC 8601 section 2.7): the DKIM signing domain
# (or identity), the SPF envelope sender and the DMARC From domain.
_DOMAIN_PROPERTIES = {
    ("dkim", "header.d"),
    ("dkim", "header.i"),
    ("spf", "smtp.mailfrom"),
    ("dmarc", "header.from"),
}


def authentication_passes(mail: Mail, authserv_id: str, owner_domain: str) -> bool:
    """The topmost Authentication-Results, written by our own server, passes for the owner's domain.

    Parsed with `authres` (RFC 8601), not searched as text: a comment, a look-alike domain
    (evilketting.nl, ketting.nl.evil.com) or an authserv-id with a suffix proves nothing. The
    domain must be the owner's own or a subdomain of it.
    """
    header = mail.headers.get("authentication-results", "")
    try:
        parsed = authres.AuthenticationResultsHeader.parse_value(header)
    except Exception:  # noqa: BLE001 - an unreadable header proves nothing, whatever the cause
        return False
    if str(parsed.authserv_id or "").lower() != authserv_id.strip().lower():
        return False
    owner_domain = owner_domain.lower()
    for result in parsed.results:
        if str(result.result).lower() != "pass":
            continue
        for prop in result.properties:
            name = f"{prop.type}.{prop.name}".lower()
            if (str(result.method).lower(), name) in _DOMAIN_PROPERTIES and _within(
                _domain_of(str(prop.value)), owner_domain
            ):
                return True
    return False


def _domain_of(value: str) -> str:
    """`jan@ketting.nl`, `@ketting.nl` or `ketting.nl` → `ketting.nl`."""
    return value.strip().strip('"').rpartition("@")[2].rstrip(".").lower()


def _within(domain: str, owner_domain: str) -> bool:
    return bool(domain) and (domain == owner_domain or domain.endswith("." + owner_domain))


def prove_owner(
    mail: Mail, key: bytes, shop_email: str, owners: frozenset[str], authserv_id: str = ""
) -> OwnerProof:
    if mail.from_addr not in owners:
        return OwnerProof(False, "not from the handler or deputy")
    proof = token_proof(mail, key, shop_email)
    if not proof.ok:
        return proof
    if authserv_id and not authentication_passes(mail, authserv_id, mail.from_addr.split("@")[1]):
        return OwnerProof(
            False,
            f"Authentication-Results from {authserv_id} shows no DKIM/SPF/DMARC "
            "pass for the owner's domain",
        )
    return proof


def question_answer(
    mail: Mail, key: bytes, shop_email: str, questions: Mapping[str, str]
) -> tuple[str | None, str]:
    """(reference, reason) when the mail answers one of our #ask questions from its addressee."""
    domain = shop_email.split("@", 1)[1]
    for mid in mail.thread_ids:
        purpose = verify_message_id(key, mid, domain)
        reference, kind = split_purpose(purpose or "")
        if kind == MailKind.QUESTION:
            if questions.get(mid, "").lower() == mail.from_addr:
                return reference, f"answer to the internal question {mid}"
            return None, f"refers to the internal question {mid} but is not from its addressee"
        if kind in OWNER_FACING:
            return None, f"refers to the internal {kind} {mid} but is not from the owner"
    return None, ""

"""Secret tokens in the Message-IDs we send, so a reply can prove which of our mails it answers.

hashlib, hmac and secrets are imported where used: a cycle with no mail to read or write makes
no token, and loading OpenSSL's hash functions is a few ms of its start-up."""

from __future__ import annotations

import re
from pathlib import Path

_OUR_ID = re.compile(
    r"^<(?P<purpose>[A-Za-z0-9._\-]+)\.(?P<token>[0-9a-f]{20})@(?P<domain>[^>]+)>$"
)


def token(key: bytes, purpose: str) -> str:
    import hashlib
    import hmac

    return hmac.new(key, purpose.encode("utf-8"), hashlib.sha256).hexdigest()[:20]


def make_message_id(key: bytes, purpose: str, domain: str) -> str:
    """A deterministic Message-ID: the same purpose always gives the same ID, never guessable."""
    return f"<{purpose}.{token(key, purpose)}@{domain}>"


def verify_message_id(key: bytes, message_id: str, domain: str) -> str | None:
    """The purpose a Message-ID of ours was made for, or None when it is not ours or forged."""
    match = _OUR_ID.match(message_id.strip())
    if not match or match.group("domain").lower() != domain.lower():
        return None
    purpose = match.group("purpose")
    import hmac

    if hmac.compare_digest(token(key, purpose), match.group("token")):
        return purpose
    return None


def named_reference(message_id: str) -> str:
    """The dossier reference one of our Message-IDs names, unverified ("" when none).

    Only a pointer: whoever follows it must find the Message-ID in that dossier.
    """
    match = _OUR_ID.match(message_id.strip())
    parts = match.group("purpose").split(".") if match else []
    return parts[0] if len(parts) >= 3 else ""


def secret_key(root: Path) -> bytes:
    """The HMAC key in the data folder, made once; losing it only invalidates old tokens."""
    from inbox_agent.files import StoreError, fsync_write

    path = root / "secret.key"
    if not path.exists():
        import secrets

        fsync_write(path, secrets.token_bytes(32), mode=0o600)
    if len(key := path.read_bytes()) < 32:
        raise StoreError(
            f"key file {path} is damaged (shorter than 32 bytes); remove it to "
            "make a new one (old owner notifications then stop working)"
        )
    return key

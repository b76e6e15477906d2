"""Secret tokens in the Message-IDs we send, so a reply can prove which of our mails it answers.

hashlib, hmac and secrets are imported where used: a cycle with no mail to read or write makes
no token, and loading OpenSSL's hash functions is a few ms of its start-up."""

from __future__ import annotations

from pathlib import Path

from inbox_agent.files import StoreError, fsync_write
from inbox_agent.models import OUR_MESSAGE_ID


def token(key: bytes, purpose: str) -> str:
    import hashlib
    import hmac

    return hmac.new(key, purpose.encode("utf-8"), hashlib.sha256).hexdigest()[:20]


def make_message_id(key: bytes, purpose: str, domain: str) -> str:
    """A deterministic Message-ID: the same purpose always gives the same ID, never guessable."""
    return f"<{purpose}.{token(key, purpose)}@{domain}>"


def verify_message_id(key: bytes, message_id: str, domain: str) -> str | None:
    """The purpose a Message-ID of ours was made for, or None when it is not ours or forged."""
    match = OUR_MESSAGE_ID.match(message_id.strip())
    if not match or match.group("domain").lower() != domain.lower():
        return None
    purpose = match.group("purpose")
    import hmac

    if hmac.compare_digest(token(key, purpose), match.group("token")):
        return purpose
    return None


def reply_address(key: bytes, shop_email: str, reference: str) -> str:
    """The plus-address notifications use as Reply-To; it proves the reply came from the owner."""
    local, domain = shop_email.split("@", 1)
    return f"{local}+{reference}.{token(key, 'reply.' + reference)}@{domain}"


def standing_address(key: bytes, shop_email: str) -> str:
    """The owner's own plus-address, for `#new` on forwarded phone or counter complaints."""
    local, domain = shop_email.split("@", 1)
    return f"{local}+{token(key, 'owner')}@{domain}"


def secret_key(root: Path) -> bytes:
    """The HMAC key in the data folder, made once; losing it only invalidates old tokens."""

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

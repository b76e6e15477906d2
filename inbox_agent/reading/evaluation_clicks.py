"""One-click evaluation answers: `mailto:` links for the scores 1-5, and the score read back
from such an answer's subject; pure."""

from __future__ import annotations

import hmac
import re
from urllib.parse import quote

_ONE_CLICK = re.compile(
    r"\[?[A-Za-z]{1,10}-\d{4}-\d{4,}\]?\s+(?:score|cijfer)\s*:?\s*(\d)(?:\s+code\s+(\w+))?\s*$",
    re.IGNORECASE,
)


def one_click_score(subject: str, code: str | None = None) -> int | None:
    """The score in a one-click answer's subject ("[K-2026-0001] score 4 code 1a2b3c4d"), else None.

    With `code`, the subject counts only when it carries that code: only the evaluation mail
    had it, so a forged sender cannot close a dossier by typing a reference and a 5.
    """
    match = _ONE_CLICK.search(subject.strip())
    if not match or not 1 <= int(match.group(1)) <= 5:
        return None
    if code is not None and not hmac.compare_digest(code, (match.group(2) or "").lower()):
        return None
    return int(match.group(1))


def one_click_links(shop_email: str, reference: str, code: str = "") -> dict[int, str]:
    """`mailto:` links for the scores 1-5; every mail client opens a ready answer, no web server.

    The subject carries the reference (so the answer finds its dossier, from the customer's own
    address only, like any reply), the score (so the body may stay empty) and the dossier's
    one-click code (so only the evaluation mail's reader can send it); RFC 6068 encoding.
    """
    tail = f" code {code}" if code else ""
    # RFC 6068 lets "+" stand in the address (plus-addressed shop mailboxes keep working).
    address = quote(shop_email, safe="@+")
    return {
        score: f"mailto:{address}?subject={quote(f'[{reference}] score {score}{tail}', safe='')}"
        for score in range(5, 0, -1)
    }

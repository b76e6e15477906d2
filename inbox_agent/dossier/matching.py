"""Which dossier an incoming mail belongs to; pure."""

from __future__ import annotations

import re
from collections.abc import Mapping

from inbox_agent.models import Mail


def reference_pattern(prefix: str) -> re.Pattern[str]:
    return re.compile(rf"\[({re.escape(prefix)}-\d{{4}}-\d{{4,}})\]")


def match_dossier(
    mail: Mail, thread_index: Mapping[str, str], customers: Mapping[str, str], prefix: str
) -> str | None:
    """The dossier this mail continues, or None for a new one.

    A Message-ID the dossier has seen or sent is proof enough: only people in that conversation
    know it. A `[K-2026-0001]` tag in the subject is trusted only from that dossier's customer,
    so a stranger cannot attach mail to someone else's dossier by copying the reference.
    """
    for mid in mail.thread_ids:
        if mid in thread_index:
            return thread_index[mid]
    references: list[str] = reference_pattern(prefix).findall(mail.subject)
    for reference in references:
        if customers.get(reference, "").lower() == mail.from_addr.lower():
            return reference
    return None


_SUBJECT_PREFIX = re.compile(
    r"^\s*((re|aw|antw|fw|fwd|wg|doorst)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE
)


def base_subject(subject: str) -> str:
    """The subject without reply/forward prefixes; idempotent."""
    return _SUBJECT_PREFIX.sub("", subject).strip()

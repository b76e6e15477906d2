"""Only the new text of a reply: quoted history and signatures removed; pure.

mail-parser-reply knows the English and Outlook header blocks ("On ... wrote:", "Van:/From:",
"-----Original Message-----"); the Dutch Apple Mail and Thunderbird intros and mobile
signatures it misses are cut here.
"""

from __future__ import annotations

import re

from mailparser_reply import EmailReplyParser

_CUT_AT = [
    re.compile(r"^\s*Op .{4,120}(schreef|het volgende geschreven)\s*.*:?\s*$", re.IGNORECASE),
    re.compile(r"^\s*On .{4,120}wrote:\s*$", re.IGNORECASE),
    re.compile(r"^\s*Am .{4,120}schrieb .*:\s*$", re.IGNORECASE),
    re.compile(
        r"^\s*-{2,}\s*(Original Message|Oorspronkelijk bericht|Oorspronkelijk bericht)\s*-{2,}",
        re.IGNORECASE,
    ),
    re.compile(r"^\s*_{10,}\s*$"),  # Outlook's rule above the quoted header block
    re.compile(r"^\s*(\* ){2,}\*\s*$"),  # the same rule in an HTML-only reply, as text
    re.compile(r"^\s*(Van|From)\s*:\s*.+$"),
    re.compile(r"^-- ?$"),  # the standard signature delimiter
    re.compile(
        r"^\s*(Verstuurd vanaf|Verzonden vanaf|Sent from) (mijn|my) .{2,40}$", re.IGNORECASE
    ),
    re.compile(r"^\s*>"),
]


def strip_reply(text: str) -> str:
    try:
        newest = EmailReplyParser(languages=["en", "nl", "de", "fr"]).parse_reply(text=text)
    except Exception:  # the library is a helper; our own rules below still apply
        newest = text
    if not newest.strip() and text.strip():
        newest = text
    kept: list[str] = []
    for line in newest.splitlines():
        if any(pattern.match(line) for pattern in _CUT_AT):
            break
        kept.append(line)
    return "\n".join(kept).strip()

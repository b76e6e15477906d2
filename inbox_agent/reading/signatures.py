"""What mail software and gateways put around the writer's words: a gateway's warning above
them, device lines, a rule over a contact block, a legal disclaimer, a list's footer; pure.

Recognised by shape and position, not only by a list: quotes.py asks these where a reply's own
text may end (or, for a banner and device lines, where it begins).
"""

from __future__ import annotations

import re

from inbox_agent.reading.quote_patterns import (
    BANNER,
    CONFIDENTIAL,
    CONTACT,
    DEVICE,
    DISCLAIMER_START,
    LINK,
    QUOTED,
    SIGNATURE,
    TRAILING_RULE,
)


def without_banner(lines: list[str]) -> list[str]:
    """A mail gateway's external-sender warning above the text ("[EXTERNAL]", "CAUTION: This
    email originated outside ...") is the gateway's, not the writer's: its paragraph goes."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not BANNER.match(lines[first]):
        return lines
    end = next((i for i in range(first, len(lines)) if not lines[i].strip()), len(lines))
    return lines[end:]


def without_leading_furniture(lines: list[str]) -> list[str]:
    """The lines below device signatures, rules and blank lines that open a reply."""
    start = 0
    while start < len(lines) and (
        not lines[start].strip()
        or DEVICE.match(LINK.sub("", lines[start]))
        or SIGNATURE.match(lines[start])
        or TRAILING_RULE.match(lines[start])
    ):
        start += 1
    return lines[start:]


def disclaimer(lines: list[str], index: int) -> bool:
    """A paragraph that opens on the mail itself and says it is confidential: a legal footer."""
    if index == 0 or lines[index - 1].strip() or not DISCLAIMER_START.match(lines[index]):
        return False
    paragraph = " ".join(lines[index : index + 3])
    return bool(CONFIDENTIAL.search(paragraph[:300]))


def footer_follows(lines: list[str], index: int) -> bool:
    ahead = " ".join(lines[index + 1 : index + 4]).lower()
    return "mailing list" in ahead or "listinfo" in ahead or "unsubscribe" in ahead


def contact_block_follows(lines: list[str], index: int) -> bool:
    """A rule with a signature's contact block under it: a few short lines (company, street,
    postcode and town, telephone, web address), at least two of them contact details."""
    block: list[str] = []
    for line in lines[index + 1 :]:
        if not line.strip() or QUOTED.match(line):
            break
        block.append(line)
    return (
        2 <= len(block) <= 8
        and all(len(line.strip()) <= 70 and not re.search(r"[.!?]$", line) for line in block)
        and sum(bool(CONTACT.search(line)) for line in block) >= 2
    )

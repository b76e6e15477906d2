"""The texts of the mails we sent that an incoming mail answers, read from the archive.

A reply quotes the mail it answers, and that mail is ours: `reading.quotes.strip_reply(text,
ours)` finds its copy by content, whatever the client did to it. The dossier records every mail
we sent with its Message-ID and where the archive keeps it; the archive is read through the
`read` callable the cycle injects (`Facts.read_archive`), so the pipeline stays free of I/O.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from inbox_agent.models import Dossier, Mail
from inbox_agent.records import Message

log = logging.getLogger(__name__)

Read = Callable[[str], bytes]
# Enough for the mails a reply can quote (a reply quotes the mail it answers, which may quote
# the one before); a long dossier's older mail is not read for every reply.
LATEST = 4


def for_owner(dossier: Dossier | None, mail: Mail, read: Read | None) -> list[str]:
    """Our mails to the shop's people that this reply of theirs may quote: the one it answers
    (In-Reply-To, References) first, then the latest others of the dossier."""
    if dossier is None:
        return []
    ours = [m for m in dossier["messages"] if m["direction"] == "out" and m.get("internal")]
    return _texts(_answered_first(ours, mail), read)


def for_customer(dossier: Dossier, mail: Mail, read: Read | None) -> list[str]:
    """Our letters to the customer that a mail of theirs may quote: the one it answers first,
    then the latest others. For `strip_reply(mail.text, ours)` before the owner is notified."""
    ours = [m for m in dossier["messages"] if m["direction"] == "out" and not m.get("internal")]
    return _texts(_answered_first(ours, mail), read)


def _answered_first(sent: list[Message], mail: Mail) -> list[Message]:
    named = {mid: rank for rank, mid in enumerate(mail.thread_ids)}
    answered = sorted(
        (m for m in sent if m["message_id"] in named), key=lambda m: named[m["message_id"]]
    )
    others = [m for m in reversed(sent) if m["message_id"] not in named]
    return [*answered[:LATEST], *others][:LATEST]


def _texts(messages: Iterable[Message], read: Read | None) -> list[str]:
    """The plain text of each archived mail; one the archive cannot give is left out (noted)."""
    if read is None:
        return []
    from inbox_agent.mail.parsing import parse  # mail-parser loads with the first mail

    texts = []
    for message in messages:
        where = message.get("archive")
        if not where:
            continue
        try:
            texts.append(parse(read(where)).text)
        except OSError as exc:
            log.warning(
                "our sent mail %s is not in the archive (%s): its quote is cut by shape", where, exc
            )
    return texts

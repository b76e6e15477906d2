"""Raw bytes → Mail, using mail-parser; pure and total: any bytes give a Mail, never an exception."""

from __future__ import annotations

import email
import email.policy
import hashlib
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from inbox_agent.models import Attachment, Mail

log = logging.getLogger(__name__)

_MSGID = re.compile(r"<[^<>\s]+>")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]+")
# Reports quote the mail they are about near the top; huge attachments need not be searched.
_QUOTE_SCAN = 1024 * 1024
# Where a DSN quotes the headers of the mail it reports on.
_QUOTED_MSGID = re.compile(
    rb"^(?:Original-)?Message-ID:\s*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE
)


_SPACES = re.compile(r"\s+")


def one_line(value: object) -> str:
    """Header text with CR, LF and other control characters removed (decoded values can carry them)."""
    text = str(value or "")
    # Printable text holds no control character and no white space but " " (str.isprintable):
    # with no double space in it, the substitutions below would change nothing.
    if text.isprintable() and "  " not in text:
        return text.strip()
    return _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()


# RFC 5322's line limit: what we copy from one header into the store and into our own mail.
# The raw mail in the archive keeps the whole.
HEADER_LIMIT = 998
# An address longer than RFC 5321 allows is no address; more recipients than this are not
# copied (the first ones are kept).
_ADDRESS_LIMIT = 320
_RECIPIENTS_KEPT = 100
# A thread's root and its latest mails are what threading needs (RFC 5322 3.6.4 allows
# trimming References); a megabyte of Message-IDs is not copied into our replies.
_REFERENCES_KEPT = 20


def capped(text: str, limit: int = HEADER_LIMIT) -> str:
    """`text` cut to at most `limit` characters, on a word boundary when there is one near the
    end, with "…" to show that it was cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    return cut.rstrip() + "…"


def message_ids(value: object) -> tuple[str, ...]:
    return tuple(_MSGID.findall(str(value or "")))


def parse(raw: bytes) -> Mail:
    import mailparser  # loaded with the first mail: a cycle with none does not pay for it

    sha = hashlib.sha256(raw).hexdigest()
    defects: list[str] = []
    try:
        parsed = mailparser.parse_from_bytes(raw)
        message = parsed.message
        from_name, from_addr = _first_address(parsed.from_)
        subject = one_line(parsed.subject)
        text = "\n".join(parsed.text_plain).strip()
        html = "\n".join(parsed.text_html)
        defects.extend(str(d) for d in (parsed.defects or []))
    except Exception as exc:  # mail-parser can fail on hostile MIME; fall back to the stdlib.
        defects.append(f"mail-parser failed: {type(exc).__name__}: {exc}")
        message = email.message_from_bytes(raw, policy=email.policy.compat32)
        from_name, from_addr = parseaddr(_decoded(message.get("From", "")))
        subject = one_line(_decoded(message.get("Subject", "")))
        text, html = _fallback_bodies(message)
    if not text and html:
        from inbox_agent.mail.htmltext import html_to_text  # html.parser: HTML-only mail

        text = html_to_text(html)
    headers = _signal_headers(message)
    message_id = (message_ids(headers.get("message-id", "")) or ("",))[0]
    if len(message_id) > HEADER_LIMIT:
        message_id = ""  # no Message-ID at all: the mail is known by its hash
    references = message_ids(headers.get("references"))
    if len(references) > _REFERENCES_KEPT:
        references = (references[0], *references[1 - _REFERENCES_KEPT :])
    in_reply_to = message_ids(headers.get("in-reply-to"))[:_REFERENCES_KEPT]
    headers = {name: capped(value) for name, value in headers.items()}
    reports = report_kinds(message)
    is_dsn, is_mdn = "dsn" in reports, "mdn" in reports
    is_report = bool(reports)
    return Mail(
        key=message_id or f"sha256:{sha}",
        sha256=sha,
        message_id=message_id,
        from_addr=capped(one_line(from_addr).lower(), _ADDRESS_LIMIT),
        from_name=capped(one_line(from_name)),
        to=tuple(
            capped(one_line(a).lower(), _ADDRESS_LIMIT)
            for _, a in getaddresses(
                [_decoded(v) for v in message.get_all("To", []) + message.get_all("Cc", [])]
            )
            if a
        )[:_RECIPIENTS_KEPT],
        subject=capped(subject),
        date=_date(message.get("Date")),
        in_reply_to=in_reply_to,
        references=references,
        text=_normalise_newlines(text),
        headers=headers,
        attachments=tuple(_attachments(message)),
        defects=tuple(defects),
        dsn_refs=_dsn_refs(raw, message_id),
        is_dsn=is_dsn,
        return_path=headers.get("return-path"),
        is_mdn=is_mdn,
        is_report=is_report,
        auto_submitted=_all_values(message, "Auto-Submitted"),
        x_loop=_all_values(message, "X-Loop"),
        delivered_to=_all_values(message, "Delivered-To"),
        hops=len(message.get_all("Received") or []),
    )


def _first_address(value: object) -> tuple[str, str]:
    if isinstance(value, list) and value:
        name, addr = value[0]
        return str(name or ""), str(addr or "")
    return "", ""


def _decoded(value: object) -> str:
    if isinstance(value, str) and "=?" not in value:
        return value  # no RFC 2047 encoded words: nothing to decode
    try:
        return str(make_header(decode_header(str(value))))
    except Exception:
        return str(value)


def _signal_headers(message: Message) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in message.items():
        key = name.lower()
        if key not in headers:
            headers[key] = one_line(_decoded(value))
    return headers


def _date(value: object) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _fallback_bodies(message: Message) -> tuple[str, str]:
    plain, html = [], []
    for part in message.walk():
        if part.is_multipart() or part.get_filename():
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        charset = part.get_content_charset() or "utf-8"
        try:
            decoded = payload.decode(charset, errors="replace")
        except LookupError:
            decoded = payload.decode("latin-1")
        if part.get_content_type() == "text/html":
            html.append(decoded)
        elif part.get_content_type() == "text/plain":
            plain.append(decoded)
    return "\n".join(plain).strip(), "\n".join(html)


def _attachments(message: Message) -> list[Attachment]:
    found = []
    for part in message.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        disposition = str(part.get("Content-Disposition", "")).lower()
        if not filename and "attachment" not in disposition:
            continue
        try:
            payload = part.get_payload(decode=True) or b""
        except Exception:
            payload = b""
        if not isinstance(payload, bytes):
            payload = b""
        found.append(
            Attachment(
                name=capped(one_line(_decoded(filename or "attachment")), 255),
                content_type=part.get_content_type(),
                size=len(payload),
                payload=payload,
            )
        )
    return found


# Every "Message-ID:" line holds one of these: found with bytes.find, which is many times faster
# than running the case-insensitive pattern from every line start of the mail.
_ID_COLON = (b"-id:", b"-iD:", b"-Id:", b"-ID:")
_BEFORE_ID_COLON = (len("Message"), len("Original-Message"))


def _dsn_refs(raw: bytes, own_id: str) -> tuple[str, ...]:
    """Message-IDs quoted in the body: what a report (DSN, NDR, MDN) says it is about. The same
    as _QUOTED_MSGID.findall(raw, 0, _QUOTE_SCAN), tried only at the lines that can match."""
    found: dict[int, bytes] = {}
    for needle in _ID_COLON:
        at = raw.find(needle, 0, _QUOTE_SCAN)
        while at >= 0:
            for back in _BEFORE_ID_COLON:
                start = at - back
                at_line_start = start == 0 or (start > 0 and raw[start - 1] == 0x0A)  # "^"
                if at_line_start and (match := _QUOTED_MSGID.match(raw, start, _QUOTE_SCAN)):
                    found[start] = match.group(1)
            at = raw.find(needle, at + 1, _QUOTE_SCAN)
    refs = [found[start].decode("ascii", "replace") for start in sorted(found)]
    return tuple(dict.fromkeys(r for r in refs if r != own_id))


# Report parts (RFC 3464, RFC 6533 and RFC 8098) and what they make the mail.
_REPORT_PARTS = {
    "message/delivery-status": "dsn",
    "message/global-delivery-status": "dsn",
    "message/disposition-notification": "mdn",
    "message/global-disposition-notification": "mdn",
    "message/feedback-report": "other",  # RFC 5965 abuse reports
}
_REPORT_TYPES = {"delivery-status": "dsn", "disposition-notification": "mdn"}


def report_kinds(message: Message) -> frozenset[str]:
    """ "dsn" and/or "mdn" when the mail is, or carries, a delivery or disposition report.

    A multipart/report (RFC 6522) says so in its report-type; other shapes (a gateway that wraps
    the report in multipart/mixed) show it only by a report part somewhere inside. A mail a person
    forwarded as an attachment (message/rfc822) is that person's mail, so it is not searched.
    """
    found: set[str] = set()
    try:
        for part in _own_parts(message):
            content_type = part.get_content_type()
            kind = _REPORT_PARTS.get(content_type)
            if content_type == "multipart/report":
                report_type = str(part.get_param("report-type") or "").lower()
                # RFC 6522: only programs write reports, whatever they report on.
                kind = _REPORT_TYPES.get(report_type, "other")
            if kind:
                found.add(kind)
    except Exception as exc:  # hostile MIME must not stop the parse
        log.debug("report parts unreadable: %s", exc)
    return frozenset(found)


def _own_parts(message: Message, depth: int = 0) -> Iterator[Message]:
    yield message
    if message.get_content_maintype() != "multipart" or depth > 20:
        return
    payload = message.get_payload()
    for part in payload if isinstance(payload, list) else []:
        if isinstance(part, Message):
            yield from _own_parts(part, depth + 1)


def _all_values(message: Message, name: str) -> tuple[str, ...]:
    return tuple(capped(one_line(_decoded(v))) for v in message.get_all(name) or [])

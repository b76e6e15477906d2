"""Templates + dossier → OutgoingMail, and OutgoingMail → the bytes we send; pure once configured."""

from __future__ import annotations

import email.base64mime
import email.quoprimime
from collections.abc import Iterator
from datetime import date, datetime
from email import quoprimime
from email.charset import QP, RFC2047_CHROME_LEN, Charset
from email.encoders import encode_base64
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.policy import compat32
from email.utils import format_datetime, formataddr
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from inbox_agent.config import Config
from inbox_agent.dossier import registration
from inbox_agent.dossier.matching import base_subject
from inbox_agent.letters.wrapping import ODD_SPACE, wrap
from inbox_agent.mail.parsing import one_line
from inbox_agent.models import TemplateError
from inbox_agent.vocabulary.terms import LANGUAGES, vocabulary
from inbox_agent.vocabulary.wording import (
    as_sentence,
    long_date,
    long_time,
    person,
    resolution_words,
    status_word,
)

__all__ = ["Composer", "TemplateError", "long_date", "reply_subject", "text_part", "to_bytes"]


if TYPE_CHECKING:
    import jinja2


def builtin_templates_dir() -> Path:
    """Templates ship inside the wheel; an editable checkout uses the top-level folder."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "templates"
    return packaged if packaged.is_dir() else package.parent / "templates"


class StalePromise(TemplateError):
    """A template was about to promise the customer a date that has already passed."""


class Composer:
    """Renders the mail templates, in Dutch or English, with the shop's own overrides first.

    Mail to the shop's people is in the shop's language; mail to a customer is in the language
    the customer wrote in, so an English-speaking customer of a Dutch shop reads English.
    """

    def __init__(self, config: Config, today: date | None = None) -> None:
        self.config = config
        self.language = config.shop.language
        # The shop's date at the injected clock; `| promise` refuses anything before it.
        self.today = today

    @cached_property
    def envs(self) -> dict[str, jinja2.Environment]:
        """The template environments, made at the first mail written (a cycle with no mail to
        write never loads jinja2)."""
        return {language: self._environment(language) for language in LANGUAGES}

    def _environment(self, language: str) -> jinja2.Environment:
        import jinja2

        folders = []
        if self.config.storage.templates_dir:
            folders += [self.config.storage.templates_dir / language]
            if language == self.config.shop.language:
                folders.append(self.config.storage.templates_dir)
        folders.append(builtin_templates_dir() / language)
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(f) for f in folders]),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            # Each cycle makes a new Composer, so a shop's edited template is read at the next
            # cycle; checking every template file's time on every mail cost 3% of a long cycle.
            auto_reload=False,
        )
        env.filters["wordwrap"] = jinja2.pass_environment(_wordwrap)
        env.filters["indent_text"] = lambda text, prefix="    ": "\n".join(
            prefix + line if line.strip() else "" for line in str(text).splitlines()
        )
        env.filters["longdate"] = lambda value: long_date(value, language)
        env.filters["promise"] = lambda value: self.promise(value, language)
        env.filters["longtime"] = lambda value: long_time(value, language, self.config.shop.tz)
        env.filters["status"] = lambda value: status_word(str(value), language)
        env.filters["resolution"] = lambda value: resolution_words(str(value), language)
        env.filters["sentence"] = as_sentence
        env.filters["person"] = person
        env.globals["labels"] = registration.LABELS[language]
        env.globals["signature"] = self.signature()
        env.globals["handler_name"] = self.config.owner.handler_name
        return env

    @cached_property
    def html_envs(self) -> dict[str, jinja2.Environment]:
        """The environments of the HTML parts: autoescaping on, so a customer's name or
        subject is always text in them, never markup (as in the HTML report)."""
        return {language: self._html_environment(language) for language in LANGUAGES}

    def _html_environment(self, language: str) -> jinja2.Environment:
        import jinja2

        text = self.envs[language]
        env = jinja2.Environment(
            loader=text.loader,
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )
        env.filters.update(text.filters)
        env.globals.update(text.globals)
        return env

    def render_html(self, name: str, language: str | None = None, **context: Any) -> str:
        """The HTML part `name.html.j2`, autoescaped; customer text in it stays text."""
        import jinja2

        language = language if language in self.envs else self.language
        context.setdefault("shop", self.config.shop)
        try:
            return self.html_envs[language].get_template(f"{name}.html.j2").render(**context)
        except jinja2.TemplateError as exc:
            raise TemplateError(f"template {name}.html.j2: {exc}") from None

    def signature(self) -> str:
        """The shop's signature block; without one, its name and complaint address."""
        return self.config.shop.signature or f"{self.config.shop.name}\n{self.config.shop.email}"

    def long_date(self, value: date | datetime | str | None) -> str:
        return long_date(value, self.language)

    def promise(self, value: date | datetime | str | None, language: str) -> str:
        """A date stated as a promise; a past one is a bug in the decisions, never sent."""
        if value and self.today is not None and as_date(value) < self.today:
            raise StalePromise(f"a letter would promise {value}, which is before {self.today}")
        return long_date(value, language)

    def render(self, name: str, language: str | None = None, **context: Any) -> tuple[str, str]:
        """(subject, body) of template `name`: its first line is `Subject: ...`, then a blank line."""
        import jinja2

        language = language if language in self.envs else self.language
        context.setdefault("shop", self.config.shop)
        try:
            rendered = self.envs[language].get_template(f"{name}.txt.j2").render(**context)
        except jinja2.TemplateNotFound:
            raise TemplateError(
                f"template {name}.txt.j2 not found for language {language!r}"
            ) from None
        except jinja2.TemplateError as exc:
            raise TemplateError(f"template {name}.txt.j2: {exc}") from None
        head, _, body = rendered.partition("\n\n")
        if not head.lower().startswith("subject:"):
            raise TemplateError(f"template {name}.txt.j2 must start with a 'Subject:' line")
        return one_line(head.split(":", 1)[1]), body.strip() + "\n"


def _wordwrap(
    environment: jinja2.Environment,
    s: str,
    width: int = 79,
    break_long_words: bool = True,
    wrapstring: str | None = None,
    break_on_hyphens: bool = True,
) -> str:
    """Jinja's `wordwrap` (textwrap on every line), line for line, with less work per line.

    A line no wider than `width`, with no space at its end and no whitespace but spaces, comes
    out of textwrap as it went in (most of an acknowledgement's registered rows). A longer one
    with no hyphen, when long words are not broken, is wrapped by `wrapping.wrap`: without a
    hyphen, textwrap's hyphen rule splits nothing.
    """
    from jinja2.filters import do_wordwrap

    lines = s.splitlines()
    if width <= 0 or any(ODD_SPACE.search(line) for line in lines):
        return do_wordwrap(environment, s, width, break_long_words, wrapstring, break_on_hyphens)
    joiner = environment.newline_sequence if wrapstring is None else wrapstring
    out = []
    for line in lines:
        if len(line) <= width and line[-1:] != " ":
            out.append(line)
        elif not break_long_words and "-" not in line:
            out.append(joiner.join(wrap(line, width)))
        else:
            return do_wordwrap(
                environment, s, width, break_long_words, wrapstring, break_on_hyphens
            )
    return joiner.join(out)


def as_date(value: date | datetime | str) -> date:
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    return value.date() if isinstance(value, datetime) else value


def reply_subject(subject: str, reference: str, language: str = "nl") -> str:
    """`Re: <subject> [K-2026-0001]`, without stacking prefixes or tags."""
    empty = vocabulary(language).NO_SUBJECT
    base = base_subject(subject).replace(f"[{reference}]", "").strip() or empty
    return f"Re: {base} [{reference}]"


_UTF8_QP = Charset("utf-8")
_UTF8_QP.body_encoding = QP
_WIRE = compat32.clone(linesep="\r\n", max_line_length=78)


# How long each byte is in a quoted-printable encoded word ("a", "_" for a space, or "=E9").
_QP_LENGTH = [email.quoprimime.header_length(bytes([octet])) for octet in range(256)]


class _Utf8Words(Charset):
    """UTF-8 for encoded words, split into lines as the email package splits them, in one pass.

    The stdlib's `header_encode_lines` encodes the whole line again for every character it
    adds (quadratic; most of a non-ASCII subject's cost). An encoded line's length only grows
    by each character's own share (its bytes for base64, its escapes for quoted-printable), so
    it is summed here instead; `tests/test_compose.py` holds the headers equal to the stdlib's.
    """

    def __init__(self) -> None:
        super().__init__("utf-8")

    def header_encode_lines(self, string: str, maxlengths: Iterator[int]) -> list[str | None]:
        codec = "utf-8"
        whole = string.encode(codec)
        # The shorter encoding of the whole value, as for the stdlib's utf-8 (SHORTEST).
        qp = email.base64mime.header_length(whole) >= email.quoprimime.header_length(whole)
        module: Any = email.quoprimime if qp else email.base64mime
        extra = len(codec) + RFC2047_CHROME_LEN
        lines: list[str | None] = []
        start, size = 0, 0  # where the current line starts; its bytes, or its QP length
        maxlen = next(maxlengths) - extra
        for at, character in enumerate(string):
            if character.isascii():
                step = _QP_LENGTH[ord(character)] if qp else 1
            else:
                octets = character.encode(codec)
                step = sum(_QP_LENGTH[o] for o in octets) if qp else len(octets)
            length = size + step if qp else -(-(size + step) // 3) * 4
            if length <= maxlen:
                size += step
                continue
            if not lines and at == start:
                lines.append(None)  # nothing fits on the first line
            else:
                lines.append(module.header_encode(string[start:at].encode(codec), codec))
            start, size = at, step
            maxlen = next(maxlengths) - extra
        lines.append(module.header_encode(string[start:].encode(codec), codec))
        return lines


_UTF8_WORDS = _Utf8Words()


def _one_line(value: str) -> str:
    """`one_line(value)` without its two regular expressions for a value that is one clean line
    already (printable: no control character, and no whitespace but single inner spaces)."""
    if value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " ":
        return value
    return one_line(value)


@lru_cache(maxsize=4)
def _date(now: datetime, timezone: str) -> str:
    """The Date header: a cycle sends everything it makes at its one `now`."""
    return format_datetime(now.astimezone(ZoneInfo(timezone)))


@lru_cache(maxsize=4)
def _from(name: str, address: str) -> str:
    """The shop's From: the same for every mail of a run."""
    return formataddr((one_line(name), address), charset="utf-8")


def _fold(name: str, value: str) -> bytes:
    """One header, RFC 5322 folded at spaces, RFC 2047 encoded when it is not ASCII."""
    value = _one_line(value)
    if not value.isascii():
        value = Header(value, _UTF8_WORDS, maxlinelen=76, header_name=name).encode(linesep="\r\n")
        return f"{name}: {value}\r\n".encode("ascii")
    lines, line = [], f"{name}:"
    for word in value.split(" "):
        if len(line) + 1 + len(word) > 78 and line.strip() != f"{name}:":
            lines.append(line)
            line = ""
        line += " " + word
    lines.append(line)
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


_TEXT_PART_HEAD = (
    b'Content-Type: text/plain; charset="utf-8"\r\nMIME-Version: 1.0\r\n'
    b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
)


def text_part(text: str) -> bytes:
    """Byte for byte what MIMEText(text, "plain", utf-8 quoted-printable) writes, made directly.

    A mail with no attachments is most of what we send; going through the email package's
    generator for it costs more than the rest of composing. A test holds the two equal.
    """
    # The encoding leaves no CR or LF of the text raw (only line ends, which it splits at), so
    # its lines joined with CRLF are the generator's CRLF line ends.
    encoded = quoprimime.body_encode(text.encode("utf-8").decode("latin-1"), eol="\r\n")
    return _TEXT_PART_HEAD + encoded.encode("ascii")


def _qp_text(text: str, subtype: str) -> MIMENonMultipart:
    """A text part in UTF-8, quoted-printable: what MIMEText(text, subtype, a QP Charset) makes."""
    part = MIMENonMultipart("text", subtype, charset="utf-8")
    part.set_payload(text, _UTF8_QP)
    return part


def to_bytes(config: Config, mail: Any, now: datetime) -> bytes:
    """The wire form of an OutgoingMail; every header built from customer data is one line.

    The header block (and a text-only body) is written here, because going through the email
    package costs more than everything else when a backlog of thousands is acknowledged at
    once; mail with attachments is built by the stdlib.
    """
    body: bytes | None = None
    if not mail.attachments and not mail.html:
        body = text_part(mail.text)
    else:
        message = MIMEMultipart("mixed")
        # A Charset (not a name) makes the text quoted-printable: readable in any source view.
        plain = _qp_text(mail.text, "plain")
        if mail.html:
            # The text first, the HTML last: a client shows the last part it can display.
            alternative = MIMEMultipart("alternative")
            alternative.attach(plain)
            alternative.attach(_qp_text(mail.html, "html"))
            if not mail.attachments:
                message = alternative
            else:
                message.attach(alternative)
        else:
            message.attach(plain)
        for attachment in mail.attachments:
            maintype, _, subtype = attachment.content_type.partition("/")
            part = MIMEBase(maintype or "application", subtype or "octet-stream")
            part.set_payload(attachment.payload)
            encode_base64(part)
            name = attachment.name
            part.add_header(
                "Content-Disposition",
                "attachment",
                filename=name if name.isascii() else ("utf-8", "", name),
            )
            message.attach(part)
    headers = [
        ("From", _from(config.shop.name, config.shop.email)),
        ("To", ", ".join(_one_line(a) for a in mail.to)),
        ("Reply-To", mail.reply_to or ""),
        ("Subject", mail.subject),
        ("Date", _date(now, config.shop.timezone)),
        ("Message-ID", mail.message_id),
        ("In-Reply-To", mail.in_reply_to or ""),
        ("References", " ".join(_one_line(r) for r in mail.references)),
        ("Auto-Submitted", mail.auto_submitted if mail.auto_submitted != "no" else ""),
        ("X-Auto-Response-Suppress", "All"),
        # Procmail's loop guard: a robot that sends our own mail back to us is recognised.
        ("X-Loop", config.shop.email),
        ("Content-Language", mail.language or config.shop.language),
    ]
    head = b"".join(_fold(name, value) for name, value in headers if value)
    return head + (body if body is not None else message.as_bytes(policy=_WIRE))

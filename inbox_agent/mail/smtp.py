"""aiosmtplib adapter: the only module that speaks SMTP.

Connecting and logging in (password, XOAUTH2, OAUTHBEARER), sending one mail and reading the
server's answer as a result, and the connections a round of sending shares. asyncio and
aiosmtplib are loaded when a mail is sent, not with the module: a cycle with nothing to send
does not pay for them.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import logging
import re
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inbox_agent.config import OAuth2Config, SmtpConfig
from inbox_agent.mail import oauth2

if TYPE_CHECKING:
    import asyncio

    import aiosmtplib


log = logging.getLogger(__name__)


class SmtpUnavailable(Exception):
    """The server could not be reached or dropped us; everything unsent waits for the next cycle."""


class SmtpLoginRefused(SmtpUnavailable):
    """The login itself was refused (password, or OAuth2 token): a person has to act."""


class SmtpThrottled(SmtpUnavailable):
    """The server asks us to slow down (451 4.7.0, 421 4.7.0, 450 4.7.1 "try again later", a
    daily quota): nothing more is sent this round, and the mail waits; it has not failed."""


# RFC 3463 class 4 subject 7 (a temporary refusal by policy: rate, greylisting, "try later"),
# Gmail's daily sending quota (5.4.5) and Microsoft 365's (SubmissionQuotaExceeded), which
# answer with a permanent code for what lifts the next day.
_THROTTLE = re.compile(r"^(4\.7\.\d{1,3}|5\.4\.5)\b|SubmissionQuotaExceeded", re.IGNORECASE)


def throttling(code: int, message: str) -> bool:
    """Whether an SMTP answer asks us to send more slowly rather than refuses the mail."""
    return 400 <= code < 600 and bool(_THROTTLE.search(message.strip()))


@dataclass(frozen=True)
class SendResult:
    ok: bool
    permanent: bool = False
    error: str = ""


def _tls_context(config: SmtpConfig) -> ssl.SSLContext | None:
    """The certificate checks for TLS; none for a plain connection (loading the system's CA
    certificates costs a tenth of a second, once per round is enough)."""
    return None if config.security == "none" else ssl.create_default_context()


def _client(config: SmtpConfig, context: ssl.SSLContext | None) -> aiosmtplib.SMTP:
    import aiosmtplib

    return aiosmtplib.SMTP(
        hostname=config.host,
        port=config.port,
        timeout=config.timeout.seconds,
        use_tls=config.security == "ssl",
        # STARTTLS is demanded, not opportunistic: a server that does not offer it is an error,
        # never a silent fall back to plain text.
        start_tls=config.security == "starttls",
        tls_context=context,
        validate_certs=True,
    )


class Connections:
    """The sending itself: up to `connections` SMTP connections take the next mail from one
    queue; one that cannot be opened while another works is no error (a provider may allow
    fewer than configured). Runs on an event loop; `report` hears each mail's result."""

    def __init__(
        self, config: SmtpConfig, sender: str, report: Callable[[Any, SendResult], None]
    ) -> None:
        self.config = config
        self.sender = sender
        self.report = report
        self.errors: list[SmtpUnavailable] = []
        # The server asked us to slow down: no connection sends another mail this round.
        self.throttled = False
        self._mails: asyncio.Queue[tuple[Any, Sequence[str], str] | None] | None = None
        self._workers: list[asyncio.Future[None]] = []
        self._context: ssl.SSLContext | None = None

    def put(self, item: tuple[Any, Sequence[str], str]) -> None:
        import asyncio

        if self._mails is None:  # connections open with the first mail, not before
            self._mails = asyncio.Queue()
            count = max(1, self.config.connections)
            self._context = _tls_context(self.config)  # one for every connection of the round
            self._workers = [asyncio.ensure_future(self._worker()) for _ in range(count)]
        self._mails.put_nowait(item)

    async def stop(self) -> None:
        """Send everything queued, then hang up."""
        import asyncio

        if self._mails is not None:
            for _ in self._workers:
                self._mails.put_nowait(None)
            await asyncio.gather(*self._workers)

    def drop_queued(self) -> None:
        """Stop soon: what no connection has begun stays unsent (unreported, so the outbox
        keeps it for the next run); each mail being sent is finished, then they hang up."""
        if self._mails is not None:
            while not self._mails.empty():
                self._mails.get_nowait()
            for _ in self._workers:
                self._mails.put_nowait(None)

    async def cancel(self) -> None:
        import asyncio

        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)

    async def _worker(self) -> None:
        import asyncio

        assert self._mails is not None
        try:
            client = await _connect(self.config, context=self._context)
        except SmtpUnavailable as exc:
            self.errors.append(exc)
            return
        try:
            while (item := await self._mails.get()) is not None:
                if self.throttled:
                    continue  # left unsent: it waits in the outbox for a later cycle
                key, recipients, mail = item
                try:
                    raw = Path(mail).read_bytes()
                except OSError as exc:
                    error = f"the mail kept at {mail} cannot be read: {exc.strerror}"
                    self.report(key, SendResult(False, permanent=True, error=error))
                    continue
                try:
                    result = await _send_one(client, self.sender, recipients, raw)
                except SmtpThrottled as exc:
                    if not self.throttled:
                        log.warning("%s", exc)
                        self.errors.append(exc)
                    self.throttled = True
                    continue
                self.report(key, result)
        except SmtpUnavailable as exc:
            self.errors.append(exc)
        except asyncio.CancelledError:
            client.close()  # stopped at once: no QUIT that a hung server would never answer
            raise
        await _hang_up(client)


async def _connect(
    config: SmtpConfig,
    facts: dict[str, Any] | None = None,
    context: ssl.SSLContext | None = None,
) -> aiosmtplib.SMTP:
    """A connected, logged-in client; `facts` (when given) learns how the login went."""
    import aiosmtplib

    client = _client(config, context if context is not None else _tls_context(config))
    try:
        await client.connect()
        if client.is_ehlo_or_helo_needed:
            # Now rather than at the first mail, so a server that refuses one more connection
            # ("421 too many connections") refuses before this connection takes a mail.
            await client.ehlo()
        method, token = "none", None
        if config.username and config.auth == "oauth2" and config.oauth2 is not None:
            method, token = await _oauth2_login(client, config, config.oauth2)
        elif config.username:
            await client.login(config.username, config.password)
            method = "password"
        if facts is not None:
            facts.update(oauth2.login_facts(method, token))
    except aiosmtplib.SMTPAuthenticationError as exc:
        client.close()
        # 454 and the like: the server's passing trouble, not a refusal of us.
        error = SmtpLoginRefused if exc.code >= 500 else SmtpUnavailable
        hint = (
            " (the OAuth2 token was refused: run `inbox-agent login` again, or check token_command)"
            if config.auth == "oauth2"
            else ""
        )
        raise error(
            f"SMTP login to {config.host} refused: {exc.code} {exc.message}{hint}"
        ) from None
    except oauth2.OAuth2Error as exc:
        client.close()
        error = SmtpLoginRefused if exc.refused else SmtpUnavailable
        raise error(f"SMTP login as {config.username}: no OAuth2 access token: {exc}") from None
    except (TimeoutError, aiosmtplib.SMTPException, OSError) as exc:
        client.close()
        raise SmtpUnavailable(
            f"SMTP server {config.host}:{config.port} unavailable: {exc}"
        ) from None
    return client


async def _oauth2_login(
    client: aiosmtplib.SMTP, config: SmtpConfig, settings: OAuth2Config
) -> tuple[str, oauth2.AccessToken]:
    import asyncio

    import aiosmtplib

    loop = asyncio.get_running_loop()
    for fresh in (False, True):
        # The token may come from a command or an HTTP request: not on the event loop.
        token = await loop.run_in_executor(None, oauth2.access_token, settings, None, fresh)
        try:
            if settings.mechanism == "oauthbearer":
                await _auth_oauthbearer(client, config.username, token.value)
            else:
                await client.auth_xoauth2(config.username, token.value)
        except aiosmtplib.SMTPAuthenticationError:
            # A cached token the server refuses (revoked early) gets one retry with a new one.
            if fresh or token.expires_at is None:
                raise
            continue
        return settings.mechanism.upper(), token
    raise AssertionError("unreachable")


async def _auth_oauthbearer(client: aiosmtplib.SMTP, username: str, token: str) -> None:
    """RFC 7628 over SMTP AUTH; aiosmtplib has XOAUTH2 built in but not this one."""
    import aiosmtplib

    initial = base64.b64encode(oauth2.sasl_oauthbearer(username, token))
    response = await client.execute_command(b"AUTH", b"OAUTHBEARER", initial)
    if response.code == 334:
        # An error challenge (JSON); RFC 7628 3.2.3: the client answers with a single ^A.
        response = await client.execute_command(base64.b64encode(b"\x01"))
    if response.code != 235:
        raise aiosmtplib.SMTPAuthenticationError(response.code, response.message)


async def _hang_up(client: aiosmtplib.SMTP) -> None:
    import aiosmtplib

    try:
        await client.quit()
    except (TimeoutError, aiosmtplib.SMTPException, OSError):
        client.close()


async def _send_one(
    client: aiosmtplib.SMTP, sender: str, recipients: Sequence[str], raw: bytes
) -> SendResult:
    import aiosmtplib

    try:
        errors = await _transaction(client, sender, recipients, raw)
    except aiosmtplib.SMTPRecipientsRefused as exc:
        for refused in exc.recipients:
            if throttling(refused.code, refused.message):
                raise _slow_down(refused.code, refused.message) from None
        codes = [r.code for r in exc.recipients]
        text = "; ".join(f"{r.recipient}: {r.code} {r.message}" for r in exc.recipients)
        return SendResult(False, permanent=all(c >= 500 for c in codes), error=text)
    except aiosmtplib.SMTPResponseException as exc:
        if throttling(exc.code, exc.message):
            raise _slow_down(exc.code, exc.message) from None
        if exc.code in (421,) or not client.is_connected:
            raise SmtpUnavailable(
                f"SMTP server closed the connection: {exc.code} {exc.message}"
            ) from None
        return SendResult(False, permanent=exc.code >= 500, error=f"{exc.code} {exc.message}")
    except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError, OSError) as exc:
        raise SmtpUnavailable(f"SMTP connection lost: {exc}") from None
    if errors:
        text = "; ".join(f"{rcpt}: {resp.code} {resp.message}" for rcpt, resp in errors.items())
        log.warning("some recipients refused: %s", text)
    return SendResult(True)


# What aiosmtplib's sendmail does to a message before DATA (protocol.py): every lone CR or LF
# becomes CRLF, a line starting with a dot gets a second one.
_LINE_END = re.compile(rb"(?:\r\n|\n|\r(?!\n))")
_LEADING_DOT = re.compile(rb"(?m)^\.")


def data_lines(raw: bytes) -> tuple[bytes, int]:
    """The DATA that sendmail would write for `raw` (with the closing dot), and the size it
    announces (RFC 1870: the mail with CRLF line ends, before the dots are doubled).

    Our mails are CRLF already (compose.to_bytes): a count in C says so, and the regular
    expressions, which cost as much as the rest of a mail's sending, run only when needed."""
    crlf = raw.count(b"\r\n")
    if raw.count(b"\n") != crlf or raw.count(b"\r") != crlf:
        raw = _LINE_END.sub(b"\r\n", raw)
    if not raw.endswith(b"\r\n"):
        raw += b"\r\n"
    size = len(raw)
    if raw.startswith(b".") or b"\n." in raw:
        raw = _LEADING_DOT.sub(b"..", raw)
    return raw + b".\r\n", size


@functools.lru_cache(maxsize=4096)
def _path(address: str) -> bytes:
    """`<address>` as MAIL FROM / RCPT TO write it: aiosmtplib's own quoting (ValueError for an
    address that cannot go on a command line), once per address rather than twice a mail."""
    from aiosmtplib.email import quote_address

    return quote_address(address).encode("ascii")


async def _transaction(
    client: aiosmtplib.SMTP, sender: str, recipients: Sequence[str], raw: bytes
) -> dict[str, aiosmtplib.SMTPResponse]:
    """aiosmtplib's `sendmail`, the same commands and bytes in the same order, without its
    per-mail costs: the line ends checked once instead of rewritten twice by a regular
    expression, each address quoted once per round. The refused recipients by address, as
    sendmail returns them; SMTPRecipientsRefused when all are refused. On a refusal the envelope
    is reset (RSET), as sendmail does."""
    import aiosmtplib

    # Every address is checked before anything is sent, so a bad one leaves no envelope open.
    sender_path = _path(sender)
    paths = [_path(recipient) for recipient in recipients]
    data, size = data_lines(raw)
    if client.is_ehlo_or_helo_needed:
        await client.ehlo()
    options = [f"size={size}".encode("ascii")] if client.supports_extension("size") else []
    try:
        response = await client.execute_command(b"MAIL", b"FROM:" + sender_path, *options)
        if response.code != 250:
            raise aiosmtplib.SMTPSenderRefused(response.code, response.message, sender)
        refused = []
        for recipient, path in zip(recipients, paths, strict=True):
            response = await client.execute_command(b"RCPT", b"TO:" + path)
            if response.code not in (250, 251):
                refused.append(
                    aiosmtplib.SMTPRecipientRefused(response.code, response.message, recipient)
                )
        if len(refused) == len(recipients):
            raise aiosmtplib.SMTPRecipientsRefused(refused)
        response = await client.execute_command(b"DATA")
        if response.code != 354:
            raise aiosmtplib.SMTPDataError(response.code, response.message)
        response = await _write_data(client, data)
        if response.code != 250:
            raise aiosmtplib.SMTPDataError(response.code, response.message)
    except (aiosmtplib.SMTPResponseException, aiosmtplib.SMTPRecipientsRefused):
        # Disconnected, or a bad answer to RSET: the first error is the one that counts.
        with contextlib.suppress(ConnectionError, aiosmtplib.SMTPResponseException):
            await client.rset()
        raise
    return {r.recipient: aiosmtplib.SMTPResponse(r.code, r.message) for r in refused}


async def _write_data(client: aiosmtplib.SMTP, data: bytes) -> aiosmtplib.SMTPResponse:
    """The mail after the server's 354, and its answer; a lost or timed-out connection is
    closed, as aiosmtplib's `data` does."""
    import aiosmtplib

    protocol = client.protocol
    if protocol is None:
        raise aiosmtplib.SMTPServerDisconnected("Connection lost")
    try:
        protocol.write(data)
        return await protocol.read_response(timeout=client.timeout)
    except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError):
        client.close()
        raise


def _slow_down(code: int, message: str) -> SmtpThrottled:
    return SmtpThrottled(
        f"the SMTP server asks to send more slowly ({code} {message}); the mail not yet sent "
        "waits in the outbox for a later cycle"
    )


async def _check(config: SmtpConfig) -> dict[str, Any]:
    facts: dict[str, Any] = {
        "server": "SMTP",
        "ok": True,
        "host": config.host,
        "port": config.port,
        "security": config.security,
    }
    await _hang_up(await _connect(config, facts))
    return facts


def check(config: SmtpConfig) -> dict[str, Any]:
    """Connect and log in as a send would; SmtpUnavailable says what failed."""
    import asyncio

    return asyncio.run(_check(config))

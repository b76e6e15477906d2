"""aiosmtplib adapter: the only module that speaks SMTP."""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import aiosmtplib

from inbox_agent.config import SmtpConfig

log = logging.getLogger(__name__)


class SmtpUnavailable(Exception):
    """The server could not be reached or dropped us; everything unsent waits for the next cycle."""


@dataclass(frozen=True)
class SendResult:
    ok: bool
    permanent: bool = False
    error: str = ""


def _client(config: SmtpConfig) -> aiosmtplib.SMTP:
    context = ssl.create_default_context()
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


async def _send_all(
    config: SmtpConfig,
    sender: str,
    mails: Sequence[tuple[Sequence[str], bytes]],
    on_result: Callable[[int, SendResult], None],
) -> None:
    """Up to `config.connections` connections take the next mail from one queue.

    A connection that fails to open while another one works is not an error (a provider may
    allow fewer connections than configured); a connection lost mid-mail, or mail left over
    when every connection failed, raises SmtpUnavailable so the caller retries what is unsent.
    """
    queue = deque(enumerate(mails))
    lost: list[SmtpUnavailable] = []
    refused: list[SmtpUnavailable] = []

    async def worker() -> None:
        try:
            client = await _connect(config)
        except SmtpUnavailable as exc:
            refused.append(exc)
            return
        try:
            while queue:
                index, (recipients, raw) = queue.popleft()
                on_result(index, await _send_one(client, sender, recipients, raw))
        except SmtpUnavailable as exc:
            lost.append(exc)
        finally:
            try:
                await client.quit()
            except (TimeoutError, aiosmtplib.SMTPException, OSError):
                client.close()

    await asyncio.gather(*(worker() for _ in range(max(1, min(config.connections, len(mails))))))
    if lost or (queue and refused):
        raise (lost + refused)[0]
    if refused:
        log.warning("%d of the SMTP connections could not be opened: %s", len(refused), refused[0])


async def _connect(config: SmtpConfig) -> aiosmtplib.SMTP:
    client = _client(config)
    try:
        await client.connect()
        if client.is_ehlo_or_helo_needed:
            # Now rather than at the first mail, so a server that refuses one more connection
            # ("421 too many connections") refuses before this connection takes a mail.
            await client.ehlo()
        if config.username:
            await client.login(config.username, config.password)
    except aiosmtplib.SMTPAuthenticationError as exc:
        client.close()
        raise SmtpUnavailable(
            f"SMTP login to {config.host} refused: {exc.code} {exc.message}"
        ) from None
    except (TimeoutError, aiosmtplib.SMTPException, OSError) as exc:
        client.close()
        raise SmtpUnavailable(
            f"SMTP server {config.host}:{config.port} unavailable: {exc}"
        ) from None
    return client


async def _send_one(
    client: aiosmtplib.SMTP, sender: str, recipients: Sequence[str], raw: bytes
) -> SendResult:
    try:
        errors, _ = await client.sendmail(sender, list(recipients), raw)
    except aiosmtplib.SMTPRecipientsRefused as exc:
        codes = [r.code for r in exc.recipients]
        text = "; ".join(f"{r.recipient}: {r.code} {r.message}" for r in exc.recipients)
        return SendResult(False, permanent=all(c >= 500 for c in codes), error=text)
    except aiosmtplib.SMTPResponseException as exc:
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


def send_all(
    config: SmtpConfig,
    sender: str,
    mails: Sequence[tuple[Sequence[str], bytes]],
    on_result: Callable[[int, SendResult], None],
) -> None:
    """Send everything, reporting each result as it happens (so it can be recorded)."""
    asyncio.run(_send_all(config, sender, mails, on_result))


async def _check(config: SmtpConfig) -> str:
    client = _client(config)
    await client.connect()
    if config.username:
        await client.login(config.username, config.password)
    await client.quit()
    return f"SMTP {config.host}:{config.port} ({config.security}) ok"


def check(config: SmtpConfig) -> str:
    try:
        return asyncio.run(_check(config))
    except (TimeoutError, aiosmtplib.SMTPException, OSError) as exc:
        raise SmtpUnavailable(f"SMTP {config.host}:{config.port}: {exc}") from None

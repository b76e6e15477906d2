"""An aiosmtpd SMTP server on loopback that delivers what it accepts into the IMAP server's
mailboxes, so a test (or the demo) sees mail arrive as a mail client would; and one that fails
on purpose."""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import json
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import AuthResult, Envelope, Session

from inbox_agent.testing.imap import ImapServer, free_port


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    peer: Any = None  # (host, port) of the client connection that sent it

    @property
    def headers(self) -> Any:
        return BytesHeaderParser().parsebytes(self.data)


@dataclass
class DeliveringHandler:
    """Records what arrives and delivers it into the IMAP mailboxes of the recipients.

    `replies` lets a test script the server's answer to the next DATA commands, e.g.
    [451, 550]: a real SMTP server saying "try later" and "no such user", or a whole answer
    ("421 4.7.0 ..."). `throttle_after` makes it a provider with a sending limit: once it has
    accepted that many mails, it answers `throttle_reply` (at DATA, or at RCPT when the reply
    is a 450) until a test raises or clears the limit.
    """

    imap: ImapServer | None
    received: list[Received] = field(default_factory=list)
    replies: list[int | str] = field(default_factory=list)
    throttle_after: int | None = None
    throttle_reply: str = "451 4.7.0 Too many messages, slow down and try again later"
    throttled: int = 0  # answers given with throttle_reply
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Connections beyond this many are refused at EHLO, as providers that limit them do.
    max_connections: int | None = None
    connections: set[Any] = field(default_factory=set)

    async def handle_EHLO(
        self,
        server: SMTPServer,
        session: Session,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        session.host_name = hostname
        with self.lock:
            full = (
                self.max_connections is not None and len(self.connections) >= self.max_connections
            )
            if full and session.peer not in self.connections:
                return ["421 4.7.0 Too many connections from your host"]
            self.connections.add(session.peer)
        return responses

    def _throttles(self, at: str) -> bool:
        with self.lock:
            over = self.throttle_after is not None and len(self.received) >= self.throttle_after
            if over and self.throttle_reply.startswith("450") == (at == "RCPT"):
                self.throttled += 1
                return True
        return False

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's naming
        self, server: SMTPServer, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if self._throttles("RCPT"):
            return self.throttle_reply
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        return "250 OK"

    async def handle_DATA(self, server: SMTPServer, session: Session, envelope: Envelope) -> str:
        if self._throttles("DATA"):
            return self.throttle_reply
        with self.lock:
            scripted = self.replies.pop(0) if self.replies else 250
        if isinstance(scripted, str):
            return scripted
        if scripted == 451:
            return "451 4.3.0 Temporary failure, try again later"
        if scripted == 550:
            return "550 5.1.1 No such user here"
        data = envelope.original_content or b""
        sender = envelope.mail_from or ""
        record = Received(sender, list(envelope.rcpt_tos), data, session.peer)
        with self.lock:
            self.received.append(record)
        if self.imap is not None:
            loop = asyncio.get_running_loop()
            for rcpt in envelope.rcpt_tos:
                delivered = b"Return-Path: <" + sender.encode() + b">\r\n" + data
                # Subaddressing, as most providers do: local+tag@domain lands in local@domain.
                mailbox = re.sub(r"\+[^@]*@", "@", rcpt.lower(), count=1)
                await loop.run_in_executor(None, self.imap.deliver, mailbox, delivered)
        return "250 OK delivered"


@dataclass
class OAuth2DeliveringHandler(DeliveringHandler):
    """Accepts only SASL XOAUTH2 and OAUTHBEARER logins, with tokens `user_of` vouches for.

    A refused token gets what Gmail answers: a 334 challenge with a JSON error, then, after
    the client's (empty or ^A) reply, 535. aiosmtpd finds the `auth_<MECHANISM>` methods.
    """

    user_of: Callable[[str], str | None] = lambda token: None
    logins: list[tuple[str, str]] = field(default_factory=list)  # (mechanism, user) accepted

    async def handle_MAIL(  # noqa: N802 - aiosmtpd's naming
        self, server: SMTPServer, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if not session.authenticated:
            return "530 5.7.0 Authentication required"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def auth_XOAUTH2(self, server: SMTPServer, args: list[str]) -> AuthResult:  # noqa: N802
        return await self._bearer(server, args, "XOAUTH2")

    async def auth_OAUTHBEARER(self, server: SMTPServer, args: list[str]) -> AuthResult:  # noqa: N802
        return await self._bearer(server, args, "OAUTHBEARER")

    async def _bearer(self, server: SMTPServer, args: list[str], mechanism: str) -> AuthResult:
        try:
            blob = base64.b64decode(args[1], validate=True) if len(args) > 1 else b""
        except binascii.Error:
            return AuthResult(success=False, handled=False, message="501 5.5.2 Bad base64")
        fields = dict(
            part.split("=", 1)
            for part in blob.decode(errors="replace").split("\x01")
            if "=" in part
        )
        claimed = fields.get("user", "")
        if mechanism == "OAUTHBEARER":
            claimed = blob.decode(errors="replace").split(",")[1].removeprefix("a=")
        token = fields.get("auth", "").removeprefix("Bearer ")
        user = self.user_of(token)
        if user is not None and user == claimed:
            with self.lock:
                self.logins.append((mechanism, user))
            return AuthResult(success=True, auth_data=user)
        error = json.dumps({"status": "401", "schemes": "bearer", "scope": "mail"})
        await server.challenge_auth(error)
        return AuthResult(
            success=False, handled=False, message="535 5.7.8 Username and token not accepted"
        )


class SmtpServer:
    """aiosmtpd on a free loopback port, delivering into `imap`.

    With `oauth2_user_of` (token → user, e.g. FakeAuthority.user_of) it requires a login and
    accepts only XOAUTH2 and OAUTHBEARER, as Microsoft 365 and Gmail do for OAuth2 apps.
    """

    def __init__(
        self, imap: ImapServer | None, oauth2_user_of: Callable[[str], str | None] | None = None
    ) -> None:
        self.port = free_port()
        self.host = "127.0.0.1"
        auth: dict[str, Any] = {}
        if oauth2_user_of is None:
            self.handler = DeliveringHandler(imap)
        else:
            self.handler = OAuth2DeliveringHandler(imap, user_of=oauth2_user_of)
            # Not aiosmtpd's auth_required, which warns without TLS: handle_MAIL insists.
            auth = {"auth_require_tls": False, "auth_exclude_mechanism": ["PLAIN", "LOGIN"]}
        self.controller = Controller(
            self.handler,
            hostname=self.host,
            port=self.port,
            decode_data=False,
            ready_timeout=10,
            **auth,
        )
        self.controller.start()

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    def stop(self) -> None:
        self.controller.stop()


class FaultySmtpServer:
    """A real SMTP conversation that misbehaves at the end of DATA: it hangs or hangs up.

    aiosmtpd cannot be made to do either, so this speaks just enough SMTP itself.
    """

    def __init__(self, fault: str) -> None:
        assert fault in ("hang", "drop")
        self.fault = fault
        self.port = free_port()
        self.host = "127.0.0.1"
        self.accepted = 0
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((self.host, self.port))
        self._sock.listen(8)
        self._open: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            self._open.append(conn)
            threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    def _talk(self, conn: socket.socket) -> None:
        reader = conn.makefile("rb")
        try:
            conn.sendall(b"220 faulty.test ESMTP\r\n")
            for line in reader:
                command = line.strip().upper()
                if command.startswith((b"EHLO", b"HELO")):
                    conn.sendall(b"250-faulty.test\r\n250 8BITMIME\r\n")
                elif command.startswith((b"MAIL", b"RCPT", b"RSET", b"NOOP")):
                    conn.sendall(b"250 OK\r\n")
                elif command == b"DATA":
                    conn.sendall(b"354 go ahead\r\n")
                    for data_line in reader:
                        if data_line in (b".\r\n", b".\n"):
                            break
                    self.accepted += 1
                    if self.fault == "drop":
                        conn.close()
                        return
                    time.sleep(3600)  # hang: the client's timeout must save it
                elif command == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
        except OSError:
            return

    def stop(self) -> None:
        self._sock.close()
        for conn in self._open:
            with contextlib.suppress(OSError):
                conn.close()

"""Real IMAP (pymap, Dovecot) and SMTP (aiosmtpd) servers on loopback, started in-process.

The SMTP server delivers what it accepts into the IMAP server's mailboxes, so a test (or the
demo) sees mail arrive exactly as a customer's or owner's mail client would.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import binascii
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import AuthResult, Envelope, Session
from imapclient import IMAPClient

PASSWORD = "secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_listening(host: str, port: int, seconds: float) -> bool:
    """Whether a server accepts connections on host:port within `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection((host, port), timeout=1).close()
            return True
        except OSError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)


class ImapServer:
    """What tests need of any IMAP server: accounts, delivery and a look inside mailboxes."""

    host = "127.0.0.1"
    port: int
    name: str
    keywords: bool  # does the server keep our $Processed keyword?

    def add_user(self, user: str, password: str = PASSWORD) -> None:
        raise NotImplementedError

    def client(self, user: str, password: str = PASSWORD) -> IMAPClient:
        self.add_user(user, password)
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.login(user, password)
        return client

    def deliver(
        self,
        user: str,
        raw: bytes,
        folder: str = "INBOX",
        flags: tuple[bytes, ...] = (),
        arrived: Any = None,
    ) -> None:
        """Put a mail in a mailbox; `arrived` (a datetime) sets its internal date."""
        client = self.client(user)
        try:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            client.append(folder, raw, flags=flags, msg_time=arrived)
        finally:
            client.logout()

    def messages(self, user: str, folder: str = "INBOX") -> list[bytes]:
        client = self.client(user)
        try:
            if not client.folder_exists(folder):
                return []
            client.select_folder(folder, readonly=True)
            uids = client.search(["ALL"])
            data = client.fetch(uids, ["BODY.PEEK[]"]) if uids else {}
            return [bytes(data[u][b"BODY[]"]) for u in sorted(data)]
        finally:
            client.logout()

    def flags(self, user: str, folder: str = "INBOX") -> dict[int, tuple[bytes, ...]]:
        client = self.client(user)
        try:
            client.select_folder(folder, readonly=True)
            uids = client.search(["ALL"])
            return (
                {u: tuple(v[b"FLAGS"]) for u, v in client.fetch(uids, ["FLAGS"]).items()}
                if uids
                else {}
            )
        finally:
            client.logout()

    def stop(self) -> None:
        raise NotImplementedError


class _ConnectionRunner:
    """Runs pymap's handler for one connection inside the task asyncio made for it.

    pymap's own `IMAPService.start` goes through proxy-protocol's callback, which starts the
    connection in a task nobody keeps a reference to. Since Python 3.12.1/3.13 the stream
    protocol no longer holds the StreamWriter either (cpython#109321), so the garbage
    collector can take the task and its writer mid-session, and the writer's `__del__` closes
    the socket: clients see "connection reset". Awaiting the handler here keeps the
    connection owned by the task `asyncio.start_server` holds. No PROXY header is read: the
    server listens on loopback only.
    """

    def __init__(self, handler: Any) -> None:
        self.handler = handler

    async def __call__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        from uuid import uuid4

        from proxyprotocol.sock import SocketInfo

        await self.handler(reader, writer, SocketInfo.get(writer, None, unique_id=uuid4().bytes))


class PymapServer(ImapServer):
    """pymap's in-memory backend in a background thread with its own event loop."""

    name = "pymap"
    keywords = False

    def __init__(self) -> None:
        self.port = free_port()
        self._users: set[str] = set()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="pymap", daemon=True)
        self._thread.start()
        if not self._ready.wait(20) or self._error:
            raise RuntimeError(f"pymap did not start: {self._error}")

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._serve())
        except BaseException as exc:  # reported to the starting thread
            self._error = exc
            self._ready.set()

    async def _serve(self) -> None:
        from pymap.backend.dict import DictBackend
        from pymap.imap import IMAPServer, IMAPService

        parser = argparse.ArgumentParser()
        DictBackend.add_subparser("dict", parser.add_subparsers(dest="backend"))
        IMAPService.add_arguments(parser)
        args = parser.parse_args(
            ["--host", self.host, "--port", str(self.port), "--no-tls", "dict"]
        )
        args.debug, args.skip_services, args.passlib_cfg = False, [], None
        from pysasl.hashing import Cleartext

        # Test accounts with slow password hashing would make every login cost 0.2 s.
        self.backend, self.config = await DictBackend.init(args, hash_context=Cleartext())
        self.config.apply_context()
        self._stop = asyncio.Event()
        async with AsyncExitStack() as stack:
            await self.backend.start(stack)
            server = await asyncio.start_server(
                _ConnectionRunner(IMAPServer(self.backend.login, self.config)),
                host=self.host,
                port=self.port,
            )
            await stack.enter_async_context(server)
            self._ready.set()
            await self._stop.wait()

    async def _add_user(self, user: str, password: str) -> None:
        from pymap.user import Passwords, UserMetadata

        hashed = await Passwords(self.config).hash_password(password)
        self.backend.login.users_dict[user] = UserMetadata(self.config, user, password=hashed)

    def add_user(self, user: str, password: str = PASSWORD) -> None:
        if user in self._users:
            return
        asyncio.run_coroutine_threadsafe(self._add_user(user, password), self._loop).result(10)
        self._users.add(user)

    def reset_uidvalidity(self, user: str, folder: str = "INBOX") -> None:
        """Give the folder a new UIDVALIDITY, as a server restore would (same messages)."""
        raw = self.messages(user, folder)
        client = self.client(user)
        try:
            client.select_folder(folder)
            uids = client.search(["ALL"])
            if uids:
                client.delete_messages(uids)
                client.expunge()
            client.close_folder()
            if folder != "INBOX":
                client.delete_folder(folder)
        finally:
            client.logout()
        for message in raw:
            self.deliver(user, message, folder)

    def stop(self) -> None:
        if hasattr(self, "_stop"):
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)


_DOVECOT_CONF = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login{oauth2_mechanisms}
mail_location = maildir:{root}/mail/%u
mail_uid = {uid}
mail_gid = {gid}
first_valid_uid = 0
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
{oauth2_passdb}passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
protocol imap {{
  mail_max_userip_connections = 100
}}
"""


# With an introspection URL, XOAUTH2 and OAUTHBEARER logins are checked by Dovecot's oauth2
# passdb against that endpoint (RFC 7662, POST token=...); the static passdb keeps serving
# the password logins the tests use to deliver and look inside mailboxes.
_DOVECOT_OAUTH2_PASSDB = """\
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/dovecot-oauth2.conf.ext
}}
"""
_DOVECOT_OAUTH2_CONF = """\
introspection_mode = post
introspection_url = {url}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
"""


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or (
        str(p) if (p := Path("/usr/sbin/dovecot")).exists() else None
    )


class DovecotServer(ImapServer):
    """A private Dovecot: config, mail and sockets under a temp dir, listening on loopback only."""

    name = "dovecot"
    keywords = True

    def __init__(self, oauth2_introspection_url: str = "") -> None:
        binary = dovecot_binary()
        if not binary:
            raise RuntimeError("dovecot is not installed")
        self.binary = binary
        self.root = Path(tempfile.mkdtemp(prefix="inbox-agent-dovecot-"))
        os.chmod(self.root, 0o755)
        self.port = free_port()
        user = "dovecot"
        import grp
        import pwd

        entry = pwd.getpwnam(user)
        for sub in ("run", "state", "mail"):
            (self.root / sub).mkdir()
        os.chown(self.root / "mail", entry.pw_uid, entry.pw_gid)
        self.conf = self.root / "dovecot.conf"
        if oauth2_introspection_url:
            (self.root / "dovecot-oauth2.conf.ext").write_text(
                _DOVECOT_OAUTH2_CONF.format(url=oauth2_introspection_url)
            )
        self.conf.write_text(
            _DOVECOT_CONF.format(
                oauth2_mechanisms=" xoauth2 oauthbearer" if oauth2_introspection_url else "",
                oauth2_passdb=_DOVECOT_OAUTH2_PASSDB.format(root=self.root)
                if oauth2_introspection_url
                else "",
                root=self.root,
                port=self.port,
                password=PASSWORD,
                uid=entry.pw_uid,
                gid=entry.pw_gid,
                user=user,
                group=grp.getgrgid(entry.pw_gid).gr_name,
            )
        )
        self.resume()

    def add_user(self, user: str, password: str = PASSWORD) -> None:
        # Every account exists with the one test password (a static passdb), as on a catch-all.
        if password != PASSWORD:
            raise ValueError("the test Dovecot knows only the shared test password")

    def doveadm(self, *args: str) -> str:
        doveadm = shutil.which("doveadm") or "/usr/bin/doveadm"
        result = subprocess.run(
            [doveadm, "-c", str(self.conf), *args], capture_output=True, text=True, timeout=30
        )
        if result.returncode != 0:
            raise RuntimeError(f"doveadm {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def reset_uidvalidity(self, user: str, folder: str = "INBOX") -> None:
        self.doveadm(
            "mailbox", "update", "-u", user, "--uid-validity", str(int(time.time()) + 7), folder
        )

    def halt(self) -> None:
        """Kill the server at once (master and children), keeping its mail: a crash or outage."""
        master = int((self.root / "run" / "master.pid").read_text().strip())
        listing = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True)
        family = {master}
        pairs = [
            tuple(map(int, line.split())) for line in listing.stdout.splitlines() if line.strip()
        ]
        for _ in range(3):  # children and grandchildren
            family |= {pid for pid, ppid in pairs if ppid in family}
        for pid in family:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        (self.root / "run" / "master.pid").unlink(missing_ok=True)

    def resume(self) -> None:
        """Start (again) on the same port and mail, and wait until it listens."""
        with open(self.root / "start.log", "ab") as out:
            # Dovecot daemonizes; its children inherit stdout, so never capture it in a pipe.
            subprocess.run(
                [self.binary, "-c", str(self.conf)],
                check=True,
                stdout=out,
                stderr=out,
                stdin=subprocess.DEVNULL,
                timeout=30,
            )
        if wait_listening(self.host, self.port, 15):
            return
        log_file = self.root / "dovecot.log"
        log = log_file.read_text() if log_file.exists() else ""
        raise RuntimeError(f"dovecot did not start listening on {self.port}: {log[-2000:]}")

    def stop(self) -> None:
        subprocess.run(
            [self.binary, "-c", str(self.conf), "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            timeout=30,
        )
        time.sleep(0.2)
        shutil.rmtree(self.root, ignore_errors=True)


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
    [451, 550]: a real SMTP server saying "try later" and "no such user".
    """

    imap: ImapServer | None
    received: list[Received] = field(default_factory=list)
    replies: list[int] = field(default_factory=list)
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

    async def handle_DATA(self, server: SMTPServer, session: Session, envelope: Envelope) -> str:
        with self.lock:
            scripted = self.replies.pop(0) if self.replies else 250
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
                await loop.run_in_executor(None, self.imap.deliver, rcpt.lower(), delivered)
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

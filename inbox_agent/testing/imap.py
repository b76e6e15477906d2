"""IMAP servers for tests and the demo: the common face, and pymap in-process on loopback."""

from __future__ import annotations

import argparse
import asyncio
import socket
import threading
import time
from contextlib import AsyncExitStack
from typing import Any

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

"""imapclient adapter: the only module that speaks IMAP."""

from __future__ import annotations

import logging
import socket
import ssl
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError
from imapclient.imapclient import SocketTimeout

from inbox_agent.config import ImapConfig
from inbox_agent.models import OAuth2Error

if TYPE_CHECKING:
    from inbox_agent.mail import oauth2

log = logging.getLogger(__name__)

PROCESSED_KEYWORD = b"$Processed"
_OAUTH2_HINT = (
    " (the OAuth2 token was refused: run `inbox-agent login` again, or check token_command)"
)
_NETWORK_ERRORS = (IMAPClientError, OSError, socket.timeout, ssl.SSLError)


class ImapUnavailable(Exception):
    """The IMAP server could not be reached, refused us or dropped us; retried next cycle."""


class ImapLoginRefused(ImapUnavailable):
    """The login itself was refused (password, or OAuth2 token): a person has to act."""


@dataclass(frozen=True)
class FolderInfo:
    uidvalidity: int
    keywords: bool  # may we store our own keyword ($Processed)? (PERMANENTFLAGS contains \*)
    uidnext: int | None = None  # RFC 3501 7.1: the UID the next mail will get, when offered


class Inbox:
    """One logged-in IMAP session on the complaint folder."""

    def __init__(self, config: ImapConfig) -> None:
        self.config = config
        self.client: IMAPClient | None = None
        self.info: FolderInfo | None = None
        # How the login went, for `check`: the mechanism, and the token when OAuth2 was used.
        self.login_method = ""
        self.token: oauth2.AccessToken | None = None

    def __enter__(self) -> Inbox:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def connect(self) -> FolderInfo:
        config = self.config
        seconds = config.timeout.seconds
        # Loading the system's certificates takes tens of ms; a plain connection needs none.
        context = ssl.create_default_context() if config.security != "none" else None
        try:
            # imapclient has no timeout unless given one; a hung server must not hang cron.
            client = IMAPClient(
                config.host,
                port=config.port,
                ssl=config.security == "ssl",
                ssl_context=context,
                timeout=SocketTimeout(connect=seconds, read=seconds),
            )
            if config.security == "starttls":
                client.starttls(context)
            self._login(client)
        except LoginError as exc:
            # RFC 5530: [UNAVAILABLE] is the server's passing trouble, not a refusal of us.
            error = ImapUnavailable if "UNAVAILABLE" in str(exc).upper() else ImapLoginRefused
            hint = _OAUTH2_HINT if config.auth == "oauth2" else ""
            raise error(
                f"IMAP login as {config.username} on {config.host} refused: {exc}{hint}"
            ) from None
        except OAuth2Error as exc:
            error = ImapLoginRefused if exc.refused else ImapUnavailable
            raise error(f"IMAP login as {config.username}: no OAuth2 access token: {exc}") from None
        except _NETWORK_ERRORS as exc:
            raise ImapUnavailable(
                f"IMAP server {config.host}:{config.port} unavailable: {exc}"
            ) from None
        self.client = client
        return self.select()

    def _login(self, client: IMAPClient) -> None:
        config = self.config
        if config.auth != "oauth2" or config.oauth2 is None:
            client.login(config.username, config.password)
            self.login_method = "password"
            return
        from inbox_agent.mail import oauth2  # only for an OAuth2 login

        settings = config.oauth2
        for fresh in (False, True):
            # A cached token the server refuses (revoked early) gets one retry with a new one.
            self.token = token = oauth2.access_token(settings, fresh=fresh)
            try:
                if settings.mechanism == "oauthbearer":
                    client.oauthbearer_login(config.username, token.value)
                else:
                    client.oauth2_login(config.username, token.value)
            except LoginError:
                if fresh or token.expires_at is None:
                    raise
                continue
            self.login_method = settings.mechanism.upper()
            return

    def select(self) -> FolderInfo:
        assert self.client is not None
        try:
            status = self.client.select_folder(self.config.folder)
        except _NETWORK_ERRORS as exc:
            raise ImapUnavailable(
                f"IMAP folder {self.config.folder!r} cannot be opened: {exc}"
            ) from None
        permanent = status.get(b"PERMANENTFLAGS", ())
        uidnext = status.get(b"UIDNEXT")
        self.info = FolderInfo(
            uidvalidity=int(status[b"UIDVALIDITY"]),
            keywords=b"\\*" in permanent,
            uidnext=int(uidnext) if uidnext else None,
        )
        return self.info

    def close(self) -> None:
        if self.client is not None:
            with suppress(*_NETWORK_ERRORS):
                self.client.logout()
            self.client = None

    def unprocessed_uids(self, last_uid: int, rebaseline: bool) -> list[int]:
        """UIDs to read. Never depends on \\Seen: the owner may have read the mail already.

        Normally everything above the last UID we stored. After a UIDVALIDITY change (or on the
        first run) the old UIDs mean nothing, so we take every mail not marked processed and let
        Message-ID deduplication skip what the store already has. Either way nothing that
        arrived (IMAP internal date) before `imap.read_since`.
        """
        assert self.client is not None and self.info is not None
        since: list[Any] = ["SINCE", self.config.read_since] if self.config.read_since else []
        try:
            if rebaseline:
                criteria = (
                    ["NOT", "KEYWORD", PROCESSED_KEYWORD.decode()]
                    if self.info.keywords
                    else ["ALL"]
                )
                uids = self.client.search(criteria + since)
            else:
                found = self.client.search(["UID", f"{last_uid + 1}:*", *since])
                uids = [u for u in found if u > last_uid]
        except _NETWORK_ERRORS as exc:
            raise ImapUnavailable(f"IMAP search failed: {exc}") from None
        return sorted(int(u) for u in uids)

    def unprocessed_arrivals(self, before: date) -> tuple[int, list[datetime]]:
        """(mails not marked processed, arrival times of those that came before `before`): what
        a first run would read, so that it can refuse a mailbox full of old mail."""
        assert self.client is not None and self.info is not None
        unprocessed = (
            ["NOT", "KEYWORD", PROCESSED_KEYWORD.decode()] if self.info.keywords else ["ALL"]
        )
        try:
            old = self.client.search([*unprocessed, "BEFORE", before])
            if not old:
                return 0, []
            total = len(self.client.search(unprocessed))
            found = self.client.fetch(old, ["INTERNALDATE"])
        except _NETWORK_ERRORS as exc:
            raise ImapUnavailable(f"IMAP search failed: {exc}") from None
        return total, [v[b"INTERNALDATE"] for v in found.values() if b"INTERNALDATE" in v]

    def highest_uid(self) -> int:
        """The highest UID in the folder now (0 when empty): after a UIDVALIDITY change, the
        position up to which every mail is either read this cycle or was processed before."""
        assert self.client is not None and self.info is not None
        if self.info.uidnext:
            return self.info.uidnext - 1
        try:
            found = self.client.search(["ALL"])
        except _NETWORK_ERRORS as exc:
            raise ImapUnavailable(f"IMAP search failed: {exc}") from None
        return max((int(u) for u in found), default=0)

    def processed_above(self, last_uid: int) -> list[int]:
        """UIDs after `last_uid` that already carry our processed mark (none should)."""
        assert self.client is not None and self.info is not None
        if self.config.processed_folder or not self.info.keywords:
            return []
        try:
            found = self.client.search(["UID", f"{last_uid + 1}:*", "KEYWORD", "$Processed"])
        except _NETWORK_ERRORS as exc:
            raise ImapUnavailable(f"IMAP search failed: {exc}") from None
        return sorted(int(u) for u in found if u > last_uid)

    def processed_position(self) -> list[int] | None:
        """[UIDVALIDITY, UIDNEXT] of the processed folder (None without one, or not made yet)."""
        assert self.client is not None
        if not self.config.processed_folder:
            return None
        try:
            status = self.client.folder_status(
                self.config.processed_folder, [b"UIDVALIDITY", b"UIDNEXT"]
            )
        except IMAPClientError:
            return None  # no such folder yet
        except _NETWORK_ERRORS as exc:
            raise ImapUnavailable(f"IMAP status failed: {exc}") from None
        return [int(status[b"UIDVALIDITY"]), int(status[b"UIDNEXT"])]

    def moved_since(self, position: list[int] | None, limit: int = 200) -> list[bytes]:
        """Raw mails that reached the processed folder after `position` (processed_position)."""
        assert self.client is not None
        now = self.processed_position()
        if position is None or now is None or now[0] != position[0] or now[1] <= position[1]:
            return []
        try:
            self.client.select_folder(self.config.processed_folder, readonly=True)
            found = self.client.search(["UID", f"{position[1]}:*"])
            uids = sorted(u for u in found if u >= position[1])[:limit]
            response = self.client.fetch(uids, ["BODY.PEEK[]"]) if uids else {}
        except _NETWORK_ERRORS as exc:
            raise ImapUnavailable(f"IMAP fetch failed: {exc}") from None
        finally:
            self.select()
        return [bytes(response[u][b"BODY[]"]) for u in uids if b"BODY[]" in response.get(u, {})]

    def fetch(self, uids: Sequence[int]) -> Iterator[list[tuple[int, bytes]]]:
        """Raw mails in chunks; BODY.PEEK[] leaves every flag (\\Seen included) as it was."""
        assert self.client is not None
        batch = self.config.fetch_batch
        for start in range(0, len(uids), batch):
            chunk = list(uids[start : start + batch])
            try:
                response = self.client.fetch(chunk, ["BODY.PEEK[]"])
            except _NETWORK_ERRORS as exc:
                raise ImapUnavailable(f"IMAP fetch failed: {exc}") from None
            yield [
                (uid, bytes(response[uid][b"BODY[]"]))
                for uid in chunk
                if uid in response and b"BODY[]" in response[uid]
            ]

    def mark_processed(self, uids: Sequence[int]) -> None:
        """Only called once the store holds the mails' changes durably."""
        assert self.client is not None and self.info is not None
        if not uids:
            return
        try:
            if self.config.processed_folder:
                self._move(list(uids), self.config.processed_folder)
            elif self.info.keywords:
                self.client.add_flags(list(uids), [PROCESSED_KEYWORD], silent=True)
        except _NETWORK_ERRORS as exc:
            raise ImapUnavailable(f"IMAP could not mark mail processed: {exc}") from None

    def _move(self, uids: list[int], folder: str) -> None:
        assert self.client is not None
        if not self.client.folder_exists(folder):
            self.client.create_folder(folder)
        if self.client.has_capability("MOVE"):
            self.client.move(uids, folder)
            return
        self.client.copy(uids, folder)
        self.client.delete_messages(uids, silent=True)
        if self.client.has_capability("UIDPLUS"):
            self.client.uid_expunge(uids)
        else:
            self.client.expunge()

    def idle_supported(self) -> bool:
        return self.client is not None and self.client.has_capability("IDLE")

    def idle_until(self, seconds: float, interrupted: Callable[[], bool]) -> bool:
        """IDLE until the server reports new mail, `seconds` pass or `interrupted()` is true.

        Checks `interrupted` every second so SIGTERM and timer wake-ups are answered quickly.
        Returns True when the server reported something new.
        """
        assert self.client is not None
        deadline = time.monotonic() + seconds
        try:
            self.client.idle()
            try:
                while not interrupted() and time.monotonic() < deadline:
                    wait = min(1.0, max(0.1, deadline - time.monotonic()))
                    started = time.monotonic()
                    responses = self.client.idle_check(timeout=wait)
                    if any(r and r[0] == b"BYE" for r in responses):
                        raise ImapUnavailable("the IMAP server ended the IDLE session (BYE)")
                    if not responses and time.monotonic() - started < wait / 2:
                        # imapclient swallows EOF in idle_check: a readable socket that yields
                        # nothing, at once, is a connection the server has closed.
                        raise ImapUnavailable("the IMAP server closed the connection during IDLE")
                    if any(len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses):
                        return True
            finally:
                with suppress(*_NETWORK_ERRORS):
                    self.client.idle_done()
        except _NETWORK_ERRORS as exc:
            raise ImapUnavailable(f"IMAP IDLE failed: {exc}") from None
        return False


def check(config: ImapConfig) -> dict[str, Any]:
    """Log in and open the folder as a cycle would; ImapUnavailable says what failed."""
    from inbox_agent.mail import oauth2

    with Inbox(config) as inbox:
        assert inbox.info is not None and inbox.client is not None
        marking = (
            f"moves processed mail to {config.processed_folder!r}"
            if config.processed_folder
            else "marks processed mail with $Processed"
            if inbox.info.keywords
            else "server keeps no keywords: processed mail is tracked by UID in the store"
        )
        return {
            "server": "IMAP",
            "ok": True,
            "host": config.host,
            "port": config.port,
            "security": config.security,
            "folder": config.folder,
            "idle": inbox.idle_supported(),
            "marking": marking,
            **oauth2.login_facts(inbox.login_method, inbox.token),
        }

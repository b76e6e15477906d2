"""A real mail path on loopback for the benchmarks: Postfix (SMTP in) delivering over LMTP into
Dovecot (IMAP out), both with their config, queue and mail under a temp dir.

No system-wide service is started or changed: Postfix runs with its own `config_directory`
and `queue_directory`, listens on 127.0.0.1 on a free port (`inet_interfaces = loopback-only`)
and hands every recipient to Dovecot's LMTP on another free loopback port; Dovecot (the test
fixture's config plus an LMTP listener) stores each recipient's mail in a maildir of its own.
So a benchmark can count "until the last mail is delivered" the way a shop's server would.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from inbox_agent.testing.servers import DovecotServer, free_port, wait_listening

_LMTP = """
protocols = imap lmtp
service lmtp {{
  inet_listener lmtp {{
    address = 127.0.0.1
    port = {port}
  }}
  process_min_avail = 2
}}
protocol lmtp {{
  postmaster_address = postmaster@ketting.nl
}}
"""


class LmtpDovecot(DovecotServer):
    """The tests' private Dovecot with an LMTP listener on loopback as well."""

    def resume(self) -> None:
        if not hasattr(self, "lmtp_port"):
            self.lmtp_port = free_port()
            text = self.conf.read_text().replace("protocols = imap\n", "")
            self.conf.write_text(text + _LMTP.format(port=self.lmtp_port))
        super().resume()

    def delivered(self, since: float) -> tuple[int, float]:
        """Mails delivered into any maildir's new/ since `since` (epoch): (count, last mtime)."""
        count, last = 0, 0.0
        for folder in (self.root / "mail").glob("*/new"):
            with os.scandir(folder) as entries:
                for entry in entries:
                    mtime = entry.stat().st_mtime
                    if mtime >= since:
                        count += 1
                        last = max(last, mtime)
        return count, last


_MAIN_CF = """\
compatibility_level = 3.6
queue_directory = {root}/queue
data_directory = {root}/data
mail_owner = postfix
myhostname = bench.localdomain
mydomain = localdomain
myorigin = $myhostname
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
relay_domains =
alias_maps =
alias_database =
local_recipient_maps =
default_transport = lmtp:inet:127.0.0.1:{lmtp}
relay_transport = lmtp:inet:127.0.0.1:{lmtp}
local_transport = error:no local delivery
smtputf8_enable = no
biff = no
append_dot_mydomain = no
maillog_file = {root}/postfix.log
maillog_file_prefixes = {root}
smtpd_banner = $myhostname ESMTP bench
"""

_MASTER_CF = """\
127.0.0.1:{port} inet n - n - - smtpd
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
lmtp      unix  - - n - - lmtp
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
"""

_QUEUES = ("maildrop", "incoming", "active", "deferred", "hold")


def postfix_binary() -> str | None:
    return shutil.which("postfix") or (
        str(p) if (p := Path("/usr/sbin/postfix")).exists() else None
    )


class PostfixServer:
    """A private Postfix instance on loopback that relays everything to `lmtp_port`."""

    def __init__(self, lmtp_port: int) -> None:
        binary = postfix_binary()
        if not binary:
            raise RuntimeError("postfix is not installed (apt-get install postfix)")
        self.binary = binary
        self.root = Path(tempfile.mkdtemp(prefix="inbox-agent-postfix-"))
        os.chmod(self.root, 0o755)
        self.port = free_port()
        self.config = self.root / "etc"
        self.config.mkdir()
        (self.root / "queue").mkdir()
        (self.root / "data").mkdir()
        shutil.chown(self.root / "data", "postfix", "postfix")
        (self.config / "main.cf").write_text(_MAIN_CF.format(root=self.root, lmtp=lmtp_port))
        (self.config / "master.cf").write_text(_MASTER_CF.format(port=self.port))
        self._postfix("start")
        if not wait_listening("127.0.0.1", self.port, 20):
            log = self.root / "postfix.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            self.stop()
            raise RuntimeError(f"postfix did not start listening on {self.port}: {tail}")

    def _postfix(self, command: str) -> None:
        result = subprocess.run(
            [self.binary, "-c", str(self.config), command],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )
        if result.returncode != 0:
            raise RuntimeError(f"postfix {command}: {result.stderr.strip()[-2000:]}")

    def queued(self) -> int:
        """Mails still in Postfix's queues (not yet handed to Dovecot, or deferred)."""
        count = 0
        for name in _QUEUES:
            for _dir, _subdirs, files in os.walk(self.root / "queue" / name):
                count += len(files)
        return count

    def deferred(self) -> int:
        return sum(len(f) for _d, _s, f in os.walk(self.root / "queue" / "deferred"))

    def drained(self, timeout: float = 600) -> None:
        """Wait until the queue is empty; a deferred mail is an error of the setup."""
        deadline = time.monotonic() + timeout
        while self.queued():
            if self.deferred():
                raise RuntimeError(f"postfix deferred mail; see {self.root}/postfix.log")
            if time.monotonic() > deadline:
                raise RuntimeError(f"postfix still holds {self.queued()} mails")
            time.sleep(0.02)

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self._postfix("stop")
        time.sleep(0.2)
        shutil.rmtree(self.root, ignore_errors=True)


class MailPath:
    """Dovecot with LMTP, and Postfix in front of it: `imap_port`, `smtp_port`, `delivered`."""

    def __init__(self) -> None:
        self.dovecot = LmtpDovecot()
        try:
            self.postfix = PostfixServer(self.dovecot.lmtp_port)
        except Exception:
            self.dovecot.stop()
            raise
        self.imap_port = self.dovecot.port
        self.smtp_port = self.postfix.port

    def delivered_since(self, since: float, timeout: float = 600) -> tuple[int, float]:
        """After the queue has drained: how many mails arrived since `since`, the last when."""
        self.postfix.drained(timeout)
        return self.dovecot.delivered(since)

    def stop(self) -> None:
        self.postfix.stop()
        self.dovecot.stop()

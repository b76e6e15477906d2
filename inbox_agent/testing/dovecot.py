"""A private Dovecot on loopback (config under a temp dir) for the tests CI makes mandatory."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from inbox_agent.testing.imap import PASSWORD, ImapServer, free_port, wait_listening

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

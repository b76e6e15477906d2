"""Who may write the data folder (the user it belongs to, and nobody else), and who may read
the config's secrets.

Files are written private (umask 077). Written by root, or by an admin's own account, in the
service's data folder they are private to the wrong user: the service then stops with
"Permission denied" at its next cycle. So the commands that write there refuse, before they
touch anything, to run as anyone but the folder's owner, and say how to run them instead.
"""

from __future__ import annotations

import pwd
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inbox_agent.config import Config


def user_name(uid: int) -> str:
    try:
        return f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
    except KeyError:
        return f"uid {uid}"


def refusal(folder: Path, uid: int, writes: Path | None = None) -> str | None:
    """Why a command run as `uid` must not write `writes` (default: the data folder itself).

    None when it may: the folder does not exist yet (it will be this user's), it is this
    user's, or `writes` lies outside it.
    """
    target = writes if writes is not None else folder
    try:
        owner = folder.stat().st_uid
        inside = target.resolve().is_relative_to(folder.resolve())
    except OSError:
        return None
    if owner == uid or not inside:
        return None
    owner_name = user_name(owner).split(" (")[0]
    return (
        f"the data folder {folder} belongs to {user_name(owner)}, and this command runs as "
        f"{user_name(uid)}: what it wrote there would be unreadable for the service. Run it as "
        f"the folder's owner, e.g. `sudo -u {owner_name} inbox-agent ...`"
    )


def exposed_secrets(config: Config) -> str | None:
    """A warning when the config file holds a password or client secret and other users may
    read it (ssh refuses such a key file outright; here a warning in `check` is enough)."""
    secrets = [
        f"{name}.{key}"
        for name, server in (("imap", config.imap), ("smtp", config.smtp))
        for key, value in (
            ("password", server.password),
            ("oauth2.client_secret", server.oauth2.client_secret if server.oauth2 else ""),
        )
        if value
    ]
    if not secrets or config.source is None:
        return None
    try:
        mode = stat.S_IMODE(config.source.stat().st_mode)
    except OSError:
        return None
    if not mode & 0o004:  # root:inbox-agent 0640 is the usual way to give the service its config
        return None
    return (
        f"{config.source} holds {' and '.join(secrets)} and is readable by every user on this "
        f"machine (mode {mode:o}); run: chmod 600 {config.source} (or 640 with the service's "
        "group)"
    )

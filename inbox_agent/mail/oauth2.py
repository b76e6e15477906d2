"""OAuth2 access tokens for IMAP and SMTP: from a command, or from a stored refresh token.

A token command (`token_command`) is run for every login, the way mutt and msmtp do it. The
built-in flow keeps the refresh token in `refresh_token_file` (JSON, mode 0600) together with
the last access token and its expiry, so a cron-run `once` asks the provider for a new access
token only when the old one is about to expire; a renewed refresh token is written back
atomically under a lock, so IMAP and SMTP (or two processes) never lose one.

Plain urllib and RFC 6749/8628 rather than a provider SDK: three form POSTs are all it takes,
and one small module covers Microsoft, Google and any other provider alike.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shlex
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from inbox_agent.config import OAUTH2_PROVIDERS, OAuth2Config
from inbox_agent.files import write_private_json
from inbox_agent.models import OAuth2Error as OAuth2Error

# An access token this close to its expiry is renewed before use.
_MARGIN = timedelta(seconds=120)
_TIMEOUT = 30


@dataclass(frozen=True)
class Provider:
    token_endpoint: str
    device_endpoint: str  # "" when the provider offers no device flow for mail
    authorize_endpoint: str
    scope: str


_MICROSOFT = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0"
PROVIDERS = {
    "microsoft": Provider(
        token_endpoint=f"{_MICROSOFT}/token",
        device_endpoint=f"{_MICROSOFT}/devicecode",
        authorize_endpoint=f"{_MICROSOFT}/authorize",
        scope="https://outlook.office.com/IMAP.AccessAsUser.All "
        "https://outlook.office.com/SMTP.Send offline_access",
    ),
    # Google's device flow does not allow the mail scope: `login` uses a browser and a
    # redirect to a loopback address instead.
    "google": Provider(
        token_endpoint="https://oauth2.googleapis.com/token",
        device_endpoint="",
        authorize_endpoint="https://accounts.google.com/o/oauth2/v2/auth",
        scope="https://mail.google.com/",
    ),
}
assert tuple(PROVIDERS) == OAUTH2_PROVIDERS


@dataclass(frozen=True)
class AccessToken:
    value: str = field(repr=False)
    expires_at: datetime | None  # None when the source does not say (a token command)
    source: str  # how it was obtained, for `check`: "token_command", "refresh token (google)"


def endpoints(settings: OAuth2Config) -> Provider:
    """The provider's endpoints and scope, with the config's overrides applied."""
    preset = PROVIDERS.get(settings.provider, Provider("", "", "", ""))

    def pick(override: str, default: str) -> str:
        return override or default.format(tenant=settings.tenant or "common")

    return Provider(
        token_endpoint=pick(settings.token_endpoint, preset.token_endpoint),
        device_endpoint=pick(settings.device_endpoint, preset.device_endpoint),
        authorize_endpoint=pick(settings.authorize_endpoint, preset.authorize_endpoint),
        scope=settings.scope or preset.scope,
    )


def access_token(
    settings: OAuth2Config, now: datetime | None = None, fresh: bool = False
) -> AccessToken:
    """A token to log in with now; `fresh` ignores a cached one (the server just refused it)."""
    now = now or datetime.now(UTC)
    if settings.token_command:
        return _from_command(settings.token_command)
    if settings.refresh_token_file is not None:
        return _from_file(settings, settings.refresh_token_file, now, fresh)
    return _from_env(settings, now, fresh)


def token_status(settings: OAuth2Config) -> dict[str, Any]:
    """What the stored token file says, without asking the provider (for `status`)."""
    path = settings.refresh_token_file
    if settings.token_command or path is None:
        return {}
    try:
        stored = _read(path) if path.exists() else {}
    except OAuth2Error:
        stored = {}
    return {
        "file": str(path),
        "saved": path.exists(),
        "access_token_expires_at": stored.get("expires_at"),
        "obtained_at": stored.get("obtained_at"),
    }


# -- the token sources ---------------------------------------------------------------------------


def _from_command(command: str) -> AccessToken:
    try:
        result = subprocess.run(
            shlex.split(command),
            capture_output=True,
            text=True,
            timeout=_TIMEOUT * 2,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        raise OAuth2Error(f"token_command {command!r} could not run: {exc}", refused=True) from None
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        said = (result.stderr.strip() or result.stdout.strip())[-300:] or "no output"
        raise OAuth2Error(
            f"token_command {command!r} failed (exit {result.returncode}): {said}", refused=True
        )
    return AccessToken(lines[-1].strip(), None, "token_command")


def _from_file(settings: OAuth2Config, path: Path, now: datetime, fresh: bool) -> AccessToken:
    with _locked(path):
        if not path.exists():
            raise OAuth2Error(
                f"no refresh token in {path} yet: run `inbox-agent login` once", refused=True
            )
        stored = _read(path)
        cached = _cached(stored, now, settings)
        if cached is not None and not fresh:
            return cached
        if not stored.get("refresh_token"):
            raise OAuth2Error(f"{path} holds no refresh_token: run `inbox-agent login`", True)
        answer = refresh(settings, str(stored["refresh_token"]))
        saved = stored_form(answer, now, fallback_refresh=str(stored["refresh_token"]))
        write_token_file(path, saved)
    return _token(saved, settings)


# Tokens read from an environment variable cannot be stored back; they are cached per process.
_env_cache: dict[tuple[str, str, str], dict[str, Any]] = {}
_env_lock = threading.Lock()


def _from_env(settings: OAuth2Config, now: datetime, fresh: bool) -> AccessToken:
    name = settings.refresh_token_env
    refresh_token = os.environ.get(name, "").strip()
    if not refresh_token:
        raise OAuth2Error(f"environment variable {name} (refresh_token_env) is not set", True)
    key = (settings.token_endpoint or settings.provider, settings.client_id, name)
    with _env_lock:
        cached = _cached(_env_cache.get(key, {}), now, settings)
        if cached is not None and not fresh:
            return cached
        saved = stored_form(refresh(settings, refresh_token), now, refresh_token)
        _env_cache[key] = saved
    return _token(saved, settings)


def _cached(stored: dict[str, Any], now: datetime, settings: OAuth2Config) -> AccessToken | None:
    if not stored.get("access_token") or not stored.get("expires_at"):
        return None
    token = _token(stored, settings)
    assert token.expires_at is not None
    return token if token.expires_at - _MARGIN > now else None


def _token(stored: dict[str, Any], settings: OAuth2Config) -> AccessToken:
    expires = stored.get("expires_at")
    return AccessToken(
        str(stored["access_token"]),
        datetime.fromisoformat(expires) if expires else None,
        f"refresh token ({settings.provider})",
    )


# -- talking to the provider ---------------------------------------------------------------------


def refresh(settings: OAuth2Config, refresh_token: str) -> dict[str, Any]:
    """RFC 6749 section 6: a new access token (and maybe a new refresh token)."""
    form = {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "client_id": settings.client_id,
        "scope": endpoints(settings).scope,
    }
    if settings.client_secret:
        form["client_secret"] = settings.client_secret
    answer = post_form(endpoints(settings).token_endpoint, form)
    if "error" in answer:
        error = answer["error"]
        text = f"{error}: {answer.get('error_description', '')}".strip(": ")
        if error in ("invalid_grant", "invalid_client", "unauthorized_client", "invalid_scope"):
            raise OAuth2Error(
                f"the provider refused the refresh token ({text}); it has expired or was "
                "revoked: run `inbox-agent login` again",
                refused=True,
            )
        raise OAuth2Error(f"the token endpoint answered {text}")
    if not answer.get("access_token"):
        raise OAuth2Error("the token endpoint answered without an access_token")
    return answer


def post_form(url: str, form: dict[str, str]) -> dict[str, Any]:
    """POST a form, return the JSON object; OAuth errors (HTTP 400/401) come back as JSON too."""
    if not url:
        raise OAuth2Error("no token endpoint configured (provider, or token_endpoint)", True)
    import urllib.error  # with http.client: loaded only when a token is fetched
    import urllib.parse
    import urllib.request

    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(form).encode(),
        headers={"Accept": "application/json", "User-Agent": "inbox-agent"},
    )
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:  # noqa: S310
            body = response.read()
    except urllib.error.HTTPError as exc:
        body = exc.read()
        if exc.code not in (400, 401):
            raise OAuth2Error(f"{url} answered HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise OAuth2Error(f"{url} unreachable: {getattr(exc, 'reason', exc)}") from None
    try:
        answer = json.loads(body)
    except ValueError:
        raise OAuth2Error(f"{url} did not answer JSON") from None
    if not isinstance(answer, dict):
        raise OAuth2Error(f"{url} did not answer a JSON object")
    return answer


# -- the token file ------------------------------------------------------------------------------


def stored_form(answer: dict[str, Any], now: datetime, fallback_refresh: str) -> dict[str, Any]:
    """What the token file keeps of a token endpoint's answer."""
    try:
        lifetime: timedelta | None = timedelta(seconds=int(float(answer["expires_in"])))
    except (KeyError, TypeError, ValueError):
        lifetime = None
    expires = (now + lifetime).isoformat(timespec="seconds") if lifetime else None
    return {
        "refresh_token": answer.get("refresh_token") or fallback_refresh,
        "access_token": answer["access_token"],
        "expires_at": expires,
        "scope": answer.get("scope", ""),
        "obtained_at": now.isoformat(timespec="seconds"),
    }


def _read(path: Path) -> dict[str, Any]:
    """The JSON token file, or a file holding only a refresh token (from another tool)."""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise OAuth2Error(f"cannot read the token file {path}: {exc.strerror}", True) from None
    if not text.startswith("{"):
        return {"refresh_token": text}
    try:
        data = json.loads(text)
    except ValueError:
        raise OAuth2Error(
            f"the token file {path} is damaged: run `inbox-agent login`", True
        ) from None
    return data if isinstance(data, dict) else {}


def write_token_file(path: Path, data: dict[str, Any]) -> None:
    """The token file is replaced atomically, mode 0600: a crash keeps the old refresh token."""
    write_private_json(path, data)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One refresh at a time per token file, across threads and processes."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def sasl_oauthbearer(username: str, token: str) -> bytes:
    """RFC 7628 section 3.1 initial client response (before base64)."""
    identity = username.replace("=", "=3D").replace(",", "=2C")
    return f"n,a={identity},\x01auth=Bearer {token}\x01\x01".encode()


def login_facts(method: str, token: AccessToken | None) -> dict[str, Any]:
    """How a login went, for `check`: the method, where the token came from, its expiry."""
    return {
        "login": method,
        "token_source": token.source if token else None,
        "token_expires_at": token.expires_at.isoformat() if token and token.expires_at else None,
    }

"""`inbox-agent login`: get the first OAuth2 refresh token and store it in refresh_token_file.

Microsoft 365 offers the device-code flow (RFC 8628): the shop opens a web page on any device,
types a short code and signs in; nothing has to run in a browser on the server. Google does
not allow the mail scope in that flow, so for Google (or when no device endpoint is known)
the authorization-code flow with PKCE (RFC 7636) is used, redirecting the browser to a
one-off listener on 127.0.0.1.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from inbox_agent.config import OAuth2Config
from inbox_agent.mail.oauth2 import OAuth2Error, endpoints, post_form, stored_form, write_token_file

_DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


def login(
    settings: OAuth2Config,
    username: str,
    say: Callable[[str], None] = print,
    open_url: Callable[[str], Any] | None = None,
) -> dict[str, Any]:
    """The device flow where the provider has one, else the browser flow; returns what is stored."""
    if endpoints(settings).device_endpoint:
        return device_login(settings, say)
    return browser_login(settings, username, say=say, open_url=open_url)


def device_login(
    settings: OAuth2Config,
    say: Callable[[str], None] = print,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, Any]:
    urls = endpoints(settings)
    started = post_form(urls.device_endpoint, _client({"scope": urls.scope}, settings))
    if "error" in started or "device_code" not in started:
        raise OAuth2Error(f"the device-code request was refused: {_said(started)}", True)
    say(
        str(
            started.get("message")
            or f"Open {started.get('verification_uri')} and enter the code {started['user_code']}."
        )
    )
    interval = float(started.get("interval", 5))
    deadline = time.monotonic() + float(started.get("expires_in", 900))
    while time.monotonic() < deadline:
        sleep(interval)
        form = {"grant_type": _DEVICE_GRANT, "device_code": str(started["device_code"])}
        answer = post_form(urls.token_endpoint, _client(form, settings))
        error = answer.get("error")
        if error == "authorization_pending":
            continue
        if error == "slow_down":
            interval += 5
            continue
        if error or not answer.get("access_token"):
            raise OAuth2Error(f"sign-in did not complete: {_said(answer)}", True)
        return _store(settings, answer)
    raise OAuth2Error("the code expired before the sign-in was completed; run login again", True)


def browser_login(
    settings: OAuth2Config,
    username: str,
    say: Callable[[str], None] = print,
    open_url: Callable[[str], Any] | None = None,
    wait_seconds: float = 600,
) -> dict[str, Any]:
    urls = endpoints(settings)
    if not urls.authorize_endpoint:
        raise OAuth2Error("no device_endpoint or authorize_endpoint for `login`", True)
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    state = secrets.token_urlsafe(16)
    catcher = _RedirectCatcher(state)
    redirect_uri = f"http://127.0.0.1:{catcher.port}/"
    query = {
        "client_id": settings.client_id,
        "response_type": "code",
        "redirect_uri": redirect_uri,
        "scope": urls.scope,
        "code_challenge": challenge.rstrip(b"=").decode(),
        "code_challenge_method": "S256",
        "state": state,
        "login_hint": username,
        # Google hands out a refresh token only with these two.
        "access_type": "offline",
        "prompt": "consent",
    }
    url = f"{urls.authorize_endpoint}?{urlencode(query)}"
    say(
        f"Open this address in a browser on this computer and sign in as {username}:\n  {url}\n"
        f"(On a server without a browser: `ssh -L {catcher.port}:127.0.0.1:{catcher.port} "
        "this-server` first, then open it on your own computer.)"
    )
    if open_url is not None:
        threading.Thread(target=open_url, args=(url,), daemon=True).start()
    try:
        code = catcher.wait(wait_seconds)
    finally:
        catcher.close()
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": verifier,
    }
    answer = post_form(urls.token_endpoint, _client(form, settings))
    if "error" in answer or not answer.get("access_token"):
        raise OAuth2Error(f"the provider refused the sign-in: {_said(answer)}", True)
    return _store(settings, answer)


def _client(form: dict[str, str], settings: OAuth2Config) -> dict[str, str]:
    form = {**form, "client_id": settings.client_id}
    if settings.client_secret:
        form["client_secret"] = settings.client_secret
    return form


def _said(answer: dict[str, Any]) -> str:
    return f"{answer.get('error', '?')}: {answer.get('error_description', '')}".strip(": ")


def _store(settings: OAuth2Config, answer: dict[str, Any]) -> dict[str, Any]:
    if not answer.get("refresh_token"):
        raise OAuth2Error(
            "the provider gave no refresh token (Microsoft: add the offline_access scope; "
            "Google: the consent screen must be shown again)",
            True,
        )
    stored = stored_form(answer, datetime.now(UTC), fallback_refresh="")
    if settings.refresh_token_file is not None:
        write_token_file(settings.refresh_token_file, stored)
    return stored


class _RedirectCatcher:
    """A one-request HTTP listener on 127.0.0.1 that takes the authorization code."""

    def __init__(self, state: str) -> None:
        self.code = ""
        self.error = ""
        self.done = threading.Event()
        catcher = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                if query.get("state") != state:
                    catcher.error = "the answer did not carry our state (another sign-in?)"
                else:
                    catcher.code = query.get("code", "")
                    catcher.error = query.get("error_description") or query.get("error", "")
                text = "Signed in; you can close this page." if catcher.code else "Not signed in."
                body = text.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                catcher.done.set()

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait(self, seconds: float) -> str:
        if not self.done.wait(seconds):
            raise OAuth2Error("no sign-in arrived in time; run login again", True)
        if not self.code:
            raise OAuth2Error(f"sign-in failed: {self.error or 'no code'}", True)
        return self.code

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

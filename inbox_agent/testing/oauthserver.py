"""A small OAuth2 authority on loopback, for tests: the provider side of what `login` and the
refresh-token flow talk to, plus the RFC 7662 introspection endpoint Dovecot's `oauth2` passdb
asks whether an access token is good.

Endpoints: POST /token (refresh_token, device_code and authorization_code grants),
POST /devicecode (RFC 8628), GET /authorize (approves at once as `browser_user`, with PKCE),
POST /introspect. Tokens live in memory; `revoke()` makes a refresh token and its access
tokens worthless, as a provider does when the owner changes the password.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

CLIENT_ID = "inbox-agent-test-client"


@dataclass
class _Grant:
    user: str
    revoked: bool = False


class FakeAuthority:
    def __init__(self, lifetime: int = 3600, rotate: bool = True) -> None:
        self.lifetime = lifetime  # seconds an access token lives
        self.rotate = rotate  # a refresh answers with a new refresh token, as Microsoft does
        self.lock = threading.Lock()
        self.refresh_tokens: dict[str, _Grant] = {}
        self.access_tokens: dict[str, tuple[_Grant, float]] = {}
        self.device_codes: dict[str, dict[str, Any]] = {}
        self.codes: dict[str, dict[str, Any]] = {}
        self.calls: Counter[str] = Counter()  # requests per grant type / endpoint
        self.device_user = "klachten@shop.test"  # who approves a device code on the second poll
        self.browser_user = "klachten@shop.test"  # who signs in at /authorize
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    # -- what tests use --------------------------------------------------------------------------

    def grant(self, user: str) -> str:
        """A refresh token for `user`, as if they had signed in once."""
        token = "rt-" + secrets.token_urlsafe(12)
        with self.lock:
            self.refresh_tokens[token] = _Grant(user)
        return token

    def access_token(self, user: str) -> str:
        """A valid access token for `user` (what a token_command would print)."""
        return self._issue(_Grant(user))["access_token"]

    def revoke(self, refresh_token: str | None = None) -> None:
        """Revoke one refresh token (or all) and every access token issued from it."""
        with self.lock:
            for token, grant in self.refresh_tokens.items():
                if refresh_token in (None, token):
                    grant.revoked = True

    def user_of(self, access_token: str) -> str | None:
        with self.lock:
            found = self.access_tokens.get(access_token)
        if found is None or found[0].revoked or found[1] < time.time():
            return None
        return found[0].user

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- the endpoints ---------------------------------------------------------------------------

    def _issue(self, grant: _Grant, with_refresh: str | None = None) -> dict[str, Any]:
        access = "at-" + secrets.token_urlsafe(16)
        answer: dict[str, Any] = {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": self.lifetime,
            "scope": "mail",
        }
        with self.lock:
            self.access_tokens[access] = (grant, time.time() + self.lifetime)
            if with_refresh is not None:
                answer["refresh_token"] = with_refresh
                self.refresh_tokens[with_refresh] = grant
        return answer

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        kind = form.get("grant_type", "")
        self.calls[kind] += 1
        if form.get("client_id") != CLIENT_ID:
            return 401, {"error": "invalid_client"}
        if kind == "refresh_token":
            with self.lock:
                grant = self.refresh_tokens.get(form.get("refresh_token", ""))
            if grant is None or grant.revoked:
                return 400, {
                    "error": "invalid_grant",
                    "error_description": "AADSTS70008: the refresh token has expired or was revoked",
                }
            fresh = "rt-" + secrets.token_urlsafe(12) if self.rotate else None
            return 200, self._issue(grant, fresh)
        if kind == "urn:ietf:params:oauth:grant-type:device_code":
            with self.lock:
                pending = self.device_codes.get(form.get("device_code", ""))
                if pending is None:
                    return 400, {"error": "expired_token"}
                pending["polls"] += 1
                if pending["polls"] < 2:
                    return 400, {"error": "authorization_pending"}
                del self.device_codes[form["device_code"]]
            return 200, self._issue(_Grant(self.device_user), "rt-" + secrets.token_urlsafe(12))
        if kind == "authorization_code":
            with self.lock:
                issued = self.codes.pop(form.get("code", ""), None)
            verifier = form.get("code_verifier", "")
            challenge = (
                base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                .rstrip(b"=")
                .decode()
            )
            if (
                issued is None
                or issued["redirect_uri"] != form.get("redirect_uri")
                or issued["challenge"] != challenge
            ):
                return 400, {"error": "invalid_grant"}
            return 200, self._issue(_Grant(self.browser_user), "rt-" + secrets.token_urlsafe(12))
        return 400, {"error": "unsupported_grant_type"}

    def devicecode(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        self.calls["devicecode"] += 1
        if form.get("client_id") != CLIENT_ID:
            return 400, {"error": "invalid_client"}
        code, user_code = secrets.token_urlsafe(16), "ABCD-1234"
        with self.lock:
            self.device_codes[code] = {"polls": 0}
        return 200, {
            "device_code": code,
            "user_code": user_code,
            "verification_uri": f"{self.url}/device",
            "expires_in": 900,
            "interval": 0,
            "message": f"To sign in, open {self.url}/device and enter the code {user_code}.",
        }

    def authorize(self, query: dict[str, str]) -> str:
        """The redirect a browser would follow after the user signed in."""
        self.calls["authorize"] += 1
        code = secrets.token_urlsafe(12)
        with self.lock:
            self.codes[code] = {
                "redirect_uri": query.get("redirect_uri", ""),
                "challenge": query.get("code_challenge", ""),
            }
        target = query.get("redirect_uri", "")
        return f"{target}?{urlencode({'code': code, 'state': query.get('state', '')})}"

    def introspect(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        self.calls["introspect"] += 1
        user = self.user_of(form.get("token", ""))
        return 200, ({"active": True, "username": user} if user else {"active": False})


def _handler(authority: FakeAuthority) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet in tests
            pass

        def _form(self) -> dict[str, str]:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode()
            return {k: v[0] for k, v in parse_qs(body).items()}

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            path = urlsplit(self.path).path
            routes = {
                "/token": authority.token,
                "/devicecode": authority.devicecode,
                "/introspect": authority.introspect,
            }
            if path not in routes:
                self._answer(404, {"error": "not_found"})
                return
            self._answer(*routes[path](self._form()))

        def do_GET(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            if parts.path != "/authorize":
                self._answer(404, {"error": "not_found"})
                return
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            self.send_response(302)
            self.send_header("Location", authority.authorize(query))
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler

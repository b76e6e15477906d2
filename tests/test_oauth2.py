"""OAuth2 logins for real on loopback: a fake provider (token, device code, authorize and
introspection endpoints), Dovecot's oauth2 passdb asking that provider about each token, and
an aiosmtpd server that accepts nothing but XOAUTH2 and OAUTHBEARER."""

from __future__ import annotations

import json
import os
import shlex
import stat
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REQUIRE_DOVECOT, complaint

from inbox_agent.cli.main import main
from inbox_agent.config import Config, ConfigError, OAuth2Config, config_from_dict
from inbox_agent.mail import inbox, mailer, oauth2
from inbox_agent.mail.login import browser_login
from inbox_agent.store import Store
from inbox_agent.testing.oauthserver import CLIENT_ID, FakeAuthority
from inbox_agent.testing.servers import DovecotServer, SmtpServer, dovecot_binary

SHOP = "klachten@shop.test"


@pytest.fixture(scope="module")
def authority() -> Iterator[FakeAuthority]:
    server = FakeAuthority()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def dovecot(authority: FakeAuthority) -> Iterator[DovecotServer]:
    if dovecot_binary() is None:
        if REQUIRE_DOVECOT:
            pytest.fail("INBOX_AGENT_REQUIRE_DOVECOT=1 but dovecot is not installed")
        pytest.skip("dovecot is not installed (CI installs it and makes these tests mandatory)")
    server = DovecotServer(oauth2_introspection_url=f"{authority.url}/introspect")
    yield server
    server.stop()


@pytest.fixture
def smtp(authority: FakeAuthority, dovecot: DovecotServer) -> Iterator[SmtpServer]:
    server = SmtpServer(dovecot, oauth2_user_of=authority.user_of)
    yield server
    server.stop()


def settings(authority: FakeAuthority, token_file: Path, **changes: Any) -> OAuth2Config:
    values: dict[str, Any] = {
        "provider": "custom",
        "client_id": CLIENT_ID,
        "refresh_token_file": token_file,
        "token_endpoint": f"{authority.url}/token",
        "device_endpoint": f"{authority.url}/devicecode",
        "authorize_endpoint": f"{authority.url}/authorize",
        "scope": "mail offline_access",
    }
    values.update(changes)
    return OAuth2Config(**values)


def config_data(
    tmp_path: Path, authority: FakeAuthority, imap_port: int, smtp_port: int, shop: str = SHOP
) -> dict[str, Any]:
    return {
        "shop": {"name": "Fietsenwinkel", "email": shop},
        "owner": {"handler": "jan@shop.test"},
        "imap": {
            "host": "127.0.0.1",
            "port": imap_port,
            "security": "none",
            "username": shop,
            "auth": "oauth2",
            "provider": "custom",
            "client_id": CLIENT_ID,
            "refresh_token_file": "token.json",
            "token_endpoint": f"{authority.url}/token",
            "device_endpoint": f"{authority.url}/devicecode",
            "scope": "mail offline_access",
            "timeout": "10s",
        },
        "smtp": {
            "host": "127.0.0.1",
            "port": smtp_port,
            "security": "none",
            "username": shop,
            "auth": "oauth2",
            "timeout": "10s",
        },
        "storage": {"path": "data"},
        "timing": {"digest_at": ""},
    }


def write_toml(data: dict[str, Any], path: Path) -> Path:
    lines = []
    for section, table in data.items():
        lines.append(f"[{section}]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in table.items()]
    path.write_text("\n".join(lines) + "\n")
    return path


def seed(authority: FakeAuthority, path: Path, user: str = SHOP) -> str:
    token = authority.grant(user)
    oauth2.write_token_file(path, {"refresh_token": token})
    return token


# -- the token sources, without a mail server ----------------------------------------------------


def test_refresh_token_flow_stores_the_new_refresh_token_privately_and_caches_the_access_token(
    tmp_path: Path, authority: FakeAuthority
) -> None:
    path = tmp_path / "token.json"
    first = seed(authority, path)
    before = authority.calls["refresh_token"]

    token = oauth2.access_token(settings(authority, path))
    again = oauth2.access_token(settings(authority, path))

    stored = json.loads(path.read_text())
    assert (token.value, 1) == (again.value, authority.calls["refresh_token"] - before)
    assert stored["refresh_token"] != first  # the provider rotated it; the new one is kept
    assert 0o600 == stat.S_IMODE(path.stat().st_mode)
    assert token.expires_at is not None and SHOP == authority.user_of(token.value)
    assert oauth2.access_token(settings(authority, path), fresh=True).value != token.value


def test_a_revoked_refresh_token_is_a_refused_login_that_keeps_the_file(
    tmp_path: Path, authority: FakeAuthority
) -> None:
    path = tmp_path / "token.json"
    authority.revoke(seed(authority, path))
    before = path.read_bytes()
    with pytest.raises(oauth2.OAuth2Error, match="inbox-agent login") as caught:
        oauth2.access_token(settings(authority, path))
    assert caught.value.refused and before == path.read_bytes()


def test_missing_token_file_says_to_run_login(tmp_path: Path, authority: FakeAuthority) -> None:
    with pytest.raises(oauth2.OAuth2Error, match="run `inbox-agent login` once"):
        oauth2.access_token(settings(authority, tmp_path / "none.json"))


def test_token_command_prints_the_token_and_a_failing_one_is_refused(tmp_path: Path) -> None:
    command = shlex.join([sys.executable, "-c", "print('at-from-command')"])
    assert "at-from-command" == oauth2.access_token(OAuth2Config(token_command=command)).value
    failing = shlex.join([sys.executable, "-c", "import sys; sys.exit('token expired')"])
    with pytest.raises(oauth2.OAuth2Error, match="token expired") as caught:
        oauth2.access_token(OAuth2Config(token_command=failing))
    assert caught.value.refused


def test_oauth2_config_errors_name_the_key(tmp_path: Path, authority: FakeAuthority) -> None:
    data = config_data(tmp_path, authority, 1, 2)
    data["imap"]["password"] = "x"
    with pytest.raises(ConfigError, match="imap.password: not used"):
        config_from_dict(data, base=tmp_path)
    del data["imap"]["password"]
    data["imap"]["token_endpoint"] = "http://login.example.com/token"
    with pytest.raises(ConfigError, match="imap.token_endpoint: .* https"):
        config_from_dict(data, base=tmp_path)
    data["imap"]["token_endpoint"] = f"{authority.url}/token"
    del data["imap"]["client_id"]
    with pytest.raises(ConfigError, match="imap.client_id: required"):
        config_from_dict(data, base=tmp_path)
    plain = config_data(tmp_path, authority, 1, 2)
    plain["smtp"] = {"host": "127.0.0.1", "security": "none", "tenant": "x"}
    with pytest.raises(ConfigError, match='smtp.tenant: only used with auth = "oauth2"'):
        config_from_dict(plain, base=tmp_path)


def test_smtp_shares_the_imap_token_source_unless_it_has_its_own(
    tmp_path: Path, authority: FakeAuthority
) -> None:
    config = config_from_dict(config_data(tmp_path, authority, 1, 2), base=tmp_path)
    assert config.imap.oauth2 is config.smtp.oauth2
    assert tmp_path / "token.json" == config.imap.oauth2.refresh_token_file


# -- logging in for real -------------------------------------------------------------------------


@pytest.mark.dovecot
@pytest.mark.parametrize("mechanism", ["xoauth2", "oauthbearer"])
def test_dovecot_and_smtp_accept_the_token_and_check_says_how(
    tmp_path: Path,
    authority: FakeAuthority,
    dovecot: DovecotServer,
    smtp: SmtpServer,
    mechanism: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = config_data(tmp_path, authority, dovecot.port, smtp.port)
    data["imap"]["mechanism"] = mechanism
    config_file = write_toml(data, tmp_path / "config.toml")
    seed(authority, tmp_path / "token.json")
    asked = authority.calls["introspect"]

    assert 0 == main(["-c", str(config_file), "check", "--json"])
    report = json.loads(capsys.readouterr().out)
    imap, smtp_report = report["servers"]
    assert (mechanism.upper(), mechanism.upper()) == (imap["login"], smtp_report["login"])
    assert imap["token_expires_at"] and "refresh token" in imap["token_source"]
    assert [(mechanism.upper(), SHOP)] == smtp.handler.logins
    assert authority.calls["introspect"] > asked  # Dovecot asked the provider about the token


@pytest.mark.dovecot
def test_a_token_dovecot_does_not_know_is_refused(
    tmp_path: Path, authority: FakeAuthority, dovecot: DovecotServer, smtp: SmtpServer
) -> None:
    bogus = shlex.join([sys.executable, "-c", "print('at-nobody-issued-this')"])
    data = config_data(tmp_path, authority, dovecot.port, smtp.port)
    for key in ("provider", "client_id", "refresh_token_file", "token_endpoint"):
        del data["imap"][key]
    del data["imap"]["device_endpoint"], data["imap"]["scope"]
    data["imap"]["token_command"] = bogus
    config = config_from_dict(data, base=tmp_path)
    with pytest.raises(inbox.ImapLoginRefused):
        inbox.check(config.imap)
    with pytest.raises(mailer.SmtpLoginRefused):
        mailer.check(config.smtp)


@pytest.mark.dovecot
def test_revoked_token_fails_clearly_tells_the_owner_once_and_leaves_mail_unread(
    tmp_path: Path,
    authority: FakeAuthority,
    dovecot: DovecotServer,
    smtp: SmtpServer,
    sending: str,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    shop = f"klachten-revoked-{sending}@shop.test"
    data = config_data(tmp_path, authority, dovecot.port, smtp.port, shop=shop)
    # SMTP keeps working with its own (command) token, so the owner's note can go out.
    good = shlex.join([sys.executable, "-c", f"print({authority.access_token(shop)!r})"])
    data["smtp"]["token_command"] = good
    config_file = write_toml(data, tmp_path / "config.toml")
    refresh = seed(authority, tmp_path / "token.json", shop)
    dovecot.deliver(shop, complaint("piet@klant.test", shop))

    assert 0 == main(["-c", str(config_file), "once"])
    config = config_from_dict(data, base=tmp_path)
    assert 1 == len(Store.read(config.storage.path).all_dossiers())

    authority.revoke(json.loads((tmp_path / "token.json").read_text())["refresh_token"])
    authority.revoke(refresh)
    dovecot.deliver(shop, complaint("anne@klant.test", shop, subject="Lamp stuk"))
    oauth2.write_token_file(  # the cached access token dies with the grant, as at Microsoft
        tmp_path / "token.json",
        {**json.loads((tmp_path / "token.json").read_text()), "expires_at": None},
    )
    caplog.clear()
    assert 1 == main(["-c", str(config_file), "once"])
    # Logged once as it happened (stderr, the journal); the cycle's line only counts it.
    assert 1 == caplog.text.count("run `inbox-agent login` again")
    assert 1 == main(["-c", str(config_file), "once"])

    notes = [r for r in smtp.received if "jan@shop.test" in r.rcpt_tos and b"login" in r.data]
    assert 1 == len(notes)
    assert 1 == len(Store.read(config.storage.path).all_dossiers())  # Anne's mail waits
    capsys.readouterr()
    assert 0 == main(["-c", str(config_file), "status", "--json", "--offline"])
    status = json.loads(capsys.readouterr().out)
    assert ["IMAP"] == list(status["login_refused"]) and status["oauth2_token"]["saved"]


# -- getting the first token ---------------------------------------------------------------------


def test_login_device_flow_writes_the_token_file(
    tmp_path: Path, authority: FakeAuthority, capsys: pytest.CaptureFixture[str]
) -> None:
    config_file = write_toml(config_data(tmp_path, authority, 1, 2), tmp_path / "config.toml")
    assert 0 == main(["-c", str(config_file), "login"])
    out = capsys.readouterr().out
    assert "ABCD-1234" in out and "inbox-agent" in out
    stored = json.loads((tmp_path / "token.json").read_text())
    assert SHOP == authority.user_of(stored["access_token"])
    assert 0o600 == stat.S_IMODE(os.stat(tmp_path / "token.json").st_mode)


def test_login_browser_flow_with_pkce_and_a_loopback_redirect(
    tmp_path: Path, authority: FakeAuthority
) -> None:
    chosen = settings(authority, tmp_path / "token.json", device_endpoint="")
    stored = browser_login(chosen, SHOP, open_url=lambda url: urllib.request.urlopen(url).read())
    assert SHOP == authority.user_of(stored["access_token"])
    assert (
        stored["refresh_token"]
        == json.loads((tmp_path / "token.json").read_text())["refresh_token"]
    )


def test_config_for_login_needs_the_builtin_flow(tmp_path: Path, capsys: Any) -> None:
    data: dict[str, Any] = {
        "shop": {"name": "x", "email": SHOP},
        "owner": {"handler": "jan@shop.test"},
        "imap": {"host": "imap.shop.test", "username": SHOP, "password": "pw"},
        "smtp": {"host": "smtp.shop.test"},
    }
    assert 2 == main(["-c", str(write_toml(data, tmp_path / "c.toml")), "login"])
    assert 'auth = "oauth2"' in capsys.readouterr().err


def test_without_auth_keys_a_server_logs_in_with_its_password() -> None:
    data: dict[str, Any] = {
        "shop": {"name": "x", "email": SHOP},
        "owner": {"handler": "jan@shop.test"},
        "imap": {"host": "imap.shop.test", "username": SHOP, "password": "pw"},
        "smtp": {"host": "smtp.shop.test"},
    }
    config: Config = config_from_dict(data)
    assert ("password", None) == (config.imap.auth, config.imap.oauth2)


def test_provider_presets_give_the_documented_endpoints_and_scopes() -> None:
    microsoft = oauth2.endpoints(OAuth2Config(provider="microsoft", tenant="ketting.nl"))
    assert (
        "https://login.microsoftonline.com/ketting.nl/oauth2/v2.0/devicecode"
        == microsoft.device_endpoint
    )
    assert {
        "https://outlook.office.com/IMAP.AccessAsUser.All",
        "https://outlook.office.com/SMTP.Send",
        "offline_access",
    } == set(microsoft.scope.split())
    google = oauth2.endpoints(OAuth2Config(provider="google"))
    # No device flow for the mail scope at Google: `login` uses the browser flow there.
    assert ("", "https://mail.google.com/") == (google.device_endpoint, google.scope)

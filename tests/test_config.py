"""Config: defaults, validation with the key named, and the example file documenting every key."""

from __future__ import annotations

import re
import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

from inbox_agent.config import (
    ConfigError,
    ImapConfig,
    LimitsConfig,
    OAuth2Config,
    OwnerConfig,
    ShopConfig,
    SmtpConfig,
    StorageConfig,
    TimingConfig,
    config_from_dict,
    load_config,
)
from inbox_agent.durations import Duration

EXAMPLE = Path(__file__).parent.parent / "config.example.toml"


def minimal() -> dict:
    return {
        "shop": {"name": "Shop", "email": "klachten@shop.nl"},
        "owner": {"handler": "jan@shop.nl"},
        "imap": {"host": "imap.shop.nl", "username": "klachten@shop.nl", "password": "pw"},
        "smtp": {"host": "smtp.shop.nl"},
        "storage": {"path": "/tmp/x"},
    }


def test_minimal_config_gets_documented_defaults() -> None:
    config = config_from_dict(minimal())
    assert ("nl", "Europe/Amsterdam", "K") == (
        config.shop.language,
        config.shop.timezone,
        config.shop.reference_prefix,
    )
    assert (993, "ssl", "INBOX") == (config.imap.port, config.imap.security, config.imap.folder)
    assert Duration(workdays=10) == config.timing.answer_within
    assert Duration(seconds=3 * 7 * 86400) == config.timing.evaluation_after


@pytest.mark.parametrize(
    "section,key,value,message",
    [
        ("shop", "email", "not-an-address", "shop.email"),
        ("shop", "language", "es", "shop.language"),
        ("shop", "timezone", "Mars/Olympus", "shop.timezone"),
        ("imap", "port", 70000, "imap.port"),
        ("imap", "security", "none", "imap.security"),
        ("smtp", "security", "tls", "smtp.security"),
        ("timing", "answer_within", "soon", "timing.answer_within"),
        ("timing", "poll_interval", "5 fortnights", "timing.poll_interval"),
        ("imap", "colour", "blue", "imap.colour"),
        ("imap", "read_since", "last tuesday", "imap.read_since"),
        ("smtp", "connections", 0, "smtp.connections"),
    ],
)
def test_bad_values_name_the_key(section: str, key: str, value: object, message: str) -> None:
    data = minimal()
    data.setdefault(section, {})[key] = value
    with pytest.raises(ConfigError, match=re.escape(message)):
        config_from_dict(data)


def test_security_none_allowed_only_on_loopback() -> None:
    data = minimal()
    data["imap"].update(host="127.0.0.1", security="none")
    assert "none" == config_from_dict(data).imap.security
    data["imap"]["host"] = "imap.example.nl"
    with pytest.raises(ConfigError, match="loopback"):
        config_from_dict(data)


def test_password_from_env_and_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = minimal()
    del data["imap"]["password"]
    data["imap"]["password_env"] = "SHOP_IMAP_PW"
    with pytest.raises(ConfigError, match="SHOP_IMAP_PW is not set"):
        config_from_dict(data)
    monkeypatch.setenv("SHOP_IMAP_PW", "from-env")
    assert "from-env" == config_from_dict(data).imap.password
    del data["imap"]["password_env"]
    (tmp_path / "pw").write_text("from-file\n")
    data["imap"]["password_file"] = str(tmp_path / "pw")
    assert "from-file" == config_from_dict(data).imap.password


def test_missing_required_key_and_file_errors(tmp_path: Path) -> None:
    data = minimal()
    del data["owner"]["handler"]
    with pytest.raises(ConfigError, match="owner.handler: required"):
        config_from_dict(data)
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")
    (tmp_path / "bad.toml").write_text("[shop\nname=")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(tmp_path / "bad.toml")


def test_example_config_loads_and_documents_every_key() -> None:
    """Every field of every section appears in config.example.toml (set or commented out)."""
    text = EXAMPLE.read_text()
    config_from_dict(tomllib.loads(text))
    sections = {
        "shop": ShopConfig,
        "owner": OwnerConfig,
        "imap": ImapConfig,
        "smtp": SmtpConfig,
        "storage": StorageConfig,
        "timing": TimingConfig,
        "limits": LimitsConfig,
    }
    blocks = dict(re.findall(r"^\[(\w+)\]\n(.*?)(?=^\[|\Z)", text, re.M | re.S))
    # The OAuth2 keys sit in [imap] (and [smtp] may repeat them); `oauth2` itself is no key.
    missing = [
        f"{section}.{f.name}"
        for section, cls in [*sections.items(), ("imap", OAuth2Config)]
        for f in fields(cls)
        if f.name != "oauth2"
        and not re.search(rf"^#?\s*{f.name}(_env|_file)?\s*=", blocks.get(section, ""), re.M)
    ]
    assert [] == missing


@pytest.mark.parametrize("value", ["2026-11-27", __import__("datetime").date(2026, 11, 27)])
def test_read_since_takes_a_toml_date_or_a_string(value: object) -> None:
    data = minimal()
    data["imap"]["read_since"] = value
    assert "2026-11-27" == config_from_dict(data).imap.read_since.isoformat()


def test_a_shop_language_is_valid_exactly_when_its_templates_exist() -> None:
    """nl, en, de, fr are read; a shop may write in one once `templates/<code>/` exists."""
    from inbox_agent.shipped import template_languages
    from inbox_agent.vocabulary.terms import LANGUAGES

    assert {"nl", "en"} <= set(template_languages())
    for code in LANGUAGES:
        data = minimal()
        data["shop"]["language"] = code
        if code in template_languages():
            assert code == config_from_dict(data).shop.language
        else:
            with pytest.raises(ConfigError, match=rf"shop\.language: '{code}' is not one of"):
                config_from_dict(data)

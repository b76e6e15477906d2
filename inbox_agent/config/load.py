"""TOML configuration → frozen, validated dataclasses; every error names the key at fault."""

from __future__ import annotations

import contextlib
import os
import tomllib
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any

from inbox_agent.config.keys import Reader
from inbox_agent.config.model import (
    PROVIDER_RATES,
    PROVIDER_SMTP_HOSTS,
    Config,
    ConfigError,
    ImapConfig,
    LimitsConfig,
    OwnerConfig,
    ReportsConfig,
    ShopConfig,
    SmtpConfig,
    StorageConfig,
    TimingConfig,
)
from inbox_agent.durations import Duration
from inbox_agent.shipped import example_config, template_languages


def default_config_path() -> Path:
    return Path(os.environ.get("INBOX_AGENT_CONFIG") or "config.toml")


def load_config(path: Path) -> Config:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"config file {path} not found (pass -c CONFIG or set INBOX_AGENT_CONFIG; "
            f"`inbox-agent init` writes one, {example_config()} documents every key)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {path} cannot be read: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    return config_from_dict(data, base=path.parent, source=path)


_SECTIONS = ("shop", "owner", "imap", "smtp", "storage", "timing", "limits", "reports")


def config_from_dict(
    data: dict[str, Any], base: Path = Path("."), source: Path | None = None
) -> Config:
    """Build and check the whole config; everything that could fail later fails here.

    Unknown sections and mistyped keys come first, with the nearest known name, so that a typo
    is not reported as the missing value it was meant to give.
    """
    for section in data:
        if section not in _SECTIONS:
            raise ConfigError(
                f"[{section}]: unknown section{_did_you_mean(section, _SECTIONS, '[{}]')} "
                f"(known: {', '.join(_SECTIONS)})"
            )
    # A first pass over no values at all (so every default) learns every key the reader asks for.
    probe = Reader({}, probe=True)
    with contextlib.suppress(ConfigError):
        _build(probe, base, source)
    reader = Reader(data)
    try:
        config = _build(reader, base, source)
    except ConfigError:
        _reject_unknown(data, probe.used | reader.used, probe.used, failed=True)
        raise
    _reject_unknown(data, probe.used | reader.used, probe.used, failed=False)
    return config


def _did_you_mean(name: str, known: Iterable[str], form: str = "{}") -> str:
    import difflib  # only for a config with a mistake in it

    near = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean {form.format(near[0])}?" if near else ""


def _reject_unknown(
    data: dict[str, Any],
    known: set[tuple[str, str]],
    always: set[tuple[str, str]],
    failed: bool,
) -> None:
    """Unknown keys: a likely typo of a key that is `always` read, first; any other only when
    nothing else went wrong (a key read only under a condition, say `auth = "oauth2"`, is unknown
    to a pass that stopped early, and may look like another such key)."""
    unknown = [
        (section, key)
        for section, table in data.items()
        if isinstance(table, dict)
        for key in table
        if (section, key) not in known
    ]
    for section, key in unknown:
        hint = _did_you_mean(key, [k for s, k in always if s == section], f"{section}.{{}}")
        if hint:
            raise ConfigError(f"{section}.{key}: unknown key{hint} (see {example_config()})")
    if unknown and not failed:
        section, key = unknown[0]
        raise ConfigError(f"{section}.{key}: unknown key (see {example_config()})")


# A loan product is named in a sentence of a letter: a few words, never a paragraph.
_LOAN_PRODUCT_MAX = 60


def _loan_product(reader: Reader) -> str:
    """`shop.loan_product`: the words a repair letter offers to lend, plain text on one line."""
    value = reader.string("shop", "loan_product", "")
    if len(value) > _LOAN_PRODUCT_MAX:
        raise ConfigError(
            f"shop.loan_product: at most {_LOAN_PRODUCT_MAX} characters (it is named in a "
            f'sentence, e.g. "een leenfiets"), not {len(value)}'
        )
    if "{{" in value or "{%" in value:
        raise ConfigError("shop.loan_product: is plain text; it cannot hold {{ or {%")
    return value


def _build(reader: Reader, base: Path, source: Path | None) -> Config:
    shop = ShopConfig(
        name=reader.string("shop", "name", required=True),
        email=reader.email("shop", "email", required=True),
        # A language is a shop's once its templates exist (issue 22: de and fr come later).
        language=reader.choice("shop", "language", template_languages(), "nl"),
        timezone=reader.timezone("shop", "timezone", "Europe/Amsterdam"),
        reference_prefix=reader.pattern("shop", "reference_prefix", r"[A-Z]{1,5}", "K"),
        disputes_body=reader.string("shop", "disputes_body", ""),
        holiday_country=reader.country("shop", "holiday_country", "NL"),
        signature=reader.text("shop", "signature"),
        loan_product=_loan_product(reader),
    )
    owner = OwnerConfig(
        handler=reader.email("owner", "handler", required=True),
        deputy=reader.email("owner", "deputy"),
        # RFC 8601's authserv-id is one token (a host name): anything else would never match.
        trusted_authserv_id=reader.pattern("owner", "trusted_authserv_id", r"[^\s;()\\\"]*", ""),
        plus_addressing=reader.boolean("owner", "plus_addressing", False),
        handler_name=reader.string("owner", "handler_name", ""),
    )
    imap = ImapConfig(
        **reader.server("imap", default_port={"ssl": 993, "starttls": 143, "none": 143}, base=base),
        folder=reader.string("imap", "folder", "INBOX") or "INBOX",
        processed_folder=reader.string("imap", "processed_folder", ""),
        fetch_batch=reader.integer("imap", "fetch_batch", 50, minimum=1),
        read_since=reader.day("imap", "read_since"),
    )
    smtp_server = reader.server(
        "smtp",
        default_port={"ssl": 465, "starttls": 587, "none": 25},
        username_required=False,
        oauth2_fallback=imap.oauth2,
        base=base,
    )
    provider = smtp_server["oauth2"].provider if smtp_server["oauth2"] else ""
    provider = provider or PROVIDER_SMTP_HOSTS.get(str(smtp_server["host"]).lower(), "")
    smtp = SmtpConfig(
        **smtp_server,
        connections=reader.integer("smtp", "connections", 2, minimum=1, maximum=10),
        rate=reader.rates("smtp", "rate", PROVIDER_RATES.get(provider, ())),
    )
    storage_path = Path(reader.string("storage", "path", "./data"))
    templates_dir = reader.string("storage", "templates_dir", "")
    storage = StorageConfig(
        path=storage_path if storage_path.is_absolute() else base / storage_path,
        templates_dir=(
            Path(templates_dir) if Path(templates_dir).is_absolute() else base / templates_dir
        )
        if templates_dir
        else None,
        max_attachment_bytes=reader.integer(
            "storage", "max_attachment_bytes", 25 * 1024 * 1024, minimum=0
        ),
        retention=reader.optional_duration("storage", "retention"),
    )
    if storage.templates_dir is not None and not storage.templates_dir.is_dir():
        raise ConfigError(f"storage.templates_dir: {storage.templates_dir} is not a folder")
    defaults = TimingConfig()
    timing = TimingConfig(
        **{
            f.name: reader.duration(
                "timing",
                f.name,
                getattr(defaults, f.name),
                positive=True,
                clock=f.name == "poll_interval",
            )
            for f in fields(TimingConfig)
            if f.type == "Duration"
        },
        digest_at=reader.clock_time("timing", "digest_at", defaults.digest_at),
        evaluate_rejections=reader.boolean("timing", "evaluate_rejections", False),
    )
    if not timing.deadline_extension.workdays and timing.deadline_extension.seconds < 86400:
        raise ConfigError(
            f"timing.deadline_extension: {timing.deadline_extension} is less than a day; a "
            'missed date must move to a later day (e.g. "5 workdays")'
        )
    limits = LimitsConfig(
        auto_replies_per_sender=reader.integer("limits", "auto_replies_per_sender", 5, minimum=1),
        auto_reply_window=reader.duration(
            "limits", "auto_reply_window", Duration(seconds=86400), positive=True, clock=True
        ),
    )
    reports = ReportsConfig(
        signal_window=reader.duration(
            "reports", "signal_window", Duration(seconds=90 * 86400), positive=True, clock=True
        ),
        signal_threshold=reader.integer("reports", "signal_threshold", 3, minimum=2),
        monthly=reader.boolean("reports", "monthly", False),
    )
    if shop.email.lower() in {owner.handler.lower(), owner.deputy.lower()}:
        raise ConfigError("owner.handler: must differ from shop.email, or owner replies would loop")
    return Config(shop, owner, imap, smtp, storage, timing, limits, reports, source)

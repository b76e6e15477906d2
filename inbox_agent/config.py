"""TOML configuration → frozen, validated dataclasses; every error names the key at fault."""

from __future__ import annotations

import contextlib
import ipaddress
import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from inbox_agent.durations import Duration, DurationError, parse_duration
from inbox_agent.shipped import example_config

# Providers whose endpoints and scopes inbox_agent/mail/oauth2.py knows.
OAUTH2_PROVIDERS = ("microsoft", "google")
_OAUTH2_KEYS = frozenset(
    {
        "token_command", "provider", "tenant", "client_id", "client_secret",
        "client_secret_env", "client_secret_file", "refresh_token_file", "refresh_token_env",
        "token_endpoint", "device_endpoint", "authorize_endpoint", "scope", "mechanism",
    }
)  # fmt: skip
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")


# Countries whose calendar the `holidays` library has had for years (a test holds it to that):
# accepted without importing it. Any other code is asked of the library itself.
KNOWN_HOLIDAY_COUNTRIES = frozenset(
    {"AT", "BE", "CH", "CZ", "DE", "DK", "ES", "FI", "FR", "GB"}
    | {"IE", "IT", "LU", "NL", "NO", "PL", "PT", "SE", "US"}
)


class ConfigError(Exception):
    """A user mistake in the configuration; the CLI prints it and exits 2."""


@dataclass(frozen=True)
class ShopConfig:
    name: str
    email: str
    language: str = "nl"
    timezone: str = "Europe/Amsterdam"
    reference_prefix: str = "K"
    disputes_body: str = ""
    holiday_country: str = "NL"
    # The block under every customer letter; empty means the shop's name and address.
    signature: str = ""

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def domain(self) -> str:
        return self.email.rsplit("@", 1)[1].lower()


@dataclass(frozen=True)
class OwnerConfig:
    handler: str
    deputy: str = ""
    trusted_authserv_id: str = ""
    plus_addressing: bool = False
    # The person who signs customer letters ("Jan de Vries"); empty means the shop signs.
    handler_name: str = ""


@dataclass(frozen=True)
class OAuth2Config:
    """Where an OAuth2 access token comes from: a command, or a stored refresh token.

    Endpoints and scope default to the provider's (inbox_agent/mail/oauth2.py, PROVIDERS).
    """

    token_command: str = ""
    provider: str = ""  # microsoft | google | custom
    tenant: str = "common"
    client_id: str = ""
    client_secret: str = field(default="", repr=False)
    refresh_token_file: Path | None = None
    refresh_token_env: str = ""
    token_endpoint: str = ""
    device_endpoint: str = ""
    authorize_endpoint: str = ""
    scope: str = ""
    mechanism: str = "xoauth2"  # xoauth2 | oauthbearer (the SASL mechanism)


@dataclass(frozen=True)
class ServerConfig:
    host: str
    port: int
    security: str
    username: str = ""
    password: str = field(default="", repr=False)
    timeout: Duration = Duration(seconds=30)
    auth: str = "password"  # password | oauth2
    oauth2: OAuth2Config | None = None


@dataclass(frozen=True)
class ImapConfig(ServerConfig):
    folder: str = "INBOX"
    processed_folder: str = ""
    fetch_batch: int = 50
    # Mail that arrived before this day is never read (so a first run on an old mailbox does
    # not acknowledge years of mail).
    read_since: date | None = None


@dataclass(frozen=True)
class SmtpConfig(ServerConfig):
    # Connections used side by side when a backlog goes out; each waits on its own round trips.
    connections: int = 2


@dataclass(frozen=True)
class StorageConfig:
    path: Path
    templates_dir: Path | None = None
    max_attachment_bytes: int = 25 * 1024 * 1024
    retention: Duration | None = None


@dataclass(frozen=True)
class TimingConfig:
    poll_interval: Duration = Duration(seconds=120)
    answer_within: Duration = Duration(workdays=10)
    progress_every: Duration = Duration(workdays=5)
    evaluation_after: Duration = Duration(seconds=3 * 604800)
    close_after: Duration = Duration(seconds=2 * 604800)
    escalate_after: Duration = Duration(workdays=2)
    digest_at: str = "08:00"
    # A rejected complaint is not followed by an evaluation mail unless the shop wants one.
    evaluate_rejections: bool = False
    # Promised dates: the handler and deputy are warned this long before one; a date that comes
    # with no answer moves by deadline_extension and the customer is told that same day.
    warn_before: Duration = Duration(workdays=2)
    deadline_extension: Duration = Duration(workdays=5)


@dataclass(frozen=True)
class LimitsConfig:
    auto_replies_per_sender: int = 5
    auto_reply_window: Duration = Duration(seconds=86400)


@dataclass(frozen=True)
class ReportsConfig:
    signal_window: Duration = Duration(seconds=90 * 86400)
    signal_threshold: int = 3
    monthly: bool = False


@dataclass(frozen=True)
class Config:
    shop: ShopConfig
    owner: OwnerConfig
    imap: ImapConfig
    smtp: SmtpConfig
    storage: StorageConfig
    timing: TimingConfig = TimingConfig()
    limits: LimitsConfig = LimitsConfig()
    reports: ReportsConfig = ReportsConfig()
    source: Path | None = None

    @property
    def owner_addresses(self) -> frozenset[str]:
        return frozenset(a.lower() for a in (self.owner.handler, self.owner.deputy) if a)


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
# Below this a closed dossier would be erased while the customer may still write about it.
_MIN_RETENTION_DAYS = 30
_MAX_RETENTION_DAYS = 100 * 366


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
    probe = _Reader({}, probe=True)
    with contextlib.suppress(ConfigError):
        _build(probe, base, source)
    reader = _Reader(data)
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


def _build(reader: _Reader, base: Path, source: Path | None) -> Config:
    shop = ShopConfig(
        name=reader.string("shop", "name", required=True),
        email=reader.email("shop", "email", required=True),
        language=reader.choice("shop", "language", ("nl", "en"), "nl"),
        timezone=reader.timezone("shop", "timezone", "Europe/Amsterdam"),
        reference_prefix=reader.pattern("shop", "reference_prefix", r"[A-Z]{1,5}", "K"),
        disputes_body=reader.string("shop", "disputes_body", ""),
        holiday_country=reader.country("shop", "holiday_country", "NL"),
        signature=reader.text("shop", "signature"),
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
    smtp = SmtpConfig(
        **reader.server(
            "smtp",
            default_port={"ssl": 465, "starttls": 587, "none": 25},
            username_required=False,
            oauth2_fallback=imap.oauth2,
            base=base,
        ),
        connections=reader.integer("smtp", "connections", 2, minimum=1, maximum=10),
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


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Reader:
    """Reads typed values out of the parsed TOML and remembers which keys were used."""

    def __init__(self, data: dict[str, Any], probe: bool = False) -> None:
        self.data = data
        self.used: set[tuple[str, str]] = set()
        # A probe sees no values, only which keys are asked for (every default is valid).
        self.probe = probe

    def _raw(self, section: str, key: str) -> Any:
        self.used.add((section, key))
        if self.probe:
            return None
        table = self.data.get(section, {})
        if not isinstance(table, dict):
            raise ConfigError(f"[{section}]: must be a table")
        return table.get(key)

    def string(self, section: str, key: str, default: str = "", required: bool = False) -> str:
        value = self._raw(section, key)
        if value is None:
            if required and not self.probe:
                raise ConfigError(f"{section}.{key}: required but missing")
            return default
        if not isinstance(value, str):
            raise ConfigError(f"{section}.{key}: must be a string, not {type(value).__name__}")
        if required and not value.strip():
            raise ConfigError(f"{section}.{key}: required but empty")
        if "\n" in value or "\r" in value:
            raise ConfigError(f"{section}.{key}: must be a single line")
        return value.strip()

    def text(self, section: str, key: str) -> str:
        """A block of lines (a TOML multi-line string), trimmed of blank lines around it."""
        value = self._raw(section, key)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ConfigError(f"{section}.{key}: must be a string, not {type(value).__name__}")
        lines = [line.rstrip() for line in value.replace("\r\n", "\n").split("\n")]
        if any("{{" in line or "{%" in line for line in lines):
            raise ConfigError(f"{section}.{key}: is plain text; it cannot hold {{{{ or {{%")
        return "\n".join(lines).strip("\n")

    def email(self, section: str, key: str, required: bool = False) -> str:
        value = self.string(section, key, "", required)
        if value and not _EMAIL.match(value):
            raise ConfigError(f"{section}.{key}: {value!r} is not an email address")
        return value

    def choice(self, section: str, key: str, options: tuple[str, ...], default: str) -> str:
        value = self.string(section, key, default)
        if value not in options:
            raise ConfigError(f"{section}.{key}: {value!r} is not one of {', '.join(options)}")
        return value

    def pattern(self, section: str, key: str, regex: str, default: str) -> str:
        value = self.string(section, key, default)
        if not re.fullmatch(regex, value):
            raise ConfigError(f"{section}.{key}: {value!r} must match {regex}")
        return value

    def country(self, section: str, key: str, default: str) -> str:
        """A country whose public holidays the `holidays` library knows (working days skip them)."""
        value = self.pattern(section, key, r"[A-Z]{2}", default)
        if value in KNOWN_HOLIDAY_COUNTRIES:
            return value  # loading `holidays` costs a cron run a third of a second
        import holidays

        try:
            # The very call working days make later; cheaper than listing every country.
            holidays.country_holidays(value)
        except NotImplementedError:
            raise ConfigError(
                f"{section}.{key}: {value!r} is not a country with a known holiday calendar; "
                'use a two-letter country code such as "NL", "BE" or "DE"'
            ) from None
        return value

    def timezone(self, section: str, key: str, default: str) -> str:
        value = self.string(section, key, default)
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"{section}.{key}: {value!r} is not a known time zone") from None
        return value

    def integer(
        self,
        section: str,
        key: str,
        default: int,
        minimum: int = 0,
        maximum: int = 65535 * 1024 * 1024,
    ) -> int:
        value = self._raw(section, key)
        if value is None:
            return default
        if not isinstance(value, int) or isinstance(value, bool):
            raise ConfigError(f"{section}.{key}: must be a whole number")
        if not minimum <= value <= maximum:
            raise ConfigError(f"{section}.{key}: {value} is out of range ({minimum}..{maximum})")
        return value

    def optional_duration(self, section: str, key: str) -> Duration | None:
        """A retention period: whole days or weeks, within sensible bounds."""
        if not self._raw(section, key):
            return None
        value = self.duration(section, key, Duration())
        if value.workdays or not value.seconds:
            raise ConfigError(f'{section}.{key}: use days or weeks, e.g. "730d"')
        days = value.seconds / 86400
        if not _MIN_RETENTION_DAYS <= days <= _MAX_RETENTION_DAYS:
            raise ConfigError(
                f"{section}.{key}: {value.seconds // 86400} days is out of range; closed dossiers "
                f'are kept between {_MIN_RETENTION_DAYS} days and 100 years (e.g. "730d")'
            )
        return value

    def day(self, section: str, key: str) -> date | None:
        """A calendar day: a TOML date (2026-11-27) or the same as a string."""
        value = self._raw(section, key)
        if value is None or value == "":
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise ConfigError(
                f'{section}.{key}: {value!r} is not a day like "2026-11-27"'
            ) from None

    def boolean(self, section: str, key: str, default: bool) -> bool:
        value = self._raw(section, key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise ConfigError(f"{section}.{key}: must be true or false")
        return value

    def clock_time(self, section: str, key: str, default: str) -> str:
        value = self.string(section, key, default)
        if value and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
            raise ConfigError(f'{section}.{key}: {value!r} is not a time of day like "08:00"')
        return value

    def duration(
        self,
        section: str,
        key: str,
        default: Duration,
        positive: bool = False,
        clock: bool = False,
    ) -> Duration:
        """A duration; `positive` refuses zero, `clock` refuses working days (wall-clock only)."""
        value = self._raw(section, key)
        if value is None:
            return default
        try:
            parsed = parse_duration(value)
        except DurationError as exc:
            raise ConfigError(f"{section}.{key}: {exc}") from None
        if clock and parsed.workdays:
            raise ConfigError(
                f'{section}.{key}: {value!r} must be clock time ("90s", "15m", "2h", "3d"), '
                "not working days"
            )
        if positive and not (parsed.seconds or parsed.workdays):
            raise ConfigError(f"{section}.{key}: {value!r} must be longer than zero")
        return parsed

    def secret(self, section: str, name: str = "password") -> str:
        """`name`, `name_env` (an environment variable) or `name_file`: at most one of them."""
        password = self._raw(section, name)
        env_name = self._raw(section, f"{name}_env")
        file_name = self._raw(section, f"{name}_file")
        given = [
            k
            for k, v in ((name, password), (f"{name}_env", env_name), (f"{name}_file", file_name))
            if v
        ]
        if len(given) > 1:
            raise ConfigError(
                f"{section}.{given[1]}: set only one of {name}, {name}_env, {name}_file"
            )
        if env_name:
            if env_name not in os.environ:
                raise ConfigError(
                    f"{section}.{name}_env: environment variable {env_name} is not set"
                )
            return os.environ[env_name]
        if file_name:
            try:
                return Path(file_name).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ConfigError(
                    f"{section}.{name}_file: cannot read {file_name}: {exc.strerror}"
                ) from None
        if password is not None and not isinstance(password, str):
            raise ConfigError(f"{section}.{name}: must be a string")
        return password or ""

    def oauth2(self, section: str, base: Path, fallback: OAuth2Config | None) -> OAuth2Config:
        """The token source of an `auth = "oauth2"` server; SMTP may share IMAP's."""
        table = self.data.get(section, {})
        if fallback is not None and not any(k in table for k in _OAUTH2_KEYS):
            return fallback
        command = self.string(section, "token_command")
        provider = self.choice(section, "provider", ("", *OAUTH2_PROVIDERS, "custom"), "")
        settings = OAuth2Config(
            token_command=command,
            provider=provider,
            tenant=self.string(section, "tenant", "common") or "common",
            client_id=self.string(section, "client_id"),
            client_secret=self.secret(section, "client_secret"),
            refresh_token_file=self.path(section, "refresh_token_file", base),
            refresh_token_env=self.string(section, "refresh_token_env"),
            token_endpoint=self.url(section, "token_endpoint"),
            device_endpoint=self.url(section, "device_endpoint"),
            authorize_endpoint=self.url(section, "authorize_endpoint"),
            scope=self.string(section, "scope"),
            mechanism=self.choice(section, "mechanism", ("xoauth2", "oauthbearer"), "xoauth2"),
        )
        if command and provider:
            raise ConfigError(
                f"{section}.token_command: set either token_command or provider (the built-in "
                "refresh-token flow), not both"
            )
        if not command and not provider:
            raise ConfigError(
                f'{section}.auth: "oauth2" needs token_command (a command that prints an access '
                'token) or provider = "microsoft", "google" or "custom" with client_id and '
                'refresh_token_file (see the README, "Connect Microsoft 365 / Google")'
            )
        if provider:
            if not settings.client_id:
                raise ConfigError(f"{section}.client_id: required with provider = {provider!r}")
            if bool(settings.refresh_token_file) == bool(settings.refresh_token_env):
                raise ConfigError(
                    f"{section}.refresh_token_file: set one of refresh_token_file (written by "
                    "`inbox-agent login`) or refresh_token_env"
                )
            if provider == "google" and not settings.client_secret:
                raise ConfigError(
                    f"{section}.client_secret: Google needs the client secret of the OAuth "
                    "client (client_secret, client_secret_env or client_secret_file)"
                )
            if provider == "custom" and not settings.token_endpoint:
                raise ConfigError(f'{section}.token_endpoint: required with provider = "custom"')
        return settings

    def path(self, section: str, key: str, base: Path) -> Path | None:
        value = self.string(section, key)
        if not value:
            return None
        path = Path(value).expanduser()
        return path if path.is_absolute() else base / path

    def url(self, section: str, key: str) -> str:
        """An https URL (plain http only for a loopback host, as in tests)."""
        value = self.string(section, key)
        if not value:
            return ""
        parts = urlsplit(value)
        if parts.scheme == "https" and parts.hostname:
            return value
        if parts.scheme == "http" and parts.hostname and is_loopback(parts.hostname):
            return value
        raise ConfigError(
            f"{section}.{key}: {value!r} must be an https:// URL (tokens never travel in clear text)"
        )

    def server(
        self,
        section: str,
        default_port: dict[str, int],
        username_required: bool = True,
        oauth2_fallback: OAuth2Config | None = None,
        base: Path = Path("."),
    ) -> dict[str, Any]:
        host = self.string(section, "host", required=True)
        security = self.choice(section, "security", ("ssl", "starttls", "none"), "ssl")
        if security == "none" and not is_loopback(host):
            raise ConfigError(
                f'{section}.security: "none" sends the password in clear text and is only allowed '
                f'for a loopback host, not {host!r}; use "ssl" or "starttls"'
            )
        port = self.integer(section, "port", default_port[security], minimum=1, maximum=65535)
        username = self.string(section, "username", "", required=username_required)
        auth = self.choice(section, "auth", ("password", "oauth2"), "password")
        password = self.secret(section)
        oauth2 = None
        if auth == "oauth2":
            if password:
                raise ConfigError(
                    f'{section}.password: not used with auth = "oauth2"; remove it '
                    "(the access token takes its place)"
                )
            if not username:
                raise ConfigError(f'{section}.username: required with auth = "oauth2"')
            oauth2 = self.oauth2(section, base, oauth2_fallback)
        elif username and not password:
            raise ConfigError(
                f"{section}.password: {section}.username is set but no password is "
                'given (password, password_env or password_file; or auth = "oauth2")'
            )
        else:
            self.forbid_oauth2_keys(section)
        timeout = self.duration(section, "timeout", Duration(seconds=30))
        if timeout.workdays or not timeout.seconds:
            raise ConfigError(f"{section}.timeout: must be a positive number of seconds or minutes")
        return {
            "host": host,
            "port": port,
            "security": security,
            "username": username,
            "password": password,
            "timeout": timeout,
            "auth": auth,
            "oauth2": oauth2,
        }

    def forbid_oauth2_keys(self, section: str) -> None:
        """OAuth2 keys under a password login would be silently ignored: say so instead."""
        table = self.data.get(section, {})
        for key in sorted(table):
            if key in _OAUTH2_KEYS:
                raise ConfigError(f'{section}.{key}: only used with auth = "oauth2"')

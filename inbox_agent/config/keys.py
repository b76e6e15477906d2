"""Reading the parsed TOML one key at a time: each reader checks a type and names the key at
fault, and remembers which keys were read, so that an unknown one can be reported."""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from inbox_agent.config.model import (
    KNOWN_HOLIDAY_COUNTRIES,
    OAUTH2_PROVIDERS,
    ConfigError,
    OAuth2Config,
    RateLimit,
    is_loopback,
)
from inbox_agent.durations import Duration, DurationError, parse_duration

_OAUTH2_KEYS = frozenset(
    {
        "token_command", "provider", "tenant", "client_id", "client_secret",
        "client_secret_env", "client_secret_file", "refresh_token_file", "refresh_token_env",
        "token_endpoint", "device_endpoint", "authorize_endpoint", "scope", "mechanism",
    }
)  # fmt: skip
_RATE = re.compile(
    r"(?P<count>\d+)\s*(?:(?P<recipients>recipients?)|messages?|mails?)?\s*(?:/|per)\s*"
    r"(?P<unit>seconds?|minutes?|hours?|days?)"
)
_RATE_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
# Below this a closed dossier would be erased while the customer may still write about it.
_MIN_RETENTION_DAYS = 30
_MAX_RETENTION_DAYS = 100 * 366


class Reader:
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

    def rates(self, section: str, key: str, preset: tuple[RateLimit, ...]) -> tuple[RateLimit, ...]:
        """Sending limits: "30/minute", "10000 recipients/day", a list of them, or "none";
        unset means the provider's (`preset`)."""
        value = self._raw(section, key)
        if value is None:
            return preset
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in values):
            raise ConfigError(
                f'{section}.{key}: must be a string like "30/minute" or a list of them'
            )
        if values in (["none"], []):
            return ()
        limits = []
        for text in values:
            found = _RATE.fullmatch(text.strip().lower())
            if found is None or int(found["count"]) < 1:
                raise ConfigError(
                    f'{section}.{key}: {text!r} is not a sending limit like "30/minute", '
                    '"2000/day" or "10000 recipients/day" (or "none")'
                )
            limits.append(
                RateLimit(
                    int(found["count"]),
                    _RATE_UNITS[found["unit"].removesuffix("s")],
                    recipients=bool(found["recipients"]),
                )
            )
        return tuple(limits)

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

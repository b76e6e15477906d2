"""The configuration as frozen dataclasses, and the constants its checks share."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from inbox_agent.durations import Duration

# Providers whose endpoints and scopes inbox_agent/mail/oauth2.py knows.
OAUTH2_PROVIDERS = ("microsoft", "google")


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
    # What a repair letter offers to lend meanwhile ("een leenfiets"); empty offers nothing.
    loan_product: str = ""

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
class RateLimit:
    """A provider's sending limit: at most `count` messages (or recipients) per `seconds`."""

    count: int
    seconds: int
    recipients: bool = False  # counts recipients, not messages

    def __str__(self) -> str:
        unit = {1: "second", 60: "minute", 3600: "hour", 86400: "day"}.get(self.seconds)
        per = f"per {unit}" if unit else f"per {self.seconds} seconds"
        return f"{self.count} {'recipients' if self.recipients else 'messages'} {per}"


# What the OAuth2 providers allow a mailbox to send, used when smtp.rate is not set: Microsoft
# 365 30 messages a minute and 10,000 recipients a day, Gmail about 2,000 messages a day.
PROVIDER_RATES: dict[str, tuple[RateLimit, ...]] = {
    "microsoft": (RateLimit(30, 60), RateLimit(10_000, 86400, recipients=True)),
    "google": (RateLimit(2_000, 86400),),
}
# Their SMTP servers, for a shop that logs in with a password (an app password).
PROVIDER_SMTP_HOSTS = {"smtp.office365.com": "microsoft", "smtp.gmail.com": "google"}


@dataclass(frozen=True)
class SmtpConfig(ServerConfig):
    # Connections used side by side when a backlog goes out; each waits on its own round trips.
    connections: int = 2
    # The provider's sending limits; what they do not allow now waits in the outbox.
    rate: tuple[RateLimit, ...] = ()


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
    # with no answer is renegotiated once by the agent, by deadline_extension.
    warn_before: Duration = Duration(workdays=2)
    deadline_extension: Duration = Duration(workdays=5)
    # A resolution letter that says the shop will be in touch names a date this far ahead.
    contact_within: Duration = Duration(workdays=3)


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


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

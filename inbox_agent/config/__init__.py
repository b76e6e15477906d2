"""The shop's configuration: TOML read key by key into frozen, validated dataclasses; every
error names the key at fault and suggests the fix. `config.example.toml` documents every key.

Imports only the core (durations, shipped); every layer above may import it.
"""

from inbox_agent.config.load import config_from_dict, default_config_path, load_config
from inbox_agent.config.model import (
    KNOWN_HOLIDAY_COUNTRIES,
    OAUTH2_PROVIDERS,
    Config,
    ConfigError,
    ImapConfig,
    LimitsConfig,
    OAuth2Config,
    OwnerConfig,
    RateLimit,
    ReportsConfig,
    ServerConfig,
    ShopConfig,
    SmtpConfig,
    StorageConfig,
    TimingConfig,
    is_loopback,
)

__all__ = [
    "KNOWN_HOLIDAY_COUNTRIES",
    "OAUTH2_PROVIDERS",
    "Config",
    "ConfigError",
    "ImapConfig",
    "LimitsConfig",
    "OAuth2Config",
    "OwnerConfig",
    "RateLimit",
    "ReportsConfig",
    "ServerConfig",
    "ShopConfig",
    "SmtpConfig",
    "StorageConfig",
    "TimingConfig",
    "config_from_dict",
    "default_config_path",
    "is_loopback",
    "load_config",
]

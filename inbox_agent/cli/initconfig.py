"""`inbox-agent init`: a commented config.toml made from the example, with the shop's answers.

The example file is the template, so every key keeps its explanation. Only the few answers
that differ per shop are asked (on a terminal); everything else keeps the example's value.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from inbox_agent.config import ConfigError, config_from_dict
from inbox_agent.shipped import contrib, example_config, template_languages

# Mail servers of the providers a shop is most likely to use.
_PROVIDERS: dict[str, dict[str, dict[str, Any]]] = {
    "microsoft": {
        "imap": {"host": "outlook.office365.com", "port": 993, "security": "ssl"},
        "smtp": {"host": "smtp.office365.com", "port": 587, "security": "starttls"},
    },
    "google": {
        "imap": {"host": "imap.gmail.com", "port": 993, "security": "ssl"},
        "smtp": {"host": "smtp.gmail.com", "port": 465, "security": "ssl"},
    },
}


@dataclass
class Answers:
    shop_name: str = "Fietsenwinkel De Ketting"
    shop_email: str = "klachten@ketting.nl"
    language: str = "nl"
    timezone: str = "Europe/Amsterdam"
    handler: str = "jan@ketting.nl"
    provider: str = "other"  # microsoft | google | other
    imap_host: str = "imap.example.nl"
    smtp_host: str = "smtp.example.nl"
    # Mail that arrived before the day of `init` is old mail, not new complaints.
    read_since: date = field(default_factory=date.today)


def ask(prompt: Callable[[str], str], say: Callable[[str], None]) -> Answers:
    """Ask the few questions that differ per shop; Enter keeps the suggestion in brackets."""
    answers = Answers()

    def question(text: str, default: str, check: Callable[[str], bool] = bool) -> str:
        while True:
            value = prompt(f"{text} [{default}]: ").strip() or default
            if check(value):
                return value
            say(f"  {value!r} does not fit; try again")

    def email(value: str) -> bool:
        return bool(re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value))

    def zone(value: str) -> bool:
        try:
            ZoneInfo(value)
        except (ValueError, ZoneInfoNotFoundError):
            return False
        return True

    answers.shop_name = question("Shop name", answers.shop_name)
    answers.shop_email = question("Complaint address customers write to", "", email)
    languages = template_languages()  # every language with a templates folder
    answers.language = question(
        f"Language of the mails ({'/'.join(languages)})", "nl", languages.__contains__
    )
    answers.timezone = question("Time zone", answers.timezone, zone)
    answers.handler = question("Who handles complaints (their own address)", "", email)
    answers.provider = question(
        "Mail provider (microsoft/google/other)",
        "other",
        {"microsoft", "google", "other"}.__contains__,
    )
    if answers.provider == "other":
        domain = answers.shop_email.split("@")[1]
        answers.imap_host = question("IMAP server", f"imap.{domain}")
        answers.smtp_host = question("SMTP server", f"smtp.{domain}")
    return answers


def render(answers: Answers) -> str:
    """The example config with the answers filled in; checked by loading it."""
    values: dict[str, dict[str, Any]] = {
        "shop": {
            "name": answers.shop_name,
            "email": answers.shop_email,
            "language": answers.language,
            "timezone": answers.timezone,
        },
        # The example's deputy belongs to the example's shop, not to one that gave answers.
        "owner": {"handler": answers.handler}
        | ({} if answers.handler == Answers.handler else {"deputy": ""}),
        "imap": {
            "username": answers.shop_email,
            "host": answers.imap_host,
            "read_since": answers.read_since,
        },
        "smtp": {"username": answers.shop_email, "host": answers.smtp_host},
    }
    if answers.provider in _PROVIDERS:
        for section, server in _PROVIDERS[answers.provider].items():
            values[section].update(server, auth="oauth2", password=None)
        values["imap"].update(
            provider=answers.provider,
            client_id="PASTE-THE-CLIENT-ID-OF-YOUR-APP-REGISTRATION",
            refresh_token_file="./data/oauth2-token.json",
        )
        if answers.provider == "google":
            values["imap"]["client_secret"] = "PASTE-THE-CLIENT-SECRET"
    text = _fill(example_config().read_text(encoding="utf-8"), values)
    try:
        config_from_dict(tomllib.loads(text))
    except ConfigError as exc:
        raise ConfigError(f"the answers do not make a valid config: {exc}") from None
    return text


def _fill(text: str, values: dict[str, dict[str, Any]]) -> str:
    """Set (and uncomment) `key = value` lines per section; None comments a key out."""
    out, section = [], ""
    for line in text.splitlines():
        header = re.match(r"^\[(\w+)\]\s*$", line)
        if header:
            section = header.group(1)
        setting = re.match(r"^#?\s?(\w+) = ", line)
        if setting and setting.group(1) in values.get(section, {}):
            key = setting.group(1)
            value = values[section].pop(key)
            line = (
                f"# {key} = " + line.split(" = ", 1)[1]
                if value is None
                else (f"{key} = {_toml(value)}")
            )
        out.append(line)
    return "\n".join(out) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()  # a TOML date
    return json.dumps(str(value), ensure_ascii=False)


def next_steps(path: Path, answers: Answers) -> str:
    login = (
        f'  2. Register an app for the mailbox (README: "Connect Microsoft 365 / Google"), put\n'
        f"     its client id in {path} ([imap] client_id), then run:\n"
        f"       inbox-agent -c {path} login\n"
        if answers.provider in _PROVIDERS
        else f"  2. Put the mailbox password in {path} ([imap] and [smtp] password), or better\n"
        "     in a file named by password_file.\n"
    )
    return (
        f"Wrote {path}. Next:\n"
        f"  1. Read it through: every key is explained; set owner.deputy if there is one.\n"
        f"{login}"
        f"  3. Mail that arrived before {answers.read_since} is left alone (imap.read_since);\n"
        "     set an earlier day there to answer older mail too.\n"
        f"  4. inbox-agent -c {path} check     (logs in to both servers)\n"
        f"  5. Run it from cron or systemd: see {contrib()} (the units and a crontab line).\n"
    )

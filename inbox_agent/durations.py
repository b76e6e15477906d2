"""Durations from config ("90s", "2h", "10 workdays") and calendar arithmetic on them; pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import holidays

_UNITS = {
    "s": 1,
    "sec": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
    "w": 604800,
    "week": 604800,
    "weeks": 604800,
}
_WORKDAY_UNITS = {"workday", "workdays", "werkdag", "werkdagen"}
_PATTERN = re.compile(r"^\s*(\d+)\s*([a-z]+)\s*$")


class DurationError(ValueError):
    """A duration string that cannot be understood; the message says what is accepted."""


@dataclass(frozen=True)
class Duration:
    """A span of either wall-clock seconds or working days (never both)."""

    seconds: int = 0
    workdays: int = 0

    def __str__(self) -> str:
        return f"{self.workdays} workdays" if self.workdays else f"{self.seconds}s"


def parse_duration(text: str) -> Duration:
    match = _PATTERN.match(str(text).lower())
    if not match:
        raise DurationError(
            f'{text!r} is not a duration; use e.g. "90s", "15m", "2h", "3d", "3w" or "10 workdays"'
        )
    amount, unit = int(match.group(1)), match.group(2)
    if unit in _WORKDAY_UNITS:
        return Duration(workdays=amount)
    if unit not in _UNITS:
        raise DurationError(f"{text!r} has an unknown unit {unit!r}; use s, m, h, d, w or workdays")
    return Duration(seconds=amount * _UNITS[unit])


@lru_cache(maxsize=16)
def _holidays(country: str) -> holidays.HolidayBase:
    calendar = _own_module_calendar(country)
    if calendar is not None:
        return calendar
    import holidays  # only when a working day is counted: it is slow to load

    return holidays.country_holidays(country)


def _own_module_calendar(country: str) -> holidays.HolidayBase | None:
    """The country's calendar made from its own module of the `holidays` library, or None.

    `country_holidays` imports the package `holidays.countries`, whose `__init__` imports every
    country the library knows (Turkey's Islamic calendar included): 80-130 ms of CPU at each
    start of a cron run with a new complaint, for one country's dates. The country's module
    itself needs only the library's base classes, so it is executed on its own, outside
    `sys.modules` (the package, when something else imports it, loads its own copy). A module
    that builds on another country's (a territory on its mother country's) goes the library's
    way, as does anything unexpected; `tests/test_durations.py` holds the two ways equal.
    """
    import importlib.util
    from pathlib import Path

    from holidays import registry  # the library's own table of countries and their modules

    module = next((m for m, names in registry.COUNTRIES.items() if country in names[1:]), None)
    if module is None:
        return None
    path = Path(registry.__file__).parent / "countries" / f"{module}.py"
    try:
        if "holidays.countries" in path.read_text(encoding="utf-8"):
            return None
        spec = importlib.util.spec_from_file_location(f"holidays.countries.{module}", path)
        if spec is None or spec.loader is None:
            return None
        loaded = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(loaded)
        entity = getattr(loaded, country)  # the class `country_holidays` makes: NL, not Netherlands
    except (OSError, ImportError, AttributeError):
        return None
    calendar: holidays.HolidayBase = entity()
    return calendar


@lru_cache(maxsize=4096)
def is_workday(day: date, country: str) -> bool:
    return day.weekday() < 5 and day not in _holidays(country)


def add_duration(start: datetime, duration: Duration, country: str = "NL") -> datetime:
    """Return `start` plus `duration`; working days skip weekends and the country's holidays.

    `start` must be in the shop's time zone so that "the next working day" means the shop's.
    """
    if not duration.workdays:
        return start + timedelta(seconds=duration.seconds)
    current = start
    remaining = duration.workdays
    while remaining:
        current += timedelta(days=1)
        if is_workday(current.date(), country):
            remaining -= 1
    return current


def subtract_duration(end: datetime, duration: Duration, country: str = "NL") -> datetime:
    """Return `end` minus `duration`: "2 workdays before Monday 00:00" is Thursday 00:00.

    The mirror of `add_duration`, for warnings that must come before a promised moment.
    """
    if not duration.workdays:
        return end - timedelta(seconds=duration.seconds)
    current = end
    remaining = duration.workdays
    while remaining:
        current -= timedelta(days=1)
        if is_workday(current.date(), country):
            remaining -= 1
    return current

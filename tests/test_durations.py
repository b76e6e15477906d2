"""Durations and working days."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inbox_agent.durations import (
    Duration,
    DurationError,
    _holidays,
    add_duration,
    is_workday,
    parse_duration,
)

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("90s", Duration(seconds=90)),
        ("15m", Duration(seconds=900)),
        ("2h", Duration(seconds=7200)),
        ("3d", Duration(seconds=259200)),
        ("3w", Duration(seconds=1814400)),
        ("10 workdays", Duration(workdays=10)),
        ("1 werkdag", Duration(workdays=1)),
        ("2 S", Duration(seconds=2)),
    ],
)
def test_parse(text: str, expected: Duration) -> None:
    assert expected == parse_duration(text)


@pytest.mark.parametrize("text", ["", "soon", "5", "-3d", "3 fortnights", "2.5h"])
def test_parse_rejects(text: str) -> None:
    with pytest.raises(DurationError):
        parse_duration(text)


def test_workdays_skip_weekend() -> None:
    friday = datetime(2026, 11, 27, 10, 0, tzinfo=AMS)
    assert datetime(2026, 11, 30, 10, 0, tzinfo=AMS) == add_duration(friday, Duration(workdays=1))


def test_workdays_skip_dutch_holidays() -> None:
    # Thursday 24 Dec 2026 + 2 workdays: 25 and 26 Dec are Christmas, 27 is Sunday.
    start = datetime(2026, 12, 24, 9, 0, tzinfo=AMS)
    assert datetime(2026, 12, 29, 9, 0, tzinfo=AMS) == add_duration(start, Duration(workdays=2))
    assert not is_workday(datetime(2026, 4, 27).date(), "NL")  # King's Day
    assert is_workday(datetime(2026, 4, 27).date(), "GB")


@given(st.integers(min_value=0, max_value=60))
def test_workdays_always_land_on_a_workday(n: int) -> None:
    start = datetime(2026, 11, 27, 9, 0, tzinfo=AMS)
    end = add_duration(start, Duration(workdays=n))
    assert n == 0 or is_workday(end.date(), "NL")
    assert (end - start).days >= n


# Countries made from their own module (the first six) and ones that build on another country's
# module (Åland on Finland, American Samoa on the United States), which take the library's way.
@pytest.mark.parametrize("country", ["NL", "BE", "DE", "GB", "FR", "TR", "AX", "AS"])
def test_holiday_calendar_has_the_librarys_dates(country: str) -> None:
    import holidays

    ours, theirs = _holidays(country), holidays.country_holidays(country)
    assert type(ours).__name__ == type(theirs).__name__ == country
    days = [date(2020, 1, 1) + timedelta(days=n) for n in range(366 * 21)]
    holidays_ours = [day for day in days if day in ours]
    assert len(holidays_ours) > 21 * 4  # every year has some
    assert holidays_ours == [day for day in days if day in theirs]
    assert [ours.get(day) for day in holidays_ours] == [theirs.get(day) for day in holidays_ours]


def test_a_working_day_loads_one_country_of_the_holidays_library() -> None:
    """The library's package of countries imports all of them (most of a cron run's start)."""
    script = (
        "import sys; from datetime import date; from inbox_agent.durations import is_workday; "
        "assert not is_workday(date(2026, 12, 25), 'NL'); "
        "print(sorted(m for m in sys.modules if m.startswith('holidays.countries')))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

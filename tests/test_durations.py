"""Durations and working days."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inbox_agent.durations import Duration, DurationError, add_duration, is_workday, parse_duration

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

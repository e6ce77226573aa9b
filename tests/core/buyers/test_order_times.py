"""An order report's times, read fast (the local offset kept per hour) and still exactly as
``datetime.astimezone`` reads them: in zones with summer time too, on the days the clocks
move, in the hour they skip and in the hour they repeat."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import datetime

import pytest

from assistant.core.buyers import order_report
from assistant.core.buyers.order_report import parse_time

ZONES = ("Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC")


@pytest.fixture(params=ZONES)
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    order_report._OFFSETS.clear()  # offsets kept for another zone must not be reused
    yield request.param
    monkeypatch.undo()
    time.tzset()
    order_report._OFFSETS.clear()


def slow(y: int, mo: int, d: int, h: int, mi: int, s: int) -> str:
    return datetime(y, mo, d, h, mi, s).astimezone().isoformat()


def test_times_read_as_astimezone_reads_them(zone: str) -> None:
    rng = random.Random(zone)
    for _ in range(3000):
        parts = (
            rng.randint(1995, 2035),
            rng.randint(1, 12),
            rng.randint(1, 28),
            rng.randint(0, 23),
            rng.randint(0, 59),
            rng.randint(0, 59),
        )
        y, mo, d, h, mi, s = parts
        assert parse_time(f"{y}-{mo}-{d} {h}:{mi:02d}:{s:02d}") == slow(*parts)


@pytest.mark.parametrize(
    ("month", "days"), [(3, range(8, 32)), (10, range(1, 32)), (11, range(1, 8))]
)
def test_every_minute_of_the_days_the_clocks_move(zone: str, month: int, days: range) -> None:
    for d in days:
        for h in range(24):
            for mi in (0, 1, 29, 30, 31, 59):
                assert parse_time(f"2024/{month}/{d} {h}:{mi:02d}:00") == slow(
                    2024, month, d, h, mi, 0
                )


def test_a_time_that_does_not_exist_is_refused() -> None:
    for value in ("2024-13-01 10:00:00", "2024-02-30 10:00:00", "2024-01-01 25:00:00"):
        with pytest.raises(ValueError):
            parse_time(value)

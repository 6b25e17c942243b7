"""Periods of required activities: a month, a quarter or a year, with stable keys.

``Period.key`` ("2026-11", "2026-Q4", "2026") names a period in URLs, reminders and reports."""

import calendar
import datetime
from dataclasses import dataclass

from activities.models import Frequency


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    end: datetime.date
    frequency: str

    @property
    def key(self) -> str:
        if self.frequency == Frequency.MONTH:
            return f"{self.start:%Y-%m}"
        if self.frequency == Frequency.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}"

    def __str__(self) -> str:
        return self.key

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def days_left(self, today: datetime.date) -> int:
        """Days from today to the last day of the period, the last day counting as 0."""
        return (self.end - today).days


def month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_of(day: datetime.date, frequency: str) -> Period:
    """The period of a frequency that contains ``day`` (``none`` has no period)."""
    if frequency == Frequency.MONTH:
        start = day.replace(day=1)
        return Period(start, month_end(start), frequency)
    if frequency == Frequency.QUARTER:
        start = datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return Period(start, month_end(datetime.date(day.year, start.month + 2, 1)), frequency)
    if frequency == Frequency.YEAR:
        return Period(datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31), frequency)
    raise ValueError(f"frequency {frequency!r} has no periods")


def periods_of_year(year: int, frequency: str) -> list[Period]:
    if frequency == Frequency.MONTH:
        return [period_of(datetime.date(year, m, 1), frequency) for m in range(1, 13)]
    if frequency == Frequency.QUARTER:
        return [period_of(datetime.date(year, m, 1), frequency) for m in (1, 4, 7, 10)]
    if frequency == Frequency.YEAR:
        return [period_of(datetime.date(year, 1, 1), frequency)]
    return []


def parse_period(key: str) -> Period:
    """``"2026-11"``, ``"2026-Q4"`` or ``"2026"`` → the Period; ValueError otherwise."""
    key = (key or "").strip()
    if len(key) == 4 and key.isdigit():
        return period_of(datetime.date(int(key), 1, 1), Frequency.YEAR)
    if len(key) == 7 and key[4:6] == "-Q" and key[:4].isdigit() and key[6] in "1234":
        return period_of(
            datetime.date(int(key[:4]), (int(key[6]) - 1) * 3 + 1, 1), Frequency.QUARTER
        )
    try:
        day = datetime.datetime.strptime(key, "%Y-%m").date()
    except ValueError as exc:
        raise ValueError(f"not a period: {key!r}") from exc
    return period_of(day, Frequency.MONTH)

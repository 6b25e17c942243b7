"""Calendar arithmetic for the rules counted in months and years (probation, activist
training, approval deadlines, ages)."""

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier, when negative); a day that the target
    month lacks becomes its last day: Jan 31 + 1 month = Feb 28 (Feb 29 in a leap year)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def birthday(born: datetime.date, years: int) -> datetime.date:
    """The day a person born on ``born`` turns ``years`` old. Someone born on Feb 29 turns
    a year older on Feb 28 in common years (the same month-end rule as ``add_months``)."""
    return add_months(born, 12 * years)

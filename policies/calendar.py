"""Calendar arithmetic for the rule figures stated in months and years (within 1 month, 6
months away, 1 year of probation, a 5-year term): months are calendar months, never 30 days.
The lowest app holds it so that every app counts the same way."""

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier, when negative); a day that the target
    month lacks becomes its last day: Jan 31 + 1 month = Feb 28 (Feb 29 in a leap year)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)

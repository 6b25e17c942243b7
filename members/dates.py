"""Calendar arithmetic for the rules counted in months and years (probation, activist
training, approval deadlines, ages)."""

import datetime

from policies.calendar import add_months

__all__ = ["add_months", "birthday"]


def birthday(born: datetime.date, years: int) -> datetime.date:
    """The day a person born on ``born`` turns ``years`` old. Someone born on Feb 29 turns
    a year older on Feb 28 in common years (the same month-end rule as ``add_months``)."""
    return add_months(born, 12 * years)

"""Calendar arithmetic for the rules counted in months and years (probation, activist
training, approval deadlines, ages), and a month read from its YYYY-MM text."""

import datetime
import re

from policies.calendar import add_months

__all__ = ["add_months", "birthday", "parse_month"]

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})(?:-01)?$")


def birthday(born: datetime.date, years: int) -> datetime.date:
    """The day a person born on ``born`` turns ``years`` old. Someone born on Feb 29 turns
    a year older on Feb 28 in common years (the same month-end rule as ``add_months``)."""
    return add_months(born, 12 * years)


def parse_month(text: str) -> datetime.date:
    """ "2025-05" (or "2025-05-01") → 2025-05-01; anything else raises ValueError."""
    match = MONTH_RE.match((text or "").strip())
    if not match:
        raise ValueError(text)
    return datetime.date(int(match[1]), int(match[2]), 1)

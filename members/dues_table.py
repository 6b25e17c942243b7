"""The dues rate table of the 2008 dues rules, as default data, and the expected amount."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from members.models import DuesRate, EmploymentCategory
from policies.calendar import add_months as calendar_add_months

D = Decimal
# Article 6: farmers pay 0.2 to 1 yuan a month; students, the unemployed, members living on
# relief and members on the minimum living allowance pay 0.2 yuan.
FIXED_LOWEST = D("0.2")
DEFAULT_RATES = [
    # category, income above, income up to, percent, fixed from, fixed to
    (EmploymentCategory.EMPLOYED, D("0"), D("3000"), D("0.5"), None, None),
    (EmploymentCategory.EMPLOYED, D("3000"), D("5000"), D("1"), None, None),
    (EmploymentCategory.EMPLOYED, D("5000"), D("10000"), D("1.5"), None, None),
    (EmploymentCategory.EMPLOYED, D("10000"), None, D("2"), None, None),
    (EmploymentCategory.RETIRED, D("0"), D("5000"), D("0.5"), None, None),
    (EmploymentCategory.RETIRED, D("5000"), None, D("1"), None, None),
    (EmploymentCategory.FARMER, D("0"), None, None, FIXED_LOWEST, D("1")),
    (EmploymentCategory.STUDENT, D("0"), None, None, FIXED_LOWEST, FIXED_LOWEST),
    (EmploymentCategory.UNEMPLOYED, D("0"), None, None, FIXED_LOWEST, FIXED_LOWEST),
    (EmploymentCategory.RELIEF, D("0"), None, None, FIXED_LOWEST, FIXED_LOWEST),
    (EmploymentCategory.MINIMUM_ALLOWANCE, D("0"), None, None, FIXED_LOWEST, FIXED_LOWEST),
]


def ensure_default_rates(**kwargs) -> None:
    """After migrate: an empty rate table gets the published rates; an edited one is left alone."""
    if DuesRate.objects.exists():
        return
    DuesRate.objects.bulk_create(
        DuesRate(
            category=category,
            income_above=above,
            income_up_to=up_to,
            percent=percent,
            fixed_min=fixed_min,
            fixed_max=fixed_max,
        )
        for category, above, up_to, percent, fixed_min, fixed_max in DEFAULT_RATES
    )


def bracket_for(category: str, income: Decimal | None, rates=None) -> DuesRate | None:
    """The bracket whose (income_above, income_up_to] holds the income."""
    rates = rates if rates is not None else DuesRate.objects.filter(category=category)
    income = income or D("0")
    for rate in sorted((r for r in rates if r.category == category), key=lambda r: r.income_above):
        above_floor = income > rate.income_above or (rate.income_above == 0 and income >= 0)
        if above_floor and (rate.income_up_to is None or income <= rate.income_up_to):
            return rate
    return None


def expected_amount(category: str, income: Decimal | None, rates=None) -> Decimal | None:
    """The monthly amount due: income × percent rounded to the fen, or the fixed minimum."""
    rate = bracket_for(category, income, rates)
    if rate is None:
        return None
    if rate.percent is not None:
        return ((income or D("0")) * rate.percent / D("100")).quantize(
            D("0.01"), rounding=ROUND_HALF_UP
        )
    return rate.fixed_min


def is_fixed_category(category: str, rates) -> bool:
    """A category paying a fixed monthly amount (farmers, students, the unemployed, members on
    relief or the minimum living allowance) needs no income."""
    return any(r.category == category and r.percent is None for r in rates)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(month: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` after the month of ``month``."""
    return calendar_add_months(month_start(month), months)


def month_end(month: datetime.date) -> datetime.date:
    return add_months(month, 1) - datetime.timedelta(days=1)


def make_up_deadline(month: datetime.date, make_up_months: int) -> datetime.date:
    """The last day on which a month's dues may still be paid: the end of month M + N."""
    return month_end(add_months(month, make_up_months))

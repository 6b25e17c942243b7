"""A year of demo dues (党费) for one street: a record per member and month for the last 12
months, paid on time by most, a month late (as make-up) by a few, and not at all for the
last 1 to 7 months by about one member in twenty, so that some reach the 6-month mark."""

import datetime
import math
import random
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from members.demo.base import Roll
from members.demo.bulk import insert
from members.dues_table import add_months, ensure_default_rates, expected_amount, month_end
from members.models import DuesPayment, DuesRate, DuesRecord, EmploymentCategory

MONTHS = 12
ARREARS_SHARE = 0.05
LATE_SHARE = 0.04
ZERO = Decimal("0")
RECORD_COLUMNS = (
    "member", "organization", "month", "category", "income", "expected", "paid", "paid_on",
    "recorded_by",
)  # fmt: skip
PAYMENT_COLUMNS = ("record", "amount", "paid_on", "is_make_up", "recorded_by", "recorded_at")
# (median, spread, lowest, highest) of the monthly income after tax, in yuan
INCOME = {
    EmploymentCategory.EMPLOYED: (6500, 0.45, 2500, 30000),
    EmploymentCategory.RETIRED: (4200, 0.3, 2000, 12000),
}


def income_for(rng: random.Random, category: str) -> Decimal | None:
    """None for the categories paying a fixed amount, which need no income."""
    if category not in INCOME:
        return None
    median, spread, lowest, highest = INCOME[category]
    value = min(max(rng.lognormvariate(math.log(median), spread), lowest), highest)
    return Decimal(round(value, -1)).quantize(Decimal("0.01"))


def build_dues(roll: Roll) -> None:
    """The street's dues records and payments, unless it has some already."""
    street, today = roll.street, roll.today
    if DuesRecord.objects.filter(member__organization__street=street).exists():
        return
    ensure_default_rates()
    rates = list(DuesRate.objects.all())
    rng = random.Random(f"dues:{street.code}")
    current = today.replace(day=1)
    months = [add_months(current, -k) for k in range(MONTHS - 1, -1, -1)]
    secretaries = roll.secretary_by_organization()
    expected: dict[tuple[str, Decimal | None], Decimal | None] = {}
    records: list[tuple] = []
    payments: dict[tuple[int, datetime.date], tuple] = {}
    arrears_members = 0
    for member in roll.members():
        category = member.employment
        income = income_for(rng, category)
        key = (category, income)
        if key not in expected:
            expected[key] = expected_amount(category, income, rates)
        amount = expected[key]
        if amount is None:  # an edited rate table without a bracket here: nothing to owe
            continue
        own = [m for m in months if m >= member.joined_on.replace(day=1)]
        unpaid = 0
        if own and rng.random() < ARREARS_SHARE:
            arrears_members += 1
            unpaid = min(len(own), 1 + arrears_members % 7)  # 1 to 7, cycling
        late = rng.random() < LATE_SHARE
        day = rng.randint(1, 25)
        recorded_by = secretaries.get(member.organization_id)
        holder = (member.pk, member.organization_id)
        for i, month in enumerate(own):
            paying = i < len(own) - unpaid
            on = add_months(month, 1 if late else 0).replace(day=day) if paying else None
            if on is not None and on > today:
                on = None  # not yet paid this month (or last month's make-up still to come)
            if on is None:
                records.append((*holder, month, category, income, amount, ZERO, None, None))
                continue
            on = max(on, member.joined_on)
            records.append((*holder, month, category, income, amount, amount, on, recorded_by))
            payments[member.pk, month] = (amount, on, on > month_end(month), recorded_by)
    insert(DuesRecord, RECORD_COLUMNS, records)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    paid = DuesRecord.objects.filter(member__organization__street=street, paid_on__isnull=False)
    ids = paid.order_by().values_list("pk", "member_id", "month")  # the ids the insert gave
    insert(
        DuesPayment,
        PAYMENT_COLUMNS,
        ((pk, *payments[member_id, month], now) for pk, member_id, month in ids),
    )

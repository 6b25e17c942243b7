"""Writing an imported dues ledger (党费收缴台账) through the dues services: every row or none.

Each row opens the member's record of the month when it is missing (as ``dues_month_open``
would, for that one member), enters the income when the row gives one, and records the
payment with ``dues_payment_record``, so every rule of the dues services applies unchanged.

The preview runs the very same writes as a dry run: one transaction, each row in a savepoint
of its own (a refused row is rolled back to it and the next row goes on), and the whole
transaction rolled back at the end. That is plain ``transaction.atomic`` nesting, which works
alike on SQLite and PostgreSQL; the row locks taken by ``select_for_update`` (PostgreSQL only,
SQLite ignores it) last until the rollback. The confirmation runs the same function and keeps
the transaction only when no row was refused.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from members.dues_table import (
    expected_amount,
    is_fixed_category,
    month_end,
    month_start,
)
from members.errors import RuleError
from members.models import DuesPayment, DuesRate, DuesRecord, Member
from members.services.dues import check_month_openable, dues_income_set, dues_payment_record
from organizations import scoping


@dataclass(frozen=True)
class DuesRow:
    number: int  # the row number in the workbook
    member: Member  # with its organization
    month: datetime.date
    category: str  # blank: the member's own category
    income: Decimal | None
    amount: Decimal
    paid_on: datetime.date


def apply_rows(rows: Sequence, write: Callable, *, commit: bool) -> tuple[dict, list]:
    """``write(row)`` for each row (which has a ``number``) in one transaction; a refused row
    is rolled back to its savepoint and the others go on, so every refusal is found at once.
    Returns (refusals by row number as ValidationError, what ``write`` returned for each
    row). Kept only when ``commit`` and no row was refused; otherwise all is rolled back."""
    refused: dict[int, ValidationError] = {}
    results = []
    with transaction.atomic():
        for row in rows:
            try:
                with transaction.atomic():
                    results.append(write(row))
            except ValidationError as exc:
                refused[row.number] = exc
            except PermissionDenied:
                refused[row.number] = ValidationError(_("You may not record this for this member."))
            except IntegrityError:
                # a concurrent write got there between this row's checks and its insert
                refused[row.number] = ValidationError(
                    _("Someone else changed these records meanwhile; upload the file again.")
                )
        if refused or not commit:
            transaction.set_rollback(True)
    return refused, results


def _amount_due(category: str, income: Decimal | None, rates) -> Decimal:
    """What ``dues_month_open`` puts on a new record: 0 while the income is needed."""
    if income is None and not is_fixed_category(category, rates):
        return Decimal("0")
    amount = expected_amount(category, income, rates)
    return Decimal("0") if amount is None else amount


def _check_may_open(member: Member, month: datetime.date) -> None:
    """The rules ``dues_month_open`` applies to a month, and its rule on joining."""
    check_month_openable(month)
    if member.joined_on > month_end(month):
        raise RuleError(
            {
                "month": _("%(name)s joined the party on %(day)s: there are no dues for %(month)s.")
                % {
                    "name": member.name,
                    "day": member.joined_on.isoformat(),
                    "month": f"{month:%Y-%m}",
                }
            }
        )


def _carried_income(member: Member, month: datetime.date, category: str) -> Decimal | None:
    """The income of the member's latest earlier record, if of the same category."""
    earlier = (
        DuesRecord.objects.filter(member=member, month__lt=month, income__isnull=False)
        .order_by("-month")
        .values("income", "category")
        .first()
    )
    return earlier["income"] if earlier and earlier["category"] == category else None


@transaction.atomic
def dues_record_open(
    *, actor, member: Member, month: datetime.date, category: str = ""
) -> DuesRecord:
    """The member's record of ``month``, locked; created when missing as ``dues_month_open``
    creates it (category: ``category`` or the member's; income carried over). A ``category``
    differing from an unpaid record's is what the ledger says of that month: the record
    takes it, and its amount due follows."""
    if not scoping.can_manage_path(actor, member.organization.path):
        raise PermissionDenied
    month = month_start(month)
    rates = list(DuesRate.objects.all())
    found = DuesRecord.objects.select_for_update().filter(member=member, month=month)
    record = found.first()
    if record is None:
        _check_may_open(member, month)
        category = category or member.employment
        income = _carried_income(member, month, category)
        record = DuesRecord(
            member=member,
            organization_id=member.organization_id,
            month=month,
            category=category,
            income=income,
            expected=_amount_due(category, income, rates),
            recorded_by=actor,
        )
        # the member and the actor were just read; the unique constraint is kept by the insert
        record.full_clean(
            exclude=["member", "organization", "recorded_by"],
            validate_unique=False,
            validate_constraints=False,
        )
        # an opening of the whole month may have created it since the look-up above
        DuesRecord.objects.bulk_create([record], ignore_conflicts=True)
        return found.get()
    if category and category != record.category and not record.is_paid:
        record.category = category
        record.expected = _amount_due(category, record.income, rates)
        record.full_clean(
            exclude=["member", "organization", "recorded_by"],
            validate_unique=False,
            validate_constraints=False,
        )
        record.save(update_fields=["category", "expected"])
    return record


@transaction.atomic
def dues_row_record(*, actor, row: DuesRow) -> DuesPayment:
    """One ledger row: the month's record, the income when given, then the payment."""
    record = dues_record_open(
        actor=actor, member=row.member, month=row.month, category=row.category
    )
    # a paid month keeps its income; the payment below says the month was paid
    if row.income is not None and row.income != record.income and not record.is_paid:
        record = dues_income_set(actor=actor, record=record, income=row.income)
    return dues_payment_record(actor=actor, record=record, amount=row.amount, paid_on=row.paid_on)


def dues_import(
    *, actor, rows: Sequence[DuesRow], commit: bool
) -> tuple[dict[int, ValidationError], list[DuesPayment]]:
    """Record every row's payment in one transaction: (refusals by row number, payments).
    Nothing is kept unless ``commit`` and no row was refused."""
    return apply_rows(rows, lambda row: dues_row_record(actor=actor, row=row), commit=commit)

"""Writes to the dues ledger: opening a month, entering income, recording a payment.

Decisions where the rules are silent (dues rules 2008):
- A month opened for an organization covers every member on the roll of its subtree (a
  branch: its own members; a community committee: its own and all its branches' members)
  who had joined by the end of the month. Opening again creates only what is missing.
- The category comes from the member's employment; the income is carried over from the
  member's latest earlier record of the same category. A member paying a share of income
  whose income is unknown gets a record marked "income needed" (expected 0) and cannot pay
  until the income is entered, which fills in the amount due.
- No payment in advance: a month may be paid from its first day. Members paying quarterly
  (allowed with the branch's consent) are recorded at the quarter's end, as make-up.
- The amount may exceed what is due (voluntary extra dues), also above the 1 yuan of the
  fixed range; it may not be less. One payment settles a month; a second is refused.
- Month M may be made up until the last day of month M + DUES_MAKE_UP_MONTHS; later it is a
  case for the branch (possibly leaving the party), which the ledger does not decide. For
  the same reason a month whose window has closed is not opened: the ledger starts when the
  branch starts using it, and older months stay in the branch's paper ledger.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from members import rules
from members.dues_table import (
    bracket_for,
    expected_amount,
    is_fixed_category,
    make_up_deadline,
    month_end,
    month_start,
)
from members.errors import RuleError
from members.models import DuesPayment, DuesRate, DuesRecord
from members.selectors.roll import manageable_members_for
from organizations import scoping
from organizations.models import Organization
from policies.registry import value

CENT = Decimal("0.01")


@dataclass(frozen=True)
class MonthOpened:
    created: int
    income_needed: int


def _manageable_records(actor):
    return scoping.scoped_for_manage(actor, DuesRecord.objects.all(), org_field="organization")


def _bracket_text(category: str, income: Decimal | None, rates) -> str:
    rate = bracket_for(category, income, rates)
    if rate is None:
        return ""
    if rate.percent is None and rate.fixed_min == rate.fixed_max:
        return _("%(amount)s yuan a month") % {"amount": rate.fixed_min}
    if rate.percent is None:
        return _("%(low)s to %(high)s yuan a month") % {
            "low": rate.fixed_min,
            "high": rate.fixed_max,
        }
    values = {"percent": format(rate.percent.normalize(), "f"), "above": rate.income_above}
    if rate.income_up_to is None:
        return _("%(percent)s%% of an income above %(above)s yuan") % values
    values["up_to"] = rate.income_up_to
    return _("%(percent)s%% of an income above %(above)s up to %(up_to)s yuan") % values


def needs_income(record: DuesRecord, rates) -> bool:
    return record.income is None and not is_fixed_category(record.category, rates)


def check_month_openable(month: datetime.date) -> None:
    """A month's records are opened from its first day until its make-up deadline: records
    nobody may pay any more would only flag every member as in arrears."""
    today = timezone.localdate()
    if month > today:
        raise RuleError(
            {
                "month": _("The month %(month)s has not begun; it can be opened from %(day)s.")
                % {"month": f"{month:%Y-%m}", "day": month.isoformat()}
            }
        )
    deadline = make_up_deadline(month, value(rules.DUES_MAKE_UP_MONTHS))
    if deadline < today:
        raise RuleError(
            {
                "month": _(
                    "The dues of %(month)s could be made up until %(day)s; a month that can no "
                    "longer be paid is not opened."
                )
                % {"month": f"{month:%Y-%m}", "day": deadline.isoformat()}
            }
        )


@transaction.atomic
def dues_month_open(*, actor, organization: Organization, month: datetime.date) -> MonthOpened:
    """Create the month's record for every member on the roll below ``organization``."""
    if not scoping.can_manage_path(actor, organization.path):
        raise PermissionDenied
    month = month_start(month)
    check_month_openable(month)
    # Serialises two openings of the same organization; the unique constraint covers the rest.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    rates = list(DuesRate.objects.all())
    earlier = DuesRecord.objects.filter(
        member=OuterRef("pk"), month__lt=month, income__isnull=False
    ).order_by("-month")
    members = (
        manageable_members_for(actor)
        .on_roll()
        .filter(scoping.under_q(organization), joined_on__lte=month_end(month))
        .exclude(dues_records__month=month)
        .annotate(
            last_income=Subquery(earlier.values("income")[:1]),
            last_category=Subquery(earlier.values("category")[:1]),
        )
        .only("id", "employment", "organization_id")
    )
    records = []
    for member in members:
        income = member.last_income if member.last_category == member.employment else None
        record = DuesRecord(
            member=member,
            organization_id=member.organization_id,
            month=month,
            category=member.employment,
            income=income,
            recorded_by=actor,
        )
        record.expected = _expected(record, rates)
        records.append(record)
    DuesRecord.objects.bulk_create(records, ignore_conflicts=True)
    return MonthOpened(
        created=len(records), income_needed=sum(needs_income(r, rates) for r in records)
    )


def _expected(record: DuesRecord, rates) -> Decimal:
    if needs_income(record, rates):
        return Decimal("0")
    amount = expected_amount(record.category, record.income, rates)
    return Decimal("0") if amount is None else amount


@transaction.atomic
def dues_income_set(*, actor, record: DuesRecord, income: Decimal) -> DuesRecord:
    """Enter the member's monthly after-tax income for the month; the amount due follows."""
    record = _lock(actor, record)
    dues_income_check(record=record, income=income)
    record.income = Decimal(income).quantize(CENT)
    record.expected = _expected(record, list(DuesRate.objects.filter(category=record.category)))
    record.full_clean()
    record.save(update_fields=["income", "expected"])
    return record


def dues_income_check(*, record: DuesRecord, income: Decimal | None) -> None:
    """Refuse an income that cannot be entered (also used by the admin form)."""
    if record.is_paid:
        raise RuleError(
            {
                "income": _(
                    "The dues of %(month)s were paid on %(day)s; the income can no longer change."
                )
                % {"month": f"{record.month:%Y-%m}", "day": record.paid_on.isoformat()}
            }
        )
    if income is None or income < 0:
        raise RuleError({"income": _("The income is an amount of 0 yuan or more.")})


def _lock(actor, record: DuesRecord) -> DuesRecord:
    """The record locked for change, if the actor may change it (a reader gets 403)."""
    try:
        return (
            _manageable_records(actor)
            .select_for_update(of=("self",))
            .select_related("member")
            .get(pk=record.pk)
        )
    except DuesRecord.DoesNotExist as exc:
        raise PermissionDenied from exc


@transaction.atomic
def dues_payment_record(
    *, actor, record: DuesRecord, amount: Decimal, paid_on: datetime.date
) -> DuesPayment:
    """Record the payment of one month's dues, in full (or more), within the make-up window."""
    record = _lock(actor, record)
    rates = list(DuesRate.objects.filter(category=record.category))
    month_label = f"{record.month:%Y-%m}"
    if record.is_paid:
        raise RuleError(
            {
                NON_FIELD_ERRORS: _("The dues of %(month)s were already paid on %(day)s.")
                % {"month": month_label, "day": record.paid_on.isoformat()}
            }
        )
    if needs_income(record, rates):
        raise RuleError(
            {
                "income": _(
                    "Enter the member's monthly income for %(month)s first: the amount due depends on it."
                )
                % {"month": month_label}
            }
        )
    _check_paid_on(record, paid_on, month_label)
    _check_amount(record, amount, rates, month_label)
    is_make_up = paid_on > month_end(record.month)
    payment = DuesPayment(
        record=record,
        amount=Decimal(amount).quantize(CENT),
        paid_on=paid_on,
        is_make_up=is_make_up,
        recorded_by=actor,
    )
    payment.full_clean()
    payment.save()
    record.paid = payment.amount
    record.paid_on = paid_on
    record.recorded_by = actor
    record.full_clean()
    record.save(update_fields=["paid", "paid_on", "recorded_by"])
    return payment


def dues_payments_record(
    *, actor, payments: list[tuple[DuesRecord, Decimal]], paid_on: datetime.date
) -> tuple[list[str], dict[int, list[str]]]:
    """Record each (record, amount) paid on ``paid_on``, all or none: one refusal rolls back
    the others. Returns the refusals: those about the day (once), and those of each record."""
    day_errors: list[str] = []
    row_errors: dict[int, list[str]] = {}
    with transaction.atomic():
        for record, amount in payments:
            try:
                dues_payment_record(actor=actor, record=record, amount=amount, paid_on=paid_on)
            except ValidationError as error:
                for field, texts in error.message_dict.items():
                    if field == "paid_on":
                        day_errors = day_errors or list(texts)
                    else:
                        row_errors.setdefault(record.pk, []).extend(texts)
        if day_errors or row_errors:
            transaction.set_rollback(True)
    return day_errors, row_errors


def _check_paid_on(record: DuesRecord, paid_on: datetime.date, month_label: str) -> None:
    if paid_on is None:
        raise RuleError({"paid_on": _("Give the day the dues were paid.")})
    if paid_on > timezone.localdate():
        raise RuleError(
            {
                "paid_on": _("The payment date %(day)s lies in the future.")
                % {"day": paid_on.isoformat()}
            }
        )
    if paid_on < record.month:
        raise RuleError(
            {
                "paid_on": _(
                    "Dues are not paid in advance: the dues of %(month)s can be paid from %(day)s."
                )
                % {"month": month_label, "day": record.month.isoformat()}
            }
        )
    months = value(rules.DUES_MAKE_UP_MONTHS)
    deadline = make_up_deadline(record.month, months)
    if paid_on > deadline:
        raise RuleError(
            {
                "paid_on": _(
                    "Arrears may be made up within %(months)s months: the window for %(month)s "
                    "closed on %(day)s. Such a case is for the branch to handle."
                )
                % {"months": months, "month": month_label, "day": deadline.isoformat()}
            }
        )


def _check_amount(record: DuesRecord, amount: Decimal, rates, month_label: str) -> None:
    if amount is None or amount <= 0:
        raise RuleError({"amount": _("The amount is more than 0 yuan.")})
    amount = Decimal(amount).quantize(CENT)
    if amount < record.expected:
        raise RuleError(
            {
                "amount": _(
                    "The amount due for %(month)s is %(expected)s yuan (%(bracket)s); "
                    "%(amount)s yuan is less. Paying more is allowed."
                )
                % {
                    "month": month_label,
                    "expected": record.expected,
                    "bracket": _bracket_text(record.category, record.income, rates),
                    "amount": amount,
                }
            }
        )

"""Read queries of the dues ledger for pages and the API. A dues record belongs to the
organization that held the membership when it was made: the record is scoped, counted and
listed by that organization, so a later transfer leaves the past figures where they were.
A grid worker also reads the records of the members living in their grid cells."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import rules
from members.dues_table import add_months, is_fixed_category, make_up_deadline, month_end
from members.models import DuesRate, DuesRecord, Member
from members.models.member import HOLDING_KINDS
from members.selectors.roll import visible_members_for
from organizations import scoping
from organizations.models import Organization
from policies.registry import value


class DuesStatus:
    PAID = "paid"
    MADE_UP = "made_up"
    INCOME_NEEDED = "income_needed"
    OPEN = "open"
    ARREARS = "arrears"
    LAPSED = "lapsed"

    LABELS = {
        PAID: _("paid"),
        MADE_UP: _("made up"),
        INCOME_NEEDED: _("income needed"),
        OPEN: _("due this month"),
        ARREARS: _("in arrears"),
        LAPSED: _("make-up window closed"),
    }


def dues_rates() -> QuerySet:
    """The rate table, the same for everyone."""
    return DuesRate.objects.order_by("category", "income_above")


def visible_dues_records_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = DuesRecord.objects.all() if queryset is None else queryset
    return scoping.scoped(user, qs, org_field="organization", cell_field="member__grid_cell")


def get_dues_record_for_user(user, pk) -> DuesRecord:
    try:
        return visible_dues_records_for(user).select_related("member", "organization").get(pk=pk)
    except (DuesRecord.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def dues_records_for(user) -> QuerySet:
    """The records a list shows, with what each row needs."""
    return (
        visible_dues_records_for(user)
        .select_related("member", "organization")
        .order_by("-month", "organization__path", "member__name_initials", "id")
    )


def record_status(record: DuesRecord, *, today: datetime.date, make_up_months: int, rates) -> str:
    if record.paid_on is not None:
        return DuesStatus.MADE_UP if record.paid_on > month_end(record.month) else DuesStatus.PAID
    if record.income is None and not is_fixed_category(record.category, rates):
        return DuesStatus.INCOME_NEEDED
    if today <= month_end(record.month):
        return DuesStatus.OPEN
    if today > make_up_deadline(record.month, make_up_months):
        return DuesStatus.LAPSED
    return DuesStatus.ARREARS


@dataclass
class MonthSheet:
    organization: Organization
    month: datetime.date
    records: list
    not_opened: int
    make_up_deadline: datetime.date
    counts: dict = field(default_factory=dict)


def dues_month_sheet_for(user, organization: Organization, month: datetime.date) -> MonthSheet:
    """Every record of the month held by the organization or one below it, each with its
    status, and how many members on its roll now have no record yet."""
    today = timezone.localdate()
    make_up_months = value(rules.DUES_MAKE_UP_MONTHS)
    rates = list(DuesRate.objects.all())
    records = list(
        visible_dues_records_for(user)
        .filter(scoping.under_q(organization, field="organization"), month=month)
        .select_related("member", "organization")
        .order_by("organization__path", "member__name_initials", "member_id")
    )
    counts: dict[str, int] = {}
    for record in records:
        record.status = record_status(
            record, today=today, make_up_months=make_up_months, rates=rates
        )
        record.status_label = DuesStatus.LABELS[record.status]
        counts[record.status] = counts.get(record.status, 0) + 1
    not_opened = (
        visible_members_for(user)
        .on_roll()
        .filter(scoping.under_q(organization), joined_on__lte=month_end(month))
        .exclude(dues_records__month=month)
        .count()
    )
    return MonthSheet(
        organization=organization,
        month=month,
        records=records,
        not_opened=not_opened,
        make_up_deadline=make_up_deadline(month, make_up_months),
        counts=counts,
    )


def last_months(today: datetime.date, count: int = 12) -> list[datetime.date]:
    current = today.replace(day=1)
    return [add_months(current, -n) for n in range(count - 1, -1, -1)]


def dues_collection_for(user, *, months: list[datetime.date], organization=None) -> list[dict]:
    """Per organization holding the records and month: records, records paid by the end of
    their month, and records paid at all. One aggregated query."""
    qs = visible_dues_records_for(user).filter(month__gte=months[0], month__lte=months[-1])
    if organization is not None:
        qs = qs.filter(scoping.under_q(organization, field="organization"))
    paid = Q(paid_on__isnull=False)
    return list(
        qs.order_by()
        .values("organization_id", "organization__name", "organization__path", "month")
        .annotate(
            total=Count("id"),
            on_time=Count("id", filter=paid & Q(month__gte=TruncMonth("paid_on"))),
            paid=Count("id", filter=paid),
        )
    )


@dataclass
class CollectionCell:
    month: datetime.date
    total: int = 0
    on_time: int = 0
    paid: int = 0

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time * 100 / self.total if self.total else None

    @property
    def paid_rate(self) -> float | None:
        return self.paid * 100 / self.total if self.total else None


def dues_overview_for(user, *, today: datetime.date | None = None, count: int = 12):
    """Rows of the organizations holding members in the user's scope (also those without
    records yet, so that their months can be opened), columns of the last ``count`` months.
    Two queries: the organizations, and the aggregated records."""
    months = last_months(today or timezone.localdate(), count)
    rows: dict[int, dict] = {}

    def row_for(org_id, name, path):
        return rows.setdefault(
            org_id,
            {
                "id": org_id,
                "name": name,
                "path": path,
                "cells": {m: CollectionCell(month=m) for m in months},
            },
        )

    holding = scoping.visible_organizations_for(
        user, Organization.objects.filter(kind__in=HOLDING_KINDS, dissolved_on__isnull=True)
    )
    for org_id, name, path in holding.values_list("id", "name", "path"):
        row_for(org_id, name, path)
    for item in dues_collection_for(user, months=months):
        row = row_for(
            item["organization_id"], item["organization__name"], item["organization__path"]
        )
        row["cells"][item["month"]] = CollectionCell(
            month=item["month"], total=item["total"], on_time=item["on_time"], paid=item["paid"]
        )
    ordered = sorted(rows.values(), key=lambda r: r["path"])
    for row in ordered:
        row["cells"] = [row["cells"][m] for m in months]
    return months, ordered


def dues_arrears_for(
    user, *, today: datetime.date | None = None, long_only: bool = False
) -> QuerySet:
    """Members on the roll with unpaid past months among the records the user sees: how
    many, the oldest, and the organization holding the oldest (the one whose ledger lacks
    it). ``long_only`` keeps those with DUES_MAKE_UP_MONTHS or more unpaid months, to be
    looked into by the branch (six months without paying may mean leaving the party; the
    ledger only flags it)."""
    current = (today or timezone.localdate()).replace(day=1)
    unpaid = visible_dues_records_for(user).filter(
        member=OuterRef("pk"), month__lt=current, paid_on__isnull=True
    )
    oldest = unpaid.order_by("month", "pk")
    qs = (
        Member.objects.on_roll()
        .annotate(
            arrears_count=Coalesce(
                Subquery(
                    unpaid.order_by().values("member").annotate(n=Count("pk")).values("n")[:1]
                ),
                0,
            ),
            oldest_unpaid=Subquery(oldest.values("month")[:1]),
            arrears_organization_id=Subquery(oldest.values("organization_id")[:1]),
            arrears_organization_name=Subquery(oldest.values("organization__name")[:1]),
            arrears_organization_path=Subquery(oldest.values("organization__path")[:1]),
        )
        .filter(arrears_count__gt=0)
        .order_by("arrears_organization_path", "-arrears_count", "name_initials", "id")
    )
    if long_only:
        qs = qs.filter(arrears_count__gte=value(rules.DUES_MAKE_UP_MONTHS))
    return qs


def members_with_long_arrears_for(user, *, today: datetime.date | None = None) -> QuerySet:
    return dues_arrears_for(user, today=today, long_only=True)


def dues_organization_for(user, pk) -> Organization:
    """An organization whose dues the user may read, or 404."""
    return scoping.get_organization_for_user(user, pk)


# Many organizations at once, for the assessment's metrics (no user: the caller scopes)


def dues_on_time_by_organization(
    organization_ids, first_month: datetime.date, last_month: datetime.date
) -> dict[int, tuple[int, int]]:
    """``{organization id: (records, records paid by the end of their month)}`` over the
    months from ``first_month`` to ``last_month`` (first days), by the organization holding
    each record. One query."""
    paid = Q(paid_on__isnull=False)
    rows = (
        DuesRecord.objects.filter(
            organization_id__in=organization_ids, month__gte=first_month, month__lte=last_month
        )
        .order_by()
        .values("organization_id")
        .annotate(
            total=Count("id"),
            on_time=Count("id", filter=paid & Q(month__gte=TruncMonth("paid_on"))),
        )
    )
    return {row["organization_id"]: (row["total"], row["on_time"]) for row in rows}


def long_arrears_by_organization(
    organization_ids, day: datetime.date, months: int
) -> dict[int, tuple[int, int]]:
    """``{organization id: (members on its roll on ``day``, those with ``months`` or more
    months over by ``day`` and not paid by then)}``. One query."""
    unpaid = (
        DuesRecord.objects.filter(member=OuterRef("pk"), month__lt=day.replace(day=1))
        .filter(Q(paid_on__isnull=True) | Q(paid_on__gt=day))
        .order_by()
        .values("member")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    rows = (
        Member.objects.filter(organization_id__in=organization_ids, joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .annotate(unpaid=Coalesce(Subquery(unpaid), 0))
        .order_by()
        .values("organization_id")
        .annotate(members=Count("pk"), long=Count("pk", filter=Q(unpaid__gte=months)))
    )
    return {row["organization_id"]: (row["members"], row["long"]) for row in rows}

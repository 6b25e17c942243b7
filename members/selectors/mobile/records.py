"""Mobile member records in scope, the figures in force and the conditions of each list."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from members import rules
from members.dates import add_months
from members.models import (
    MobileContact,
    MobileDirection,
    MobileMember,
    PermitRenewal,
)
from organizations import scoping
from policies.registry import values

FIGURES = (
    rules.REMIND_CONTACT_DAYS,
    rules.REMIND_PERMIT_DAYS,
    rules.TRANSFER_THRESHOLD_MONTHS,
    rules.DRIFTING_MONTHS,
)


@dataclass(frozen=True)
class Thresholds:
    today: datetime.date
    contact_days: int
    permit_days: int
    transfer_months: int
    drifting_months: int

    @property
    def contact_before(self) -> datetime.date:
        """A clock on or before this day is N days old or more."""
        return self.today - datetime.timedelta(days=self.contact_days)

    @property
    def permit_horizon(self) -> datetime.date:
        return self.today + datetime.timedelta(days=self.permit_days)

    @property
    def away_before(self) -> datetime.date:
        return add_months(self.today, -self.transfer_months)

    @property
    def drifting_since(self) -> datetime.date:
        return add_months(self.today, -self.drifting_months)


def thresholds(today: datetime.date | None = None) -> Thresholds:
    """The figures in force (one query) and today."""
    figures = values(*FIGURES)
    return Thresholds(
        today=today or timezone.localdate(),
        contact_days=figures[rules.REMIND_CONTACT_DAYS.key],
        permit_days=figures[rules.REMIND_PERMIT_DAYS.key],
        transfer_months=figures[rules.TRANSFER_THRESHOLD_MONTHS.key],
        drifting_months=figures[rules.DRIFTING_MONTHS.key],
    )


# Records


def visible_mobile_records_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """Records of the organizations in scope; a grid worker reads those living in their cells."""
    qs = MobileMember.objects.all() if queryset is None else queryset
    return scoping.scoped(user, qs, org_field="organization", cell_field="grid_cell")


def manageable_mobile_records_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = MobileMember.objects.all() if queryset is None else queryset
    return scoping.scoped_for_manage(user, qs, org_field="organization")


def with_contact_clock(queryset: QuerySet) -> QuerySet:
    """``last_contact_on`` (latest contact that reached the member) and ``contact_clock``."""
    last = (
        MobileContact.objects.filter(mobile=OuterRef("pk"), reached=True)
        .order_by("-contacted_on")
        .values("contacted_on")[:1]
    )
    return queryset.annotate(last_contact_on=Subquery(last)).annotate(
        contact_clock=Coalesce(F("last_contact_on"), F("away_since"))
    )


def not_contacted_q(limits: Thresholds) -> Q:
    return Q(ended_on__isnull=True, contact_clock__lte=limits.contact_before)


def permit_expired_q(limits: Thresholds) -> Q:
    return Q(ended_on__isnull=True, permit_valid_until__lt=limits.today)


def permit_expiring_q(limits: Thresholds) -> Q:
    return Q(
        ended_on__isnull=True,
        permit_valid_until__gte=limits.today,
        permit_valid_until__lte=limits.permit_horizon,
    )


def should_transfer_q(limits: Thresholds) -> Q:
    return Q(ended_on__isnull=True, fixed_place=True, away_since__lte=limits.away_before)


def no_permit_q() -> Q:
    return Q(
        ended_on__isnull=True, direction=MobileDirection.OUTGOING, permit_valid_until__isnull=True
    )


def mobile_records_for(user) -> QuerySet:
    """What a list row shows, with the contact clock."""
    return with_contact_clock(
        visible_mobile_records_for(user).select_related("organization", "member", "grid_cell")
    ).order_by("organization__path", "-away_since", "id")


def mobile_records_with_log_for(user) -> QuerySet:
    """The list's rows with their contacts and permit renewals, newest first (the API)."""
    return mobile_records_for(user).prefetch_related(
        Prefetch(
            "contacts",
            queryset=MobileContact.objects.select_related("contacted_by").order_by(
                "-contacted_on", "-pk"
            ),
        ),
        Prefetch("renewals", queryset=PermitRenewal.objects.order_by("-renewed_on", "-pk")),
    )


def contacts_of(record: MobileMember) -> QuerySet:
    return record.contacts.select_related("contacted_by").order_by("-contacted_on", "-pk")


def renewals_of(record: MobileMember) -> QuerySet:
    return record.renewals.select_related("recorded_by").order_by("-renewed_on", "-pk")


def get_mobile_record_for_user(user, pk) -> MobileMember:
    """The record with its contact clock, or 404 whether it is missing or out of scope."""
    try:
        return mobile_records_for(user).get(pk=pk)
    except (MobileMember.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def below(queryset: QuerySet, organization, org_field: str = "organization") -> QuerySet:
    if organization is None:
        return queryset
    return queryset.filter(scoping.under_q(organization, field=org_field))


def contacted_by_organization(organization_ids, day: datetime.date) -> dict[int, tuple[int, int]]:
    """``{organization id: (mobile records open on ``day``, those whose contact clock on that
    day, counting only contacts up to it, is younger than REMIND_CONTACT_DAYS)}``: the rule
    of the "not contacted" list, as of ``day``. Two queries."""
    limits = thresholds(day)
    last = (
        MobileContact.objects.filter(mobile=OuterRef("pk"), reached=True, contacted_on__lte=day)
        .order_by("-contacted_on")
        .values("contacted_on")[:1]
    )
    rows = (
        MobileMember.objects.filter(organization_id__in=organization_ids, away_since__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        .annotate(contact_clock=Coalesce(Subquery(last), F("away_since")))
        .order_by()
        .values("organization_id")
        .annotate(
            records=Count("pk"),
            contacted=Count("pk", filter=Q(contact_clock__gt=limits.contact_before)),
        )
    )
    return {row["organization_id"]: (row["records"], row["contacted"]) for row in rows}

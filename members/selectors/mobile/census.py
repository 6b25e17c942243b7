"""The census: figures per category and per organization; the pocket member cases."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from members.models import (
    MobileCategory,
    MobileDirection,
    Transfer,
    TransferDirection,
    TransferState,
)
from members.models.member import HOLDING_KINDS
from members.selectors.mobile.records import (
    Thresholds,
    below,
    no_permit_q,
    not_contacted_q,
    permit_expired_q,
    permit_expiring_q,
    should_transfer_q,
    thresholds,
    visible_mobile_records_for,
    with_contact_clock,
)
from members.selectors.mobile.signs import drifting_members_for
from organizations import scoping
from organizations.models import Organization, OrgKind

CENSUS_KINDS = (OrgKind.STREET_COMMITTEE, *HOLDING_KINDS)


def census_organizations_for(user):
    """Organizations a census or a list can be narrowed to: streets, communities, branches."""
    return scoping.visible_organizations_for(
        user, Organization.objects.filter(kind__in=CENSUS_KINDS, dissolved_on__isnull=True)
    ).order_by("path")


def may_record_mobile(user) -> bool:
    """Whether the user manages an organization holding memberships (and so may record)."""
    return scoping.manageable_organizations_for(
        user, Organization.objects.filter(kind__in=HOLDING_KINDS)
    ).exists()


def pocket_transfers_for(
    user, *, today: datetime.date | None = None, organization=None
) -> QuerySet:
    """Outgoing transfers to an outside organization whose letter expired, no receipt returned."""
    today = today or timezone.localdate()
    lapsed = Q(state=TransferState.EXPIRED) | Q(
        state__in=[TransferState.ISSUED, TransferState.REPORTED], valid_until__lt=today
    )
    qs = Transfer.objects.filter(
        lapsed,
        direction=TransferDirection.OUTGOING,
        to_organization__isnull=True,
        receipt_on__isnull=True,
    )
    qs = below(
        scoping.scoped(user, qs, org_field="from_organization"), organization, "from_organization"
    )
    return qs.select_related("member", "from_organization").order_by("valid_until", "id")


@dataclass
class OrganizationRow:
    id: int
    name: str
    path: str
    open: int = 0
    outgoing: int = 0
    incoming: int = 0
    not_contacted: int = 0
    permit_expired: int = 0
    permit_expiring: int = 0
    no_permit: int = 0
    should_transfer: int = 0
    drifting: int = 0
    pocket: int = 0


COUNTED = (
    "open",
    "outgoing",
    "incoming",
    "not_contacted",
    "permit_expired",
    "permit_expiring",
    "no_permit",
    "should_transfer",
    "drifting",
    "pocket",
)


@dataclass
class Census:
    limits: Thresholds
    categories: list = field(default_factory=list)  # (value, label, outgoing, incoming, total)
    rows: list[OrganizationRow] = field(default_factory=list)
    totals: OrganizationRow = field(default_factory=lambda: OrganizationRow(0, "", ""))


def _category_counts(records: QuerySet) -> list[tuple]:
    counts = {
        (c, d): n
        for c, d, n in records.filter(ended_on__isnull=True)
        .order_by()
        .values_list("category", "direction")
        .annotate(n=Count("id"))
    }
    result = []
    for value, label in MobileCategory.choices:
        out = counts.get((value, MobileDirection.OUTGOING), 0)
        inc = counts.get((value, MobileDirection.INCOMING), 0)
        result.append((value, label, out, inc, out + inc))
    return result


def _record_figures(records: QuerySet, limits: Thresholds) -> list[dict]:
    is_open = Q(ended_on__isnull=True)
    return list(
        with_contact_clock(records.filter(is_open))
        .order_by()
        .values("organization_id", "organization__name", "organization__path")
        .annotate(
            open=Count("id"),
            outgoing=Count("id", filter=Q(direction=MobileDirection.OUTGOING)),
            incoming=Count("id", filter=Q(direction=MobileDirection.INCOMING)),
            not_contacted=Count("id", filter=not_contacted_q(limits)),
            permit_expired=Count("id", filter=permit_expired_q(limits)),
            permit_expiring=Count("id", filter=permit_expiring_q(limits)),
            no_permit=Count("id", filter=no_permit_q()),
            should_transfer=Count("id", filter=should_transfer_q(limits)),
        )
    )


def census_for(user, *, organization=None, today: datetime.date | None = None) -> Census:
    """Figures of the scope (or of ``organization`` and below): per category and direction,
    and per responsible organization. Five queries whatever the size."""
    limits = thresholds(today)
    records = below(visible_mobile_records_for(user), organization)
    census = Census(limits=limits, categories=_category_counts(records))
    rows: dict[int, OrganizationRow] = {}

    def row(org_id, name, path) -> OrganizationRow:
        return rows.setdefault(org_id, OrganizationRow(org_id, name, path))

    for item in _record_figures(records, limits):
        target = row(
            item["organization_id"], item["organization__name"], item["organization__path"]
        )
        for name in COUNTED[:8]:
            setattr(target, name, item[name])
    drifting = drifting_members_for(user, limits=limits, organization=organization)
    for org_id, name, path, n in (
        drifting.order_by()
        .values_list("organization_id", "organization__name", "organization__path")
        .annotate(n=Count("id"))
    ):
        row(org_id, name, path).drifting = n
    pocket = pocket_transfers_for(user, today=limits.today, organization=organization)
    for org_id, name, path, n in (
        pocket.order_by()
        .values_list("from_organization_id", "from_organization__name", "from_organization__path")
        .annotate(n=Count("id"))
    ):
        row(org_id, name, path).pocket = n
    census.rows = sorted(rows.values(), key=lambda r: r.path)
    for name in COUNTED:
        setattr(census.totals, name, sum(getattr(r, name) for r in census.rows))
    return census

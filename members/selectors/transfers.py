"""Read queries of relation transfers for the pages, the API, the census and the member
timeline, scoped through organizations.scoping.

A transfer is visible to both ends: to users whose scope holds the sending organization
and to users whose scope holds the receiving one. Grid workers hold no party post and see
none."""

import datetime

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from members.models import DuesRecord, Member, Transfer, TransferEvent, TransferState
from members.models.member import HOLDING_KINDS
from members.models.transfer import OPEN_STATES, TO_OUTSIDE
from organizations import scoping
from organizations.models import Organization

TABS = ("out", "in", "open")


def visible_transfers_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Transfer.objects.all() if queryset is None else queryset
    return scoping.scoped(user, qs, org_field="from_organization") | scoping.scoped(
        user, qs, org_field="to_organization"
    )


def manageable_transfers_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """Transfers where the user may act for at least one side."""
    qs = Transfer.objects.all() if queryset is None else queryset
    return scoping.scoped_for_manage(
        user, qs, org_field="from_organization"
    ) | scoping.scoped_for_manage(user, qs, org_field="to_organization")


def transfers_for_tab(user, tab: str) -> QuerySet:
    """Outgoing: sent by an organization in the scope; incoming: received by one; open:
    every transfer in flight that touches the scope (what street staff follow)."""
    qs = Transfer.objects.all()
    if tab == "out":
        qs = scoping.scoped(user, qs, org_field="from_organization")
    elif tab == "in":
        qs = scoping.scoped(user, qs, org_field="to_organization")
    else:
        qs = visible_transfers_for(user, qs).filter(state__in=OPEN_STATES)
    return qs.select_related("member", "from_organization", "to_organization").order_by(
        "-created_at", "-pk"
    )


def transfers_with_events_for(user, *, tab: str | None = None) -> QuerySet:
    """The API's transfers: those of ``tab`` when one is given, else every visible one,
    each with its events."""
    if tab in TABS:
        qs = transfers_for_tab(user, tab)
    else:
        qs = visible_transfers_for(user).select_related(
            "member", "from_organization", "to_organization"
        )
    return qs.prefetch_related(
        Prefetch("events", queryset=TransferEvent.objects.select_related("by"))
    ).order_by("-created_at", "-pk")


def batch_transfer_pks(batch) -> list[int]:
    return list(batch.transfers.order_by("pk").values_list("pk", flat=True))


def transfer_detail_for(user, pk) -> Transfer:
    """The transfer with everything its page shows, or 404 when missing or out of scope."""
    try:
        return (
            visible_transfers_for(user)
            .select_related(
                "member",
                "member__organization",
                "from_organization",
                "from_organization__street",
                "to_organization",
                "batch",
                "created_by",
            )
            .prefetch_related(
                Prefetch(
                    "events",
                    queryset=TransferEvent.objects.select_related("by").order_by("at", "pk"),
                )
            )
            .get(pk=pk)
        )
    except (Transfer.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def receiving_organizations() -> QuerySet:
    """Where a transfer may go inside the system: any organization holding memberships
    that is not dissolved, in any street. Only names are shown (the address on a letter),
    nothing under them; the receiving side sees the transfer once it exists."""
    today = timezone.localdate()
    return (
        Organization.objects.filter(kind__in=HOLDING_KINDS)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=today))
        .select_related("street")
        .order_by("street__name", "path")
    )


def holding_organizations_managed_by(user) -> QuerySet:
    """Organizations holding memberships that the user manages (for a group transfer or
    for recording an incoming letter)."""
    today = timezone.localdate()
    qs = Organization.objects.filter(kind__in=HOLDING_KINDS).filter(
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=today)
    )
    return scoping.manageable_organizations_for(user, qs).order_by("path")


def manages_holding_organization(user, organization: Organization) -> bool:
    return holding_organizations_managed_by(user).filter(pk=organization.pk).exists()


def transferable_members_of(organization: Organization) -> QuerySet:
    """Members on the roll of ``organization`` without a transfer in progress."""
    return (
        Member.objects.on_roll()
        .filter(organization=organization)
        .exclude(transfers__state__in=OPEN_STATES)
        .order_by("name_initials", "pk")
    )


def pocket_member_cases_for(user) -> QuerySet:
    """Transfers to an outside organization whose letter expired without a receipt: the
    member probably kept the letter in their pocket (口袋党员). For the census."""
    return (
        scoping.scoped(user, Transfer.objects.all(), org_field="from_organization")
        .filter(TO_OUTSIDE, state=TransferState.EXPIRED, receipt_on__isnull=True)
        .select_related("member", "from_organization")
        .order_by("valid_until", "pk")
    )


def dues_paid_until(member: Member | None) -> datetime.date | None:
    """The last month paid, which a letter states (党费交到…)."""
    if member is None:
        return None
    return DuesRecord.objects.filter(member=member, paid_on__isnull=False).aggregate(
        last=Max("month")
    )["last"]


# The member timeline (registered from members/apps.py)

STEP_TITLES = {
    TransferState.DRAFT: _lazy("Transfer to %(to)s started"),
    TransferState.ISSUED: _lazy("Transfer letter %(number)s issued for %(to)s"),
    TransferState.REPORTED: _lazy("Reported to %(to)s"),
    TransferState.RECEIPTED: _lazy("Receipt returned by %(to)s"),
    TransferState.COMPLETED: _lazy("Membership transferred from %(from)s to %(to)s"),
    TransferState.CANCELLED: _lazy("Transfer to %(to)s cancelled"),
    TransferState.REJECTED: _lazy("Transfer to %(to)s rejected"),
    TransferState.EXPIRED: _lazy("Transfer letter for %(to)s expired"),
}


def _step_day(event: TransferEvent) -> datetime.date:
    t = event.transfer
    day = {
        TransferState.ISSUED: t.letter_issued_on,
        TransferState.REPORTED: t.reported_on,
        TransferState.RECEIPTED: t.receipt_on,
        TransferState.COMPLETED: t.completed_on,
        TransferState.CANCELLED: t.closed_on,
        TransferState.REJECTED: t.closed_on,
        TransferState.EXPIRED: t.closed_on,
    }.get(event.to_state)
    return day or timezone.localtime(event.at).date()


def transfer_timeline_events(member: Member) -> list:
    """The steps of the member's transfers, on the day each happened. One query."""
    from members.timeline import Event

    events = (
        TransferEvent.objects.filter(transfer__member=member)
        .select_related("transfer__from_organization", "transfer__to_organization")
        .order_by("at", "pk")
    )
    result = []
    for event in events:
        t = event.transfer
        names = {
            "to": t.to_organization.name if t.to_organization_id else t.external_organization,
            "from": t.from_organization.name if t.from_organization_id else t.external_organization,
            "number": t.letter_number,
        }
        result.append(
            Event(
                _step_day(event),
                "transfer",
                str(STEP_TITLES[event.to_state]) % names,
                event.note,
            )
        )
    return result


# Many organizations at once, for the assessment's metrics (no user: the caller scopes)

REPORTED_STATES = (TransferState.REPORTED, TransferState.RECEIPTED, TransferState.COMPLETED)


def letters_kept_by_organization(
    organization_ids, first_day: datetime.date, last_day: datetime.date
) -> dict[int, tuple[int, int]]:
    """``{sending organization id: (letters whose validity ended between the two days, not
    cancelled, those whose member reported by the letter's last valid day and whose transfer
    went on)}``. One query."""
    kept = Q(state__in=REPORTED_STATES, reported_on__lte=F("valid_until"))
    rows = (
        Transfer.objects.filter(
            from_organization_id__in=organization_ids,
            letter_issued_on__isnull=False,
            valid_until__range=(first_day, last_day),
        )
        .exclude(state=TransferState.CANCELLED)
        .order_by()
        .values("from_organization_id")
        .annotate(letters=Count("pk"), kept=Count("pk", filter=kept))
    )
    return {row["from_organization_id"]: (row["letters"], row["kept"]) for row in rows}

"""Pairing agreements of branches: who sees and signs them, their partners, being in force."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from activities.models import PairingAgreement
from activities.selectors.cobuilding.base import get_or_404, within_scope
from grid.models import Community
from organizations import scoping
from organizations.models import Organization, OrgKind, TwoNewOrganization, UnitOrganization


def visible_agreements_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = PairingAgreement.objects.all() if queryset is None else queryset
    return scoping.scoped(user, qs, org_field="branch")


def manageable_agreements_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = PairingAgreement.objects.all() if queryset is None else queryset
    return scoping.scoped_for_manage(user, qs, org_field="branch")


def get_agreement_for_user(user, pk) -> PairingAgreement:
    return get_or_404(
        visible_agreements_for(user).select_related("branch", "unit", "two_new"),
        pk,
    )


def pairing_branches_for(user, community: Community | None = None) -> QuerySet:
    """Branches the user may sign agreements for (optionally those of one community)."""
    qs = Organization.objects.filter(
        kind__in=(OrgKind.BRANCH, OrgKind.GENERAL_BRANCH),
        dissolved_on__isnull=True,
        community__isnull=False,
    )
    if community is not None:
        qs = qs.filter(community=community)
    return scoping.manageable_organizations_for(user, qs).order_by("path")


def partner_units_for(user, community: Community | None = None) -> QuerySet:
    qs = within_scope(UnitOrganization.objects.all(), scoping.visible_community_q(user))
    if community is not None:
        qs = qs.filter(community=community)
    return qs.select_related("community").order_by("community_id", "name")


def partner_two_new_for(user, community: Community | None = None) -> QuerySet:
    qs = within_scope(TwoNewOrganization.objects.all(), scoping.visible_community_q(user))
    if community is not None:
        qs = qs.filter(community=community)
    return qs.select_related("community").order_by("community_id", "name")


def is_agreement_in_force(agreement: PairingAgreement, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return agreement.signed_on <= today and (agreement.ends_on is None or agreement.ends_on > today)

"""Who is expected at an organization's activities, and who of them is away.

The roll of a branch (or general branch, community committee) is the members it holds; the
roll of a party group is the members of its branch assigned to the group; a street committee
holds no members, so its activities take members of any organization under it. A member who
left the roll before the day is not expected; one who joined after it is not either."""

import datetime

from django.db.models import Q, QuerySet

from members.models import Member, MobileMember
from members.models.mobile import MobileDirection
from organizations import scoping
from organizations.models import Organization, OrgKind


def roll_for(organization: Organization, on: datetime.date) -> QuerySet:
    """Members expected at an activity of ``organization`` held on ``on``."""
    members = Member.objects.filter(joined_on__lte=on).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=on)
    )
    if organization.kind == OrgKind.PARTY_GROUP:
        members = members.filter(party_group=organization)
    elif organization.kind == OrgKind.STREET_COMMITTEE:
        members = members.filter(scoping.under_q(organization))
    else:
        members = members.filter(organization=organization)
    return members.order_by("name_initials", "pk")


def may_attend(organization: Organization) -> QuerySet:
    """Members who may be recorded at an activity of ``organization``: its roll and, for
    organizations above a branch, any member held under it (a community committee's lesson
    is open to the members of its branches)."""
    members = Member.objects.all()
    if organization.kind == OrgKind.PARTY_GROUP:
        return members.filter(party_group=organization)
    if organization.kind == OrgKind.BRANCH:
        return members.filter(organization=organization)
    return members.filter(scoping.under_q(organization))


def away_on(member_ids, on: datetime.date) -> set[int]:
    """Of ``member_ids``, those away from the branch as mobile members on ``on`` (an open
    outgoing mobile record that had started): one query."""
    return set(
        MobileMember.objects.filter(
            member_id__in=list(member_ids),
            direction=MobileDirection.OUTGOING,
            away_since__lte=on,
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .values_list("member_id", flat=True)
    )

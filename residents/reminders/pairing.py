"""The reminder rule of pairing assistance, registered from residents.registrations with
``register_pairing_rules()``.

- ``residents.pairing_no_visit``: a pairing in force whose last visit (or, with none, its
  start) is PAIRING_NO_VISIT_DAYS (default 60) or more days ago, to the paired member's user
  when the member has one, else the responsible person of the paired organization (for a
  member without an account: their branch; for a unit: the household's community committee).
  The thing is the pairing, the period its last visit's date: one reminder per pairing and
  last visit; a new visit closes it.

Three queries for any number of pairings: the figure, the pairings with their last visit,
the community committees.
"""

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization, OrgKind
from policies.registry import value
from reminders import registry
from reminders.registry import Due, Rule
from residents.models import Pairing
from residents.rules import PAIRING_NO_VISIT_DAYS
from residents.selectors.households import pairings_without_visit


def _committees(community_ids) -> dict[int, int]:
    rows = Organization.objects.filter(
        kind=OrgKind.COMMUNITY_COMMITTEE, community_id__in=community_ids
    ).values_list("community_id", "pk")
    return dict(rows)


def pairing_no_visit_due(today: datetime.date) -> list[Due]:
    days = value(PAIRING_NO_VISIT_DAYS)
    pairings = list(
        pairings_without_visit(today, days)
        .select_related("member", "household__grid_cell")
        .order_by("pk")
    )
    committees = _committees({p.household.grid_cell.community_id for p in pairings if p.unit_id})
    due = []
    for pairing in pairings:
        member = pairing.member
        organization_id = (
            member.organization_id
            if member is not None
            else pairing.organization_id or committees.get(pairing.household.grid_cell.community_id)
        )
        if organization_id is None:
            continue
        due.append(
            Due(
                subject=pairing,
                period=f"last-{pairing.last.isoformat()}",
                due_on=pairing.last + datetime.timedelta(days=days),
                organization_id=organization_id,
                recipient_id=member.user_id if member is not None else None,
                params={
                    "household": pairing.household.address,
                    "last": pairing.last.isoformat(),
                    "days": days,
                },
            )
        )
    return due


PAIRING_NO_VISIT = Rule(
    kind="residents.pairing_no_visit",
    label=_("pairing with a household in need without a recent visit"),
    message=_(
        "The pairing with the household at %(household)s has had no visit since %(last)s "
        "(%(days)s days or more): visit the household and record the visit."
    ),
    due=pairing_no_visit_due,
    model=Pairing,
    url=lambda reminder: reverse("residents:pairing_detail", args=[reminder.object_id]),
)


def register_pairing_rules() -> None:
    registry.register(PAIRING_NO_VISIT)

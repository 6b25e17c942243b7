"""Reminder rule on a branch's size, kept in ``members`` because it counts the roll.

- ``organizations.branch_too_small``: a branch that is not dissolved holds fewer full members
  on its roll than BRANCH_MIN_FULL_MEMBERS (organizations/rules.py, default 3). The level
  above is reminded (the engine finds the person responsible for the parent organization),
  once per branch and quarter (period "YYYYQn") while it stays too small; the reminder
  closes at the next sweep once the branch has enough full members or is dissolved. The
  roll is counted as on the branch's page (``members.selectors.roll.roll_sizes``): one query for
  the branches whatever their number, one for their rolls, one for the figure.
"""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members.selectors.roll import roll_sizes
from organizations import rules
from organizations.membership import EMPTY
from organizations.models import Organization, OrgKind
from policies.registry import value
from reminders import registry
from reminders.registry import Due, Rule


def _quarter(today: datetime.date) -> str:
    return f"{today.year}Q{(today.month - 1) // 3 + 1}"


def branch_too_small_due(today: datetime.date) -> list[Due]:
    minimum = value(rules.BRANCH_MIN_FULL_MEMBERS)
    branches = list(
        Organization.objects.filter(kind=OrgKind.BRANCH, parent__isnull=False)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=today))
        .only("pk", "name", "parent_id")
        .order_by()
    )
    sizes = roll_sizes([branch.pk for branch in branches])
    full = {branch.pk: sizes.get(branch.pk, EMPTY).full for branch in branches}
    return [
        Due(
            subject=branch,
            period=_quarter(today),
            due_on=today,
            organization_id=branch.parent_id,
            params={"organization": branch.name, "count": full[branch.pk], "minimum": minimum},
        )
        for branch in branches
        if full[branch.pk] < minimum
    ]


BRANCH_TOO_SMALL = Rule(
    kind="organizations.branch_too_small",
    label=_("Branch with too few full members"),
    message=_("%(organization)s has %(count)s full members; a branch needs at least %(minimum)s."),
    due=branch_too_small_due,
    model=Organization,
    url=lambda r: reverse("organizations:detail", args=[r.object_id]),
)


def register_branch_rules() -> None:
    """Called from members/apps.py ``ready()``."""
    registry.register(BRANCH_TOO_SMALL)

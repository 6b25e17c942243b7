"""Reminder rule on the organization tree, kept here because ``organizations`` sits above
``reminders`` in the import order and may not import it.

- ``organizations.term_ending``: the latest committee term of an organization that is not
  dissolved ends within REMIND_TERM_DAYS (organizations/rules.py, default 90) or has ended
  with no new committee elected. Period: the end of the term; the reminder closes when a
  new term is recorded (a term elected later than this one), since the election is what
  was due. One query for the terms whatever their number, one for the figure.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organizations import rules
from organizations.models import CommitteeTerm
from policies.registry import value
from reminders import registry
from reminders.registry import Due, Rule


def term_ending_due(today: datetime.date) -> list[Due]:
    horizon = today + datetime.timedelta(days=value(rules.REMIND_TERM_DAYS))
    later = CommitteeTerm.objects.filter(
        organization=OuterRef("organization"), elected_on__gt=OuterRef("elected_on")
    )
    terms = (
        CommitteeTerm.objects.filter(ends_on__lte=horizon)
        .filter(
            Q(organization__dissolved_on__isnull=True) | Q(organization__dissolved_on__gt=today)
        )
        .exclude(Exists(later))
        .select_related("organization")
        .only("pk", "ends_on", "organization_id", "organization__name")
        .order_by()
    )
    return [
        Due(
            subject=term,
            period=term.ends_on.isoformat(),
            due_on=term.ends_on,
            organization_id=term.organization_id,
            params={"organization": term.organization.name, "date": term.ends_on.isoformat()},
        )
        for term in terms
    ]


TERM_ENDING = Rule(
    kind="organizations.term_ending",
    label=_("Committee term ending"),
    message=_(
        "The committee term of %(organization)s ends on %(date)s: the election of a new committee is due."
    ),
    due=term_ending_due,
    model=CommitteeTerm,
    url=lambda r: reverse("organizations:detail", args=[r.organization_id]),
)

RULES = [TERM_ENDING]


def register_organization_rules() -> None:
    """Called from reminders/apps.py ``ready()``."""
    for rule in RULES:
        registry.register(rule)

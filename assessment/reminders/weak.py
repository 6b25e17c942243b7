"""Reminder rule of weak and lax organizations, registered from assessment.apps ``ready()``
with ``register_weak_rules()``.

- ``assessment.weak_flag_undecided``: a flag not yet confirmed or dismissed, to the level above
  the flagged organization (its parent's responsible person): one reminder per flag (period:
  the flag itself). It closes when the flag is decided. One query whatever the number of
  flags."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessment.models import FlagState, WeakFlag
from reminders import registry
from reminders.registry import Due, Rule


def weak_flag_undecided_due(today: datetime.date) -> list[Due]:
    flags = (
        WeakFlag.objects.filter(state=FlagState.FLAGGED, reviewed_on__lte=today)
        .select_related("organization")
        .order_by("pk")
    )
    return [
        Due(
            subject=flag,
            period=f"flag-{flag.pk}",
            due_on=flag.reviewed_on,
            organization_id=flag.organization.parent_id or flag.street_id,
            params={
                "organization": flag.organization.name,
                "reviewed_on": flag.reviewed_on.isoformat(),
            },
        )
        for flag in flags
    ]


WEAK_FLAG_UNDECIDED = Rule(
    kind="assessment.weak_flag_undecided",
    label=_("weak and lax organization flag not yet decided"),
    message=_(
        "%(organization)s was flagged on %(reviewed_on)s as meeting the criteria of a weak and "
        "lax organization: confirm or dismiss the flag."
    ),
    due=weak_flag_undecided_due,
    model=WeakFlag,
    url=lambda reminder: reverse("assessment:weak_detail", args=[reminder.object_id]),
)


def register_weak_rules() -> None:
    registry.register(WEAK_FLAG_UNDECIDED)

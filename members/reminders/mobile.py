"""Reminder rules of mobile members, registered from members.apps ``ready()`` with
``register_rules()``.

- ``mobile.not_contacted``: an open record whose contact clock (last contact that reached the
  member, or the day they went away) is REMIND_CONTACT_DAYS old. Period: the day that age was
  reached, so that after a new contact the next gap is a new reminder. It closes when the
  member is contacted or the record ends.
- ``mobile.permit_expiring``: an open record whose permit is valid until a day within
  REMIND_PERMIT_DAYS (or already past: an expired permit stays due until it is renewed).
  Period: that day. It closes when the permit is renewed or the record ends.

Each rule answers with one query whatever the number of records.
"""

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members import rules
from members.models import MobileMember
from members.selectors.mobile import with_contact_clock
from policies.registry import value
from reminders import registry
from reminders.registry import Due, Rule


def _open_records():
    return MobileMember.objects.filter(ended_on__isnull=True).select_related("member")


def not_contacted_due(today: datetime.date) -> list[Due]:
    days = value(rules.REMIND_CONTACT_DAYS)
    records = with_contact_clock(_open_records()).filter(
        contact_clock__lte=today - datetime.timedelta(days=days)
    )
    dues = []
    for record in records:
        reached = record.contact_clock + datetime.timedelta(days=days)
        dues.append(
            Due(
                subject=record,
                period=reached.isoformat(),
                due_on=reached,
                organization_id=record.organization_id,
                params={
                    "name": record.display_name,
                    "days": days,
                    "since": record.contact_clock.isoformat(),
                },
            )
        )
    return dues


def permit_expiring_due(today: datetime.date) -> list[Due]:
    horizon = today + datetime.timedelta(days=value(rules.REMIND_PERMIT_DAYS))
    records = _open_records().filter(permit_valid_until__lte=horizon)
    return [
        Due(
            subject=record,
            period=record.permit_valid_until.isoformat(),
            due_on=record.permit_valid_until,
            organization_id=record.organization_id,
            params={
                "name": record.display_name,
                "number": record.permit_number,
                "valid_until": record.permit_valid_until.isoformat(),
            },
        )
        for record in records
    ]


def record_url(reminder) -> str:
    return reverse("members:mobile_detail", kwargs={"pk": reminder.object_id})


NOT_CONTACTED = Rule(
    kind="mobile.not_contacted",
    label=_("mobile member not contacted"),
    message=_("Mobile member %(name)s has not been reached for %(days)s days (since %(since)s)."),
    due=not_contacted_due,
    model=MobileMember,
    url=record_url,
)
PERMIT_EXPIRING = Rule(
    kind="mobile.permit_expiring",
    label=_("mobile activity permit expiring"),
    message=_("The activity permit of mobile member %(name)s is valid until %(valid_until)s."),
    due=permit_expiring_due,
    model=MobileMember,
    url=record_url,
)
RULES = [NOT_CONTACTED, PERMIT_EXPIRING]


def register_rules() -> None:
    for rule in RULES:
        registry.register(rule)

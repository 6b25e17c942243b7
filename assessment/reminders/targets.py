"""The reminder rule of the responsibility letters, registered from assessment.apps ``ready()``
with ``register_target_rules()``.

- ``assessment.target_items_due``: a target item of a signed letter, not done, whose deadline
  is at most REMIND_DAYS_BEFORE_DEADLINE days away (the deadline day included) or already
  passed, to its responsible person when they have an account, else to the answering
  organization's secretary (the reminders' usual chain). Once per item and deadline (period:
  the deadline; a deadline moved later reminds again). It closes when the item is marked
  done or the letter is closed.

One query whatever the number of items.
"""

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessment.models import LetterState, TargetItem
from policies.registry import define, value
from reminders import registry
from reminders.registry import Due, Rule

REMIND_DAYS_BEFORE_DEADLINE = define(
    "assessment.target_items_remind_days_before_deadline",
    14,
    _("Days before a target's deadline when its responsible person is reminded"),
    minimum=0,
)
TEXT_IN_MESSAGE = 60  # characters of the target's text in the reminder


def target_items_due(today: datetime.date) -> list[Due]:
    horizon = today + datetime.timedelta(days=value(REMIND_DAYS_BEFORE_DEADLINE))
    items = (
        TargetItem.objects.filter(
            letter__state=LetterState.SIGNED, done_at__isnull=True, deadline__lte=horizon
        )
        .select_related("letter")
        .only(
            "pk",
            "text",
            "deadline",
            "owner_id",
            "letter_id",
            "letter__title",
            "letter__organization_id",
        )
        .order_by("deadline", "pk")
    )
    dues = []
    for item in items:
        deadline = item.deadline.isoformat()
        text = item.text if len(item.text) <= TEXT_IN_MESSAGE else item.text[:TEXT_IN_MESSAGE] + "…"
        dues.append(
            Due(
                subject=item,
                period=deadline,
                due_on=item.deadline,
                organization_id=item.letter.organization_id,
                params={
                    "item": text,
                    "letter": item.letter.title,
                    "deadline": deadline,
                    "letter_id": item.letter_id,
                },
                recipient_id=item.owner_id,
            )
        )
    return dues


def _letter_url(reminder) -> str:
    letter_id = reminder.params.get("letter_id")
    if letter_id is None:
        return reverse("assessment:letter_list")
    return reverse("assessment:letter_detail", args=[letter_id])


TARGET_ITEMS_DUE = Rule(
    kind="assessment.target_items_due",
    label=_("target of a responsibility letter due or overdue"),
    message=_('The target "%(item)s" of %(letter)s is due on %(deadline)s and not done yet.'),
    due=target_items_due,
    model=TargetItem,
    url=_letter_url,
)
RULES = [TARGET_ITEMS_DUE]


def register_target_rules() -> None:
    for rule in RULES:
        registry.register(rule)

"""Reminder rules of relation transfers. Each reads its figure (members/rules.py) and the
transfers due with one query, whatever their number. The engine creates one reminder per
transfer and period and closes it when ``due`` no longer returns that transfer and period.

- ``transfer.letter_expiring``: a letter whose step is still awaited (the report; for a
  transfer to outside, the receipt) is valid until a day within REMIND_LETTER_DAYS
  (default 7). Reminded: the side that issued the letter (for a letter from outside, our
  receiving side). Period: the last valid day; it closes on the report or receipt, on
  cancellation or rejection, and when the letter lapses (the next rule takes over).
- ``transfer.expired_no_receipt``: the letter lapsed without the report (or, to outside,
  without the receipt): a likely pocket member. Due from the day after the last valid
  day, whether or not the daily step has marked the transfer expired yet. Period: the
  last valid day. It closes when a late report or receipt is recorded, when the transfer
  is cancelled, when the member gets a newer transfer or is no longer on the roll.
- ``transfer.incoming_unconfirmed``: our receiving side has not completed a transfer
  REMIND_INCOMING_DAYS (default 7) after the member reported (inside the system, or from
  outside), or after it recorded a letter from outside that the member has not followed
  with a report. Reminded: the receiving organization. Period: the day it became due; it
  closes on completion, cancellation or rejection.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import rules
from members.models import Transfer, TransferDirection, TransferState
from members.models.transfer import TO_OUTSIDE
from members.services.transfers.expiry import lapsed_q
from policies.registry import value
from reminders import registry
from reminders.registry import Due, Rule


def _transfers():
    return Transfer.objects.select_related(
        "member", "from_organization", "to_organization"
    ).order_by()


def _params(transfer: Transfer, **extra) -> dict:
    return {
        "name": transfer.display_name,
        "number": transfer.letter_number,
        "to": transfer.to_organization.name
        if transfer.to_organization_id
        else transfer.external_organization,
        "from": transfer.from_organization.name
        if transfer.from_organization_id
        else transfer.external_organization,
        **extra,
    }


def _our_side(transfer: Transfer) -> int:
    """Who follows the letter up: the side that issued it, else our receiving side."""
    return transfer.from_organization_id or transfer.to_organization_id


def _url(reminder) -> str:
    return reverse("members:transfer_detail", args=[reminder.object_id])


# transfer.letter_expiring


def letter_expiring_due(today: datetime.date) -> list[Due]:
    horizon = today + datetime.timedelta(days=value(rules.REMIND_LETTER_DAYS))
    transfers = _transfers().filter(
        Q(state=TransferState.ISSUED) | (TO_OUTSIDE & Q(state=TransferState.REPORTED)),
        valid_until__gte=today,
        valid_until__lte=horizon,
    )
    return [
        Due(
            subject=t,
            period=t.valid_until.isoformat(),
            due_on=t.valid_until,
            organization_id=_our_side(t),
            params=_params(t, date=t.valid_until.isoformat()),
        )
        for t in transfers
    ]


LETTER_EXPIRING = Rule(
    kind="transfer.letter_expiring",
    label=_("Transfer letter expiring"),
    message=_(
        "The transfer letter %(number)s of %(name)s for %(to)s is valid until %(date)s and the member has not yet been confirmed there."
    ),
    due=letter_expiring_due,
    model=Transfer,
    url=_url,
)


# transfer.expired_no_receipt


def expired_no_receipt_due(today: datetime.date) -> list[Due]:
    newer = Transfer.objects.filter(
        member=OuterRef("member"), created_at__gt=OuterRef("created_at")
    )
    transfers = (
        _transfers()
        .filter(Q(state=TransferState.EXPIRED) | lapsed_q(today))
        .filter(Q(member__isnull=True) | Q(member__left_on__isnull=True))
        .exclude(Q(member__isnull=False) & Exists(newer))
    )
    return [
        Due(
            subject=t,
            period=t.valid_until.isoformat(),
            due_on=t.valid_until + datetime.timedelta(days=1),
            organization_id=_our_side(t),
            params=_params(t, date=t.valid_until.isoformat()),
        )
        for t in transfers
    ]


EXPIRED_NO_RECEIPT = Rule(
    kind="transfer.expired_no_receipt",
    label=_("Transfer letter expired without report or receipt"),
    message=_(
        "The transfer letter %(number)s of %(name)s for %(to)s was valid until %(date)s and expired without a report or receipt: find out where the member is (a likely pocket member)."
    ),
    due=expired_no_receipt_due,
    model=Transfer,
    url=_url,
)


# transfer.incoming_unconfirmed


def incoming_unconfirmed_due(today: datetime.date) -> list[Due]:
    days = value(rules.REMIND_INCOMING_DAYS)
    latest = today - datetime.timedelta(days=days)
    reported = Q(
        to_organization__isnull=False,
        state__in=(TransferState.REPORTED, TransferState.RECEIPTED),
        reported_on__lte=latest,
    )
    # a letter from outside recorded here, the member not yet reported: counted from the
    # day it was recorded (the end of that day in local time, so a day late at the most)
    recorded = Q(
        direction=TransferDirection.INCOMING,
        state=TransferState.ISSUED,
        created_at__lt=_start_of(latest + datetime.timedelta(days=1)),
    )
    dues = []
    for t in _transfers().filter(reported | recorded):
        since = t.reported_on or timezone.localtime(t.created_at).date()
        due_on = since + datetime.timedelta(days=days)
        dues.append(
            Due(
                subject=t,
                period=due_on.isoformat(),
                due_on=due_on,
                organization_id=t.to_organization_id,
                params=_params(t, date=since.isoformat(), days=days),
            )
        )
    return dues


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


INCOMING_UNCONFIRMED = Rule(
    kind="transfer.incoming_unconfirmed",
    label=_("Incoming transfer not confirmed"),
    message=_(
        "%(name)s came to %(to)s from %(from)s on %(date)s and the transfer is still not confirmed after %(days)s days: record the receipt and complete it."
    ),
    due=incoming_unconfirmed_due,
    model=Transfer,
    url=_url,
)


RULES = [LETTER_EXPIRING, EXPIRED_NO_RECEIPT, INCOMING_UNCONFIRMED]


def register_transfer_rules() -> None:
    """Called from members/apps.py ``ready()``."""
    for rule in RULES:
        registry.register(rule)

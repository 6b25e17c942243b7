"""The contact log 联系记录."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import MobileContact, MobileMember
from members.services.mobile.common import lock_record, raise_with_model_errors, refuse_if_ended


@transaction.atomic
def contact_record(
    *,
    actor,
    record: MobileMember,
    contacted_on: datetime.date,
    channel: str,
    outcome: str,
    reached: bool = True,
) -> MobileContact:
    """Log a contact by the actor. Dated from the day the member went away up to today."""
    record = lock_record(actor, record)
    refuse_if_ended(record)
    errors: dict = {}
    if contacted_on is not None and contacted_on < record.away_since:
        errors["contacted_on"] = _(
            "The member is away since %(day)s; a contact is dated from that day."
        ) % {"day": record.away_since.isoformat()}
    if contacted_on is not None and contacted_on > timezone.localdate():
        errors["contacted_on"] = _("A contact cannot be dated in the future.")
    contact = MobileContact(
        mobile=record,
        contacted_on=contacted_on,
        channel=channel,
        contacted_by=actor,
        outcome=(outcome or "").strip(),
        reached=reached,
    )
    raise_with_model_errors(errors, contact)
    contact.save()
    return contact

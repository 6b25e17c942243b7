"""The activity permit 流动党员活动证: issued once, then renewed."""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.errors import RuleError
from members.models import MobileMember, PermitRenewal
from members.services.mobile.common import (
    lock_record,
    permit_default_until,
    raise_with_model_errors,
    refuse_if_ended,
)


@transaction.atomic
def permit_issue(
    *,
    actor,
    record: MobileMember,
    permit_number: str,
    permit_issued_on: datetime.date,
    permit_valid_until: datetime.date | None = None,
) -> MobileMember:
    record = lock_record(actor, record)
    refuse_if_ended(record)
    errors: dict = {}
    if record.permit_issued_on is not None:
        errors[NON_FIELD_ERRORS] = _(
            "Permit %(number)s was issued on %(day)s: renew it instead."
        ) % {"number": record.permit_number or "—", "day": record.permit_issued_on.isoformat()}
    if not (permit_number or "").strip():
        errors["permit_number"] = _("Give the permit's number.")
    if permit_issued_on is None:
        errors["permit_issued_on"] = _("Give the day the permit was issued.")
    elif permit_valid_until is None:
        permit_valid_until = permit_default_until(permit_issued_on)
    record.permit_number = (permit_number or "").strip()
    record.permit_issued_on = permit_issued_on
    record.permit_valid_until = permit_valid_until
    raise_with_model_errors(errors, record)
    record.save(update_fields=["permit_number", "permit_issued_on", "permit_valid_until"])
    return record


def _check_renewal_dates(record, renewed_on, valid_until, errors: dict) -> None:
    if renewed_on is None:
        errors["renewed_on"] = _("Give the day the permit was renewed.")
        return
    last = record.renewals.order_by("-renewed_on").values_list("renewed_on", flat=True).first()
    earliest = max((d for d in (record.permit_issued_on, last) if d), default=None)
    if renewed_on > timezone.localdate():
        errors["renewed_on"] = _("This date lies in the future.")
    elif earliest is not None and renewed_on < earliest:
        errors["renewed_on"] = _("The permit was last issued or renewed on %(day)s.") % {
            "day": earliest.isoformat()
        }
    if valid_until is not None and valid_until < renewed_on:
        errors["valid_until"] = _("A permit cannot be valid until a day before it was renewed.")
    elif valid_until is not None and valid_until <= record.permit_valid_until:
        errors["valid_until"] = _(
            "A renewal extends the permit beyond its current validity, %(day)s."
        ) % {"day": record.permit_valid_until.isoformat()}


@transaction.atomic
def permit_renew(
    *,
    actor,
    record: MobileMember,
    renewed_on: datetime.date,
    valid_until: datetime.date | None = None,
    permit_number: str = "",
) -> PermitRenewal:
    """Write a renewal row and move the permit's validity (and number, if it was replaced)."""
    record = lock_record(actor, record)
    refuse_if_ended(record)
    if record.permit_valid_until is None:
        raise RuleError({NON_FIELD_ERRORS: _("There is no permit to renew: issue one first.")})
    if renewed_on is not None and valid_until is None:
        valid_until = permit_default_until(renewed_on)
    errors: dict = {}
    _check_renewal_dates(record, renewed_on, valid_until, errors)
    renewal = PermitRenewal(
        mobile=record,
        renewed_on=renewed_on,
        valid_until=valid_until,
        permit_number=(permit_number or "").strip(),
        recorded_by=actor,
    )
    raise_with_model_errors(errors, renewal, skip=("valid_until",) if renewed_on is None else ())
    renewal.save()
    record.permit_valid_until = valid_until
    if renewal.permit_number:
        record.permit_number = renewal.permit_number
    record.full_clean()
    record.save(update_fields=["permit_valid_until", "permit_number"])
    return renewal

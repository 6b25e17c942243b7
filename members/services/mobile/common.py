"""Helpers shared by the mobile member services: locking, refusing, model checks."""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from members import rules
from members.dates import add_months
from members.errors import RuleError
from members.models import MobileMember
from organizations import scoping
from policies.registry import value


def permit_default_until(start: datetime.date) -> datetime.date:
    return add_months(start, value(rules.PERMIT_VALIDITY_MONTHS))


def raise_with_model_errors(errors: dict, obj, skip=()) -> None:
    """Run the model's checks too, so that one refusal lists every problem (but those of
    ``skip``, which follow from a problem already named)."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        for field, texts in exc.message_dict.items():
            if field not in skip:
                errors.setdefault(field, texts)
    if errors:
        raise RuleError(errors)


def lock_record(actor, record: MobileMember) -> MobileMember:
    """The record locked for a change, or PermissionDenied when the actor may not change it
    (pages and the API answer 404 or 403 before calling)."""
    qs = scoping.scoped_for_manage(actor, MobileMember.objects.all())
    try:
        return qs.select_for_update(of=("self",)).select_related("member").get(pk=record.pk)
    except MobileMember.DoesNotExist as exc:
        raise PermissionDenied from exc


def refuse_if_ended(record: MobileMember) -> None:
    if record.ended_on is not None:
        raise RuleError(
            {
                NON_FIELD_ERRORS: _("This record ended on %(day)s; it takes no more changes.")
                % {"day": record.ended_on.isoformat()}
            }
        )

"""Writes of pairing agreements: signing one and ending it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import PairingAgreement
from activities.selectors.cobuilding import manageable_agreements_for
from activities.services.cobuilding.base import lock_row
from organizations import scoping
from organizations.models import Organization, TwoNewOrganization, UnitOrganization


def _in_force(today: datetime.date) -> Q:
    return Q(ends_on__isnull=True) | Q(ends_on__gt=today)


@transaction.atomic
def agreement_create(
    *,
    user,
    branch: Organization,
    signed_on: datetime.date,
    content: str,
    unit: UnitOrganization | None = None,
    two_new: TwoNewOrganization | None = None,
    ends_on: datetime.date | None = None,
) -> PairingAgreement:
    if not scoping.can_manage_organization(user, branch):
        raise ValidationError(
            {"branch": _("You may sign pairing agreements only for branches you manage.")}
        )
    # lock the branch so that two people cannot sign the same pairing at once
    Organization.objects.select_for_update().filter(pk=branch.pk).first()
    agreement = PairingAgreement(
        branch=branch,
        unit=unit,
        two_new=two_new,
        signed_on=signed_on,
        ends_on=ends_on,
        content=content,
        recorded_by=user,
    )
    if unit is None and two_new is None:
        raise ValidationError(
            {"unit": _("Choose the partner: a unit party organization or a two-new organization.")}
        )
    if unit is not None and two_new is not None:
        raise ValidationError(
            {
                "two_new": _(
                    "An agreement has one partner: choose a unit or a two-new organization, not both."
                )
            }
        )
    if signed_on and signed_on > timezone.localdate():
        raise ValidationError(
            {"signed_on": _("Record an agreement once it is signed: the day cannot be ahead.")}
        )
    agreement.full_clean()
    partner_field = "unit" if unit is not None else "two_new"
    duplicate = PairingAgreement.objects.filter(
        _in_force(timezone.localdate()), branch=branch, **{partner_field: unit or two_new}
    )
    if duplicate.exists():
        raise ValidationError(
            {partner_field: _("This branch already has an agreement in force with this partner.")}
        )
    agreement.save()
    return agreement


@transaction.atomic
def agreement_end(
    *, user, agreement: PairingAgreement, ended_on: datetime.date | None = None
) -> PairingAgreement:
    """End an agreement in force on ``ended_on`` (today by default; not a future day)."""
    today = timezone.localdate()
    ended_on = ended_on or today
    agreement = lock_row(manageable_agreements_for(user), agreement)
    if agreement.ends_on is not None and agreement.ends_on <= today:
        raise ValidationError(
            {
                "ends_on": _("This agreement already ended on %(day)s.")
                % {"day": agreement.ends_on.isoformat()}
            }
        )
    if ended_on > today:
        raise ValidationError(
            {"ends_on": _("An agreement is ended on the day it ended, not in the future.")}
        )
    if ended_on < agreement.signed_on:
        raise ValidationError({"ends_on": _("An agreement cannot end before it is signed.")})
    agreement.ends_on = ended_on
    agreement.full_clean()
    agreement.save(update_fields=["ends_on"])
    return agreement

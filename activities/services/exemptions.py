"""Exemptions from required activities (a branch just founded, a merger…).

An exemption is granted by the level above the organization (its community or street
committee, or the branch for one of its party groups), never by the organization itself:
the secretary who must hold the meetings does not excuse his or her own branch. Two
exemptions of an organization that both cover a type may not overlap, so that the
calendar names one reason per period. An exemption is ended early (it keeps its history)
or, before it starts, withdrawn.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from activities.models import ActivityType, Exemption
from activities.selectors.compliance import can_exempt
from organizations.models import Organization


def _refuse_unless_above(user, organization: Organization) -> None:
    if not can_exempt(user, organization):
        raise ValidationError(
            {
                "organization": _(
                    "An exemption for %(organization)s is granted by the level above it (its "
                    "community or street committee), not by the organization itself."
                )
                % {"organization": organization.name}
            }
        )


def _day(day: datetime.date) -> str:
    return date_format(day, "Y-m-d")


@transaction.atomic
def exemption_create(
    *,
    user,
    organization: Organization,
    activity_type: ActivityType | None,
    starts_on: datetime.date,
    ends_on: datetime.date,
    reason: str,
) -> Exemption:
    """Exempt ``organization`` from ``activity_type`` (None: every required activity)."""
    # the organization's row serializes two people exempting it at once (overlap check)
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    _refuse_unless_above(user, organization)
    exemption = Exemption(
        organization=organization,
        activity_type=activity_type,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=(reason or "").strip(),
        recorded_by=user if user.is_authenticated else None,
    )
    exemption.full_clean()
    if activity_type is not None and not activity_type.applies_to_kind(organization.kind):
        raise ValidationError(
            {
                "activity_type": _("A %(kind)s is not required to hold a %(type)s.")
                % {"kind": organization.get_kind_display(), "type": activity_type.label}
            }
        )
    refuse_overlap(exemption)
    exemption.save()
    return exemption


def refuse_overlap(exemption: Exemption, exclude_pk: int | None = None) -> None:
    """Refuse an exemption overlapping another of the organization that covers the same type
    (an exemption for every activity covers them all)."""
    others = Exemption.objects.filter(
        organization_id=exemption.organization_id,
        starts_on__lte=exemption.ends_on,
        ends_on__gte=exemption.starts_on,
    )
    if exemption.activity_type_id is not None:
        others = others.filter(
            Q(activity_type_id=exemption.activity_type_id) | Q(activity_type__isnull=True)
        )
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    other = others.select_related("activity_type").order_by("starts_on").first()
    if other is not None:
        raise ValidationError(
            {
                "starts_on": _(
                    "%(organization)s is already exempt from %(what)s from %(start)s to %(end)s; "
                    "end that exemption or choose dates that do not overlap it."
                )
                % {
                    "organization": exemption.organization.name,
                    "what": other.activity_type.label
                    if other.activity_type_id
                    else _("every required activity"),
                    "start": _day(other.starts_on),
                    "end": _day(other.ends_on),
                }
            }
        )


def _lock(user, exemption: Exemption) -> Exemption:
    exemption = (
        Exemption.objects.select_for_update(of=("self",))
        .select_related("organization", "activity_type")
        .get(pk=exemption.pk)
    )
    _refuse_unless_above(user, exemption.organization)
    return exemption


@transaction.atomic
def exemption_end(*, user, exemption: Exemption, ends_on: datetime.date | None = None) -> Exemption:
    """End an exemption early, on ``ends_on`` (default today)."""
    exemption = _lock(user, exemption)
    ends_on = ends_on or timezone.localdate()
    if ends_on < exemption.starts_on:
        raise ValidationError(
            {
                "ends_on": _(
                    "The exemption starts on %(start)s: it cannot end before; withdraw it instead."
                )
                % {"start": _day(exemption.starts_on)}
            }
        )
    if ends_on >= exemption.ends_on:
        raise ValidationError(
            {
                "ends_on": _("The exemption already ends on %(end)s.")
                % {"end": _day(exemption.ends_on)}
            }
        )
    exemption.ends_on = ends_on
    exemption.full_clean()
    exemption.save(update_fields=["ends_on"])
    return exemption


@transaction.atomic
def exemption_withdraw(*, user, exemption: Exemption) -> None:
    """Delete an exemption that has not started yet (one that has is ended instead, so that
    the periods it covered keep their reason)."""
    exemption = _lock(user, exemption)
    if exemption.starts_on <= timezone.localdate():
        raise ValidationError(
            {
                "starts_on": _(
                    "The exemption has started on %(start)s: end it instead of withdrawing it."
                )
                % {"start": _day(exemption.starts_on)}
            }
        )
    exemption.delete()

"""Writes of a community's needs and resources lists."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activities.models import CoBuildingStatus, Need, NeedStatus, Resource
from activities.selectors.cobuilding import (
    can_manage_community,
    manageable_communities_for,
    manageable_needs_for,
    manageable_resources_for,
)
from activities.services.cobuilding.base import apply_fields, lock_row, refuse_community
from grid.models import Community
from organizations import scoping
from organizations.models import UnitOrganization

NEED_FIELDS = ("title", "category", "description", "raised_on", "status")


RESOURCE_FIELDS = ("title", "category", "description", "offered_on", "available")


@transaction.atomic
def need_create(
    *,
    user,
    community: Community,
    title: str,
    category: str,
    raised_on: datetime.date,
    description: str = "",
) -> Need:
    if not can_manage_community(user, community):
        raise refuse_community(community)
    need = Need(
        community=community,
        title=title,
        category=category,
        description=description,
        raised_on=raised_on,
        status=NeedStatus.OPEN,
        recorded_by=user,
    )
    need.full_clean()
    need.save()
    return need


def _check_need_status(need: Need) -> None:
    taken_up = need.projects.exclude(status=CoBuildingStatus.CANCELLED).exists()
    if need.status == NeedStatus.MATCHED and not taken_up:
        raise ValidationError(
            {"status": _("A need is matched when a project takes it up: add it to a project.")}
        )
    if need.status == NeedStatus.OPEN and taken_up:
        raise ValidationError(
            {
                "status": _(
                    "A project takes this need up, so it is not open: remove it from the "
                    "project first, or mark it met or dropped."
                )
            }
        )


@transaction.atomic
def need_update(*, user, need: Need, **fields) -> Need:
    """Change ``title``, ``category``, ``description``, ``raised_on`` or ``status``."""
    need = lock_row(manageable_needs_for(user), need)
    apply_fields(need, fields, NEED_FIELDS)
    need.full_clean()
    if "status" in fields:
        _check_need_status(need)
    need.save()
    return need


@transaction.atomic
def resource_create(
    *,
    user,
    unit: UnitOrganization,
    title: str,
    category: str,
    offered_on: datetime.date,
    description: str = "",
    available: bool = True,
) -> Resource:
    may = (
        scoping.visible_unit_organizations_for(user).filter(pk=unit.pk).exists()
        and manageable_communities_for(user).filter(pk=unit.community_id).exists()
    )
    if not may:
        raise ValidationError(
            {
                "unit": _(
                    "Resources are recorded for units stationed in a community whose lists "
                    "you manage."
                )
            }
        )
    resource = Resource(
        unit=unit,
        community_id=unit.community_id,
        title=title,
        category=category,
        description=description,
        offered_on=offered_on,
        available=available,
        recorded_by=user,
    )
    resource.full_clean()
    resource.save()
    return resource


@transaction.atomic
def resource_update(*, user, resource: Resource, **fields) -> Resource:
    """Change ``title``, ``category``, ``description``, ``offered_on`` or ``available``."""
    if "unit" in fields and fields["unit"].pk != resource.unit_id:
        raise ValidationError(
            {"unit": _("The unit offering a resource cannot change: record a new resource.")}
        )
    fields.pop("unit", None)
    resource = lock_row(manageable_resources_for(user), resource)
    apply_fields(resource, fields, RESOURCE_FIELDS)
    resource.full_clean()
    resource.save()
    return resource

"""Writes of co-building projects: the project, its needs and resources, its units."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from activities.models import CoBuildingStatus, Need, NeedStatus, Project, ProjectUnit, Resource
from activities.selectors.cobuilding import can_manage_community, manageable_projects_for
from activities.services.cobuilding.base import apply_fields, lock_row, refuse_community
from grid.models import Community
from organizations.models import UnitOrganization

PROJECT_FIELDS = ("title", "description", "starts_on", "ends_on", "status")


def _ids(items: Iterable) -> set[int]:
    return {item.pk if hasattr(item, "pk") else int(item) for item in items}


def _check_needs(community_id: int, need_ids: set[int], new_ids: set[int]) -> list[Need]:
    needs = list(Need.objects.select_for_update().filter(pk__in=need_ids))
    outside = [n for n in needs if n.community_id != community_id]
    if outside or len(needs) != len(need_ids):
        raise ValidationError(
            {
                "needs": _("A project takes up needs of its own community only (%(titles)s).")
                % {"titles": ", ".join(n.title for n in outside) or "—"}
            }
        )
    dropped = [n for n in needs if n.pk in new_ids and n.status == NeedStatus.DROPPED]
    if dropped:
        raise ValidationError(
            {
                "needs": _("A dropped need is not taken up by a project (%(titles)s).")
                % {"titles": ", ".join(n.title for n in dropped)}
            }
        )
    return needs


def _check_resources(community_id: int, resource_ids: set[int], new_ids: set[int]) -> list:
    resources = list(Resource.objects.filter(pk__in=resource_ids).select_related("unit"))
    outside = [r for r in resources if r.community_id != community_id]
    if outside or len(resources) != len(resource_ids):
        raise ValidationError(
            {
                "resources": _(
                    "A project uses resources offered in its own community only (%(titles)s)."
                )
                % {"titles": ", ".join(r.title for r in outside) or "—"}
            }
        )
    unavailable = [r for r in resources if r.pk in new_ids and not r.available]
    if unavailable:
        raise ValidationError(
            {
                "resources": _("These resources are no longer available: %(titles)s.")
                % {"titles": ", ".join(r.title for r in unavailable)}
            }
        )
    return resources


def _sync_need_status(need_ids: Iterable[int]) -> None:
    """Needs taken up by a project that is not cancelled are matched; matched needs no
    project takes up any more are open again. Met and dropped needs are left alone."""
    need_ids = list(need_ids)
    if not need_ids:
        return
    live = Q(projects__status__in=[s for s in CoBuildingStatus.values if s != "cancelled"])
    taken_up = set(
        Need.objects.filter(pk__in=need_ids).filter(live).values_list("pk", flat=True).distinct()
    )
    Need.objects.filter(pk__in=taken_up, status=NeedStatus.OPEN).update(status=NeedStatus.MATCHED)
    Need.objects.filter(pk__in=set(need_ids) - taken_up, status=NeedStatus.MATCHED).update(
        status=NeedStatus.OPEN
    )


@transaction.atomic
def project_create(
    *,
    user,
    community: Community,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    description: str = "",
    status: str = CoBuildingStatus.PLANNED,
    needs: Iterable = (),
    resources: Iterable = (),
) -> Project:
    if not can_manage_community(user, community):
        raise refuse_community(community)
    project = Project(
        community=community,
        title=title,
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        recorded_by=user,
    )
    project.full_clean()
    need_ids, resource_ids = _ids(needs), _ids(resources)
    _check_needs(community.pk, need_ids, need_ids)
    _check_resources(community.pk, resource_ids, resource_ids)
    project.save()
    project.needs.set(need_ids)
    project.resources.set(resource_ids)
    _sync_need_status(need_ids)
    return project


@transaction.atomic
def project_update(
    *,
    user,
    project: Project,
    needs: Iterable | None = None,
    resources: Iterable | None = None,
    **fields,
) -> Project:
    """Change the project's ``title``, ``description``, ``starts_on``, ``ends_on`` or
    ``status``, and with ``needs`` / ``resources`` the lists it takes up (None: unchanged)."""
    project = lock_row(manageable_projects_for(user), project)
    apply_fields(project, fields, PROJECT_FIELDS)
    project.full_clean()
    old_needs = set(project.needs.values_list("pk", flat=True))
    need_ids = old_needs if needs is None else _ids(needs)
    _check_needs(project.community_id, need_ids, need_ids - old_needs)
    if resources is not None:
        old_resources = set(project.resources.values_list("pk", flat=True))
        resource_ids = _ids(resources)
        _check_resources(project.community_id, resource_ids, resource_ids - old_resources)
    project.save()
    if needs is not None:
        project.needs.set(need_ids)
    if resources is not None:
        project.resources.set(resource_ids)
    _sync_need_status(old_needs | need_ids)
    return project


@transaction.atomic
def project_unit_add(
    *,
    user,
    project: Project,
    unit: UnitOrganization,
    commitment: str,
    joined_on: datetime.date | None = None,
) -> ProjectUnit:
    project = lock_row(manageable_projects_for(user), project)
    if not (commitment or "").strip():
        raise ValidationError({"commitment": _("Say what the unit commits to in the project.")})
    if unit.community_id != project.community_id:
        raise ValidationError({"unit": _("The unit is not stationed in the project's community.")})
    if project.participants.filter(unit=unit).exists():
        raise ValidationError({"unit": _("This unit already takes part in the project.")})
    participant = ProjectUnit(
        project=project, unit=unit, commitment=commitment.strip(), joined_on=joined_on
    )
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def project_unit_remove(*, user, participant: ProjectUnit) -> None:
    lock_row(manageable_projects_for(user), participant.project)
    ProjectUnit.objects.filter(pk=participant.pk).delete()

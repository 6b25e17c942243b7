"""Writes of co-building 共驻共建: the needs, resources and projects lists of a community, the
units taking part in a project, and the pairing agreements of branches.

Decisions where the sources are silent:
- The three lists are kept by the community: those who manage its community committee or the
  street working committee above it change them; a branch secretary reads them.
- A need taken up by a project (not cancelled) is "matched"; when no such project is left it
  is open again. A need met or dropped keeps that status; a dropped need is not taken up.
- A resource newly used by a project must be available; the unit offering it cannot change
  (its community follows from the unit).
- A pairing agreement is signed by a branch the user manages, with exactly one partner (a
  unit or a two-new organization) in the branch's community, and one agreement in force at a
  time per branch and partner. Ending it records the day it ended (today or earlier).
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import (
    CoBuildingStatus,
    Need,
    NeedStatus,
    PairingAgreement,
    Project,
    ProjectUnit,
    Resource,
)
from activities.selectors.cobuilding import (
    can_manage_community,
    manageable_agreements_for,
    manageable_communities_for,
    manageable_needs_for,
    manageable_projects_for,
    manageable_resources_for,
)
from grid.models import Community
from organizations import scoping
from organizations.models import Organization, TwoNewOrganization, UnitOrganization

NEED_FIELDS = ("title", "category", "description", "raised_on", "status")
RESOURCE_FIELDS = ("title", "category", "description", "offered_on", "available")
PROJECT_FIELDS = ("title", "description", "starts_on", "ends_on", "status")


def _refuse_community(community: Community) -> ValidationError:
    return ValidationError(
        {
            "community": _(
                "You may change the co-building lists only of communities you manage "
                "(%(community)s is not one of them)."
            )
            % {"community": community.name}
        }
    )


def _lock(qs, obj):
    try:
        return qs.select_for_update(of=("self",)).get(pk=obj.pk)
    except qs.model.DoesNotExist as exc:
        raise PermissionDenied from exc


def _apply(instance, fields: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(instance, name, value)


# Needs


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
        raise _refuse_community(community)
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
    need = _lock(manageable_needs_for(user), need)
    _apply(need, fields, NEED_FIELDS)
    need.full_clean()
    if "status" in fields:
        _check_need_status(need)
    need.save()
    return need


# Resources


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
    resource = _lock(manageable_resources_for(user), resource)
    _apply(resource, fields, RESOURCE_FIELDS)
    resource.full_clean()
    resource.save()
    return resource


# Projects


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
        raise _refuse_community(community)
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
    project = _lock(manageable_projects_for(user), project)
    _apply(project, fields, PROJECT_FIELDS)
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
    project = _lock(manageable_projects_for(user), project)
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
    _lock(manageable_projects_for(user), participant.project)
    ProjectUnit.objects.filter(pk=participant.pk).delete()


# Pairing agreements


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
    agreement = _lock(manageable_agreements_for(user), agreement)
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

"""The demo co-building lists (activities/demo/cobuilding.py)."""

import pytest
from django.db.models import Count

from activities.models import (
    Activity,
    CoBuildingStatus,
    Need,
    NeedStatus,
    PairingAgreement,
    Project,
    ProjectUnit,
    Resource,
)
from activities.tests.support.demo import seed
from conftest import built_once
from grid.models import Community
from organizations.models import UnitOrganization

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


# Seeded once for the module: the tests only read the demo street.
seeded = built_once(seed)


def test_each_community_has_its_three_lists():
    for community in Community.objects.annotate(
        needs=Count("co_building_needs", distinct=True),
        projects=Count("co_building_projects", distinct=True),
        resources=Count("co_building_resources", distinct=True),
    ):
        assert 5 <= community.needs <= 8
        assert 2 <= community.projects <= 3
        assert community.resources >= 2
    units = {u.pk: u.community_id for u in UnitOrganization.objects.all()}
    for resource in Resource.objects.all():
        assert resource.community_id == units[resource.unit_id]
        resource.full_clean()
    assert set(Resource.objects.values_list("unit", flat=True)) == set(units)
    for need in Need.objects.all():
        need.full_clean()
    assert set(Need.objects.values_list("status", flat=True)) == set(NeedStatus.values)
    assert set(Project.objects.values_list("status", flat=True)) == set(CoBuildingStatus.values) - {
        CoBuildingStatus.CANCELLED
    }


def test_projects_match_needs_to_resources_with_units_committed():
    projects = Project.objects.prefetch_related("needs", "resources", "participants__unit")
    for project in projects:
        project.full_clean()
        needs, resources = list(project.needs.all()), list(project.resources.all())
        assert needs and resources
        assert all(n.community_id == project.community_id for n in needs)
        assert all(r.community_id == project.community_id for r in resources)
        assert any(r.category == n.category for r in resources for n in needs)
        participants = list(project.participants.all())
        assert participants and all(p.commitment for p in participants)
        assert {r.unit_id for r in resources} <= {p.unit_id for p in participants}
        for participant in participants:
            participant.full_clean()
        expected = {
            CoBuildingStatus.COMPLETED: NeedStatus.MET,
            CoBuildingStatus.ACTIVE: NeedStatus.MATCHED,
            CoBuildingStatus.PLANNED: NeedStatus.MATCHED,
        }[project.status]
        assert {n.status for n in needs} == {expected}
    assert ProjectUnit.objects.count() >= Project.objects.count()
    linked = Activity.objects.filter(project__isnull=False)
    assert linked.values("project").distinct().count() >= Project.objects.count() // 2
    planned = Project.objects.filter(status=CoBuildingStatus.PLANNED)
    assert not linked.filter(project__in=planned).exists()


def test_branches_are_paired_with_units_and_two_new_organizations():
    agreements = PairingAgreement.objects.select_related("branch", "unit", "two_new")
    assert agreements.filter(unit__isnull=False).exists()
    assert agreements.filter(two_new__isnull=False).exists()
    for agreement in agreements:
        agreement.full_clean()
    assert agreements.filter(branch__code="CD01-01").exists()  # the demo secretary's branch
    paired = set(agreements.values_list("branch", flat=True))
    pairing = Activity.objects.filter(activity_type__code="pairing", organization__in=paired)
    assert pairing.exists() and not pairing.filter(guests="").exists()

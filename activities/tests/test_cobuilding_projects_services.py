"""Co-building services of projects: needs matched and reopened, the community's lists only, units taking part."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activities.models import CoBuildingStatus, NeedStatus, Project, ProjectUnit
from activities.services import cobuilding as services
from activities.tests.factories import NeedFactory, ProjectFactory
from activities.tests.support.cobuilding import ResourceFactory, messages_of, unit_in

DAY = datetime.date(2026, 11, 1)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00")


def test_needs_taken_up_by_a_project_become_matched(world, community_staff):
    community = world.community1.community
    need, other = NeedFactory.create_batch(2, community=community)
    resource = ResourceFactory(unit=unit_in(world.community1))
    project = services.project_create(
        user=community_staff,
        community=community,
        title="银龄互助",
        starts_on=DAY,
        needs=[need],
        resources=[resource],
    )
    need.refresh_from_db()
    other.refresh_from_db()
    assert need.status == NeedStatus.MATCHED and other.status == NeedStatus.OPEN
    assert list(project.resources.all()) == [resource]


def test_a_need_left_by_every_project_is_open_again(world, community_staff):
    community = world.community1.community
    need = NeedFactory(community=community)
    project = services.project_create(
        user=community_staff, community=community, title="p", starts_on=DAY, needs=[need]
    )
    services.project_update(user=community_staff, project=project, needs=[])
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN


def test_cancelling_a_project_reopens_its_needs(world, community_staff):
    community = world.community1.community
    need = NeedFactory(community=community)
    project = services.project_create(
        user=community_staff, community=community, title="p", starts_on=DAY, needs=[need]
    )
    services.project_update(
        user=community_staff, project=project, status=CoBuildingStatus.CANCELLED
    )
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN


def test_a_project_refuses_needs_of_another_community(world, street_staff, english):
    foreign = NeedFactory(community=world.community2.community, title="别处的需求")
    with pytest.raises(ValidationError) as error:
        services.project_create(
            user=street_staff,
            community=world.community1.community,
            title="p",
            starts_on=DAY,
            needs=[foreign],
        )
    assert "别处的需求" in messages_of(error, "needs")
    assert not Project.objects.exists()
    foreign.refresh_from_db()
    assert foreign.status == NeedStatus.OPEN


def test_a_project_refuses_resources_of_another_community(world, street_staff, english):
    foreign = ResourceFactory(unit=unit_in(world.community2))
    with pytest.raises(ValidationError) as error:
        services.project_create(
            user=street_staff,
            community=world.community1.community,
            title="p",
            starts_on=DAY,
            resources=[foreign],
        )
    assert "its own community only" in messages_of(error, "resources")
    assert not Project.objects.exists()


def test_a_project_refuses_a_dropped_need_and_an_unavailable_resource(
    world, community_staff, english
):
    community = world.community1.community
    dropped = NeedFactory(community=community, status=NeedStatus.DROPPED)
    gone = ResourceFactory(unit=unit_in(world.community1), available=False)
    with pytest.raises(ValidationError) as error:
        services.project_create(
            user=community_staff, community=community, title="p", starts_on=DAY, needs=[dropped]
        )
    assert "dropped" in messages_of(error, "needs")
    with pytest.raises(ValidationError) as error:
        services.project_create(
            user=community_staff, community=community, title="p", starts_on=DAY, resources=[gone]
        )
    assert "no longer available" in messages_of(error, "resources")
    assert not Project.objects.exists()


def test_a_project_cannot_end_before_it_starts(world, community_staff):
    with pytest.raises(ValidationError) as error:
        services.project_create(
            user=community_staff,
            community=world.community1.community,
            title="p",
            starts_on=DAY,
            ends_on=DAY - datetime.timedelta(days=1),
        )
    assert "ends_on" in error.value.message_dict
    assert not Project.objects.exists()


def test_a_secretary_cannot_change_a_project(world, secretary_a):
    project = ProjectFactory(community=world.community1.community)
    with pytest.raises(PermissionDenied):
        services.project_update(user=secretary_a, project=project, title="改")


def test_a_unit_of_the_community_joins_with_its_commitment(world, community_staff):
    project = ProjectFactory(community=world.community1.community)
    unit = unit_in(world.community1)
    participant = services.project_unit_add(
        user=community_staff, project=project, unit=unit, commitment="每月派10名志愿者"
    )
    assert participant.unit == unit and participant.commitment == "每月派10名志愿者"


def test_a_unit_of_another_community_cannot_join(world, street_staff, english):
    project = ProjectFactory(community=world.community1.community)
    with pytest.raises(ValidationError) as error:
        services.project_unit_add(
            user=street_staff,
            project=project,
            unit=unit_in(world.community2),
            commitment="x",
        )
    assert "not stationed in the project's community" in messages_of(error, "unit")
    assert not ProjectUnit.objects.exists()


def test_a_commitment_is_required_and_a_unit_joins_once(world, community_staff, english):
    project = ProjectFactory(community=world.community1.community)
    unit = unit_in(world.community1)
    with pytest.raises(ValidationError) as error:
        services.project_unit_add(user=community_staff, project=project, unit=unit, commitment=" ")
    assert "commits to" in messages_of(error, "commitment")
    services.project_unit_add(user=community_staff, project=project, unit=unit, commitment="x")
    with pytest.raises(ValidationError) as error:
        services.project_unit_add(user=community_staff, project=project, unit=unit, commitment="y")
    assert "already takes part" in messages_of(error, "unit")
    assert ProjectUnit.objects.count() == 1


def test_a_unit_leaves_a_project(world, community_staff, secretary_a):
    project = ProjectFactory(community=world.community1.community)
    participant = services.project_unit_add(
        user=community_staff, project=project, unit=unit_in(world.community1), commitment="x"
    )
    with pytest.raises(PermissionDenied):
        services.project_unit_remove(user=secretary_a, participant=participant)
    services.project_unit_remove(user=community_staff, participant=participant)
    assert not ProjectUnit.objects.exists()

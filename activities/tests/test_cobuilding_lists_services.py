"""Co-building services of the needs and resources lists: who may change them, a need's status, a resource's unit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activities.models import Need, NeedStatus, Resource, ResourceCategory
from activities.services import cobuilding as services
from activities.tests.factories import NeedFactory
from activities.tests.support.cobuilding import ResourceFactory, messages_of, unit_in

DAY = datetime.date(2026, 11, 1)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00")


def test_community_staff_records_a_need_of_their_community(world, community_staff):
    need = services.need_create(
        user=community_staff,
        community=world.community1.community,
        title="老旧小区加装电梯协调",
        category=ResourceCategory.EXPERTISE,
        raised_on=DAY,
    )
    assert need.status == NeedStatus.OPEN and need.recorded_by == community_staff


def test_street_staff_records_a_need_in_any_community_of_their_street(world, street_staff):
    services.need_create(
        user=street_staff,
        community=world.community2.community,
        title="x",
        category=ResourceCategory.FUNDS,
        raised_on=DAY,
    )
    assert Need.objects.count() == 1


@pytest.mark.parametrize("persona", ["secretary_a", "grid_worker", "other_street_staff"])
def test_others_cannot_record_a_need_and_nothing_is_saved(world, request, english, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(ValidationError) as error:
        services.need_create(
            user=user,
            community=world.community1.community,
            title="x",
            category=ResourceCategory.FUNDS,
            raised_on=DAY,
        )
    assert "communities you manage" in messages_of(error, "community")
    assert not Need.objects.exists()


def test_community_staff_cannot_record_a_need_of_the_other_community(world, community_staff):
    with pytest.raises(ValidationError):
        services.need_create(
            user=community_staff,
            community=world.community2.community,
            title="x",
            category=ResourceCategory.FUNDS,
            raised_on=DAY,
        )
    assert not Need.objects.exists()


def test_a_secretary_cannot_change_a_need(world, secretary_a):
    need = NeedFactory(community=world.community1.community)
    with pytest.raises(PermissionDenied):
        services.need_update(user=secretary_a, need=need, title="改")
    need.refresh_from_db()
    assert need.title != "改"


def test_a_need_is_not_marked_matched_by_hand(world, community_staff, english):
    need = NeedFactory(community=world.community1.community)
    with pytest.raises(ValidationError) as error:
        services.need_update(user=community_staff, need=need, status=NeedStatus.MATCHED)
    assert "add it to a project" in messages_of(error, "status")
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN


def test_a_need_taken_up_cannot_be_reopened(world, community_staff, english):
    need = NeedFactory(community=world.community1.community)
    services.project_create(
        user=community_staff,
        community=world.community1.community,
        title="p",
        starts_on=DAY,
        needs=[need],
    )
    with pytest.raises(ValidationError) as error:
        services.need_update(user=community_staff, need=need, status=NeedStatus.OPEN)
    assert "remove it from the project" in messages_of(error, "status")
    services.need_update(user=community_staff, need=need, status=NeedStatus.MET)
    need.refresh_from_db()
    assert need.status == NeedStatus.MET


def test_a_resource_takes_the_community_of_its_unit(world, community_staff):
    unit = unit_in(world.community1)
    resource = services.resource_create(
        user=community_staff,
        unit=unit,
        title="会议室",
        category=ResourceCategory.VENUE,
        offered_on=DAY,
    )
    assert resource.community == world.community1.community


def test_a_resource_of_a_unit_of_another_community_is_refused(world, community_staff, english):
    with pytest.raises(ValidationError) as error:
        services.resource_create(
            user=community_staff,
            unit=unit_in(world.community2),
            title="x",
            category=ResourceCategory.VENUE,
            offered_on=DAY,
        )
    assert "units stationed in a community whose lists you manage" in messages_of(error, "unit")
    assert not Resource.objects.exists()


def test_a_secretary_cannot_record_a_resource(world, secretary_a):
    with pytest.raises(ValidationError):
        services.resource_create(
            user=secretary_a,
            unit=unit_in(world.community1),
            title="x",
            category=ResourceCategory.VENUE,
            offered_on=DAY,
        )
    assert not Resource.objects.exists()


def test_the_unit_of_a_resource_does_not_change(world, community_staff, english):
    resource = ResourceFactory(unit=unit_in(world.community1))
    with pytest.raises(ValidationError) as error:
        services.resource_update(
            user=community_staff, resource=resource, unit=unit_in(world.community1)
        )
    assert "cannot change" in messages_of(error, "unit")
    services.resource_update(user=community_staff, resource=resource, available=False)
    resource.refresh_from_db()
    assert resource.available is False

"""Co-building services: who may change the lists, matching needs to projects, units in
projects, and pairing agreements with exactly one partner of the branch's community."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activities.models import (
    CoBuildingStatus,
    Need,
    NeedStatus,
    PairingAgreement,
    Project,
    ProjectUnit,
    Resource,
    ResourceCategory,
)
from activities.services import cobuilding as services
from activities.tests.factories import NeedFactory, ProjectFactory
from activities.tests.factories_cobuilding import (
    AgreementFactory,
    ResourceFactory,
    two_new_in,
    unit_in,
)

DAY = datetime.date(2026, 11, 1)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00")


def messages_of(error: ValidationError, field: str) -> str:
    return " ".join(error.value.message_dict[field])


# Needs


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


# Resources


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


# Projects


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


# Units in projects


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


# Pairing agreements


def test_a_secretary_pairs_his_branch_with_a_unit_of_its_community(world, secretary_a):
    unit = unit_in(world.community1)
    agreement = services.agreement_create(
        user=secretary_a, branch=world.branch_a, unit=unit, signed_on=DAY, content="共建"
    )
    assert agreement.partner == unit and agreement.recorded_by == secretary_a


def test_a_branch_pairs_with_a_two_new_organization(world, community_staff):
    partner = two_new_in(world.community1)
    agreement = services.agreement_create(
        user=community_staff, branch=world.branch_b, two_new=partner, signed_on=DAY, content="x"
    )
    assert agreement.partner == partner


def test_an_agreement_with_two_partners_is_refused(world, secretary_a, english):
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            user=secretary_a,
            branch=world.branch_a,
            unit=unit_in(world.community1),
            two_new=two_new_in(world.community1),
            signed_on=DAY,
            content="x",
        )
    assert "not both" in messages_of(error, "two_new")
    assert not PairingAgreement.objects.exists()


def test_an_agreement_without_a_partner_is_refused(world, secretary_a, english):
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            user=secretary_a, branch=world.branch_a, signed_on=DAY, content="x"
        )
    assert "Choose the partner" in messages_of(error, "unit")
    assert not PairingAgreement.objects.exists()


def test_a_partner_outside_the_branchs_community_is_refused(world, street_staff, english):
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            user=street_staff,
            branch=world.branch_a,
            unit=unit_in(world.community2),
            signed_on=DAY,
            content="x",
        )
    assert "not in the branch's community" in messages_of(error, "unit")
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            user=street_staff,
            branch=world.branch_a,
            two_new=two_new_in(world.community2),
            signed_on=DAY,
            content="x",
        )
    assert "not in the branch's community" in messages_of(error, "two_new")
    assert not PairingAgreement.objects.exists()


def test_a_secretary_cannot_pair_another_branch(world, secretary_a, english):
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            user=secretary_a,
            branch=world.branch_b,
            unit=unit_in(world.community1),
            signed_on=DAY,
            content="x",
        )
    assert "branches you manage" in messages_of(error, "branch")


def test_an_agreement_is_not_signed_twice_nor_ahead(world, secretary_a, english):
    unit = unit_in(world.community1)
    services.agreement_create(
        user=secretary_a, branch=world.branch_a, unit=unit, signed_on=DAY, content="x"
    )
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            user=secretary_a, branch=world.branch_a, unit=unit, signed_on=DAY, content="y"
        )
    assert "already has an agreement in force" in messages_of(error, "unit")
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            user=secretary_a,
            branch=world.branch_a,
            unit=unit_in(world.community1),
            signed_on=datetime.date(2026, 11, 27),
            content="y",
        )
    assert "signed_on" in error.value.message_dict
    assert PairingAgreement.objects.count() == 1


def test_ending_an_agreement(world, secretary_a, secretary_b, english):
    agreement = AgreementFactory(branch=world.branch_a, unit=unit_in(world.community1))
    with pytest.raises(PermissionDenied):
        services.agreement_end(user=secretary_b, agreement=agreement)
    with pytest.raises(ValidationError) as error:
        services.agreement_end(
            user=secretary_a, agreement=agreement, ended_on=datetime.date(2026, 11, 27)
        )
    assert "not in the future" in messages_of(error, "ends_on")
    with pytest.raises(ValidationError) as error:
        services.agreement_end(
            user=secretary_a, agreement=agreement, ended_on=datetime.date(2026, 1, 1)
        )
    assert "before it is signed" in messages_of(error, "ends_on")
    services.agreement_end(user=secretary_a, agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.ends_on == datetime.date(2026, 11, 26)
    with pytest.raises(ValidationError) as error:
        services.agreement_end(user=secretary_a, agreement=agreement)
    assert "already ended" in messages_of(error, "ends_on")


def test_an_ended_agreement_may_be_signed_again(world, secretary_a):
    unit = unit_in(world.community1)
    AgreementFactory(branch=world.branch_a, unit=unit, ends_on=datetime.date(2026, 6, 30))
    services.agreement_create(
        user=secretary_a, branch=world.branch_a, unit=unit, signed_on=DAY, content="续签"
    )
    assert PairingAgreement.objects.count() == 2

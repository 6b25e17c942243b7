"""The mobile member services: every rule refuses with the field named and saves nothing."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError

from members.models import MobileContact, MobileDirection, MobileMember, PermitRenewal
from members.services import mobile as services
from members.tests.factories import MemberFactory
from members.tests.support.mobile import NOW, D, incoming, outgoing, reader_of
from policies.models import Policy


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(NOW)


def refused(call, **kwargs) -> dict:
    with pytest.raises(ValidationError) as info:
        call(**kwargs)
    return info.value.message_dict


def new_outgoing(actor, member, **fields):
    values = {
        "actor": actor,
        "direction": MobileDirection.OUTGOING,
        "category": "migrant_worker",
        "member": member,
        "whereabouts": "深圳",
        "away_since": D(2025, 3, 1),
    }
    values.update(fields)
    return services.mobile_record_create(**values)


def new_incoming(actor, organization, **fields):
    values = {
        "actor": actor,
        "direction": MobileDirection.INCOMING,
        "category": "talent",
        "organization": organization,
        "name": "王流入",
        "home_organization": "湖北某支部",
        "whereabouts": "本社区3栋",
        "away_since": D(2025, 3, 1),
    }
    values.update(fields)
    return services.mobile_record_create(**values)


# records


def test_an_outgoing_record_follows_the_members_branch_and_phone(world, secretary_a):
    member = MemberFactory(organization=world.branch_a, phone="13900001111")
    record = new_outgoing(secretary_a, member)
    assert (record.organization, record.phone, record.name) == (world.branch_a, "13900001111", "")


def test_an_outgoing_record_without_a_member_is_refused(world, secretary_a):
    errors = refused(new_outgoing, actor=secretary_a, member=None)
    assert list(errors) == ["member"]
    assert not MobileMember.objects.exists()


def test_an_outgoing_record_for_another_branchs_member_is_refused(world, secretary_a):
    errors = refused(
        new_outgoing, actor=secretary_a, member=MemberFactory(organization=world.branch_b)
    )
    assert "member" in errors and not MobileMember.objects.exists()


def test_a_member_has_one_open_record_at_a_time(world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    first = new_outgoing(secretary_a, member)
    errors = refused(new_outgoing, actor=secretary_a, member=member)
    assert "2025-03-01" in errors["member"][0]
    services.mobile_record_end(
        actor=secretary_a, record=first, ended_on=D(2025, 5, 1), end_reason="returned"
    )
    assert new_outgoing(secretary_a, member, away_since=D(2025, 6, 1)).pk != first.pk


def test_an_incoming_record_without_a_name_is_refused_with_every_problem_named(world, secretary_a):
    errors = refused(
        new_incoming, actor=secretary_a, organization=world.branch_a, name="", home_organization=" "
    )
    assert {"name", "home_organization"} <= set(errors)
    assert not MobileMember.objects.exists()


def test_an_incoming_record_for_an_organization_not_managed_is_refused(world, secretary_a):
    errors = refused(new_incoming, actor=secretary_a, organization=world.branch_b)
    assert "organization" in errors and not MobileMember.objects.exists()


def test_an_incoming_record_is_not_for_a_member_on_our_roll(world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    errors = refused(new_incoming, actor=secretary_a, organization=world.branch_a, member=member)
    assert "member" in errors


def test_an_incoming_id_number_is_checked(world, secretary_a):
    errors = refused(
        new_incoming, actor=secretary_a, organization=world.branch_a, id_number="420102199003030021"
    )
    assert "id_number" in errors


def test_a_record_cannot_start_in_the_future(world, secretary_a):
    errors = refused(
        new_incoming, actor=secretary_a, organization=world.branch_a, away_since=D(2025, 6, 16)
    )
    assert "away_since" in errors


def test_a_grid_cell_outside_the_area_is_refused(world, secretary_a):
    errors = refused(
        new_incoming,
        actor=secretary_a,
        organization=world.branch_a,
        grid_cell=world.branch_d.grid_cell,
    )
    assert "grid_cell" in errors


# permits


def test_a_permit_given_at_creation_is_valid_twelve_months_by_default(world, secretary_a):
    record = new_incoming(
        secretary_a, world.branch_a, permit_number="LD-1", permit_issued_on=D(2024, 2, 29)
    )
    assert record.permit_valid_until == D(2025, 2, 28)


def test_a_permit_valid_until_before_it_was_issued_is_refused_and_nothing_saved(world, secretary_a):
    errors = refused(
        new_incoming,
        actor=secretary_a,
        organization=world.branch_a,
        permit_number="LD-1",
        permit_issued_on=D(2025, 3, 1),
        permit_valid_until=D(2025, 2, 28),
    )
    assert "permit_valid_until" in errors and not MobileMember.objects.exists()
    record = outgoing(world.branch_a)
    errors = refused(
        services.permit_issue,
        actor=secretary_a,
        record=record,
        permit_number="LD-2",
        permit_issued_on=D(2025, 3, 1),
        permit_valid_until=D(2025, 2, 28),
    )
    assert "permit_valid_until" in errors
    record.refresh_from_db()
    assert (record.permit_number, record.permit_issued_on) == ("", None)


def test_issuing_a_permit_uses_the_validity_set_by_the_admin(world, secretary_a):
    Policy.objects.update_or_create(key="mobile.permit_validity_months", defaults={"value": 6})
    record = services.permit_issue(
        actor=secretary_a,
        record=outgoing(world.branch_a),
        permit_number="LD-3",
        permit_issued_on=D(2025, 3, 31),
    )
    assert record.permit_valid_until == D(2025, 9, 30)


def test_a_permit_is_issued_once_then_renewed(world, secretary_a):
    record = outgoing(
        world.branch_a,
        permit_number="A1",
        permit_issued_on=D(2024, 7, 1),
        permit_valid_until=D(2025, 7, 1),
    )
    errors = refused(
        services.permit_issue,
        actor=secretary_a,
        record=record,
        permit_number="A2",
        permit_issued_on=D(2025, 6, 1),
    )
    assert NON_FIELD_ERRORS in errors


def test_a_renewal_writes_a_row_and_moves_the_validity(world, secretary_a):
    record = outgoing(
        world.branch_a,
        permit_number="A1",
        permit_issued_on=D(2024, 7, 1),
        permit_valid_until=D(2025, 7, 1),
    )
    renewal = services.permit_renew(
        actor=secretary_a, record=record, renewed_on=D(2025, 6, 10), permit_number="A9"
    )
    record.refresh_from_db()
    assert (renewal.valid_until, renewal.recorded_by) == (D(2026, 6, 10), secretary_a)
    assert (record.permit_valid_until, record.permit_number) == (D(2026, 6, 10), "A9")
    assert record.permit_issued_on == D(2024, 7, 1)


@pytest.mark.parametrize(
    ("renewed_on", "valid_until", "field"),
    [
        (D(2025, 6, 10), D(2025, 6, 9), "valid_until"),  # before the renewal
        (D(2025, 6, 10), D(2025, 7, 1), "valid_until"),  # does not extend the permit
        (D(2024, 6, 30), None, "renewed_on"),  # before the permit was issued
        (D(2025, 6, 16), None, "renewed_on"),  # in the future
    ],
)
def test_a_bad_renewal_is_refused_and_nothing_saved(
    world, secretary_a, renewed_on, valid_until, field
):
    record = outgoing(
        world.branch_a,
        permit_number="A1",
        permit_issued_on=D(2024, 7, 1),
        permit_valid_until=D(2025, 7, 1),
    )
    errors = refused(
        services.permit_renew,
        actor=secretary_a,
        record=record,
        renewed_on=renewed_on,
        valid_until=valid_until,
    )
    assert field in errors
    record.refresh_from_db()
    assert record.permit_valid_until == D(2025, 7, 1) and not PermitRenewal.objects.exists()


def test_there_is_no_renewal_without_a_permit(world, secretary_a):
    errors = refused(
        services.permit_renew,
        actor=secretary_a,
        record=outgoing(world.branch_a),
        renewed_on=D(2025, 6, 1),
    )
    assert NON_FIELD_ERRORS in errors


# contacts


def test_a_contact_is_logged_by_the_actor(world, secretary_a):
    record = outgoing(world.branch_a)
    logged = services.contact_record(
        actor=secretary_a,
        record=record,
        contacted_on=D(2025, 6, 15),
        channel="visit",
        outcome=" 上门 ",
    )
    assert (logged.contacted_by, logged.outcome, logged.reached) == (secretary_a, "上门", True)


@pytest.mark.parametrize(
    ("contacted_on", "outcome", "field"),
    [
        (D(2025, 6, 16), "电话", "contacted_on"),  # tomorrow
        (D(2025, 1, 9), "电话", "contacted_on"),  # before the member went away (2025-01-10)
        (D(2025, 6, 1), "   ", "outcome"),
    ],
)
def test_a_bad_contact_is_refused_and_nothing_saved(
    world, secretary_a, contacted_on, outcome, field
):
    errors = refused(
        services.contact_record,
        actor=secretary_a,
        record=outgoing(world.branch_a),
        contacted_on=contacted_on,
        channel="phone",
        outcome=outcome,
    )
    assert field in errors and not MobileContact.objects.exists()


def test_a_read_only_member_of_the_committee_cannot_log_a_contact(world):
    reader = reader_of(world.branch_a)
    with pytest.raises(PermissionDenied):
        services.contact_record(
            actor=reader,
            record=outgoing(world.branch_a),
            contacted_on=D(2025, 6, 1),
            channel="phone",
            outcome="x",
        )


def test_another_branchs_secretary_cannot_log_a_contact(world, secretary_b):
    with pytest.raises(PermissionDenied):
        services.contact_record(
            actor=secretary_b,
            record=outgoing(world.branch_a),
            contacted_on=D(2025, 6, 1),
            channel="phone",
            outcome="x",
        )


# ending and correcting


def test_an_ended_record_takes_no_contact(world, secretary_a):
    record = outgoing(world.branch_a)
    services.mobile_record_end(
        actor=secretary_a, record=record, ended_on=D(2025, 6, 1), end_reason="transferred"
    )
    errors = refused(
        services.contact_record,
        actor=secretary_a,
        record=record,
        contacted_on=D(2025, 6, 2),
        channel="phone",
        outcome="x",
    )
    assert NON_FIELD_ERRORS in errors


@pytest.mark.parametrize(
    ("ended_on", "reason", "field"),
    [
        (D(2025, 1, 9), "returned", "ended_on"),
        (D(2025, 6, 16), "returned", "ended_on"),
        (D(2025, 6, 1), "", "end_reason"),
    ],
)
def test_a_bad_end_is_refused_and_nothing_saved(world, secretary_a, ended_on, reason, field):
    record = outgoing(world.branch_a)
    errors = refused(
        services.mobile_record_end,
        actor=secretary_a,
        record=record,
        ended_on=ended_on,
        end_reason=reason,
    )
    assert field in errors
    record.refresh_from_db()
    assert record.ended_on is None


def test_an_outgoing_records_person_is_corrected_on_the_roll(world, secretary_a):
    record = outgoing(world.branch_a)
    errors = refused(services.mobile_record_update, actor=secretary_a, record=record, name="别名")
    assert "name" in errors


def test_an_incoming_record_is_corrected(world, secretary_a):
    record = incoming(world.branch_a)
    services.mobile_record_update(
        actor=secretary_a,
        record=record,
        whereabouts=" 5栋 ",
        fixed_place=True,
        home_organization="武汉某支部",
    )
    record.refresh_from_db()
    assert (record.whereabouts, record.fixed_place, record.home_organization) == (
        "5栋",
        True,
        "武汉某支部",
    )
    errors = refused(
        services.mobile_record_update, actor=secretary_a, record=record, home_organization=""
    )
    assert "home_organization" in errors

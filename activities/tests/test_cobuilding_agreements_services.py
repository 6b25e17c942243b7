"""Co-building services of pairing agreements: exactly one partner of the branch's community, one in force, ending."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activities.models import PairingAgreement
from activities.services import cobuilding as services
from activities.tests.support.cobuilding import AgreementFactory, messages_of, two_new_in, unit_in

DAY = datetime.date(2026, 11, 1)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00")


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

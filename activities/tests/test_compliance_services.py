"""Granting, ending and withdrawing exemptions: only the level above, no overlaps, a reason."""

import datetime

import pytest

from activities.models import Exemption
from activities.services.exemptions import exemption_end, exemption_withdraw
from activities.tests.support.compliance import ExemptionFactory, grant, refused

D = datetime.date
TODAY = "2026-11-26 10:00 +08:00"


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY, tick=False)


def test_community_staff_exempts_a_branch_below(world, community_staff):
    exemption = grant(community_staff, world.branch_a, "branch_general_meeting", reason=" 新成立 ")
    assert (exemption.organization, exemption.activity_type.code) == (
        world.branch_a,
        "branch_general_meeting",
    )
    assert (exemption.reason, exemption.recorded_by) == ("新成立", community_staff)


def test_a_secretary_cannot_exempt_the_own_branch(world, secretary_a, english):
    message = refused("organization", lambda: grant(secretary_a, world.branch_a))
    assert "granted by the level above it" in message
    assert not Exemption.objects.exists()


def test_a_secretary_exempts_a_party_group_of_the_branch(world, secretary_a):
    assert grant(secretary_a, world.group_a, "party_group_meeting").organization == world.group_a


def test_staff_cannot_exempt_outside_their_scope_or_their_own_committee(
    world, community_staff, other_street_staff
):
    refused("organization", lambda: grant(community_staff, world.branch_c))
    refused("organization", lambda: grant(community_staff, world.community1))
    refused("organization", lambda: grant(other_street_staff, world.branch_a))
    assert not Exemption.objects.exists()


def test_the_type_must_be_required_of_the_organization(world, community_staff, english):
    message = refused(
        "activity_type", lambda: grant(community_staff, world.branch_a, "party_group_meeting")
    )
    assert message == "A party branch is not required to hold a party group meeting."
    message = refused(
        "activity_type", lambda: grant(community_staff, world.branch_a, "volunteer_service")
    )
    assert "no required frequency" in message


def test_reason_and_dates_are_checked(world, community_staff, english):
    assert refused("reason", lambda: grant(community_staff, world.branch_a, reason="  "))
    message = refused(
        "ends_on",
        lambda: grant(community_staff, world.branch_a, start=D(2026, 3, 1), end=D(2026, 2, 1)),
    )
    assert message == "An exemption cannot end before it starts."
    assert not Exemption.objects.exists()


def test_overlapping_exemptions_of_the_same_type_are_refused(world, community_staff, english):
    grant(community_staff, world.branch_a, "party_lesson", D(2026, 1, 1), D(2026, 3, 31))
    message = refused(
        "starts_on",
        lambda: grant(
            community_staff, world.branch_a, "party_lesson", D(2026, 3, 31), D(2026, 6, 30)
        ),
    )
    assert message == (
        "A支部 is already exempt from party lesson from 2026-01-01 to 2026-03-31; end that "
        "exemption or choose dates that do not overlap it."
    )
    refused("starts_on", lambda: grant(community_staff, world.branch_a, None, D(2026, 2, 1)))
    # another type, another organization, or the day after: fine
    grant(community_staff, world.branch_a, "themed_party_day", D(2026, 2, 1), D(2026, 2, 28))
    grant(community_staff, world.branch_b, "party_lesson", D(2026, 1, 1), D(2026, 3, 31))
    grant(community_staff, world.branch_a, "party_lesson", D(2026, 4, 1), D(2026, 6, 30))
    assert Exemption.objects.count() == 4


def test_an_exemption_for_everything_blocks_any_overlapping_one(world, community_staff):
    grant(community_staff, world.branch_a, None, D(2026, 1, 1), D(2026, 3, 31))
    refused(
        "starts_on",
        lambda: grant(
            community_staff, world.branch_a, "themed_party_day", D(2026, 3, 1), D(2026, 3, 31)
        ),
    )


def test_an_exemption_is_ended_early(world, community_staff, english):
    exemption = ExemptionFactory(organization=world.branch_a, ends_on=D(2026, 12, 31))
    ended = exemption_end(user=community_staff, exemption=exemption)
    assert ended.ends_on == D(2026, 11, 26)
    message = refused("ends_on", lambda: exemption_end(user=community_staff, exemption=exemption))
    assert message == "The exemption already ends on 2026-11-26."
    message = refused(
        "ends_on",
        lambda: exemption_end(user=community_staff, exemption=exemption, ends_on=D(2025, 1, 1)),
    )
    assert "withdraw it instead" in message


def test_the_branch_cannot_end_its_own_exemption(world, secretary_a):
    exemption = ExemptionFactory(organization=world.branch_a)
    refused("organization", lambda: exemption_end(user=secretary_a, exemption=exemption))
    exemption.refresh_from_db()
    assert exemption.ends_on == D(2026, 12, 31)


def test_only_an_exemption_not_started_is_withdrawn(world, community_staff, english):
    started = ExemptionFactory(organization=world.branch_a)
    message = refused(
        "starts_on", lambda: exemption_withdraw(user=community_staff, exemption=started)
    )
    assert "end it instead" in message
    future = ExemptionFactory(
        organization=world.branch_b, starts_on=D(2027, 1, 1), ends_on=D(2027, 3, 31)
    )
    exemption_withdraw(user=community_staff, exemption=future)
    assert list(Exemption.objects.all()) == [started]

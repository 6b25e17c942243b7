"""The services of the responsibility letters: who issues, signs, marks done and closes, and
the refusals, each naming its field and saving nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import UserFactory
from assessment.models import LetterState, ResponsibilityLetter, TargetItem
from assessment.services import targets as services
from assessment.tests.support.targets import TODAY, item, letter, signed_with_items
from organizations.models import Role
from organizations.tests.factories import PostFactory

D = datetime.date


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY, tick=False)


def _fields(error: ValidationError) -> set[str]:
    return set(error.value.message_dict)


def test_the_level_above_issues_a_letter_with_the_usual_title(world, community_staff, english):
    made = services.letter_create(user=community_staff, organization=world.branch_a, year=2026)
    assert (made.issued_by, made.state, made.created_by) == (
        world.community1,
        LetterState.DRAFT,
        community_staff,
    )
    assert made.title == f"2026 responsibility letter of {world.branch_a.name}"


def test_the_organization_itself_and_another_street_issue_no_letter(
    world, secretary_a, other_street_staff, community_staff
):
    with pytest.raises(PermissionDenied):
        services.letter_create(user=secretary_a, organization=world.branch_a, year=2026)
    with pytest.raises(PermissionDenied):
        services.letter_create(user=other_street_staff, organization=world.branch_a, year=2026)
    with pytest.raises(PermissionDenied):  # the street committee has no level above
        services.letter_create(
            user=community_staff, organization=world.street_committee1, year=2026
        )
    assert not ResponsibilityLetter.objects.exists()


@pytest.mark.parametrize("year", [2024, 2028, "twenty", None])
def test_a_letter_is_for_last_this_or_next_year(world, community_staff, year):
    with pytest.raises(ValidationError) as error:
        services.letter_create(user=community_staff, organization=world.branch_a, year=year)
    assert _fields(error) == {"year"}
    assert not ResponsibilityLetter.objects.exists()


def test_a_party_group_signs_no_letter(world, community_staff):
    with pytest.raises(ValidationError) as error:
        services.letter_create(user=community_staff, organization=world.group_a, year=2026)
    assert _fields(error) == {"organization"}


def test_one_letter_per_organization_and_one_per_cadre_a_year(world, community_staff):
    services.letter_create(user=community_staff, organization=world.branch_a, year=2026)
    with pytest.raises(ValidationError) as error:
        services.letter_create(user=community_staff, organization=world.branch_a, year=2026)
    assert _fields(error) == {"organization"}
    post = PostFactory(organization=world.branch_a, role=Role.SECRETARY)
    services.letter_create(user=community_staff, organization=world.branch_a, year=2026, cadre=post)
    with pytest.raises(ValidationError) as error:
        services.letter_create(
            user=community_staff, organization=world.branch_a, year=2026, cadre=post
        )
    assert _fields(error) == {"cadre"}
    assert ResponsibilityLetter.objects.count() == 2


def test_the_cadre_holds_a_post_in_the_organization_during_the_year(world, community_staff):
    elsewhere = PostFactory(organization=world.branch_b, role=Role.SECRETARY)
    gone = PostFactory(
        organization=world.branch_a,
        role=Role.DEPUTY_SECRETARY,
        started_on=D(2023, 1, 1),
        ended_on=D(2025, 12, 31),
    )
    for post in (elsewhere, gone):
        with pytest.raises(ValidationError) as error:
            services.letter_create(
                user=community_staff, organization=world.branch_a, year=2026, cadre=post
            )
        assert _fields(error) == {"cadre"}
    assert not ResponsibilityLetter.objects.exists()


def test_items_are_set_up_on_a_draft_by_the_issuing_level(world, community_staff, secretary_a):
    draft = letter(world.branch_a)
    first = services.item_add(
        user=community_staff,
        letter=draft,
        text=" 召开组织生活会 ",
        deadline=D(2026, 6, 30),
        owner=secretary_a,
    )
    second = services.item_add(
        user=community_staff,
        letter=draft,
        text="发展党员",
        deadline=D(2027, 3, 31),
        owner_name="组织委员",
    )
    assert (first.order, first.text, second.order) == (1, "召开组织生活会", 2)
    with pytest.raises(PermissionDenied):
        services.item_add(user=secretary_a, letter=draft, text="x", deadline=D(2026, 6, 30))
    services.item_edit(
        user=community_staff,
        item=second,
        text="发展党员2名",
        deadline=D(2026, 12, 31),
        owner_name="组织委员",
    )
    second.refresh_from_db()
    assert (second.text, second.deadline) == ("发展党员2名", D(2026, 12, 31))


@pytest.mark.parametrize(
    ("text", "deadline", "owner_name", "field"),
    [
        ("", D(2026, 6, 30), "书记", "text"),
        ("x", D(2025, 12, 31), "书记", "deadline"),  # before the year
        ("x", D(2027, 4, 1), "书记", "deadline"),  # after the first quarter of the next
        ("x", D(2026, 6, 30), "  ", "owner"),  # nobody responsible
    ],
)
def test_a_bad_item_is_refused_naming_its_field(
    world, community_staff, text, deadline, owner_name, field
):
    draft = letter(world.branch_a)
    with pytest.raises(ValidationError) as error:
        services.item_add(
            user=community_staff, letter=draft, text=text, deadline=deadline, owner_name=owner_name
        )
    assert field in _fields(error)
    assert not TargetItem.objects.exists()


def test_the_responsible_person_holds_a_post_in_the_organization(world, community_staff):
    stranger = UserFactory()
    with pytest.raises(ValidationError) as error:
        services.item_add(
            user=community_staff,
            letter=letter(world.branch_a),
            text="x",
            deadline=D(2026, 6, 30),
            owner=stranger,
        )
    assert _fields(error) == {"owner"}


def test_signing_needs_items_and_a_day_not_in_the_future(world, community_staff, secretary_a):
    draft = letter(world.branch_a)
    with pytest.raises(ValidationError) as error:
        services.letter_sign(user=secretary_a, letter=draft)
    assert _fields(error) == {"items"}
    item(draft, "x", D(2026, 6, 30))
    with pytest.raises(ValidationError) as error:
        services.letter_sign(user=secretary_a, letter=draft, signed_on=D(2026, 6, 11))
    assert _fields(error) == {"signed_on"}
    signed = services.letter_sign(user=secretary_a, letter=draft, signed_on=D(2026, 1, 15))
    assert (signed.state, signed.signed_on) == (LetterState.SIGNED, D(2026, 1, 15))
    with pytest.raises(ValidationError):  # items change no more
        services.item_add(user=community_staff, letter=draft, text="x", deadline=D(2026, 6, 30))


def test_another_branch_signs_nothing(world, secretary_b):
    draft = letter(world.branch_a)
    item(draft, "x", D(2026, 6, 30))
    with pytest.raises(PermissionDenied):
        services.letter_sign(user=secretary_b, letter=draft)
    draft.refresh_from_db()
    assert draft.state == LetterState.DRAFT


def test_an_item_is_marked_done_with_evidence_and_reopened(world, secretary_a, secretary_b):
    signed = signed_with_items(world.branch_a)
    target = signed.items.get(order=2)
    with pytest.raises(ValidationError) as error:
        services.item_done(user=secretary_a, item=target, evidence="  ")
    assert _fields(error) == {"evidence"}
    with pytest.raises(PermissionDenied):
        services.item_done(user=secretary_b, item=target, evidence="已完成")
    target.refresh_from_db()
    assert target.done_at is None
    services.item_done(user=secretary_a, item=target, evidence="发展对象2名，材料已归档")
    target.refresh_from_db()
    assert (target.done_by, target.evidence) == (secretary_a, "发展对象2名，材料已归档")
    with pytest.raises(ValidationError):
        services.item_done(user=secretary_a, item=target, evidence="again")
    services.item_reopen(user=secretary_a, item=target)
    target.refresh_from_db()
    assert (target.done_at, target.evidence) == (None, "发展对象2名，材料已归档")


def test_the_responsible_person_marks_their_own_item_done(world, community_staff):
    member_user = UserFactory()
    PostFactory(user=member_user, organization=world.branch_a, role=Role.COMMITTEE_MEMBER)
    signed = letter(world.branch_a, state=LetterState.SIGNED)
    mine = item(signed, "x", D(2026, 6, 30), owner=member_user)
    other = item(signed, "y", D(2026, 6, 30))
    services.item_done(user=member_user, item=mine, evidence="已办")
    with pytest.raises(PermissionDenied):  # a committee member manages nothing else
        services.item_done(user=member_user, item=other, evidence="已办")


def test_a_draft_s_items_are_not_marked_done(world, secretary_a):
    draft = letter(world.branch_a)
    with pytest.raises(ValidationError):
        services.item_done(user=secretary_a, item=item(draft, "x", D(2026, 6, 30)), evidence="e")


def test_the_issuing_level_closes_a_signed_letter(world, secretary_a, community_staff):
    signed = signed_with_items(world.branch_a)
    with pytest.raises(PermissionDenied):
        services.letter_close(user=secretary_a, letter=signed)
    closed = services.letter_close(user=community_staff, letter=signed)
    assert closed.state == LetterState.CLOSED
    with pytest.raises(ValidationError):
        services.item_done(user=secretary_a, item=signed.items.first(), evidence="e")

"""make_activist, add_activist_review and make_candidate."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from members.models import MemberStatus, Stage
from members.services.development import add_activist_review, make_activist, make_candidate
from members.services.development.schedule import current_figures, next_review_due_on
from members.tests.factories import MemberFactory
from members.tests.support.development import full_members, record_at

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    # the assertions read the English messages; the default language is Chinese
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to("2025-06-10 09:00 +08:00")
    return D(2025, 6, 10)


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


@pytest.fixture
def talked(world):
    return record_at(world.branch_a, talked_on=D(2024, 3, 20))


@pytest.mark.parametrize("n", [1, 2])
def test_one_or_two_full_members_of_the_branch_may_sponsor(world, secretary_a, talked, n):
    sponsors = full_members(world.branch_a, n)
    record = make_activist(
        actor=secretary_a, record=talked, activist_on=D(2024, 4, 1), sponsors=sponsors
    )
    assert record.stage == Stage.ACTIVIST
    assert set(record.sponsors.all()) == set(sponsors)


@pytest.mark.parametrize("n", [0, 3])
def test_no_sponsor_or_three_sponsors_are_refused(world, secretary_a, talked, n):
    errors = refusal(
        lambda: make_activist(
            actor=secretary_a,
            record=talked,
            activist_on=D(2024, 4, 1),
            sponsors=full_members(world.branch_a, n),
        )
    )
    assert "1 to 2" in errors["sponsors"][0]
    talked.refresh_from_db()
    assert talked.stage == Stage.APPLICANT
    assert not talked.sponsors.exists()


def test_probationary_sponsor_is_refused(world, secretary_a, talked):
    probationary = MemberFactory(
        organization=world.branch_a, status=MemberStatus.PROBATIONARY, full_member_on=None
    )
    errors = refusal(
        lambda: make_activist(
            actor=secretary_a, record=talked, activist_on=D(2024, 4, 1), sponsors=[probationary]
        )
    )
    assert "probationary" in errors["sponsors"][0]


def test_sponsor_from_another_branch_or_off_the_roll_is_refused(world, secretary_a, talked):
    elsewhere = MemberFactory(organization=world.branch_b)
    gone = MemberFactory(organization=world.branch_a, left_on=D(2024, 1, 1), left_reason="去世")
    errors = refusal(
        lambda: make_activist(
            actor=secretary_a, record=talked, activist_on=D(2024, 4, 1), sponsors=[elsewhere, gone]
        )
    )
    assert len(errors["sponsors"]) == 2


def test_applicant_without_a_talk_cannot_become_an_activist(world, secretary_a):
    record = record_at(world.branch_a)
    errors = refusal(
        lambda: make_activist(
            actor=secretary_a,
            record=record,
            activist_on=D(2024, 4, 1),
            sponsors=full_members(world.branch_a, 1),
        )
    )
    assert "talked_on" in errors


def test_activist_date_before_the_talk_is_refused(world, secretary_a, talked):
    errors = refusal(
        lambda: make_activist(
            actor=secretary_a,
            record=talked,
            activist_on=D(2024, 3, 19),
            sponsors=full_members(world.branch_a, 1),
        )
    )
    assert "2024-03-20" in errors["activist_on"][0]


# Reviews


def test_next_review_is_due_six_months_after_the_last_review_or_becoming_an_activist(world):
    f = current_figures()
    fresh = record_at(world.branch_a, Stage.ACTIVIST, reviews=(), activist_on=D(2024, 8, 31))
    assert next_review_due_on(fresh, f, None) == D(2025, 2, 28)
    assert next_review_due_on(fresh, f, D(2025, 1, 10)) == D(2025, 7, 10)


def test_review_is_recorded_with_its_comment(world, secretary_a):
    record = record_at(world.branch_a, Stage.ACTIVIST, reviews=())
    review = add_activist_review(
        actor=secretary_a, record=record, reviewed_on=D(2024, 10, 1), comment=" 积极参加活动 "
    )
    assert review.comment == "积极参加活动"


def test_review_before_becoming_an_activist_empty_or_twice_a_day_is_refused(world, secretary_a):
    record = record_at(world.branch_a, Stage.ACTIVIST, reviews=(D(2024, 9, 15),))
    errors = refusal(
        lambda: add_activist_review(
            actor=secretary_a, record=record, reviewed_on=D(2024, 3, 31), comment=""
        )
    )
    assert set(errors) == {"reviewed_on", "comment"}
    errors = refusal(
        lambda: add_activist_review(
            actor=secretary_a, record=record, reviewed_on=D(2024, 9, 15), comment="再次"
        )
    )
    assert "already" in errors["reviewed_on"][0]
    assert record.reviews.count() == 1


def test_an_applicant_is_not_reviewed(world, secretary_a):
    record = record_at(world.branch_a)
    errors = refusal(
        lambda: add_activist_review(
            actor=secretary_a, record=record, reviewed_on=D(2024, 9, 15), comment="好"
        )
    )
    assert "activist" in errors["stage"][0]


# Candidate after 12 months


def test_candidate_the_day_before_twelve_months_is_refused_naming_the_date(world, secretary_a):
    record = record_at(world.branch_a, Stage.ACTIVIST)
    errors = refusal(
        lambda: make_candidate(actor=secretary_a, record=record, candidate_on=D(2025, 3, 31))
    )
    assert "2025-04-01" in errors["candidate_on"][0]
    record.refresh_from_db()
    assert record.stage == Stage.ACTIVIST


def test_candidate_on_the_day_twelve_months_are_complete_is_accepted(world, secretary_a):
    record = record_at(world.branch_a, Stage.ACTIVIST)
    record = make_candidate(actor=secretary_a, record=record, candidate_on=D(2025, 4, 1))
    assert record.stage == Stage.CANDIDATE
    assert record.candidate_on == D(2025, 4, 1)


def test_twelve_months_from_29_february_end_on_28_february(world, secretary_a):
    record = record_at(
        world.branch_a,
        Stage.ACTIVIST,
        activist_on=D(2024, 2, 29),
        talked_on=D(2024, 2, 1),
        applied_on=D(2024, 1, 15),
        reviews=(D(2024, 8, 1), D(2025, 2, 1)),
    )
    errors = refusal(
        lambda: make_candidate(actor=secretary_a, record=record, candidate_on=D(2025, 2, 27))
    )
    assert "2025-02-28" in errors["candidate_on"][0]
    make_candidate(actor=secretary_a, record=record, candidate_on=D(2025, 2, 28))


def test_candidate_with_a_half_year_without_review_is_refused_naming_the_period(world, secretary_a):
    record = record_at(world.branch_a, Stage.ACTIVIST, reviews=(D(2024, 9, 15),))
    errors = refusal(
        lambda: make_candidate(actor=secretary_a, record=record, candidate_on=D(2025, 4, 1))
    )
    assert "2024-10-01" in errors["reviews"][0]
    assert "2025-04-01" in errors["reviews"][0]


def test_one_review_on_a_period_boundary_counts_for_one_period_only(world, secretary_a):
    record = record_at(world.branch_a, Stage.ACTIVIST, reviews=(D(2024, 10, 1),))
    errors = refusal(
        lambda: make_candidate(actor=secretary_a, record=record, candidate_on=D(2025, 4, 1))
    )
    assert "reviews" in errors
    record.reviews.create(reviewed_on=D(2025, 4, 1), comment="第二次考察")
    make_candidate(actor=secretary_a, record=record, candidate_on=D(2025, 4, 1))


def test_an_applicant_cannot_be_made_a_candidate(world, secretary_a):
    record = record_at(world.branch_a, talked_on=D(2024, 3, 20))
    errors = refusal(
        lambda: make_candidate(actor=secretary_a, record=record, candidate_on=D(2025, 4, 1))
    )
    assert "applicant" in errors["stage"][0]

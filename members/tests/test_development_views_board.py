"""The pipeline board: counts per stage, what is due, filters, scope and query counts."""

import datetime

import pytest
from django.urls import reverse

from members.models import Stage
from members.tests.support.development import record_at

D = datetime.date
BOARD = "/members/development/"


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to("2025-06-10 09:00 +08:00")
    return D(2025, 6, 10)


def listed(response) -> set[int]:
    return {r.pk for r in response.context["page"].object_list}


def counts(response) -> dict[str, int]:
    return {stage: n for stage, _label, n in response.context["stages"]}


def test_board_url_is_the_named_route():
    assert reverse("members:development_board") == BOARD


def test_board_lists_the_records_of_the_scope_only(client, world, secretary_a, street_staff):
    mine = record_at(world.branch_a)
    other = record_at(world.branch_b)
    client.force_login(secretary_a)
    response = client.get(BOARD)
    assert listed(response) == {mine.pk}
    assert counts(response)[Stage.APPLICANT] == 1
    client.force_login(street_staff)
    assert listed(client.get(BOARD)) == {mine.pk, other.pk}


def test_board_counts_each_stage_and_lists_open_stages_by_default(client, world, secretary_a):
    record_at(world.branch_a)
    record_at(world.branch_a, Stage.ACTIVIST)
    record_at(world.branch_a, Stage.ACTIVIST)
    withdrawn = record_at(world.branch_a, Stage.WITHDRAWN, closed_on=D(2024, 5, 1))
    client.force_login(secretary_a)
    response = client.get(BOARD)
    c = counts(response)
    assert (c[Stage.APPLICANT], c[Stage.ACTIVIST], c[Stage.WITHDRAWN]) == (1, 2, 1)
    assert withdrawn.pk not in listed(response)
    assert listed(client.get(BOARD, {"stage": "withdrawn"})) == {withdrawn.pk}


def test_board_filters_by_stage_and_branch_keeping_counts_of_the_branch(
    client, world, community_staff
):
    a = record_at(world.branch_a, Stage.ACTIVIST)
    record_at(world.branch_b, Stage.ACTIVIST)
    record_at(world.branch_a)
    client.force_login(community_staff)
    response = client.get(BOARD, {"organization": world.branch_a.pk, "stage": "activist"})
    assert listed(response) == {a.pk}
    assert counts(response)[Stage.APPLICANT] == 1
    assert counts(response)[Stage.ACTIVIST] == 1


def test_board_refuses_to_filter_by_a_branch_outside_the_scope(client, world, secretary_a):
    record_at(world.branch_b)
    client.force_login(secretary_a)
    response = client.get(BOARD, {"organization": world.branch_b.pk})
    assert response.status_code == 200
    assert "organization" in response.context["filter"].errors
    assert world.branch_b not in response.context["filter"].form.fields["organization"].queryset


def test_board_shows_what_is_due(client, world, secretary_a):
    overdue = record_at(world.branch_a, applied_on=D(2025, 5, 1))
    record_at(world.branch_a, Stage.ACTIVIST)  # reviews 2024-09-15, 2025-03-15
    record_at(world.branch_a, Stage.CANDIDATE, admitted_on=D(2025, 6, 1))
    client.force_login(secretary_a)
    content = client.get(BOARD).content.decode()
    assert "2025-06-01" in content  # talk overdue, due by (1 calendar month)
    assert "2025-09-15" in content  # next review due
    assert "2025-04-01" in content  # may become a candidate from
    assert "2025-09-01" in content  # approval deadline
    assert overdue.name in content


def test_board_pages_through_many_records(client, world, secretary_a):
    for _ in range(30):
        record_at(world.branch_a)
    client.force_login(secretary_a)
    response = client.get(BOARD)
    assert len(response.context["page"].object_list) == 25
    assert len(client.get(BOARD, {"page": 2}).context["page"].object_list) == 5


def _fill(world, n):
    for _ in range(n):
        record_at(world.branch_a)
        record_at(world.branch_b, Stage.ACTIVIST)
        record_at(world.branch_a, Stage.CANDIDATE, admitted_on=D(2025, 6, 1))
        record_at(world.branch_b, Stage.PROBATIONARY)


def test_board_query_count_does_not_grow_with_the_records(
    client, world, community_staff, django_assert_num_queries
):
    _fill(world, 1)
    client.force_login(community_staff)
    client.get(BOARD)  # warm the session
    # session, user, scope (posts, assignments), the branch chosen, page count, figures,
    # page rows (with their last review), counts per stage, the branches offered
    with django_assert_num_queries(11):
        client.get(BOARD, {"organization": world.branch_a.pk})
    _fill(world, 10)
    with django_assert_num_queries(11):
        response = client.get(BOARD, {"organization": world.branch_a.pk})
    assert len(response.context["page"].object_list) == 22

"""The record page, the application form and the move pages, through the URLs."""

import datetime

import pytest
from django.urls import reverse

from members.models import DevelopmentRecord, Member, Stage
from members.tests.support.development import person, read_only_user, record_at

D = datetime.date


@pytest.fixture(autouse=True)
def english(client, settings):
    # the assertions read the English messages; the default language is Chinese
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to("2025-06-10 09:00 +08:00")
    return D(2025, 6, 10)


def detail_url(record):
    return reverse("members:development_detail", args=[record.pk])


def move_url(record, move):
    return reverse("members:development_move", args=[record.pk, move])


@pytest.fixture
def record(world):
    return record_at(world.branch_a, applied_on=D(2025, 5, 1))


@pytest.mark.parametrize("name", ["board", "new", "detail", "move"])
def test_anonymous_is_sent_to_log_in(client, record, name):
    url = {
        "board": reverse("members:development_board"),
        "new": reverse("members:development_new"),
        "detail": detail_url(record),
        "move": move_url(record, "talk"),
    }[name]
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_secretary_of_another_branch_gets_404_on_the_record_and_its_moves(
    client, record, secretary_b
):
    client.force_login(secretary_b)
    assert client.get(detail_url(record)).status_code == 404
    assert client.get(move_url(record, "talk")).status_code == 404
    assert client.post(move_url(record, "talk"), {"talked_on": "2025-05-10"}).status_code == 404
    record.refresh_from_db()
    assert record.talked_on is None


def test_grid_worker_does_not_see_development_records(client, record, grid_worker):
    client.force_login(grid_worker)
    assert client.get(detail_url(record)).status_code == 404


def test_read_only_committee_member_sees_the_record_without_forms_and_gets_403_on_post(
    client, world, record
):
    client.force_login(read_only_user(world.branch_a))
    response = client.get(detail_url(record))
    assert response.status_code == 200
    assert response.context["moves"] == []
    assert 'data-testid="moves"' not in response.content.decode()
    assert client.get(move_url(record, "talk")).status_code == 403
    assert client.post(move_url(record, "talk"), {"talked_on": "2025-05-10"}).status_code == 403
    assert client.get(reverse("members:development_new")).status_code == 403
    assert client.post(reverse("members:development_new"), {}).status_code == 403
    record.refresh_from_db()
    assert record.talked_on is None


def test_record_page_masks_the_id_number_and_offers_the_next_moves(client, record, secretary_a):
    client.force_login(secretary_a)
    response = client.get(detail_url(record))
    content = response.content.decode()
    assert record.id_number not in content
    assert record.id_number[-4:] in content
    assert [m.name for m in response.context["moves"]] == ["talk", "withdraw"]
    assert move_url(record, "talk") in content


def test_record_page_flags_a_late_talk(client, world, secretary_a):
    late = record_at(world.branch_a, applied_on=D(2025, 4, 1), talked_on=D(2025, 5, 2))
    client.force_login(secretary_a)
    response = client.get(detail_url(late))
    assert 'data-testid="talk-late"' in response.content.decode()


def test_talk_recorded_through_its_page(client, record, secretary_a):
    client.force_login(secretary_a)
    assert client.get(move_url(record, "talk")).status_code == 200
    response = client.post(move_url(record, "talk"), {"talked_on": "2025-05-10"})
    assert response.status_code == 302
    assert response.url == detail_url(record)
    record.refresh_from_db()
    assert record.talked_on == D(2025, 5, 10)


def test_refused_move_shows_the_rule_under_the_field_and_saves_nothing(client, world, secretary_a):
    activist = record_at(world.branch_a, Stage.ACTIVIST)
    client.force_login(secretary_a)
    response = client.post(move_url(activist, "candidate"), {"candidate_on": "2025-03-31"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "2025-04-01" in errors["candidate_on"][0]
    assert 'data-field="candidate_on"' in response.content.decode()
    activist.refresh_from_db()
    assert activist.stage == Stage.ACTIVIST


def test_wrong_stage_move_is_refused_with_a_message_on_the_form(client, record, secretary_a):
    client.force_login(secretary_a)
    response = client.post(move_url(record, "confirm"), {"decided_on": "2025-06-01"})
    assert response.status_code == 200
    assert "probationary member" in response.context["form"].non_field_errors()[0]
    assert not response.context["offered"]


def test_unknown_move_is_404(client, record, secretary_a):
    client.force_login(secretary_a)
    assert client.get(move_url(record, "promote")).status_code == 404


def test_application_form_records_an_application(client, world, secretary_a):
    client.force_login(secretary_a)
    assert client.get(reverse("members:development_new")).status_code == 200
    data = {**person(), "organization": world.branch_a.pk, "applied_on": "2025-06-01"}
    data["birth_date"] = data["birth_date"].isoformat()
    data["ethnicity"] = "汉族"
    response = client.post(reverse("members:development_new"), data)
    record = DevelopmentRecord.objects.get()
    assert response.status_code == 302
    assert response.url == detail_url(record)


def test_application_form_refuses_a_minor_under_the_date_field(client, world, secretary_a):
    client.force_login(secretary_a)
    data = {**person(D(2007, 6, 11)), "organization": world.branch_a.pk, "applied_on": "2025-06-10"}
    data["birth_date"] = data["birth_date"].isoformat()
    data["ethnicity"] = "汉族"
    response = client.post(reverse("members:development_new"), data)
    assert response.status_code == 200
    assert "2025-06-11" in response.context["form"].errors["applied_on"][0]
    assert not DevelopmentRecord.objects.exists()


def test_application_form_offers_only_the_branches_the_user_manages(client, world, secretary_a):
    client.force_login(secretary_a)
    form = client.get(reverse("members:development_new")).context["form"]
    assert list(form.fields["organization"].queryset) == [world.branch_a]


def test_approval_through_its_page_puts_the_person_on_the_roll(
    client, world, secretary_a, time_machine
):
    time_machine.move_to("2025-08-01 09:00 +08:00")
    record = record_at(
        world.branch_a,
        Stage.CANDIDATE,
        political_review_on=D(2025, 5, 1),
        training_started_on=D(2025, 5, 10),
        training_ended_on=D(2025, 5, 12),
        training_hours=24,
        admitted_on=D(2025, 6, 1),
    )
    client.force_login(secretary_a)
    response = client.post(move_url(record, "approve"), {"approved_on": "2025-07-01"})
    assert response.status_code == 302
    member = Member.objects.get()
    assert member.joined_on == D(2025, 6, 1)
    page = client.get(detail_url(record))
    assert page.context["record"].stage == Stage.PROBATIONARY

"""The appraisal pages: the list in scope with a fixed number of queries, opening, saving the
list with a count refused, deciding with the service's message, confirming by the level above
only, and the follow-up form."""

import datetime

import pytest
from django.urls import reverse

from assessment.models import Appraisal, AppraisalFollowUp, AppraisalState
from assessment.services.appraisals import appraisal_decide
from assessment.tests.support.appraisals import MEETING, TODAY, graded, members, opened

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(TODAY)


def test_the_list_shows_the_scopes_appraisals_in_a_fixed_number_of_queries(
    client, world, secretary_a, secretary_b, community_staff, django_assert_max_num_queries
):
    opened(secretary_a, world.branch_a, 3)
    opened(secretary_b, world.branch_b, 3)
    client.force_login(secretary_a)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("assessment:appraisal_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "A支部" in body and "B支部" not in body
    client.force_login(community_staff)
    body = client.get(reverse("assessment:appraisal_list")).content.decode()
    assert "A支部" in body and "B支部" in body


def test_the_index_links_to_the_appraisals(client, secretary_a):
    client.force_login(secretary_a)
    response = client.get(reverse("assessment:scheme_list"))
    assert reverse("assessment:appraisal_list") in response.content.decode()


def test_opening_from_the_list(client, world, secretary_a):
    members(world.branch_a, 2)
    client.force_login(secretary_a)
    response = client.post(
        reverse("assessment:appraisal_open"),
        {"organization": world.branch_a.pk, "year": 2026, "excellent_cap_percent": "30"},
    )
    appraisal = Appraisal.objects.get()
    assert response.status_code == 302 and appraisal.excellent_cap_percent == 30
    response = client.post(
        reverse("assessment:appraisal_open"), {"organization": world.branch_a.pk, "year": 2026}
    )
    assert response.status_code == 200 and "2026" in response.content.decode()
    assert Appraisal.objects.count() == 1


def test_saving_the_list_and_a_refused_count(client, world, secretary_a):
    appraisal, entries = opened(secretary_a, world.branch_a, 2)
    client.force_login(secretary_a)
    url = reverse("assessment:appraisal_detail", args=[appraisal.pk])
    assert client.get(url).status_code == 200
    data = {f"e{e.pk}-votes_excellent": "1" for e in entries}
    data[f"e{entries[0].pk}-self_assessment"] = "按时参加组织生活"
    response = client.post(reverse("assessment:appraisal_entries", args=[appraisal.pk]), data)
    assert response.status_code == 302
    entries[0].refresh_from_db()
    assert entries[0].self_assessment == "按时参加组织生活"
    data[f"e{entries[0].pk}-votes_qualified"] = "2"
    response = client.post(
        reverse("assessment:appraisal_entries", args=[appraisal.pk]), data, follow=True
    )
    assert "3" in response.content.decode()
    entries[0].refresh_from_db()
    assert entries[0].votes_qualified == 0


def test_deciding_shows_the_services_message_then_the_level_above_confirms(
    client, world, secretary_a, community_staff
):
    appraisal, entries = opened(secretary_a, world.branch_a, 2)
    client.force_login(secretary_a)
    decide = reverse("assessment:appraisal_decide", args=[appraisal.pk])
    response = client.post(decide, {"meeting_date": ""})
    assert response.status_code == 200
    assert 'data-testid="decide-errors"' in response.content.decode()
    grade = graded(entries)[entries[0].pk]
    data = {f"e{e.pk}-grade": grade.pk for e in entries}
    client.post(reverse("assessment:appraisal_entries", args=[appraisal.pk]), data)
    response = client.post(decide, {"meeting_date": MEETING.isoformat()})
    assert response.status_code == 302
    appraisal.refresh_from_db()
    assert appraisal.state == AppraisalState.DECIDED
    confirm = reverse("assessment:appraisal_confirm", args=[appraisal.pk])
    assert client.post(confirm).status_code == 403
    client.force_login(community_staff)
    page = client.get(reverse("assessment:appraisal_detail", args=[appraisal.pk]))
    assert 'data-testid="appraisal-confirm"' in page.content.decode()
    assert client.post(confirm).status_code == 302
    appraisal.refresh_from_db()
    assert appraisal.state == AppraisalState.CONFIRMED


def test_the_follow_up_form_of_a_member_graded_failing(client, world, secretary_a):
    appraisal, entries = opened(secretary_a, world.branch_a, 2)
    appraisal_decide(
        user=secretary_a, appraisal=appraisal, meeting_date=MEETING, grades=graded(entries, 0, 1)
    )
    follow_up = AppraisalFollowUp.objects.get()
    client.force_login(secretary_a)
    page = client.get(reverse("assessment:appraisal_detail", args=[appraisal.pk]))
    assert f'data-testid="follow-up-form-{follow_up.pk}"' in page.content.decode()
    url = reverse("assessment:appraisal_follow_up", args=[follow_up.pk])
    prefix = f"f{follow_up.pk}"
    response = client.post(url, {f"{prefix}-measures": "谈心谈话"})
    assert response.status_code == 200
    response = client.post(
        url, {f"{prefix}-measures": "谈心谈话", f"{prefix}-deadline": "2027-05-18"}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.deadline == datetime.date(2027, 5, 18)


def test_another_branchs_appraisal_is_a_404(client, world, secretary_a, secretary_b):
    appraisal, _entries = opened(secretary_b, world.branch_b, 1)
    client.force_login(secretary_a)
    assert (
        client.get(reverse("assessment:appraisal_detail", args=[appraisal.pk])).status_code == 404
    )
    response = client.post(reverse("assessment:appraisal_decide", args=[appraisal.pk]))
    assert response.status_code == 404

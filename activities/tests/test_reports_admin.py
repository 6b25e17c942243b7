"""Reports in the admin: scoped like the pages, steps read-only, remarks of a draft or
returned report corrected through the service, submitted and approved reports locked."""

import pytest
from django.urls import reverse

from activities.models import ReportEvent
from activities.services import reports as services
from activities.tests.support.admin import change_url
from activities.tests.support.reports import draft_of, form_data, submitted_of


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 09:00 +08:00")


def test_another_branchs_report_is_a_404_in_the_admin(client, world, secretary_a, secretary_b):
    report = draft_of(world.branch_a, secretary_a)
    client.force_login(secretary_b)
    assert client.get(change_url(report)).status_code == 404
    response = client.get(reverse("admin:activities_report_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_the_remarks_of_a_draft_are_corrected_through_the_service(client, world, secretary_a):
    report = draft_of(world.branch_a, secretary_a)
    client.force_login(secretary_a)
    response = client.get(change_url(report))
    assert response.status_code == 200 and response.context["has_change_permission"]
    response = client.post(change_url(report), form_data(report, remarks="按时召开"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.remarks == "按时召开"
    assert ReportEvent.objects.filter(report=report, action="edited", by=secretary_a).exists()


def test_submitted_and_approved_reports_are_read_only_in_the_admin(
    client, world, secretary_a, community_staff
):
    report = submitted_of(world.branch_a, secretary_a)
    client.force_login(secretary_a)
    assert not client.get(change_url(report)).context["has_change_permission"]
    services.report_approve(user=community_staff, report=report)
    client.force_login(community_staff)
    response = client.get(change_url(report))
    assert response.status_code == 200 and not response.context["has_change_permission"]
    client.post(change_url(report), form_data(report, title="x", remarks="y"))
    report.refresh_from_db()
    assert report.remarks == ""


def test_reports_are_not_added_in_the_admin(client, world, secretary_a):
    client.force_login(secretary_a)
    assert client.get(reverse("admin:activities_report_add")).status_code == 403

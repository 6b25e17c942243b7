"""The report page's "Changes" card: who changed the report, when, and which fields."""

from django.urls import reverse

from activities.tests.support.reports import submitted_of


def test_the_report_page_lists_its_changes(client, world, secretary_a, english):
    report = submitted_of(world.branch_a, secretary_a)
    report.remarks = "补充说明"
    report._history_user = secretary_a
    report.save()
    client.force_login(secretary_a)
    page = client.get(reverse("activities:report_detail", args=[report.pk])).content.decode()
    card = page[page.index('data-testid="changes"') :]
    assert "secretary_a" in card and "remarks of the organization" in card

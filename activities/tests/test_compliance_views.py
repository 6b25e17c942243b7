"""The compliance page and the exemption pages, for each persona."""

import datetime

import pytest
from django.urls import reverse

from activities.models import Exemption
from activities.tests.factories import activity_type
from activities.tests.support.compliance import ExemptionFactory, exemption_url, held, url
from organizations.tests.factories import branch

D = datetime.date

pytestmark = [
    pytest.mark.usefixtures("_today"),
]


@pytest.fixture
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00", tick=False)


# The calendar


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(url())
    assert response.status_code == 302 and "login" in response.url


def test_a_secretary_sees_the_own_branch_this_year_by_default(client, world, secretary_a):
    held(world.branch_a, "branch_general_meeting", D(2026, 3, 31))
    ExemptionFactory(
        organization=world.branch_a,
        activity_type=activity_type("party_lesson"),
        starts_on=D(2026, 4, 1),
        ends_on=D(2026, 6, 30),
        reason="支部换届",
    )
    client.force_login(secretary_a)
    response = client.get(url())
    assert response.status_code == 200
    assert response.context["organization"] == world.branch_a
    assert response.context["year"] == 2026
    page = response.content.decode()
    assert 'data-testid="compliance-grid"' in page
    assert 'data-testid="row-party_lesson-secretary"' in page
    assert 'data-testid="cell-held"' in page
    assert 'title="支部换届" data-testid="cell-exempt"' in page
    assert 'data-testid="cell-missing"' in page and 'data-testid="cell-due"' in page
    # the exemption is granted from above: no button for the branch itself
    assert 'data-testid="exemption-create"' not in page


def test_held_cells_link_to_the_activities_of_the_period(client, world, secretary_a):
    held(world.branch_a, "branch_general_meeting", D(2026, 3, 31))
    client.force_login(secretary_a)
    response = client.get(url(world.branch_a, year=2026))
    expected = (
        f"?organization={world.branch_a.pk}&amp;activity_type="
        f"{activity_type('branch_general_meeting').pk}&amp;status=held"
        "&amp;date_from=2026-01-01&amp;date_to=2026-03-31"
    )
    assert expected in response.content.decode()


def test_the_year_switch_and_bad_years(client, world, secretary_a):
    client.force_login(secretary_a)
    assert client.get(url(world.branch_a, year=2025)).context["year"] == 2025
    assert client.get(url(world.branch_a, year="abc")).context["year"] == 2026
    assert client.get(url(world.branch_a, year=1900)).context["year"] == 2026


def test_another_branch_is_404(client, world, secretary_a):
    client.force_login(secretary_a)
    assert client.get(url(world.branch_b)).status_code == 404
    assert client.get(url(organization=None, organization_x=1)).status_code == 200
    assert client.get(reverse("activities:compliance") + "?organization=abc").status_code == 404


def test_a_party_group_is_open_to_its_branch_secretary(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.get(url(world.group_a))
    assert response.status_code == 200
    assert 'data-testid="row-party_group_meeting"' in response.content.decode()
    assert 'data-testid="exemption-create"' in response.content.decode()


def test_a_user_without_post_gets_an_empty_page(client, world, no_post_user):
    client.force_login(no_post_user)
    response = client.get(url())
    assert response.status_code == 200
    assert 'data-testid="no-organization"' in response.content.decode()


def test_staff_see_the_organizations_below_with_their_counts(client, world, community_staff):
    held(world.branch_a, "themed_party_day", D(2026, 11, 2))
    client.force_login(community_staff)
    response = client.get(url())
    assert response.context["organization"] == world.community1
    rows = {r.organization: r for r in response.context["overview"]}
    assert set(rows) == {world.branch_a, world.branch_b, world.group_a}
    assert rows[world.branch_a].month_held == 1
    page = response.content.decode()
    assert f'href="?organization={world.branch_a.pk}&amp;year=2026"' in page
    assert 'data-testid="overview-rows"' in page
    assert response.context["overview_month"].key == "2026-11"
    past = client.get(url(world.community1, year=2026, month="2026-09"))
    assert past.context["overview_month"].key == "2026-09"
    assert client.get(url(world.community1, year=2025)).context["overview_month"].key == "2025-12"


def test_a_calendar_with_nothing_required_shows_no_attendance(client, world, street_staff):
    from activities.models import AttendanceStatus
    from activities.tests.factories import AttendanceFactory
    from members.tests.factories import MemberFactory

    day = held(world.street_committee1, "volunteer_service", D(2026, 11, 3))
    member = MemberFactory(organization=world.branch_a)
    AttendanceFactory(activity=day, member=member, status=AttendanceStatus.PRESENT)
    client.force_login(street_staff)
    page = client.get(url(world.street_committee1, year=2026)).content.decode()
    grid = page.split('data-testid="compliance-grid"')[1].split("</table>")[0]
    assert "100%" not in grid
    assert 'data-testid="attendance-months"' not in grid


def test_the_organization_picker_offers_the_neighbourhood(client, world, street_staff):
    client.force_login(street_staff)
    picker = set(client.get(url(world.community1)).context["picker"])
    assert picker == {
        world.street_committee1,
        world.community1,
        world.branch_a,
        world.branch_b,
    }


@pytest.mark.parametrize("branches", [0, 5])
def test_the_page_runs_a_fixed_number_of_queries(
    client, world, community_staff, django_assert_num_queries, branches
):
    for _ in range(branches):
        org = branch(world.community1)
        held(org, "themed_party_day", D(2026, 11, 2))
        ExemptionFactory(organization=org, starts_on=D(2026, 11, 1), ends_on=D(2026, 11, 30))
    held(world.branch_a, "themed_party_day", D(2026, 11, 3))
    client.force_login(community_staff)
    # session, user, posts, grid assignments, the default organization; overview: types,
    # organizations, held, exemptions, committee terms; calendar: types, held, exemptions
    # (no committee terms: a community committee holds no branch committee meeting), the
    # year's activities (none: no attendance query); the year's exemptions, the navbar's
    # reminder count, the picker
    with django_assert_num_queries(17):
        response = client.get(url())
    assert len(response.context["overview"].object_list) == 3 + branches


# Exemptions


def test_staff_grant_an_exemption_from_the_calendar(client, world, community_staff):
    client.force_login(community_staff)
    assert 'data-testid="exemption-create"' in client.get(url(world.branch_a)).content.decode()
    page = client.get(exemption_url(world.branch_a))
    assert page.status_code == 200
    types = {t.code for t in page.context["form"].fields["activity_type"].queryset}
    assert "party_group_meeting" not in types and "branch_general_meeting" in types
    response = client.post(
        exemption_url(world.branch_a),
        {
            "organization": world.branch_a.pk,
            "activity_type": activity_type("branch_general_meeting").pk,
            "starts_on": "2026-10-01",
            "ends_on": "2026-12-31",
            "reason": "支部合并",
        },
    )
    assert response.status_code == 302
    assert response.url == url(world.branch_a) + "&year=2026"
    exemption = Exemption.objects.get()
    assert (exemption.organization, exemption.recorded_by) == (world.branch_a, community_staff)


def test_a_refused_exemption_shows_why_and_saves_nothing(client, world, community_staff, english):
    ExemptionFactory(organization=world.branch_a, starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31))
    client.force_login(community_staff)
    response = client.post(
        exemption_url(world.branch_a),
        {
            "organization": world.branch_a.pk,
            "activity_type": "",
            "starts_on": "2026-10-01",
            "ends_on": "2026-09-01",
            "reason": "合并",
        },
    )
    assert response.status_code == 200
    assert "An exemption cannot end before it starts." in response.content.decode()
    response = client.post(
        exemption_url(world.branch_a),
        {
            "organization": world.branch_a.pk,
            "starts_on": "2026-10-01",
            "ends_on": "2026-10-31",
            "reason": "合并",
        },
    )
    assert "is already exempt from every required activity" in response.content.decode()
    assert Exemption.objects.count() == 1


def test_a_secretary_may_not_exempt_the_own_branch(client, world, secretary_a, secretary_b):
    client.force_login(secretary_a)
    assert client.get(exemption_url(world.branch_a)).status_code == 403
    assert client.get(exemption_url(world.branch_b)).status_code == 404
    assert client.get(exemption_url(world.group_a)).status_code == 200
    response = client.post(
        exemption_url(),
        {
            "organization": world.branch_a.pk,
            "starts_on": "2026-10-01",
            "ends_on": "2026-10-31",
            "reason": "合并",
        },
    )
    assert response.status_code == 200 and not Exemption.objects.exists()
    assert "organization" in response.context["form"].errors
    client.force_login(secretary_b)  # branch B has no party group: nothing to exempt
    assert client.get(exemption_url()).status_code == 403


def test_an_exemption_is_ended_or_withdrawn_from_above_only(
    client, world, community_staff, secretary_a
):
    running = ExemptionFactory(organization=world.branch_a, ends_on=D(2026, 12, 31))
    future = ExemptionFactory(
        organization=world.branch_a,
        activity_type=activity_type("party_lesson"),
        starts_on=D(2027, 1, 1),
        ends_on=D(2027, 3, 31),
    )
    client.force_login(secretary_a)
    assert client.post(reverse("activities:exemption_end", args=[running.pk])).status_code == 403
    client.force_login(community_staff)
    assert client.get(reverse("activities:exemption_end", args=[running.pk])).status_code == 405
    response = client.post(reverse("activities:exemption_end", args=[running.pk]))
    assert response.status_code == 302
    running.refresh_from_db()
    assert running.ends_on == D(2026, 11, 26)
    client.post(reverse("activities:exemption_withdraw", args=[future.pk]))
    assert not Exemption.objects.filter(pk=future.pk).exists()
    response = client.post(reverse("activities:exemption_withdraw", args=[running.pk]), follow=True)
    assert Exemption.objects.filter(pk=running.pk).exists()
    assert [m.level_tag for m in response.context["messages"]][-1] == "error"


def test_exemptions_outside_the_scope_are_404(client, world, other_street_staff):
    exemption = ExemptionFactory(organization=world.branch_a)
    client.force_login(other_street_staff)
    assert client.post(reverse("activities:exemption_end", args=[exemption.pk])).status_code == 404

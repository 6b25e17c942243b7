"""The compliance API: exemptions scoped and granted from above, the calendar and overview."""

import datetime

import pytest

from activities.models import Exemption
from activities.tests.factories import activity_type
from activities.tests.support.compliance import ExemptionFactory, held

D = datetime.date

pytestmark = [
    pytest.mark.usefixtures("_today"),
]


@pytest.fixture
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00", tick=False)


def test_exemptions_list_only_what_is_in_scope(client, world, secretary_a, community_staff):
    a = ExemptionFactory(organization=world.branch_a)
    b = ExemptionFactory(organization=world.branch_b)
    ExemptionFactory(organization=world.branch_d)
    client.force_login(secretary_a)
    assert [row["id"] for row in client.get("/api/activity-exemptions/").json()["results"]] == [
        a.pk
    ]
    assert client.get(f"/api/activity-exemptions/{b.pk}/").status_code == 404
    client.force_login(community_staff)
    rows = client.get(f"/api/activity-exemptions/?organization={world.branch_b.pk}").json()
    assert [row["id"] for row in rows["results"]] == [b.pk]
    assert rows["results"][0]["activity_type"] is None


def test_exemptions_filter_by_day_in_force(client, world, community_staff):
    ExemptionFactory(organization=world.branch_a, starts_on=D(2026, 1, 1), ends_on=D(2026, 3, 31))
    later = ExemptionFactory(
        organization=world.branch_a, starts_on=D(2026, 4, 1), ends_on=D(2026, 6, 30)
    )
    client.force_login(community_staff)
    rows = client.get("/api/activity-exemptions/?active_on=2026-05-01").json()["results"]
    assert [row["id"] for row in rows] == [later.pk]


def test_staff_grant_an_exemption_through_the_api(client, world, community_staff):
    client.force_login(community_staff)
    response = client.post(
        "/api/activity-exemptions/",
        {
            "organization": world.branch_a.pk,
            "activity_type": activity_type("themed_party_day").pk,
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-31",
            "reason": "换届选举",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["activity_type_code"] == "themed_party_day"
    assert Exemption.objects.get().recorded_by == community_staff


def test_the_branch_cannot_exempt_itself_through_the_api(client, world, secretary_a, english):
    client.force_login(secretary_a)
    body = {
        "organization": world.branch_a.pk,
        "starts_on": "2026-12-01",
        "ends_on": "2026-12-31",
        "reason": "换届选举",
    }
    response = client.post("/api/activity-exemptions/", body, content_type="application/json")
    assert response.status_code == 400
    assert "granted by the level above" in response.json()["organization"][0]
    body["organization"] = world.branch_b.pk  # out of scope: not even a valid choice
    response = client.post("/api/activity-exemptions/", body, content_type="application/json")
    assert response.status_code == 400 and "organization" in response.json()
    assert not Exemption.objects.exists()


def test_the_calendar_as_json(client, world, secretary_a):
    held(world.branch_a, "branch_general_meeting", D(2026, 9, 30))
    client.force_login(secretary_a)
    data = client.get(f"/api/compliance/?organization={world.branch_a.pk}&year=2026").json()
    assert data["organization"] == world.branch_a.pk and data["year"] == 2026
    meeting = next(r for r in data["rows"] if r["code"] == "branch_general_meeting")
    assert meeting["frequency"] == "quarter"
    assert [c["state"] for c in meeting["cells"]] == ["missing", "missing", "held", "due"]
    assert meeting["cells"][2] == {
        "period": "2026-Q3",
        "start": "2026-07-01",
        "end": "2026-09-30",
        "state": "held",
        "activities": 1,
        "exemption": None,
    }
    assert set(data["attendance"]["months"]) == {f"2026-{m:02d}" for m in range(1, 13)}
    assert client.get("/api/compliance/").json()["organization"] == world.branch_a.pk


def test_the_calendar_is_404_outside_the_scope_and_400_for_a_bad_year(
    client, world, secretary_a, no_post_user
):
    client.force_login(secretary_a)
    assert client.get(f"/api/compliance/?organization={world.branch_b.pk}").status_code == 404
    response = client.get(f"/api/compliance/?organization={world.branch_a.pk}&year=x")
    assert response.status_code == 400
    client.force_login(no_post_user)
    assert client.get("/api/compliance/").status_code == 404


def test_the_overview_as_json(client, world, community_staff):
    held(world.branch_a, "themed_party_day", D(2026, 11, 2))
    client.force_login(community_staff)
    rows = client.get(
        f"/api/compliance/overview/?organization={world.community1.pk}&month=2026-11"
    ).json()
    by_org = {row["organization"]: row for row in rows}
    assert set(by_org) == {world.branch_a.pk, world.branch_b.pk, world.group_a.pk}
    assert by_org[world.branch_a.pk]["month_held"] == 1
    assert client.get("/api/compliance/overview/?month=bad").status_code == 400


def test_anonymous_is_refused(client, world):
    assert client.get("/api/activity-exemptions/").status_code == 403
    assert client.get("/api/compliance/").status_code == 403

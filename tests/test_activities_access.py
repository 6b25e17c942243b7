"""The activities area for every persona: what it opens inside its scope, in the pages,
the downloads and the API. That nothing outside the scope opens is proven for every URL by
the generated matrix (test_access_matrix.py)."""

import datetime

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse

from activities.models import Attachment, Exemption, PairingAgreement, ReportEvent, ReportState
from activities.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    NeedFactory,
    ProjectFactory,
    ReportFactory,
    activity_type,
)
from members.tests.factories import MemberFactory
from organizations.models import UnitOrganization
from tests.support.personas import BRANCHES, POST_PERSONAS, SEES

LISTS = [
    "activities:activity_list",
    "activities:compliance",
    "activities:report_list",
    "activities:review_queue",
    "activities:cobuilding",
    "activities:volunteer",
    "activities:type_mix",
]
API_LISTS = [
    "/api/activities/",
    "/api/activity-types/",
    "/api/activity-exemptions/",
    "/api/reports/",
    "/api/co-building-needs/",
    "/api/co-building-projects/",
    "/api/pairing-agreements/",
]

# a 1×1 PNG
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000005000155a2b0b30000000049454e44ae426082"
)

pytestmark = pytest.mark.usefixtures("_fixed_day")


@pytest.fixture
def _fixed_day():
    with time_machine.travel(datetime.datetime(2026, 11, 26, 10, 0), tick=False):
        yield


@pytest.fixture
def records(world, secretary_a):
    out = {}
    for name in BRANCHES:
        branch = getattr(world, name)
        member = MemberFactory(organization=branch)
        unit = UnitOrganization.objects.create(
            community=branch.community, name=f"{branch.name}共建单位", unit_kind="school"
        )
        project = ProjectFactory(community=branch.community, title=f"{branch.name}项目")
        NeedFactory(community=branch.community, title=f"{branch.name}需求")
        activity = ActivityFactory(
            organization=branch,
            activity_type=activity_type("volunteer_service"),
            topic=f"{branch.name}志愿服务",
            project=project,
            people_served=12,
            network="volunteer",
        )
        AttendanceFactory(activity=activity, member=member, hours=2)
        attachment = Attachment(
            activity=activity,
            kind="image",
            content_type="image/png",
            original_name="photo.png",
            size=len(PNG),
        )
        attachment.file.save("photo.png", ContentFile(PNG), save=False)
        attachment.save()
        report = ReportFactory(
            activity=activity,
            state=ReportState.SUBMITTED,
            created_by=secretary_a,
            submitted_by=secretary_a,
            submitted_at=datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC),
        )
        ReportEvent.objects.create(
            report=report, action="submitted", state_after="submitted", by=secretary_a
        )
        exemption = Exemption.objects.create(
            organization=branch,
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 3, 31),
            reason="新成立",
        )
        agreement = PairingAgreement.objects.create(
            branch=branch, unit=unit, signed_on=datetime.date(2026, 2, 1), content="结对帮扶"
        )
        out[name] = {
            "topic": activity.topic,
            "project": [
                reverse("activities:project_detail", args=[project.pk]),
                f"/api/co-building-projects/{project.pk}/",
            ],
            "pages": [
                reverse("activities:activity_detail", args=[activity.pk]),
                reverse("activities:activity_attachment", args=[attachment.pk]),
                reverse("activities:report_detail", args=[report.pk]),
                reverse("activities:compliance") + f"?organization={branch.pk}&year=2026",
            ],
            "api": [
                f"/api/activities/{activity.pk}/",
                f"/api/reports/{report.pk}/",
                f"/api/activity-exemptions/{exemption.pk}/",
                f"/api/pairing-agreements/{agreement.pk}/",
            ],
        }
    return out


@pytest.mark.parametrize("persona", POST_PERSONAS)
def test_activities_area_opens_inside_the_scope(client, world, records, request, persona):
    client.force_login(request.getfixturevalue(persona))
    for name in SEES[persona]:
        for url in records[name]["pages"] + records[name]["api"]:
            status = client.get(url).status_code
            assert status == 200, (persona, name, url, status)


# the co-building lists are a community's: both secretaries of community 1 read them
SEES_COMMUNITY_OF = {
    "secretary_a": {"branch_a", "branch_b"},
    "secretary_b": {"branch_a", "branch_b"},
    "community_staff": {"branch_a", "branch_b"},
    "street_staff": {"branch_a", "branch_b", "branch_c"},
    "other_street_staff": {"branch_d"},
    "no_post_user": set(),
    "superuser": set(BRANCHES),
}


@pytest.mark.parametrize("persona", POST_PERSONAS)
def test_co_building_projects_answer_404_outside_the_community(
    client, world, records, request, persona
):
    client.force_login(request.getfixturevalue(persona))
    for name in BRANCHES:
        for url in records[name]["project"]:
            status = client.get(url).status_code
            assert status == (200 if name in SEES_COMMUNITY_OF[persona] else 404), (
                persona,
                name,
                url,
            )


@pytest.mark.parametrize("persona", POST_PERSONAS)
def test_activity_list_and_api_show_only_what_is_in_scope(client, world, records, request, persona):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(reverse("activities:activity_list")).content.decode()
    api = client.get("/api/activities/?page_size=100").content.decode()
    for name in BRANCHES:
        topic = records[name]["topic"]
        assert (topic in page) == (name in SEES[persona]), (persona, name)
        assert (topic in api) == (name in SEES[persona]), (persona, name)


@pytest.mark.parametrize("url", LISTS)
def test_activities_lists_send_anonymous_to_log_in(client, db, url):
    response = client.get(reverse(url))
    assert response.status_code == 302 and "login" in response.url


@pytest.mark.parametrize("url", LISTS)
def test_activities_lists_open_for_every_persona(client, world, records, request, url):
    for persona in POST_PERSONAS:
        client.force_login(request.getfixturevalue(persona))
        assert client.get(reverse(url)).status_code == 200, (persona, url)


@pytest.mark.parametrize("url", API_LISTS)
def test_activities_api_lists_open_for_every_persona(client, world, records, request, url):
    for persona in POST_PERSONAS:
        client.force_login(request.getfixturevalue(persona))
        assert client.get(url).status_code == 200, (persona, url)


def test_review_queue_holds_what_lies_below_the_reviewer(client, world, records, request):
    expected = {
        "secretary_a": set(),
        "community_staff": {"branch_a", "branch_b"},
        "street_staff": {"branch_a", "branch_b", "branch_c"},
        "other_street_staff": {"branch_d"},
    }
    for persona, branches in expected.items():
        client.force_login(request.getfixturevalue(persona))
        page = client.get(reverse("activities:review_queue")).content.decode()
        for name in BRANCHES:
            assert (records[name]["topic"] in page) == (name in branches), (persona, name)

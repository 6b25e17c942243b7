"""The members area for every persona: what it opens inside its scope. That nothing outside
the scope opens is proven for every URL by the generated matrix (test_access_matrix.py)."""

import datetime

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory as user_factory
from members.models import (
    DuesRecord,
    MobileMember,
    TrainingCourse,
    TrainingSession,
    Transfer,
    TransferEvent,
)
from members.tests.factories import MemberFactory
from members.tests.support.development import record_at
from tests.support.personas import BRANCHES, POST_PERSONAS, SEES

LISTS = [
    "members:list",
    "members:development_board",
    "members:dues_overview",
    "members:training_courses",
    "members:mobile_census",
    "members:mobile_list",
    "members:mobile_drifting",
    "members:mobile_pocket",
    "members:transfer_list",
    "reminders:inbox",
]


@pytest.fixture
def records(world):
    out = {}
    for name in BRANCHES:
        branch = getattr(world, name)
        member = MemberFactory(organization=branch)
        dues = DuesRecord.objects.create(
            member=member, month=datetime.date(2025, 5, 1), category="employed", expected=10
        )
        course = TrainingCourse.objects.create(
            organization=branch,
            level="branch",
            title=f"{branch.name}学习班",
            starts_on=datetime.date(2025, 5, 1),
            ends_on=datetime.date(2025, 5, 31),
            planned_hours=8,
        )
        TrainingSession.objects.create(
            course=course, held_on=datetime.date(2025, 5, 10), topic="党章", hours=4
        )
        mobile = MobileMember.objects.create(
            organization=branch,
            direction="out",
            category="migrant_worker",
            member=member,
            whereabouts="苏州",
            away_since=datetime.date(2025, 1, 1),
        )
        transfer = Transfer.objects.create(
            direction="out",
            state="issued",
            member=member,
            from_organization=branch,
            external_organization="外地某社区党委",
            letter_number=f"2025-T-{branch.pk:04d}",
            letter_issued_on=datetime.date(2025, 5, 1),
            valid_until=datetime.date(2025, 7, 31),
            created_by=user_factory(),
        )
        TransferEvent.objects.create(transfer=transfer, by=transfer.created_by, to_state="issued")
        out[name] = {
            "pages": [
                reverse("members:detail", args=[member.pk]),
                reverse("members:development_detail", args=[record_at(branch).pk]),
                reverse("members:dues_month", args=[branch.pk, datetime.date(2025, 5, 1)]),
                reverse("members:training_course", args=[course.pk]),
                reverse("members:mobile_detail", args=[mobile.pk]),
                reverse("members:transfer_detail", args=[transfer.pk]),
                reverse("members:transfer_letter", args=[transfer.pk]),
            ],
            "api": [
                f"/api/members/{member.pk}/",
                f"/api/dues-records/{dues.pk}/",
                f"/api/training-courses/{course.pk}/",
                f"/api/mobile-members/{mobile.pk}/",
                f"/api/transfers/{transfer.pk}/",
            ],
        }
    return out


@pytest.mark.parametrize("persona", POST_PERSONAS)
def test_members_area_opens_inside_the_scope(client, world, records, request, persona):
    client.force_login(request.getfixturevalue(persona))
    for name in SEES[persona]:
        for url in records[name]["pages"] + records[name]["api"]:
            status = client.get(url).status_code
            assert status == 200, (persona, name, url, status)


@pytest.mark.parametrize(
    "url",
    LISTS,
)
def test_members_lists_send_anonymous_to_log_in(client, db, url):
    response = client.get(reverse(url))
    assert response.status_code == 302 and "login" in response.url


@pytest.mark.parametrize(
    "url",
    LISTS,
)
def test_members_lists_open_for_every_persona(client, world, request, url):
    for persona in POST_PERSONAS:
        client.force_login(request.getfixturevalue(persona))
        assert client.get(reverse(url)).status_code == 200, (persona, url)

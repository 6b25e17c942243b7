"""The activity ledger export: the list's filters and scope, the attendance figures, and a
number of queries that does not grow with the number of activities."""

import datetime
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from activities.models import Attendance, ReportState
from activities.tests.factories import ActivityFactory, ReportFactory, activity_type
from activities.tests.support.activities import sheet
from members.models import MobileMember
from members.tests.factories import MemberFactory

pytestmark = pytest.mark.usefixtures("_fixed_day")


@pytest.fixture
def _fixed_day():
    with time_machine.travel(datetime.datetime(2026, 11, 26, 10, 0), tick=False):
        yield


def test_the_ledger_holds_the_activities_in_scope_with_their_attendance(client, world, secretary_a):
    came, stayed_home, away = (MemberFactory(organization=world.branch_a) for _ in range(3))
    MobileMember.objects.create(
        organization=world.branch_a,
        direction="out",
        category="migrant_worker",
        member=away,
        whereabouts="苏州",
        away_since=datetime.date(2026, 1, 1),
    )
    meeting = ActivityFactory(organization=world.branch_a, topic="学习党章")
    Attendance.objects.create(activity=meeting, member=came, status="present")
    Attendance.objects.create(activity=meeting, member=stayed_home, status="absent")
    Attendance.objects.create(activity=meeting, member=away, status="leave")
    ActivityFactory(organization=world.branch_b, topic="B支部的活动")

    client.force_login(secretary_a)
    rows = sheet(client.get(reverse("activities:activity_export")))

    header, *body = rows
    assert header[:4] == ("日期", "时间", "组织", "活动类型")
    assert [row[6] for row in body] == ["学习党章"]
    [row] = body
    by_header = dict(zip(header, row, strict=True))
    assert by_header["活动类型"] == "主题党日"
    assert (by_header["应到"], by_header["实到"], by_header["缺席"], by_header["外出不计应到"]) == (
        2,
        1,
        1,
        1,
    )
    assert by_header["出席率"] == "50%"


def test_the_ledger_follows_the_list_filters(client, world, secretary_a):
    ActivityFactory(
        organization=world.branch_a, topic="十月的主题党日", held_on=datetime.date(2026, 10, 9)
    )
    ActivityFactory(
        organization=world.branch_a,
        topic="十一月的党课",
        activity_type=activity_type("party_lesson"),
        held_on=datetime.date(2026, 11, 9),
    )
    client.force_login(secretary_a)
    rows = sheet(client.get(reverse("activities:activity_export"), {"date_from": "2026-11-01"}))
    assert [row[6] for row in rows[1:]] == ["十一月的党课"]


def test_the_ledger_runs_the_same_queries_for_more_activities(client, world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)

    def export_with(n: int) -> int:
        for _ in range(n):
            activity = ActivityFactory(organization=world.branch_a)
            Attendance.objects.create(activity=activity, member=member, status="present")
        with CaptureQueriesContext(connection) as queries:
            sheet(client.get(reverse("activities:activity_export")))
        return len(queries.captured_queries)

    assert export_with(2) == export_with(8)


def test_a_user_without_a_post_gets_no_ledger(client, no_post_user):
    client.force_login(no_post_user)
    assert client.get(reverse("activities:activity_export")).status_code == 403


def test_the_ledger_writes_the_state_of_an_activity_s_report_as_text(client, world, secretary_a):
    meeting = ActivityFactory(organization=world.branch_a, topic="学习党章")
    ReportFactory(activity=meeting)
    client.force_login(secretary_a)

    response = client.get(reverse("activities:activity_export"))

    assert response.status_code == 200
    header, row = sheet(response)
    with translation.override("zh-hans"):
        draft = str(ReportState.DRAFT.label)
    assert dict(zip(header, row, strict=True))["报告"] == draft


@pytest.mark.parametrize("topic", ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)"])
def test_the_ledger_writes_a_formula_like_topic_and_place_as_text(
    client, world, secretary_a, topic
):
    ActivityFactory(organization=world.branch_a, topic=topic, place="=A1")
    client.force_login(secretary_a)
    response = client.get(reverse("activities:activity_export"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [cell for row in workbook.active.iter_rows(min_row=2) for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    by_value = {cell.value: cell for cell in cells}
    for value in (topic, "=A1"):
        assert (by_value[value].data_type, by_value[value].quotePrefix) == ("s", True)

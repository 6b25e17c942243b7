"""Attendance of a training session imported from Excel through its URLs: template, preview
(a dry run of attendance_record), confirm writing every row or none, idempotent re-import,
and who may import."""

import datetime
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from members.models import TrainingAttendance, TrainingCourse, TrainingLevel, TrainingSession
from members.tests.factories import MemberFactory
from members.tests.support.excel import id_number, xlsx_upload

HEADER_ZH = ["姓名", "身份证号", "身份证号后四位", "学时"]
HEADER_EN = ["Name", "ID number", "ID number last 4", "Class hours credited"]


@pytest.fixture(autouse=True)
def _mid_june(time_machine):
    time_machine.move_to("2025-06-15 09:00 +08:00")


def session_of(org, held_on=datetime.date(2025, 6, 1), hours="4", level=TrainingLevel.BRANCH):
    course = TrainingCourse.objects.create(
        organization=org,
        level=level,
        title=f"{org.name}学习班",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
        planned_hours=D("32"),
    )
    return TrainingSession.objects.create(
        course=course, held_on=held_on, topic="党章", hours=D(hours)
    )


@pytest.fixture
def session_a(world):
    return session_of(world.branch_a)


def urls(session) -> dict:
    return {
        name: reverse(f"members:import_training{suffix}", args=[session.pk])
        for name, suffix in (
            ("upload", ""),
            ("template", "_template"),
            ("confirm", "_confirm"),
            ("cancel", "_cancel"),
        )
    }


def row(member=None, **changes) -> list:
    cells = {
        "name": member.name if member else "无名",
        "id_number": member.id_number if member else "",
        "id_last4": "",
        "hours": None,
    }
    cells.update(changes)
    return list(cells.values())


def upload(client, session, rows, header=HEADER_ZH):
    return client.post(urls(session)["upload"], {"file": xlsx_upload(header, rows, "att.xlsx")})


def confirm(client, response):
    session = response.context["session"]
    return client.post(urls(session)["confirm"], {"token": response.context["pending"].token})


def errors(response) -> list[tuple[int, str, str]]:
    return [
        (r.row_number, label, message)
        for r in response.context["sheet"].rows
        for label, message in r.errors
    ]


def stored(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


def credited() -> dict:
    return dict(TrainingAttendance.objects.values_list("member__name", "hours"))


def test_template_has_the_chinese_header_and_the_english_one_on_request(
    client, secretary_a, session_a
):
    client.force_login(secretary_a)
    response = client.get(urls(session_a)["template"])
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["培训签到", "说明"]
    assert [c.value for c in workbook.worksheets[0][1]] == HEADER_ZH
    response = client.get(urls(session_a)["template"], headers={"accept-language": "en"})
    workbook = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook.worksheets[0][1]] == HEADER_EN


def test_mixed_rows_show_every_error_by_row_and_column_and_save_nothing(
    client, world, secretary_a, session_a, media_root
):
    good = MemberFactory(organization=world.branch_a)
    too_long = MemberFactory(organization=world.branch_a)
    none = MemberFactory(organization=world.branch_a)
    left = MemberFactory(
        organization=world.branch_a, left_on=datetime.date(2025, 3, 1), left_reason="转出"
    )
    other_branch = MemberFactory(organization=world.branch_b)
    client.force_login(secretary_a)
    response = upload(
        client,
        session_a,
        [
            row(good),
            row(too_long, hours=5),
            row(left),
            row(other_branch),
            row(name="不存在", id_number=id_number(7)),
            row(good, hours="1.25"),
            row(none, id_number="", id_last4=none.id_last4, hours=0),
        ],
    )
    found = errors(response)
    assert [(number, label) for number, label, _m in found] == [
        (3, "学时"),
        (4, "身份证号"),
        (5, "身份证号"),
        (6, "身份证号"),
        (7, "学时"),
        (8, "学时"),
    ]
    messages = {number: message for number, _l, message in found}
    assert "4.0" in messages[3] and messages[3] == messages[8]
    # not on the roll, in another branch, or unknown: the same words
    assert messages[4] == messages[5] == messages[6]
    assert not TrainingAttendance.objects.exists()
    assert stored(media_root) == []
    assert 'data-testid="confirm"' not in response.content.decode()


def test_the_same_member_twice_is_refused_on_both_rows(
    client, world, secretary_a, session_a, media_root
):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = upload(
        client, session_a, [row(member), row(member, id_number="", id_last4=member.id_last4)]
    )
    assert [(n, label) for n, label, _m in errors(response)] == [(2, "姓名"), (3, "姓名")]


def test_confirm_records_the_attendance_and_a_second_import_adds_nothing(
    client, world, secretary_a, session_a, media_root
):
    whole = MemberFactory(organization=world.branch_a)
    part = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    rows = [row(whole), row(part, id_number="", id_last4=part.id_last4, hours="2.5")]
    response = upload(client, session_a, rows)
    assert response.context["sheet"].is_valid, errors(response)
    assert not TrainingAttendance.objects.exists()  # the dry run kept nothing
    response = confirm(client, response)
    assert response.status_code == 302
    course = reverse("members:training_course", args=[session_a.course_id])
    assert response["Location"] == f"{course}?session={session_a.pk}"
    assert credited() == {whole.name: D("4.0"), part.name: D("2.5")}
    assert stored(media_root) == []

    again = upload(client, session_a, rows)
    assert again.context["upload"].change.created == 0
    confirm(client, again)
    assert TrainingAttendance.objects.count() == 2
    assert credited() == {whole.name: D("4.0"), part.name: D("2.5")}

    changed = upload(client, session_a, [row(whole, hours=3)])
    assert (changed.context["upload"].change.updated, changed.context["upload"].unchanged) == (1, 0)
    confirm(client, changed)
    assert credited() == {whole.name: D("3.0"), part.name: D("2.5")}


def test_english_headers_are_imported_too(client, world, secretary_a, session_a, media_root):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = upload(client, session_a, [row(member, hours=2)], header=HEADER_EN)
    confirm(client, response)
    assert credited() == {member.name: D("2.0")}


def test_confirm_writes_nothing_when_a_member_left_the_roll_meanwhile(
    client, world, secretary_a, session_a, media_root
):
    staying = MemberFactory(organization=world.branch_a)
    leaving = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = upload(client, session_a, [row(staying), row(leaving)])
    type(leaving).objects.filter(pk=leaving.pk).update(
        left_on=datetime.date(2025, 6, 14), left_reason="转出"
    )
    response = confirm(client, response)
    assert response.status_code == 200
    assert [(n, label) for n, label, _m in errors(response)] == [(3, "身份证号")]
    assert not TrainingAttendance.objects.exists()
    assert stored(media_root) == []


def test_a_session_still_to_come_takes_no_attendance(client, world, secretary_a, media_root):
    later = session_of(world.branch_a, held_on=datetime.date(2025, 6, 20))
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = upload(client, later, [row(member)])
    assert "2025-06-20" in response.context["form"].errors["file"][0]
    assert stored(media_root) == []


def test_a_secretary_records_own_members_at_a_street_course(client, world, secretary_a, media_root):
    street = session_of(world.street_committee1, level=TrainingLevel.STREET)
    mine = MemberFactory(organization=world.branch_a)
    theirs = MemberFactory(organization=world.branch_b)
    client.force_login(secretary_a)
    response = upload(client, street, [row(mine), row(theirs)])
    assert [(n, label) for n, label, _m in errors(response)] == [(3, "身份证号")]
    response = upload(client, street, [row(mine)])
    confirm(client, response)
    assert credited() == {mine.name: D("4.0")}


# Who may import


def test_the_course_page_links_to_the_import_for_those_who_record(
    client, secretary_a, committee_member_a, session_a
):
    page = reverse("members:training_course", args=[session_a.course_id])
    page = f"{page}?session={session_a.pk}"
    client.force_login(secretary_a)
    assert urls(session_a)["upload"] in client.get(page).content.decode()
    client.force_login(committee_member_a)
    assert urls(session_a)["upload"] not in client.get(page).content.decode()


@pytest.mark.parametrize("name", ["upload", "template"])
def test_anonymous_is_sent_to_log_in(client, session_a, name):
    response = client.get(urls(session_a)[name])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_read_only_role_gets_403(client, committee_member_a, session_a, media_root):
    client.force_login(committee_member_a)
    assert client.get(urls(session_a)["upload"]).status_code == 403
    assert client.get(urls(session_a)["template"]).status_code == 403
    response = client.post(urls(session_a)["upload"], {"file": xlsx_upload(HEADER_ZH, [])})
    assert response.status_code == 403
    assert client.post(urls(session_a)["confirm"], {"token": "x"}).status_code == 403


@pytest.mark.parametrize("persona", ["secretary_b", "other_street_staff", "no_post_user"])
def test_outsiders_get_404(client, persona, request, session_a, media_root):
    client.force_login(request.getfixturevalue(persona))
    for name in ("upload", "template"):
        assert client.get(urls(session_a)[name]).status_code == 404
    for name in ("confirm", "cancel"):
        assert client.post(urls(session_a)[name], {"token": "x"}).status_code == 404


def test_wrong_methods_are_refused(client, secretary_a, session_a):
    client.force_login(secretary_a)
    assert client.get(urls(session_a)["confirm"]).status_code == 405
    assert client.get(urls(session_a)["cancel"]).status_code == 405

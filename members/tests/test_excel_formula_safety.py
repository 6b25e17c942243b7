"""Every workbook and CSV the members app writes keeps a text beginning with =, +, -, @, a tab
or a carriage return as text: Excel must not run it as a formula."""

import csv
import datetime
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from members.excel.safe import csv_writer, new_workbook, safe_cell
from members.models import TrainingCourse, TrainingLevel, TrainingSession
from members.tests.factories import MemberFactory

RISKY = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def text_cells(response) -> list:
    workbook = load_workbook(io.BytesIO(response.content))
    return [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None and not hasattr(cell.value, "isoformat")
    ]


def assert_no_formula(cells) -> None:
    assert cells
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []


def test_a_risky_text_is_written_as_text_with_its_value_unchanged():
    workbook = new_workbook(write_only=True)
    sheet = workbook.create_sheet("x")
    sheet.append([safe_cell(sheet, value) for value in [*RISKY, "#N/A", 5, "普通"]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    row = next(load_workbook(buffer).active.iter_rows())
    # XML stores a carriage return as a line feed
    assert [(cell.value, cell.data_type) for cell in row] == [
        *[(value.replace("\r", "\n"), "s") for value in RISKY],
        ("#N/A", "s"),
        (5, "n"),
        ("普通", "s"),
    ]
    assert [cell.quotePrefix for cell in row[: len(RISKY)]] == [True] * len(RISKY)


def test_a_lazy_translation_is_written_as_its_text():
    workbook = new_workbook(write_only=True)
    sheet = workbook.create_sheet("x")
    sheet.append([safe_cell(sheet, gettext_lazy("yes"))])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert next(load_workbook(buffer).active.iter_rows(values_only=True)) == ("是",)


def test_a_csv_field_that_could_be_a_formula_gets_an_apostrophe():
    buffer = io.StringIO()
    csv_writer(buffer).writerows([[*RISKY, "普通", 5, None, gettext_lazy("yes")]])
    (row,) = list(csv.reader(io.StringIO(buffer.getvalue())))
    assert row == [*("'" + value for value in RISKY), "普通", "5", "", "是"]


@pytest.mark.parametrize("name", RISKY[:4])
def test_the_member_export_writes_a_formula_like_name_as_text(client, world, secretary_a, name):
    MemberFactory(organization=world.branch_a, name=name, address="@地址", workplace="-单位")
    client.force_login(secretary_a)
    response = client.get(reverse("members:import_members_export"))
    assert response.status_code == 200
    cells = text_cells(response)
    assert_no_formula(cells)
    by_value = {cell.value: cell for cell in cells}
    for value in (name, "@地址", "-单位"):
        assert (by_value[value].data_type, by_value[value].quotePrefix) == ("s", True)


def test_the_member_roll_export_writes_no_formula(client, world, secretary_a):
    MemberFactory(organization=world.branch_a, name='=HYPERLINK("http://x","y")')
    client.force_login(secretary_a)
    response = client.get(reverse("members:export"))
    cells = text_cells(response)
    assert_no_formula(cells)
    assert '=HYPERLINK("http://x","y")' in {cell.value for cell in cells}


@pytest.mark.parametrize(
    "url",
    ["members:import_members_template", "members:import_dues_template"],
)
def test_the_import_templates_write_no_formula(client, world, secretary_a, url):
    client.force_login(secretary_a)
    args = [world.branch_a.pk] if "dues" in url else []
    response = client.get(reverse(url, args=args))
    assert response.status_code == 200
    assert_no_formula(text_cells(response))


def test_the_attendance_template_writes_a_formula_like_topic_as_text(client, world, secretary_a):
    course = TrainingCourse.objects.create(
        organization=world.branch_a,
        level=TrainingLevel.BRANCH,
        title="=学习班",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
        planned_hours=D("32"),
    )
    session = TrainingSession.objects.create(
        course=course, held_on=datetime.date(2025, 6, 1), topic="=1+1", hours=D("4")
    )
    client.force_login(secretary_a)
    response = client.get(reverse("members:import_training_template", args=[session.pk]))
    assert response.status_code == 200
    assert_no_formula(text_cells(response))

"""A scheme's ranking as a workbook: one row per organization the reader sees, with its rank,
total, grade and incentive, and, where the scheme ranks its cadres, a second sheet with one row
per cadre; written through the formula-safe helper (members.excel.safe)."""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.models import Scheme
from members.excel.columns import Column, is_chinese
from members.excel.engine import workbook_response, write_sheet
from members.excel.safe import new_workbook

RANKING_COLUMNS = (
    Column("rank", pgettext_lazy("assessment result", "rank"), "排名", width=8),
    Column("organization", _("organization"), "组织", width=30),
    Column("total", pgettext_lazy("assessment result", "total score"), "总分", width=10),
    Column("grade", pgettext_lazy("assessment result", "grade"), "等次", width=10),
    Column(
        "incentive",
        pgettext_lazy("assessment result", "incentive coefficient"),
        "激励系数",
        width=12,
    ),
)


CADRE_COLUMNS = (
    Column("rank", pgettext_lazy("assessment result", "rank"), "排名", width=8),
    Column("name", _("name"), "姓名", width=14),
    Column("role", _("post"), "职务", width=14),
    *RANKING_COLUMNS[1:],
)


def _cadre_row(result) -> list:
    values = {
        "rank": result.rank,
        "name": result.name,
        "role": result.get_role_display(),
        "organization": result.organization.name,
        "total": result.total,
        "grade": result.grade,
        "incentive": result.incentive,
    }
    return [column.format(values[column.key]) for column in CADRE_COLUMNS]


def _row(result) -> list:
    values = {
        "rank": result.rank,
        "organization": result.organization.name,
        "total": result.total,
        "grade": result.grade,
        "incentive": result.incentive,
    }
    return [column.format(values[column.key]) for column in RANKING_COLUMNS]


def export_ranking(scheme: Scheme, results, cadre_results=()) -> HttpResponse:
    """``results``: the scheme's results as the reader sees them (``selectors.results_for``);
    ``cadre_results`` those of the cadres (``selectors.cadre_results_for``), if it ranks them."""
    workbook = new_workbook(write_only=True)
    title = "考核排名" if is_chinese() else str(_("Assessment ranking"))
    write_sheet(workbook, title, RANKING_COLUMNS, (_row(result) for result in results))
    if scheme.rank_cadres:
        title = "干部排名" if is_chinese() else str(_("Cadres' ranking"))
        write_sheet(workbook, title, CADRE_COLUMNS, (_cadre_row(r) for r in cadre_results))
    stem = "考核排名" if is_chinese() else "assessment-ranking"
    return workbook_response(workbook, f"{stem}-{scheme.pk}-{scheme.starts_on:%Y}.xlsx")

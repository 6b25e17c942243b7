"""The residents' figures as a workbook: a sheet of communities and a sheet of grid cells, each
ending with the total row, written through the formula-safe helper (members.excel.safe): a
grid cell or a category of need named "=…" stays text."""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.excel.columns import Column, is_chinese
from members.excel.engine import workbook_response, write_sheet
from members.excel.safe import new_workbook
from residents.selectors.figures import FigureRow, Figures

LEADING_CELL = (
    Column("community", _("community"), "社区", width=18),
    Column("code", pgettext_lazy("residents figures", "grid code"), "网格编码", width=12),
    Column("name", _("grid cell"), "网格", width=18),
)
LEADING_COMMUNITY = (
    Column("code", _("code"), "编码", width=12),
    Column("name", _("community"), "社区", width=18),
)
BEFORE_CATEGORIES = (
    Column("households", pgettext_lazy("residents figures", "households"), "户数", width=10),
    Column(
        "in_need", pgettext_lazy("residents figures", "households in need"), "困难户数", width=10
    ),
)
AFTER_CATEGORIES = (
    Column("paired", pgettext_lazy("residents figures", "paired households"), "结对户数", width=10),
    Column(
        "paired_share",
        pgettext_lazy("residents figures", "paired share (per cent)"),
        "结对率（%）",
        width=10,
    ),
    Column("opened", pgettext_lazy("residents figures", "problems opened"), "受理诉求", width=10),
    Column("open_now", pgettext_lazy("residents figures", "open now"), "未办结", width=10),
    Column("overdue_now", pgettext_lazy("residents figures", "overdue now"), "超期", width=10),
    Column(
        "longest_open_days",
        pgettext_lazy("residents figures", "open longest (days)"),
        "最长未办结（天）",
        width=12,
    ),
    Column("resolved", pgettext_lazy("residents figures", "resolved"), "办结", width=10),
    Column(
        "within_deadline",
        pgettext_lazy("residents figures", "resolved within the deadline"),
        "按期办结",
        width=10,
    ),
    Column(
        "within_deadline_share",
        pgettext_lazy("residents figures", "within the deadline (per cent)"),
        "按期办结率（%）",
        width=12,
    ),
    Column(
        "median_days",
        pgettext_lazy("residents figures", "median days to resolve"),
        "办结天数中位数",
        width=12,
    ),
    Column("satisfied", pgettext_lazy("satisfaction", "satisfied"), "满意", width=8),
    Column("basically", pgettext_lazy("satisfaction", "basically satisfied"), "基本满意", width=10),
    Column("not_satisfied", pgettext_lazy("satisfaction", "not satisfied"), "不满意", width=8),
    Column(
        "satisfied_share",
        pgettext_lazy("residents figures", "satisfaction rate (per cent)"),
        "满意率（%）",
        width=10,
    ),
)


def _columns(leading, categories) -> tuple[Column, ...]:
    by_category = tuple(
        Column(f"category_{category.pk}", category.name, category.name, width=10)
        for category in categories
    )
    return (*leading, *BEFORE_CATEGORIES, *by_category, *AFTER_CATEGORIES)


def _row(row: FigureRow, columns, total_label: str) -> list:
    values = {
        "community": row.community,
        "code": row.code,
        "name": row.name or total_label,
        "households": row.households,
        "in_need": row.in_need,
        "paired": row.paired,
        "paired_share": row.paired_share,
        "opened": row.opened,
        "open_now": row.open_now,
        "overdue_now": row.overdue_now,
        "longest_open_days": row.longest_open_days,
        "resolved": row.resolved,
        "within_deadline": row.within_deadline,
        "within_deadline_share": row.within_deadline_share,
        "median_days": row.median_days,
        "satisfied": row.satisfied,
        "basically": row.basically,
        "not_satisfied": row.not_satisfied,
        "satisfied_share": row.satisfied_share,
    }
    categories = iter(row.by_category)
    return [
        column.format(
            next(categories) if column.key.startswith("category_") else values[column.key]
        )
        for column in columns
    ]


def export_figures(figures: Figures) -> HttpResponse:
    workbook = new_workbook(write_only=True)
    total_label = "合计" if is_chinese() else str(pgettext_lazy("residents figures", "Total"))
    columns = _columns(LEADING_COMMUNITY, figures.categories)
    write_sheet(
        workbook,
        "社区" if is_chinese() else str(_("Communities")),
        columns,
        (_row(row, columns, total_label) for row in [*figures.communities, figures.total]),
    )
    columns = _columns(LEADING_CELL, figures.categories)
    write_sheet(
        workbook,
        "网格" if is_chinese() else str(_("Grid cells")),
        columns,
        (_row(row, columns, total_label) for row in [*figures.cells, figures.total]),
    )
    stem = "居民服务统计" if is_chinese() else "residents-figures"
    return workbook_response(
        workbook, f"{stem}-{figures.date_from:%Y%m%d}-{figures.date_to:%Y%m%d}.xlsx"
    )

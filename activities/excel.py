"""The activity ledger (组织生活台账) as a workbook: the activity list with its filters, one row
per activity with its attendance figures, for branches that keep their ledgers in Excel and
for staff who compile statistics. Nothing personal is exported (no names of absentees)."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.attendance import AttendanceCounts, attendance_counts
from activities.models import ReportState
from members.excel.columns import Column, is_chinese
from members.excel.engine import workbook_response, write_sheet
from members.excel.safe import new_workbook

CHUNK = 500  # activities read, and their attendance counted, per round

LEDGER_COLUMNS = (
    Column("held_on", _("date"), "日期", width=12),
    Column("time", _("time"), "时间", width=12),
    Column("organization", _("organization"), "组织", width=24),
    Column("activity_type", _("activity type"), "活动类型", width=16),
    Column("status", _("status"), "状态", width=8),
    Column("form", _("form"), "形式", width=14),
    Column("topic", _("topic"), "主题", width=36),
    Column("place", _("place"), "地点", width=18),
    Column("speaker", _("speaker"), "主讲人", width=12),
    Column("secretary", _("the secretary spoke"), "书记主讲", width=10),
    Column("expected", _("expected"), "应到", width=8),
    Column("present", _("present"), "实到", width=8),
    Column("leave", _("absent with leave"), "请假", width=8),
    Column("absent", _("absent without leave"), "缺席", width=8),
    Column("away", _("away, not expected"), "外出不计应到", width=12),
    Column("rate", _("attendance rate"), "出席率", width=8),
    Column("people_served", _("people served"), "服务人数", width=10),
    Column("network", _("service network"), "服务网络", width=14),
    Column("project", _("co-building project"), "共建项目", width=20),
    Column("report", _("report"), "报告", width=10),
)


def _row(activity, counts, report_states: dict) -> list:
    times = "–".join(f"{t:%H:%M}" for t in (activity.starts_at, activity.ends_at) if t)
    speaker = activity.speaker.name if activity.speaker_id else activity.speaker_name
    values = {
        "held_on": activity.held_on,
        "time": times,
        "organization": activity.organization.name,
        "activity_type": str(activity.activity_type.label),
        "status": activity.get_status_display(),
        "form": activity.get_form_display(),
        "topic": activity.topic,
        "place": activity.place,
        "speaker": speaker,
        "secretary": str(_("yes")) if activity.speaker_is_secretary else "",
        "expected": counts.expected if activity.is_held else None,
        "present": counts.present if activity.is_held else None,
        "leave": counts.leave if activity.is_held else None,
        "absent": counts.absent if activity.is_held else None,
        "away": counts.away if activity.is_held else None,
        "rate": f"{counts.rate:.0%}" if counts.rate is not None else "",
        "people_served": activity.people_served,
        "network": activity.get_network_display() if activity.network else "",
        "project": activity.project.title if activity.project_id else "",
        "report": report_states.get(activity.report_state, ""),
    }
    return [column.format(values[column.key]) for column in LEDGER_COLUMNS]


def export_ledger(queryset) -> HttpResponse:
    """The activities of an already scoped, filtered and annotated queryset (see
    ``activity_list_for``) as .xlsx; a fixed number of queries per CHUNK activities."""
    report_states = dict(ReportState.choices)
    activities = queryset.select_related("speaker", "project")

    def rows():
        chunk: list = []
        for activity in activities.iterator(chunk_size=CHUNK):
            chunk.append(activity)
            if len(chunk) == CHUNK:
                yield from _rows(chunk, report_states)
                chunk = []
        yield from _rows(chunk, report_states)

    workbook = new_workbook(write_only=True)
    title = "组织生活台账" if is_chinese() else str(_("Activity ledger"))
    write_sheet(workbook, title, LEDGER_COLUMNS, rows())
    stem = "组织生活台账" if is_chinese() else "activity-ledger"
    return workbook_response(workbook, f"{stem}-{timezone.localdate():%Y%m%d}.xlsx")


def _rows(chunk: list, report_states: dict):
    if not chunk:
        return
    counts = attendance_counts([activity.pk for activity in chunk])
    for activity in chunk:
        yield _row(activity, counts.get(activity.pk, AttendanceCounts()), report_states)

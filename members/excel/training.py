"""Attendance of a training session in Excel: the members who attended (named as in the dues
ledger: the ID number, or the name and its last 4 characters) and the class hours credited.
The session is the one the upload is made for, from its course page."""

from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from members.excel.columns import Column, is_chinese
from members.excel.engine import ImportFileError, ParsedSheet, read_upload
from members.excel.ledger import (
    PERSON_COLUMNS,
    check_repeated,
    identify_members,
    parse_decimal,
)
from members.excel.template import template_response
from members.models import TrainingSession
from members.selectors.roll import manageable_members_for
from members.services.training import AttendanceChange
from members.services.training_import import AttendanceRow, attendance_import
from organizations import scoping

# each row is one call of attendance_record (about 8 queries)
MAX_ROWS = 2000


def parse_hours(value) -> Decimal:
    return parse_decimal(
        value,
        1,
        _("“%(value)s” is not a number of class hours with at most 1 decimal, such as 1.5."),
    )


TRAINING_COLUMNS = (
    *PERSON_COLUMNS,
    Column(
        "hours",
        gettext_lazy("Class hours credited"),
        "学时",
        parse_hours,
        default=None,
        aliases=("学时数", "课时", "培训学时", "获得学时"),
        help=gettext_lazy(
            "More than 0 and at most the session's class hours. Left blank: the session's "
            "class hours (a member already recorded keeps the hours recorded)."
        ),
        example=Decimal("4"),
        width=10,
    ),
)


def training_template(session: TrainingSession) -> HttpResponse:
    return template_response(
        columns=TRAINING_COLUMNS,
        sheet_title="培训签到" if is_chinese() else pgettext("training attendance", "Attendance"),
        intro=_(
            "Fill in one member per row who attended “%(topic)s” on %(day)s (%(hours)s class "
            "hours), on the first sheet below its header row: the name with the ID number, or "
            "with its last 4 characters."
        )
        % {"topic": session.topic, "day": session.held_on.isoformat(), "hours": session.hours},
        filename=("培训签到导入模板" if is_chinese() else "attendance-import-template") + ".xlsx",
    )


@dataclass
class AttendanceUpload:
    sheet: ParsedSheet
    change: AttendanceChange
    written: bool = False

    @property
    def unchanged(self) -> int:
        return len(self.sheet.rows) - self.change.created - self.change.updated


def read_training_upload(
    upload, *, actor, session: TrainingSession, commit: bool = False
) -> AttendanceUpload:
    """The upload's rows, each checked by running it through ``attendance_record``; with
    ``commit`` and every row valid, the attendance is kept. Raises ImportFileError for a file
    that cannot be read at all, or a session whose day has not come."""
    if session.held_on > timezone.localdate():
        raise ImportFileError(
            _("The session is held on %(day)s; attendance can be recorded from that day.")
            % {"day": session.held_on.isoformat()}
        )
    sheet = read_upload(upload, TRAINING_COLUMNS, max_rows=MAX_ROWS)
    organizer = session.course.organization
    candidates = manageable_members_for(actor).on_roll().filter(scoping.under_q(organizer))
    identify_members(sheet, candidates, where=organizer.name)
    check_repeated(sheet, ("member",), _("The same member is also on row %(rows)s."), "name")
    rows = [
        AttendanceRow(number=row.row_number, member=row.values["member"], hours=row.values["hours"])
        for row in sheet.rows
        if row.is_valid
    ]
    commit = commit and sheet.is_valid
    refused, change = attendance_import(actor=actor, session=session, rows=rows, commit=commit)
    for row in sheet.rows:
        if row.row_number in refused:
            # the service names the members it refuses "members": the row's name column
            error = refused[row.row_number]
            if hasattr(error, "error_dict") and "members" in error.error_dict:
                error.error_dict["name"] = error.error_dict.pop("members")
            row.add_validation_error(error, sheet.columns)
    return AttendanceUpload(sheet=sheet, change=change, written=commit and sheet.is_valid)

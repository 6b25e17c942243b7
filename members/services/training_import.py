"""Writing imported attendance of a training session through ``attendance_record``: every row
or none, with the preview's dry run done the same way as the dues import's (see
``members.services.dues_import.apply_rows``)."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError

from members.models import Member, TrainingSession
from members.services.dues_import import apply_rows
from members.services.training import AttendanceChange, attendance_record


@dataclass(frozen=True)
class AttendanceRow:
    number: int  # the row number in the workbook
    member: Member
    hours: Decimal | None  # None: the session's hours (a recorded attendance keeps its own)


def attendance_import(
    *, actor, session: TrainingSession, rows: Sequence[AttendanceRow], commit: bool
) -> tuple[dict[int, ValidationError], AttendanceChange]:
    """Record every row's attendance in one transaction: (refusals by row number, what
    changed). A member already recorded is left alone, or gets the row's hours when given,
    so importing the same file again adds nothing. Nothing is kept unless ``commit`` and no
    row was refused."""

    def write(row: AttendanceRow) -> AttendanceChange:
        return attendance_record(
            actor=actor, session=session, members=[row.member], hours=row.hours
        )

    refused, changes = apply_rows(rows, write, commit=commit)
    return refused, AttendanceChange(
        created=sum(change.created for change in changes),
        updated=sum(change.updated for change in changes),
    )

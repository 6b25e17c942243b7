"""Writes of activity records: record, change, mark held, cancel; attendance; attachments.

recording.py records and changes an activity and checks its fields, attendance.py takes and
checks attendance rows, attachments.py checks, stores, adds and deletes files, locking.py
locks the row and refuses a change once the report is submitted or approved, volunteering.py
records the volunteer service another app records on a member's behalf. Each module's
docstring states the decisions taken where the regulations are silent."""

from activities.services.activities.attachments import (
    attachment_add,
    attachment_delete,
    attachments_add,
)
from activities.services.activities.attendance import MAX_HOURS, AttendanceRow, attendance_rows
from activities.services.activities.locking import LOCKING_STATES, refuse_if_reported
from activities.services.activities.recording import (
    ACTIVITY_FIELDS,
    SERVICE_FIELDS,
    SPEAKER_FIELDS,
    activity_cancel,
    activity_mark_held,
    activity_record,
    activity_update,
)
from activities.services.activities.volunteering import volunteer_service_record

__all__ = [
    "ACTIVITY_FIELDS",
    "LOCKING_STATES",
    "MAX_HOURS",
    "SERVICE_FIELDS",
    "SPEAKER_FIELDS",
    "AttendanceRow",
    "activity_cancel",
    "activity_mark_held",
    "activity_record",
    "activity_update",
    "attachment_add",
    "attachment_delete",
    "attachments_add",
    "attendance_rows",
    "refuse_if_reported",
    "volunteer_service_record",
]

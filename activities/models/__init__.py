"""Activities: organizational life, co-building, volunteer service, attendance, and reports."""

from activities.models.activity import (
    Activity,
    ActivityForm,
    ActivityStatus,
    Attachment,
    AttachmentKind,
    Attendance,
    AttendanceStatus,
    ServiceNetwork,
)
from activities.models.cobuilding import (
    CoBuildingStatus,
    Need,
    NeedStatus,
    PairingAgreement,
    Project,
    ProjectUnit,
    Resource,
    ResourceCategory,
)
from activities.models.report import Report, ReportAction, ReportEvent, ReportKind, ReportState
from activities.models.types import (
    ActivityCategory,
    ActivityType,
    Exemption,
    Frequency,
)

__all__ = [
    "Activity",
    "ActivityCategory",
    "ActivityForm",
    "ActivityStatus",
    "ActivityType",
    "Attachment",
    "AttachmentKind",
    "Attendance",
    "AttendanceStatus",
    "CoBuildingStatus",
    "Exemption",
    "Frequency",
    "Need",
    "NeedStatus",
    "PairingAgreement",
    "Project",
    "ProjectUnit",
    "Report",
    "ReportAction",
    "ReportEvent",
    "ReportKind",
    "ReportState",
    "Resource",
    "ResourceCategory",
    "ServiceNetwork",
]

"""Models of the members app; every model is importable from here (migrations rely on it)."""

from members.models.access import SensitiveAccess
from members.models.development import ActivistReview, DevelopmentRecord, Stage
from members.models.dues import DuesPayment, DuesRate, DuesRecord
from members.models.member import Education, EmploymentCategory, Gender, Member, MemberStatus
from members.models.mobile import (
    ContactChannel,
    MobileCategory,
    MobileContact,
    MobileDirection,
    MobileEndReason,
    MobileMember,
    PermitRenewal,
)
from members.models.training import (
    TrainingAttendance,
    TrainingCourse,
    TrainingLevel,
    TrainingSession,
)
from members.models.transfer import (
    Transfer,
    TransferBatch,
    TransferDirection,
    TransferEvent,
    TransferState,
)

__all__ = [
    "ContactChannel",
    "MobileCategory",
    "MobileContact",
    "MobileDirection",
    "MobileEndReason",
    "MobileMember",
    "PermitRenewal",
    "Transfer",
    "TransferBatch",
    "TransferDirection",
    "TransferEvent",
    "TransferState",
    "ActivistReview",
    "DevelopmentRecord",
    "DuesPayment",
    "DuesRate",
    "DuesRecord",
    "Education",
    "EmploymentCategory",
    "Gender",
    "Member",
    "MemberStatus",
    "SensitiveAccess",
    "Stage",
    "TrainingAttendance",
    "TrainingCourse",
    "TrainingLevel",
    "TrainingSession",
]

from members.models.access import SensitiveAccess
from members.models.development import ActivistReview, DevelopmentRecord, Stage
from members.models.dues import DuesPayment, DuesRate, DuesRecord
from members.models.member import Education, EmploymentCategory, Gender, Member, MemberStatus
from members.models.training import (
    TrainingAttendance,
    TrainingCourse,
    TrainingLevel,
    TrainingSession,
)

__all__ = [
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

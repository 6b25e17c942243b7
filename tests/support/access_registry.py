"""The registry of the access matrix (tests/test_access_matrix.py): for every URL pattern,
which record of another scope it opens. Whoever adds a URL says here which record it opens."""

import datetime

from accounts.models import User
from activities.models import (
    Activity,
    Attachment,
    Exemption,
    Need,
    PairingAgreement,
    Project,
    ProjectUnit,
    Report,
    Resource,
)
from assessment.models import RectificationItem, Result, Scheme, Score, WeakCriteria, WeakFlag
from grid.models import Building, Community, GridCell, GridWorkerAssignment, Street
from members.models import (
    DevelopmentRecord,
    DuesPayment,
    DuesRecord,
    Member,
    MobileMember,
    SensitiveAccess,
    TrainingAttendance,
    TrainingCourse,
    TrainingSession,
    Transfer,
    TransferBatch,
)
from organizations.models import (
    CommitteeTerm,
    MassOrganization,
    Organization,
    Post,
    TwoNewOrganization,
    UnitOrganization,
)
from reminders.models import Reminder
from tests.support.scoped_assessment import SheetScheme

REFUSED = {403, 404, 405}
MONTH = datetime.date(2026, 5, 1)

# Pages: URL name -> what each keyword argument is (a model: that record of the other scope;
# anything else: the value itself). Pages without arguments need no entry.
PAGE_ARGS = {
    "organizations:detail": {"pk": Organization},
    "grid:cell_detail": {"pk": GridCell},
    "members:detail": {"pk": Member},
    "members:edit": {"pk": Member},
    "members:reveal": {"pk": Member},
    "members:development_detail": {"pk": DevelopmentRecord},
    "members:development_move": {"pk": DevelopmentRecord, "move": "talk"},
    "members:dues_month": {"org_pk": Organization, "month": MONTH},
    "members:dues_month_open": {"org_pk": Organization, "month": MONTH},
    "members:dues_record_income": {"pk": DuesRecord},
    "members:training_course": {"pk": TrainingCourse},
    "members:training_session_add": {"pk": TrainingCourse},
    "members:training_attendance": {"pk": TrainingSession},
    "members:import_dues": {"org_pk": Organization},
    "members:import_dues_template": {"org_pk": Organization},
    "members:import_dues_confirm": {"org_pk": Organization},
    "members:import_dues_cancel": {"org_pk": Organization},
    "members:import_training": {"pk": TrainingSession},
    "members:import_training_template": {"pk": TrainingSession},
    "members:import_training_confirm": {"pk": TrainingSession},
    "members:import_training_cancel": {"pk": TrainingSession},
    "members:transfer_new": {"member_pk": Member},
    "members:transfer_detail": {"pk": Transfer},
    "members:transfer_letter": {"pk": Transfer},
    "members:transfer_step": {"pk": Transfer, "step": "report"},
    "members:mobile_detail": {"pk": MobileMember},
    "members:mobile_edit": {"pk": MobileMember},
    "members:mobile_contact": {"pk": MobileMember},
    "members:mobile_permit_issue": {"pk": MobileMember},
    "members:mobile_permit_renew": {"pk": MobileMember},
    "members:mobile_end": {"pk": MobileMember},
    "activities:activity_detail": {"pk": Activity},
    "activities:activity_edit": {"pk": Activity},
    "activities:activity_cancel": {"pk": Activity},
    "activities:activity_attachment_add": {"pk": Activity},
    "activities:activity_attachment": {"pk": Attachment},
    "activities:activity_attachment_delete": {"pk": Attachment},
    "activities:exemption_end": {"pk": Exemption},
    "activities:exemption_withdraw": {"pk": Exemption},
    "activities:report_detail": {"pk": Report},
    "activities:report_edit": {"pk": Report},
    "activities:report_submit": {"pk": Report},
    "activities:report_resubmit": {"pk": Report},
    "activities:report_approve": {"pk": Report},
    "activities:report_return": {"pk": Report},
    "activities:need_edit": {"pk": Need},
    "activities:resource_edit": {"pk": Resource},
    "activities:project_detail": {"pk": Project},
    "activities:project_edit": {"pk": Project},
    "activities:project_unit_add": {"pk": Project},
    "activities:project_unit_remove": {"pk": ProjectUnit},
    "activities:agreement_end": {"pk": PairingAgreement},
    "reminders:read": {"pk": Reminder},
    "assessment:ranking": {"scheme": Scheme},
    "assessment:ranking_export": {"scheme": Scheme},
    # the sheet of another scope's branch in a scheme the reader may see (their street's)
    "assessment:sheet": {"scheme": SheetScheme, "organization": Organization},
    "assessment:score": {"scheme": SheetScheme, "organization": Organization},
    "assessment:weak_detail": {"pk": WeakFlag},
    "assessment:weak_confirm": {"pk": WeakFlag},
    "assessment:weak_dismiss": {"pk": WeakFlag},
    "assessment:weak_plan": {"pk": WeakFlag},
    "assessment:weak_item_add": {"pk": WeakFlag},
    "assessment:weak_item_edit": {"pk": WeakFlag, "item": RectificationItem},
    "assessment:weak_item_done": {"pk": WeakFlag, "item": RectificationItem},
    "assessment:weak_sign_off": {"pk": WeakFlag},
    # a year, not a record: a list page
    "members:training_hours": {"year": 2026},
}

# The API: router basename -> the model its {pk} opens (None: reference data, the same for
# everyone). Keyword arguments other than pk: what they are.
API_MODELS = {
    "organization": Organization,
    "gridcell": GridCell,
    "member": Member,
    "developmentrecord": DevelopmentRecord,
    "dues-record": DuesRecord,
    "dues-rate": None,
    "training-course": TrainingCourse,
    "training-hours": None,
    "mobile-member": MobileMember,
    "transfer": Transfer,
    "activity-type": None,
    "activity": Activity,
    "activity-exemption": Exemption,
    "compliance": None,
    "report": Report,
    "review-queue": None,
    "co-building-need": Need,
    "co-building-resource": Resource,
    "co-building-project": Project,
    "pairing-agreement": PairingAgreement,
    "volunteer-hours": None,
    "assessment-scheme": Scheme,
    "assessment-result": Result,
    "assessment-score": Score,
    "assessment-weak-flag": WeakFlag,
}
API_KWARGS = {"attachment_id": Attachment}

# The admin: every registered model -> the model whose record of the other scope it opens;
# None for models that belong to no scope (reference data, accounts, login records).
ADMIN_MODELS = {
    Street: Street,
    Community: Community,
    GridCell: GridCell,
    Building: Building,
    GridWorkerAssignment: GridWorkerAssignment,
    Organization: Organization,
    Post: Post,
    CommitteeTerm: CommitteeTerm,
    UnitOrganization: UnitOrganization,
    TwoNewOrganization: TwoNewOrganization,
    MassOrganization: MassOrganization,
    Reminder: Reminder,
    DevelopmentRecord: DevelopmentRecord,
    DuesRecord: DuesRecord,
    DuesPayment: DuesPayment,
    MobileMember: MobileMember,
    Member: Member,
    SensitiveAccess: SensitiveAccess,
    TrainingCourse: TrainingCourse,
    TrainingAttendance: TrainingAttendance,
    Transfer: Transfer,
    TransferBatch: TransferBatch,
    Activity: Activity,
    Attachment: Attachment,
    Need: Need,
    Resource: Resource,
    Project: Project,
    PairingAgreement: PairingAgreement,
    Exemption: Exemption,
    Report: Report,
    Scheme: Scheme,
    Score: Score,
    Result: Result,
    WeakCriteria: WeakCriteria,
    WeakFlag: WeakFlag,
    User: User,
}
ADMIN_GLOBAL = {
    "auth.group",
    "django_celery_beat.periodictask",
    "django_celery_beat.clockedschedule",
    "django_celery_beat.crontabschedule",
    "django_celery_beat.solarschedule",
    "django_celery_beat.intervalschedule",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "policies.policy",
    "reminders.sweeprun",
    "members.duesrate",
    "activities.activitytype",
}

# URL patterns that answer the same for everyone and read no record.
FREE = {
    "accounts/login/",
    "accounts/logout/",
    "i18n/setlang/",
    "admin/login/",
    "admin/logout/",
    "admin/password_change/",
    "admin/password_change/done/",
    "admin/jsi18n/",
    "api/schema/",
    "api/docs/",
    "api/",
    "api/<drf_format_suffix:format>",
}

# URL patterns the matrix cannot cover, with the reason. Keep it empty.
NOT_COVERED: dict[str, str] = {}

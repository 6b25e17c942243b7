"""A world for the access matrix: two streets, three communities, four branches, and one
record of every model with a URL in each of them. Every name, title and number made for a
scope carries that scope's token, so a response that leaks a record of another scope is
found by looking for the token (in a page, a JSON answer, an options list or an .xlsx)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from accounts.tests.factories import UserFactory
from activities.models import (
    Attachment,
    Exemption,
    PairingAgreement,
    ProjectUnit,
    ReportEvent,
    ReportState,
    Resource,
    ResourceCategory,
)
from activities.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    NeedFactory,
    ProjectFactory,
    ReportFactory,
)
from grid.tests.factories import (
    BuildingFactory,
    CommunityFactory,
    GridCellFactory,
    GridWorkerAssignmentFactory,
    StreetFactory,
)
from members.models import (
    DuesPayment,
    DuesRecord,
    MobileMember,
    SensitiveAccess,
    TrainingAttendance,
    TrainingCourse,
    TrainingSession,
    Transfer,
    TransferBatch,
    TransferEvent,
)
from members.tests.factories import MemberFactory
from members.tests.support.development import record_at
from organizations.models import AccessEvent, AccessKind, Role
from organizations.tests.factories import (
    CommitteeTermFactory,
    MassOrganizationFactory,
    PostFactory,
    TwoNewOrganizationFactory,
    UnitOrganizationFactory,
    branch,
    community_committee,
    party_group,
    street_committee,
)
from reminders.models import Reminder
from tests.support.scoped_assessment import (
    branch_appraisal,
    branch_letter,
    branch_score_and_result,
    branch_weak_flag,
    street_scheme,
    street_weak_criteria,
)
from tests.support.scoped_facilities import branch_facility
from tests.support.scoped_problems import branch_problem
from tests.support.scoped_residents import branch_household

DAY = datetime.date(2026, 11, 26)
# a 1×1 PNG
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000005000155a2b0b30000000049454e44ae426082"
)

# Tokens: the branches A, B (community K of street S), C (community C of street S) and D
# (street D). Community C's and street D's records carry the token of their only branch.
BRANCH_TOKENS = ("ZQA", "ZQB", "ZQC", "ZQD")
COMMUNITY_TOKENS = ("ZQK", "ZQC", "ZQD")
STREET_TOKENS = ("ZQS", "ZQD")

# role -> the tokens of everything outside its scope
FORBIDDEN = {
    "secretary_a": {"ZQB", "ZQC", "ZQD"},
    "community_staff": {"ZQC", "ZQD"},
    "street_staff": {"ZQD"},
    "grid_worker": {"ZQB", "ZQC", "ZQD"},
    "other_street_staff": {"ZQA", "ZQB", "ZQC", "ZQK", "ZQS"},
}


@dataclass
class ScopedWorld:
    users: dict = field(default_factory=dict)
    # token -> model -> the record of that scope
    records: dict = field(default_factory=dict)
    # token -> strings that only a reader of that scope may see (beyond the token)
    secrets: dict = field(default_factory=dict)

    def record(self, token, model):
        return self.records.get(token, {}).get(model)

    def put(self, token, *objs):
        for obj in objs:
            self.records.setdefault(token, {})[type(obj)] = obj


def _holder(username, organization, role=Role.SECRETARY, **kwargs):
    user = UserFactory(username=username, **kwargs)
    PostFactory(user=user, organization=organization, role=role)
    return user


def _street(world, token):
    street = StreetFactory(name=f"{token}街道")
    committee = street_committee(street)
    event = AccessEvent.objects.create(
        kind=AccessKind.EXPORT, username=f"{token}user", what=f"{token}导出.xlsx", street=street
    )
    world.put(token, street, committee, event)
    return committee


def _community(world, token, street_committee_):
    community = CommunityFactory(street=street_committee_.street, name=f"{token}社区")
    committee = community_committee(street_committee_, community=community)
    unit = UnitOrganizationFactory(community=community, name=f"{token}驻区单位")
    two_new = TwoNewOrganizationFactory(community=community, name=f"{token}两新组织")
    need = NeedFactory(community=community, title=f"{token}需求")
    resource = Resource.objects.create(
        unit=unit,
        community=community,
        title=f"{token}资源",
        category=ResourceCategory.VOLUNTEERS,
        offered_on=datetime.date(2026, 3, 1),
    )
    project = ProjectFactory(community=community, title=f"{token}共建项目")
    project_unit = ProjectUnit.objects.create(project=project, unit=unit, commitment=f"{token}承诺")
    world.put(token, committee, community, unit, two_new, need, resource, project, project_unit)
    return committee


def _branch(world, token, parent, community=None):
    cell = GridCellFactory(community=community or parent.community, name=f"{token}网格")
    org = branch(parent, grid_cell=cell, name=f"{token}支部")
    group = party_group(org, name=f"{token}党小组")
    holder = _holder(
        f"{token.lower()}_holder", org, Role.DEPUTY_SECRETARY, full_name=f"{token}副书记"
    )
    worker = UserFactory(username=f"{token.lower()}_worker", full_name=f"{token}网格员")
    assignment = GridWorkerAssignmentFactory(
        user=worker, grid_cell=cell, started_on=datetime.date(2025, 1, 1)
    )
    # born on a day no example in a template uses, so its ID number is this scope's alone
    member = MemberFactory(
        organization=org, name=f"{token}党员", birth_date=datetime.date(1976, 3, 9)
    )
    dues = DuesRecord.objects.create(
        member=member, month=datetime.date(2026, 5, 1), category="employed", expected=10
    )
    payment = DuesPayment.objects.create(
        record=dues, amount=Decimal("10"), paid_on=datetime.date(2026, 5, 20)
    )
    course = TrainingCourse.objects.create(
        organization=org,
        level="branch",
        title=f"{token}学习班",
        starts_on=datetime.date(2026, 5, 1),
        ends_on=datetime.date(2026, 5, 31),
        planned_hours=8,
    )
    session = TrainingSession.objects.create(
        course=course, held_on=datetime.date(2026, 5, 10), topic=f"{token}党章", hours=4
    )
    attendance = TrainingAttendance.objects.create(session=session, member=member, hours=4)
    mobile = MobileMember.objects.create(
        organization=org,
        direction="out",
        category="migrant_worker",
        member=member,
        whereabouts=f"{token}苏州",
        away_since=datetime.date(2026, 1, 1),
    )
    mobile.whereabouts = f"{token}无锡"
    mobile.save()  # a second historical row: the history has an entry to open
    batch = TransferBatch.objects.create(title=f"{token}批量转出", created_by=holder)
    transfer = Transfer.objects.create(
        direction="out",
        state="issued",
        member=member,
        from_organization=org,
        external_organization=f"{token}外地社区党委",
        letter_number=f"{token}-T-1",
        letter_issued_on=datetime.date(2026, 10, 1),
        valid_until=datetime.date(2026, 12, 31),
        created_by=holder,
        batch=batch,
    )
    TransferEvent.objects.create(transfer=transfer, by=holder, to_state="issued")
    development = record_at(org, name=f"{token}申请人")
    activity = ActivityFactory(organization=org, topic=f"{token}主题党日")
    AttendanceFactory(activity=activity, member=member)
    attachment = Attachment(
        activity=activity,
        kind="image",
        content_type="image/png",
        original_name=f"{token}.png",
        size=len(PNG),
    )
    attachment.file.save("photo.png", ContentFile(PNG), save=False)
    attachment.save()
    report = ReportFactory(
        activity=activity,
        title=f"{token}报告",
        state=ReportState.SUBMITTED,
        created_by=holder,
        submitted_by=holder,
        submitted_at=datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC),
    )
    ReportEvent.objects.create(
        report=report, action="submitted", state_after="submitted", by=holder
    )
    exemption = Exemption.objects.create(
        organization=org,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 3, 31),
        reason=f"{token}新成立",
    )
    agreement = PairingAgreement.objects.create(
        branch=org,
        unit=_unit_of(world, token),
        signed_on=datetime.date(2026, 2, 1),
        content=f"{token}结对帮扶",
    )
    reminder = Reminder.objects.create(
        kind="transfer_letter_expiring",
        content_type=ContentType.objects.get_for_model(Transfer),
        object_id=transfer.pk,
        period="2026-12",
        recipient=holder,
        organization=org,
        due_on=datetime.date(2026, 12, 31),
    )
    access = SensitiveAccess.objects.create(
        user=holder, member=member, fields="id_number", channel="page"
    )
    term = CommitteeTermFactory(organization=org)
    mass = MassOrganizationFactory(leading_organization=org, name=f"{token}工会")
    post = holder.posts.get()
    world.put(
        token,
        cell,
        org,
        BuildingFactory(grid_cell=cell, name=f"{token}楼"),
        assignment,
        post,
        term,
        mass,
        member,
        dues,
        payment,
        course,
        session,
        attendance,
        mobile,
        batch,
        transfer,
        development,
        activity,
        attachment,
        report,
        exemption,
        agreement,
        reminder,
        access,
        holder,
    )
    world.records[token]["group"] = group
    world.secrets[token] = {member.id_number, member.phone, development.id_number}
    branch_problem(world, token, org, holder, PNG)
    return org


def _community_token(token):
    return {"ZQA": "ZQK", "ZQB": "ZQK"}.get(token, token)


def _unit_of(world, token):
    from organizations.models import UnitOrganization

    return world.records[_community_token(token)][UnitOrganization]


def build_scoped_world() -> ScopedWorld:
    world = ScopedWorld()
    street_s = _street(world, "ZQS")
    street_d = _street(world, "ZQD")
    community_k = _community(world, "ZQK", street_s)
    community_c = _community(world, "ZQC", street_s)
    community_d = _community(world, "ZQD", street_d)
    branch_a = _branch(world, "ZQA", community_k)
    branch_b = _branch(world, "ZQB", community_k)
    branch_c = _branch(world, "ZQC", community_c)
    d_community = world.records["ZQD"][type(community_d.community)]
    branch_d = _branch(world, "ZQD", street_d, community=d_community)
    scheme_s, scheme_d = (
        street_scheme(world, "ZQS", street_s),
        street_scheme(world, "ZQD", street_d),
    )
    for token, org, scheme in (
        ("ZQA", branch_a, scheme_s),
        ("ZQB", branch_b, scheme_s),
        ("ZQC", branch_c, scheme_s),
        ("ZQD", branch_d, scheme_d),
    ):
        branch_score_and_result(world, token, org, scheme)
        branch_letter(world, token, org)
        branch_appraisal(world, token, org)
        branch_facility(world, token, org)
        branch_household(world, token, org)
    world.users = {
        "secretary_a": _holder("m_secretary_a", branch_a, is_staff=True),
        "community_staff": _holder("m_community", community_k, Role.STAFF, is_staff=True),
        "street_staff": _holder("m_street", street_s, Role.STAFF, is_staff=True),
        "other_street_staff": _holder("m_other_street", street_d, Role.STAFF, is_staff=True),
        "grid_worker": UserFactory(username="m_grid_worker"),
    }
    street_weak_criteria(world, "ZQS", street_s)
    street_weak_criteria(world, "ZQD", street_d)
    for token, org, street, planner in (
        ("ZQA", branch_a, street_s, world.users["street_staff"]),
        ("ZQB", branch_b, street_s, world.users["street_staff"]),
        ("ZQC", branch_c, street_s, world.users["street_staff"]),
        ("ZQD", branch_d, street_d, world.users["other_street_staff"]),
    ):
        branch_weak_flag(world, token, org, street, planner)
    GridWorkerAssignmentFactory(
        user=world.users["grid_worker"],
        grid_cell=branch_a.grid_cell,
        started_on=datetime.date(2025, 1, 1),
    )
    return world

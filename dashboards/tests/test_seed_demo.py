import datetime
import io
import random
import re

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Q, Sum
from django.utils import timezone

from accounts.models import User
from conftest import built_once
from grid.geojson import validate_boundary
from grid.models import Community, GridCell, GridWorkerAssignment, Street
from members.dates import add_months
from members.demo import DEFAULT_SIZE
from members.demo.people import MAX_STREETS, IdNumbers
from members.dues_table import expected_amount
from members.idnumber import birth_date_of, gender_of, validate_id_number
from members.models import (
    ActivistReview,
    ContactChannel,
    DevelopmentRecord,
    DuesPayment,
    DuesRate,
    DuesRecord,
    EmploymentCategory,
    Gender,
    Member,
    MemberStatus,
    MobileCategory,
    MobileContact,
    MobileDirection,
    MobileEndReason,
    MobileMember,
    PermitRenewal,
    Stage,
    TrainingAttendance,
    TrainingCourse,
    TrainingLevel,
    Transfer,
    TransferBatch,
    TransferDirection,
    TransferEvent,
    TransferState,
)
from members.models.member import HOLDING_KINDS
from members.models.transfer import OPEN_STATES
from members.selectors.mobile import census_for, with_contact_clock
from members.services.transfers import is_pocket_member_case
from organizations.models import (
    CommitteeTerm,
    MassOrganization,
    Organization,
    OrgKind,
    Post,
    Role,
    TwoNewOrganization,
    UnitOrganization,
)
from organizations.scoping import visible_organizations_for
from reminders.models import Reminder
from reminders.registry import rules
from reminders.services import run_sweep

pytestmark = pytest.mark.django_db

SNAPSHOT_APPS = ("grid", "organizations", "accounts", "members")
LOGINS = ("admin", "street", "community", "secretary", "gridworker")
SCOPED_LOGINS = LOGINS[1:]  # the superuser sees every street by design
DAYS_30 = datetime.timedelta(days=30)
DAYS_7 = datetime.timedelta(days=7)


# Members make seeding slow: the tests of the tree and of idempotency use a small roll,
# those of the members the default of about 1,500 or a few hundred.
SMALL_ROLL = 120


def seed(**options) -> str:
    out = io.StringIO()
    options.setdefault("members_per_street", SMALL_ROLL)
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def snapshot_models() -> list:
    """Every model of the apps, history models included: a second run must not even
    record a change."""
    return [model for app in SNAPSHOT_APPS for model in apps.get_app_config(app).get_models()]


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in snapshot_models()}


def snapshot() -> dict[str, list]:
    return {
        m._meta.label: list(m._default_manager.order_by("pk").values()) for m in snapshot_models()
    }


def visible_codes(username: str) -> set[str]:
    user = User.objects.get(username=username)  # fresh object: the scope is cached on it
    return set(visible_organizations_for(user).values_list("code", flat=True))


def open_posts(username: str) -> list[tuple[str, str]]:
    return list(
        Post.objects.filter(user__username=username, ended_on__isnull=True).values_list(
            "organization__code", "role"
        )
    )


def test_second_run_changes_nothing():
    seed(members_per_street=400)  # enough members for every kind of mobile record and transfer
    counts, before = row_counts(), snapshot()
    assert counts["organizations.HistoricalOrganization"] > 0  # history is part of the check
    for model in (MobileMember, PermitRenewal, MobileContact, Transfer, TransferEvent):
        assert counts[model._meta.label] > 0
    assert counts["members.TransferBatch"] == 1 and counts["members.HistoricalTransfer"] > 0

    seed(members_per_street=400)

    assert row_counts() == counts
    assert snapshot() == before


def test_run_on_a_later_day_moves_terms_instead_of_adding():
    seed()
    counts = row_counts()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        seed()
    after = row_counts()
    for label in ("organizations.CommitteeTerm", "organizations.Post", "accounts.User"):
        assert after[label] == counts[label]


def test_if_empty_does_nothing_on_a_seeded_database():
    seed()
    counts = row_counts()

    output = seed(if_empty=True)

    assert "not loaded" in output
    assert row_counts() == counts


def test_if_empty_seeds_an_empty_database():
    seed(if_empty=True)
    assert Street.objects.count() == 1


def test_scale_must_be_positive():
    with pytest.raises(CommandError):
        seed(scale=0)


def test_scale_two_adds_a_street_without_widening_the_demo_logins():
    seed()
    scopes = {username: visible_codes(username) for username in SCOPED_LOGINS}

    seed(scale=2)

    assert Street.objects.count() == 2
    second = Street.objects.exclude(code="CD").get()
    assert GridCell.objects.filter(community__street=second).count() == 40
    assert (
        Organization.objects.filter(street=second).count()
        == Organization.objects.filter(street__code="CD").count()
    )
    assert {username: visible_codes(username) for username in SCOPED_LOGINS} == scopes
    assert not Post.objects.filter(organization__street=second, user__username__in=LOGINS).exists()


def test_demo_logins_see_their_part_of_the_tree():
    seed(scale=2)
    street1 = set(Organization.objects.filter(street__code="CD").values_list("code", flat=True))

    assert visible_codes("secretary") == {"CD01-01", "CD01-01-G1", "CD01-01-G2"}
    assert visible_codes("street") == street1
    community = visible_codes("community")
    assert "CD01" in community and community < street1
    assert visible_codes("admin") == set(Organization.objects.values_list("code", flat=True))


# Members: the roll, the development pipeline, dues and training (members/demo/)


def on_roll_of(street_code: str):
    return Member.objects.on_roll().filter(organization__street__code=street_code)


@pytest.mark.parametrize("day", ["2027-01-01 09:00 +08:00", "2028-02-29 20:00 +08:00"])
def test_seeding_on_new_years_day_or_a_leap_day_still_gives_the_full_picture(day):
    with time_machine.travel(day, tick=False):
        seed(members_per_street=400)
        today = timezone.localdate()
        records = DevelopmentRecord.objects.all()
        assert set(records.values_list("stage", flat=True)) == set(Stage.values)
        for record in records:
            record.full_clean()
        assert DuesRecord.objects.values("month").distinct().count() == 12
        assert not DuesRecord.objects.filter(paid_on__gt=today).exists()
        assert not TrainingAttendance.objects.filter(session__held_on__gt=today).exists()
        hours = dict(
            TrainingAttendance.objects.filter(session__held_on__year=today.year)
            .values_list("member")
            .annotate(total=Sum("hours"))
        )
        members = list(Member.objects.on_roll().values_list("pk", flat=True))
        assert sum(hours.get(pk, 0) >= 32 for pk in members) / len(members) >= 0.75
        assert set(Transfer.objects.values_list("state", flat=True)) == set(TransferState.values)
        assert not Transfer.objects.filter(letter_issued_on__gt=today).exists()
        assert not MobileContact.objects.filter(contacted_on__gt=today).exists()
        for record in MobileMember.objects.all():
            record.full_clean()


def test_members_are_added_to_a_database_seeded_without_them():
    seed(members_per_street=0)
    assert not Member.objects.exists()

    seed()

    assert on_roll_of("CD").count() >= SMALL_ROLL
    assert DuesRecord.objects.exists() and TrainingAttendance.objects.exists()
    assert DevelopmentRecord.objects.exists()


def test_scale_two_issues_no_id_number_twice():
    seed(scale=2, members_per_street=400)
    numbers = list(Member.objects.values_list("id_number", flat=True))
    assert Member.objects.filter(organization__street__code="CD").count() >= 400
    assert Member.objects.exclude(organization__street__code="CD").count() >= 400
    assert len(numbers) == len(set(numbers))
    unlinked = DevelopmentRecord.objects.filter(member__isnull=True)
    assert not unlinked.filter(id_number__in=numbers).exists()


def test_id_numbers_of_two_streets_differ_in_their_sequence_code():
    born = datetime.date(1970, 3, 1)
    first, last = IdNumbers(1), IdNumbers(MAX_STREETS)
    a, _ = first.issue(random.Random(1), born, Gender.FEMALE)
    b, _ = first.issue(random.Random(1), born, Gender.FEMALE)
    c, _ = last.issue(random.Random(1), born, Gender.MALE)
    assert a != b and a[14:17] == "002" and c[14:17] == "997"
    for number in (a, b, c):
        validate_id_number(number)
    with pytest.raises(ValueError):
        IdNumbers(MAX_STREETS + 1)


def test_members_per_street_must_not_be_negative():
    with pytest.raises(CommandError):
        seed(members_per_street=-1)


# Mobile members and relation transfers (members/demo/mobile.py, members/demo/transfers.py)

NANJING = "3201"


def secretary_of(organization_id: int) -> int:
    return Post.objects.get(
        organization_id=organization_id, role=Role.SECRETARY, ended_on__isnull=True
    ).user_id


def events_of(transfer: Transfer) -> list[TransferEvent]:
    return list(transfer.events.order_by("at", "pk"))


def test_seeding_runs_the_sweep_so_that_reminders_of_every_kind_are_there_at_once():
    # the 25th: dues of the month are reminded from the 20th, a themed party day not yet
    # held from the 25th. Without the sweep in seed_demo, every inbox stayed empty until
    # the sweep of 06:00 the next day.
    with time_machine.travel("2026-06-25 10:00 +08:00", tick=False):
        output = seed(members_per_street=400)
        made = Reminder.objects.count()
        again = run_sweep()

    kinds = set(Reminder.objects.values_list("kind", flat=True))
    assert kinds == set(rules())
    assert f"{made} reminders created" in output and again.created_count == 0
    secretary = User.objects.get(username="secretary")
    mine = set(Reminder.objects.filter(recipient=secretary).values_list("kind", flat=True))
    assert {"mobile.not_contacted", "transfer.incoming_unconfirmed"} <= mine


@pytest.mark.usefixtures("seeded")
class TestTheDemoTree:
    """Seeded once for the class: the tree, the logins and their posts, on the small roll; the tests only read it."""

    seeded = built_once(seed, scope="class")

    def test_seed_builds_the_demo_street(self, seeded):
        output = seeded
        assert Street.objects.get().name == "城东街道"
        assert Community.objects.count() == 6
        assert GridCell.objects.count() == 40
        assert 55 <= Organization.objects.count() <= 70
        for organization in Organization.objects.all():
            organization.full_clean()
        for cell in GridCell.objects.prefetch_related("buildings"):
            validate_boundary(cell.boundary)
            assert 300 <= cell.household_count <= 500
            assert 2 <= len(cell.buildings.all()) <= 6
        assert Organization.objects.filter(kind=OrgKind.STREET_COMMITTEE).count() == 1
        assert Organization.objects.filter(kind=OrgKind.COMMUNITY_COMMITTEE).count() == 6
        assert (
            Organization.objects.filter(kind=OrgKind.BRANCH, grid_cell__isnull=False).count() == 40
        )
        assert Organization.objects.filter(kind=OrgKind.PARTY_GROUP).count() >= 8
        assert "demo-2026" in output and "gridworker" in output

    def test_every_branch_and_committee_has_a_secretary_and_terms_need_attention(self):
        today = timezone.localdate()
        without_secretary = Organization.objects.exclude(kind=OrgKind.PARTY_GROUP).exclude(
            posts__role=Role.SECRETARY, posts__ended_on__isnull=True
        )
        assert not without_secretary.exists()
        assert not Post.objects.filter(
            organization__kind=OrgKind.PARTY_GROUP, role__in=set(Role.values) - {Role.GROUP_LEADER}
        ).exists()
        assert not CommitteeTerm.objects.filter(organization__kind=OrgKind.PARTY_GROUP).exists()
        soon = CommitteeTerm.objects.filter(
            ends_on__gte=today, ends_on__lte=today + datetime.timedelta(days=90)
        )
        assert soon.count() >= 3
        assert CommitteeTerm.objects.filter(ends_on__lt=today).count() >= 2
        for term in CommitteeTerm.objects.select_related("organization"):
            term.full_clean()
        for user in User.objects.exclude(phone=""):
            user.full_clean()

    def test_demo_logins_hold_their_posts(self):
        admin = User.objects.get(username="admin")
        assert admin.is_superuser and admin.is_staff and admin.full_name == "系统管理员"
        assert admin.check_password("demo-2026")

        assert open_posts("street") == [("CD", Role.STAFF)]
        assert open_posts("community") == [("CD01", Role.STAFF)]
        assert open_posts("secretary") == [("CD01-01", Role.SECRETARY)]
        assert Post.objects.filter(organization__code="CD01-01", role=Role.SECRETARY).count() == 1
        assert User.objects.filter(username__in=LOGINS[:4], is_staff=True).count() == 4

        gridworker = User.objects.get(username="gridworker")
        assert not gridworker.is_staff and not gridworker.posts.exists()
        assignment = GridWorkerAssignment.objects.get(user=gridworker)
        assert assignment.grid_cell.organizations.get(kind=OrgKind.BRANCH).code == "CD01-01"
        other_cells = GridCell.objects.exclude(pk=assignment.grid_cell_id)
        assert all(1 <= cell.worker_assignments.count() <= 2 for cell in other_cells)

    def test_organizations_around_the_tree(self):
        assert UnitOrganization.objects.count() == 12
        two_new = list(TwoNewOrganization.objects.all())
        assert len(two_new) == 20
        covered = [t for t in two_new if t.is_covered]
        assert 0 < len(covered) < len(two_new)
        assert any(t.has_party_organization for t in two_new)
        assert any(t.has_instructor and not t.has_party_organization for t in two_new)
        for organization in [*two_new, *UnitOrganization.objects.all()]:
            organization.full_clean()
        for committee in Organization.objects.filter(kind=OrgKind.COMMUNITY_COMMITTEE):
            kinds = set(committee.mass_organizations.values_list("kind", flat=True))
            assert kinds == {"trade_union", "youth_league", "womens_federation"}
        assert MassOrganization.objects.count() == 18

    def test_branch_secretaries_and_the_demo_secretary_are_on_the_roll(self):
        secretary = Member.objects.get(user__username="secretary")
        assert secretary.organization.code == "CD01-01" and secretary.name == "陈建国"
        posts = Post.objects.filter(
            organization__kind__in=HOLDING_KINDS, role=Role.SECRETARY, ended_on__isnull=True
        )
        assert posts.exists()
        for post in posts.select_related("user__member"):
            assert post.user.member.organization_id == post.organization_id
        leaders = Post.objects.filter(role=Role.GROUP_LEADER).select_related("user__member")
        assert all(post.user.member.party_group_id == post.organization_id for post in leaders)


@pytest.mark.usefixtures("seeded")
class TestMembersOfAStreetOf400:
    """Seeded once for the class: members, development, dues, training, mobile members and transfers, on a roll of 400; the tests only read it."""

    seeded = built_once(lambda: seed(members_per_street=400), scope="class")

    def test_every_development_stage_is_present_with_dates_that_need_attention(self):
        today = timezone.localdate()
        records = DevelopmentRecord.objects.filter(organization__street__code="CD")
        assert 35 <= records.count() <= 45
        assert set(records.values_list("stage", flat=True)) == set(Stage.values)
        for record in records:
            record.full_clean()
        applicants = records.filter(stage=Stage.APPLICANT, talked_on__isnull=True)
        assert applicants.filter(applied_on__lt=today - datetime.timedelta(days=30)).exists()
        for record in records.exclude(activist_on__isnull=True).prefetch_related("sponsors"):
            sponsors = list(record.sponsors.all())
            assert 1 <= len(sponsors) <= 2
            assert all(s.organization_id == record.organization_id for s in sponsors)
            assert all(s.status == MemberStatus.FULL for s in sponsors)
        activists = records.filter(stage=Stage.ACTIVIST)
        assert ActivistReview.objects.filter(record__in=activists).exists()
        year_soon = [
            a for a in activists if today < add_months(a.activist_on, 12) <= today + DAYS_30
        ]
        assert year_soon
        for candidate in records.filter(stage=Stage.CANDIDATE, training_hours__isnull=False):
            assert candidate.political_review_on and candidate.training_hours >= 24
            assert add_months(candidate.activist_on, 12) <= candidate.candidate_on
        probationary = records.filter(stage=Stage.PROBATIONARY).select_related("member")
        for record in probationary:
            assert record.member.status == MemberStatus.PROBATIONARY
            assert record.member.joined_on == record.admitted_on and record.approved_on
            assert record.probation_ends_on == add_months(record.admitted_on, 12)
        assert probationary.filter(probation_ends_on__range=(today, today + DAYS_30)).count() >= 2
        for record in records.filter(stage=Stage.FULL).select_related("member"):
            assert record.member.full_member_on == record.full_on
        assert records.filter(stage=Stage.CANCELLED, member__left_on__isnull=False).exists()
        demo_branch = set(
            records.filter(organization__code="CD01-01").values_list("stage", flat=True)
        )
        assert len(demo_branch) >= 4  # the demo secretary sees a pipeline

    def test_a_year_of_dues_with_some_arrears_reaching_six_months(self):
        today = timezone.localdate()
        months = {add_months(today.replace(day=1), -k) for k in range(12)}
        rates = list(DuesRate.objects.all())
        # a member who came from outside pays from the next month opened here (none opened yet)
        came = Transfer.objects.filter(
            direction=TransferDirection.INCOMING, state=TransferState.COMPLETED
        )
        members = list(
            on_roll_of("CD")
            .exclude(pk__in=came.values("member"))
            .prefetch_related("dues_records__payments")
        )
        unpaid_runs = []
        for member in members:
            records = list(member.dues_records.all())
            expected_months = {m for m in months if m >= member.joined_on.replace(day=1)}
            assert {r.month for r in records} == expected_months
            for record in records:
                assert record.category == member.employment
                assert record.expected == expected_amount(record.category, record.income, rates)
                payments = list(record.payments.all())
                if record.paid_on is None:
                    assert record.paid == 0 and not payments
                else:
                    assert record.month <= record.paid_on <= today
                    assert [(p.amount, p.paid_on) for p in payments] == [
                        (record.paid, record.paid_on)
                    ]
            unpaid_runs.append(sum(r.paid_on is None for r in records))
        in_arrears = sum(run >= 2 for run in unpaid_runs)
        assert 0.02 <= in_arrears / len(members) <= 0.1
        assert max(unpaid_runs) >= 6
        assert DuesPayment.objects.filter(is_make_up=True).exists()

    def test_training_by_level_leaves_some_members_and_cadres_short(self):
        year = timezone.localdate().year
        courses = TrainingCourse.objects.filter(organization__street__code="CD")
        assert set(courses.values_list("level", flat=True)) == set(TrainingLevel.values)
        for course in courses.select_related("organization"):
            kind = {"street": OrgKind.STREET_COMMITTEE, "community": OrgKind.COMMUNITY_COMMITTEE}
            assert course.organization.kind == kind.get(course.level, OrgKind.BRANCH)
            assert course.sessions.exists()
        hours = dict(
            TrainingAttendance.objects.filter(session__held_on__year=year)
            .values_list("member")
            .annotate(total=Sum("hours"))
        )
        members = list(on_roll_of("CD").values_list("pk", "user_id"))
        reached = [hours.get(pk, 0) >= 32 for pk, _ in members]
        assert 0.75 <= sum(reached) / len(members) < 1
        cadre_users = set(
            Post.objects.filter(
                organization__kind__in=HOLDING_KINDS, role=Role.SECRETARY
            ).values_list("user_id", flat=True)
        )
        cadres = [hours.get(pk, 0) for pk, user_id in members if user_id in cadre_users]
        assert (
            cadres
            and any(h < 56 for h in cadres)
            and sum(h >= 56 for h in cadres) > len(cadres) / 2
        )

    def test_mobile_members_of_every_category_in_both_directions_with_contacts_and_permits(self):
        today = timezone.localdate()
        records = MobileMember.objects.filter(organization__street__code="CD").select_related(
            "member", "organization"
        )
        open_records = records.filter(ended_on__isnull=True)

        assert 50 <= records.count() <= 70
        for direction in MobileDirection.values:
            categories = set(open_records.filter(direction=direction).values_list("category"))
            assert {c for (c,) in categories} == set(MobileCategory.values)
        roll_ids = set(Member.objects.values_list("id_number", flat=True))
        for record in records:
            record.full_clean()
            assert record.organization.kind in HOLDING_KINDS
            if record.direction == MobileDirection.OUTGOING:
                assert record.member.organization.street.code == "CD"
                if record.ended_on is None:
                    assert record.member.is_on_roll
                    assert record.member.organization_id == record.organization_id
            elif record.end_reason != MobileEndReason.TRANSFERRED:
                validate_id_number(record.id_number)
                assert not record.id_number.startswith(NANJING)
                assert gender_of(record.id_number) == record.gender
                assert record.id_number not in roll_ids
                assert record.name and record.home_organization.endswith(("党委", "党支部"))
        assert {r.end_reason for r in records if r.ended_on} == set(MobileEndReason.values)

        contacts = MobileContact.objects.filter(mobile__in=records).select_related("mobile")
        assert contacts.count() >= 2 * records.count()
        assert {c.channel for c in contacts} >= {ContactChannel.PHONE, ContactChannel.VISIT}
        assert len({c.channel for c in contacts}) >= 5
        for contact in contacts:
            assert contact.mobile.away_since <= contact.contacted_on <= today
            assert contact.contacted_by_id == secretary_of(contact.mobile.organization_id)
        clocks = with_contact_clock(open_records)
        assert clocks.filter(contact_clock__lte=today - datetime.timedelta(days=90)).count() >= 5
        assert open_records.filter(contacts__isnull=True).count() >= 3  # never contacted

        permits = open_records.exclude(permit_valid_until__isnull=True)
        assert permits.filter(permit_valid_until__lt=today).count() >= 3
        assert permits.filter(permit_valid_until__range=(today, today + DAYS_30)).count() >= 3
        assert open_records.filter(direction="out", permit_issued_on__isnull=True).exists()
        renewed = records.filter(renewals__isnull=False).distinct()
        assert renewed.count() >= 3
        for record in renewed:
            latest = record.renewals.order_by("-renewed_on").first()
            assert latest.valid_until == record.permit_valid_until
            assert record.permit_issued_on <= latest.renewed_on <= today
        away_long = open_records.filter(fixed_place=True, away_since__lte=add_months(today, -6))
        assert away_long.count() >= 3

    def test_transfers_in_every_state_with_steps_that_tell_the_story(self):
        today, now = timezone.localdate(), timezone.now()
        transfers = list(
            Transfer.objects.filter(
                Q(from_organization__street__code="CD") | Q(to_organization__street__code="CD")
            ).select_related("member", "from_organization", "to_organization")
        )

        assert 20 <= len(transfers) <= 35
        assert {t.state for t in transfers} == set(TransferState.values)
        numbers = [t.letter_number for t in transfers if t.letter_number]
        assert len(numbers) == len(set(numbers)) == sum(t.state != "draft" for t in transfers)
        for transfer in transfers:
            transfer.full_clean()
            if transfer.direction == TransferDirection.OUTGOING and transfer.letter_number:
                year = transfer.letter_issued_on.year
                assert re.fullmatch(rf"{year}-CD-\d{{4}}", transfer.letter_number)
            steps = [transfer.letter_issued_on, transfer.reported_on, transfer.receipt_on]
            steps = [d for d in [*steps, transfer.completed_on, transfer.closed_on] if d]
            assert steps == sorted(steps)
            assert all(
                d <= today for d in steps if d != transfer.closed_on
            )  # expiry: the day after
            events = events_of(transfer)
            assert events[0].from_state == "" and events[-1].to_state == transfer.state
            for before, after in zip(events, events[1:], strict=False):
                assert after.from_state == before.to_state and before.at <= after.at
            assert transfer.created_at == events[0].at and events[-1].at <= now
            assert transfer.history.count() == len(events)
            for event in events:
                assert (event.by_id is None) == (event.to_state == TransferState.EXPIRED)
        open_members = [t.member_id for t in transfers if t.is_open and t.member_id]
        assert len(open_members) == len(set(open_members))
        assert all(t.state in OPEN_STATES for t in transfers if t.is_open)

    def test_completed_transfers_moved_the_members_and_lapsed_letters_make_pocket_members(self):
        today = timezone.localdate()
        transfers = Transfer.objects.select_related("member__grid_cell", "to_organization")
        completed = transfers.filter(state=TransferState.COMPLETED)

        inside = completed.filter(from_organization__isnull=False, to_organization__isnull=False)
        assert inside.count() >= 2
        for transfer in inside:
            member = transfer.member
            assert member.is_on_roll and member.organization_id == transfer.to_organization_id
            assert member.party_group_id is None
            assert member.grid_cell.community_id == transfer.to_organization.community_id
            if transfer.to_organization.grid_cell_id:
                assert member.grid_cell_id == transfer.to_organization.grid_cell_id
        to_outside = completed.filter(direction="out", to_organization__isnull=True)
        assert to_outside.count() >= 2
        for transfer in to_outside:
            assert transfer.member.left_on == transfer.completed_on
            assert not transfer.member.mobile_records.filter(ended_on__isnull=True).exists()
        assert MobileMember.objects.filter(end_reason=MobileEndReason.TRANSFERRED).count() >= 2
        came = completed.get(direction=TransferDirection.INCOMING)
        assert came.member.is_on_roll and came.member.organization_id == came.to_organization_id
        assert came.member.id_number == came.id_number and not came.id_number.startswith(NANJING)

        pockets = [t for t in transfers if is_pocket_member_case(t)]
        assert len(pockets) >= 2
        for transfer in pockets:
            assert transfer.member.mobile_records.get(ended_on__isnull=True).fixed_place
        assert (
            transfers.filter(state="issued", valid_until__range=(today, today + DAYS_7)).count()
            >= 2
        )
        waiting = transfers.filter(
            direction="in", state="issued", created_at__date__lt=today - DAYS_7
        )
        assert waiting.exists()
        reported = transfers.filter(state="reported", to_organization__isnull=False)
        assert reported.filter(reported_on__lt=today - DAYS_7).exists()

        batch = TransferBatch.objects.get()
        group = list(batch.transfers.select_related("member"))
        assert 3 <= len(group) <= 5
        assert {t.external_organization for t in group} == {group[0].external_organization}
        assert all(t.to_organization_id is None and t.letter_number for t in group)


@pytest.mark.usefixtures("seeded")
class TestTheFullDemoRoll:
    """Seeded once for the class: the full demo roll of about 1,500 members; the tests only read it."""

    seeded = built_once(lambda: seed(members_per_street=DEFAULT_SIZE), scope="class")

    def test_demo_street_has_about_1500_valid_members_in_branches_and_committees(self):
        today = timezone.localdate()
        members = list(
            on_roll_of("CD").select_related(
                "organization", "party_group", "grid_cell", "development_record"
            )
        )

        assert 1450 <= len(members) <= 1600
        for member in members:
            validate_id_number(member.id_number)
            assert birth_date_of(member.id_number) == member.birth_date
            assert gender_of(member.id_number) == member.gender
            assert member.id_last4 == member.id_number[-4:] and member.name_initials
            assert re.fullmatch(r"1[358]\d{9}", member.phone)
            assert 20 <= member.age <= 90
            assert member.organization.kind in HOLDING_KINDS
            if member.party_group:
                assert member.party_group.parent_id == member.organization_id
            if member.organization.grid_cell_id:
                assert member.grid_cell_id == member.organization.grid_cell_id
            assert member.grid_cell.community_id == member.organization.community_id
            if member.status == MemberStatus.PROBATIONARY:
                assert member.full_member_on is None
                record = getattr(member, "development_record", None)
                extended = record is not None and record.extended_until
                assert member.joined_on > add_months(today, -12) or extended
            else:
                assert member.full_member_on == add_months(member.joined_on, 12) <= today
        for member in random.Random(0).sample(members, 200):
            member.full_clean()
        probationary = sum(m.status == MemberStatus.PROBATIONARY for m in members)
        assert 0.05 <= probationary / len(members) <= 0.11
        assert {m.employment for m in members} == set(EmploymentCategory.values)
        assert sum(m.age >= 60 for m in members) / len(members) > 0.3  # many retirees
        assert {m.organization_id for m in members} == set(
            Organization.objects.filter(street__code="CD", kind__in=HOLDING_KINDS).values_list(
                "pk", flat=True
            )
        )
        assert any(m.party_group_id for m in members)

    def test_the_demo_secretary_sees_mobile_members_and_transfers_of_every_kind(self):
        census = census_for(User.objects.get(username="secretary"))
        branch = Organization.objects.get(code="CD01-01")

        totals = census.totals
        assert totals.open >= 8 and totals.outgoing >= 6 and totals.incoming >= 1
        assert totals.not_contacted and totals.permit_expiring and totals.permit_expired
        assert totals.should_transfer and totals.no_permit and totals.pocket
        assert all(total for *_, total in census.categories)
        assert {row.path for row in census.rows} == {branch.path}
        sent = Transfer.objects.filter(from_organization=branch)
        assert sent.count() >= 3 and sent.filter(state=TransferState.EXPIRED).exists()
        received = Transfer.objects.filter(to_organization=branch)
        assert received.filter(direction=TransferDirection.INCOMING).count() >= 2
        assert received.filter(state=TransferState.REPORTED).count() >= 2

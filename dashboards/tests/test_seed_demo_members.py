"""The demo members seeded once: development, dues, training, mobile members, transfers and the full roll."""

import datetime
import random
import re

import pytest
from django.db.models import Q, Sum
from django.utils import timezone

from accounts.models import User
from conftest import built_once
from dashboards.tests.support.seeding import (
    DAYS_7,
    DAYS_30,
    NANJING,
    events_of,
    on_roll_of,
    secretary_of,
    seed,
)
from members.dates import add_months
from members.demo import DEFAULT_SIZE
from members.dues_table import expected_amount
from members.idnumber import birth_date_of, gender_of, validate_id_number
from members.models import (
    ActivistReview,
    ContactChannel,
    DevelopmentRecord,
    DuesPayment,
    DuesRate,
    EmploymentCategory,
    Member,
    MemberStatus,
    MobileCategory,
    MobileContact,
    MobileDirection,
    MobileEndReason,
    MobileMember,
    Stage,
    TrainingAttendance,
    TrainingCourse,
    TrainingLevel,
    Transfer,
    TransferBatch,
    TransferDirection,
    TransferState,
)
from members.models.member import HOLDING_KINDS
from members.models.transfer import OPEN_STATES
from members.selectors.mobile import census_for, with_contact_clock
from members.services.transfers import is_pocket_member_case
from organizations.models import (
    Organization,
    OrgKind,
    Post,
    Role,
)

pytestmark = pytest.mark.django_db


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

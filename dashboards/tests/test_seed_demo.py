"""seed_demo as a command: idempotent, --if-empty, --scale, its logins, the day it runs on, and the sweep it runs."""

import datetime
import random

import pytest
import time_machine
from django.core.management.base import CommandError
from django.db.models import Sum
from django.utils import timezone

from accounts.models import User
from dashboards.tests.support.seeding import (
    LOGINS,
    SCOPED_LOGINS,
    SMALL_ROLL,
    on_roll_of,
    row_counts,
    seed,
    snapshot,
    visible_codes,
)
from grid.models import GridCell, Street
from members.demo.people import MAX_STREETS, IdNumbers
from members.idnumber import validate_id_number
from members.models import (
    DevelopmentRecord,
    DuesRecord,
    Gender,
    Member,
    MobileContact,
    MobileMember,
    PermitRenewal,
    Stage,
    TrainingAttendance,
    Transfer,
    TransferEvent,
    TransferState,
)
from organizations.models import (
    Organization,
    Post,
)
from reminders.models import Reminder
from reminders.registry import rules
from reminders.services.sweep import run_sweep

pytestmark = pytest.mark.django_db


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


def test_seeding_runs_the_sweep_so_that_reminders_of_every_kind_are_there_at_once():
    # the 25th: dues of the month are reminded from the 20th, a themed party day not yet
    # held from the 25th; December: the year's democratic appraisal not yet held is reminded
    # from the 1st. Without the sweep in seed_demo, every inbox stayed empty until the sweep
    # of 06:00 the next day.
    with time_machine.travel("2026-12-25 10:00 +08:00", tick=False):
        output = seed(members_per_street=400)
        made = Reminder.objects.count()
        again = run_sweep()

    kinds = set(Reminder.objects.values_list("kind", flat=True))
    assert kinds == set(rules())
    assert f"{made} reminders created" in output and again.created_count == 0
    secretary = User.objects.get(username="secretary")
    mine = set(Reminder.objects.filter(recipient=secretary).values_list("kind", flat=True))
    assert {"mobile.not_contacted", "transfer.incoming_unconfirmed"} <= mine

"""The demo responsibility letters (assessment/demo/targets.py) as ``seed_demo`` leaves
them: signed letters street → community, community → branch and one per community
secretary, targets around today (some done with evidence, some due within 14 days, some
overdue), each passing the models' checks; reminded by the sweep; seeding again writes
nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessment.models import LetterState, ResponsibilityLetter, TargetItem
from conftest import built_once
from organizations.models import OrgKind, Role
from reminders.models import Reminder
from reminders.services.sweep import run_sweep

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


def seed() -> None:
    call_command("seed_demo", stdout=io.StringIO(), members_per_street=0, allow_without_debug=True)


seeded = built_once(seed)


def test_the_street_signs_with_each_community_and_each_community_with_its_branches():
    today = timezone.localdate()
    letters = list(ResponsibilityLetter.objects.select_related("organization", "cadre"))
    assert letters and {letter.year for letter in letters} == {today.year}
    assert {letter.state for letter in letters} == {LetterState.SIGNED}
    kinds = {(letter.organization.kind, letter.cadre_id is not None) for letter in letters}
    assert kinds >= {
        (OrgKind.COMMUNITY_COMMITTEE, False),
        (OrgKind.COMMUNITY_COMMITTEE, True),
        (OrgKind.BRANCH, False),
    }
    for letter in letters:
        letter.full_clean()
        assert letter.issued_by_id == letter.organization.parent_id
        if letter.cadre_id:
            assert letter.cadre.role == Role.SECRETARY


def test_targets_fall_around_today_some_done_with_evidence():
    today = timezone.localdate()
    items = list(TargetItem.objects.select_related("letter"))
    for item in items:
        item.full_clean()
        assert not item.is_done or (item.evidence and item.done_by_id)
    if today >= datetime.date(today.year, 3, 1):  # the targets of the past fit in the year
        assert any(item.is_done for item in items)
    assert any(not i.is_done and 0 <= (i.deadline - today).days <= 14 for i in items)
    if today.timetuple().tm_yday > 5:
        assert any(i.is_overdue(today) for i in items)


def test_the_seeding_s_sweep_reminds_the_targets_due_once():
    reminded = Reminder.objects.filter(kind="assessment.target_items_due")
    assert reminded.exists() and not reminded.filter(recipient__isnull=True).exists()
    count = reminded.count()
    run_sweep()
    assert reminded.count() == count


def test_seeding_again_writes_no_letters():
    before = (ResponsibilityLetter.objects.count(), TargetItem.objects.count())
    seed()
    assert (ResponsibilityLetter.objects.count(), TargetItem.objects.count()) == before

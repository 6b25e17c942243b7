"""The demo of weak and lax organizations (assessment/demo/weak.py) as ``seed_demo`` leaves
it: a confirmed flag with its reasons and a plan of three measures, the first one done."""

import io

import pytest
from django.core.management import call_command

from assessment.models import FlagState, WeakFlag
from assessment.selectors.weak_flags import reasons_of
from conftest import built_once

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, members_per_street=120, allow_without_debug=True)
    return out.getvalue()


seeded = built_once(seed)


def test_a_confirmed_flag_with_its_plan():
    flag = WeakFlag.objects.filter(state=FlagState.CONFIRMED).select_related("plan").first()
    assert flag is not None
    assert reasons_of(flag)
    assert flag.decided_by is not None
    items = list(flag.plan.items.order_by("order", "pk"))
    assert len(items) == 3
    assert [item.is_done for item in items] == [True, False, False]
    assert items[0].evidence


def test_a_flag_waits_for_the_level_above():
    assert WeakFlag.objects.filter(state=FlagState.FLAGGED).exists()


def test_seeding_again_writes_nothing():
    before = list(WeakFlag.objects.values_list("pk", "state", "reasons"))
    seed()
    assert list(WeakFlag.objects.values_list("pk", "state", "reasons")) == before

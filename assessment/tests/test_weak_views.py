"""The pages of weak and lax organizations: the list in the reader's scope (query count fixed
whatever the number of flags), a flag's page, and the actions of the level above and of the
branch."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from assessment.models import FlagState, RectificationItem, RectificationPlan, WeakFlag
from assessment.selectors.weak import reason_text
from assessment.tests.support.weak import D, flag_of
from organizations.tests.factories import branch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_review_day():
    with time_machine.travel(D(2026, 9, 2), tick=False):
        yield


def _plan(flag, user, *texts, done=()):
    plan = RectificationPlan.objects.create(flag=flag, created_by=user, created_at=flag.flagged_at)
    for n, text in enumerate(texts):
        RectificationItem.objects.create(
            plan=plan,
            text=text,
            owner_name="王五",
            deadline=D(2026, 12, 1),
            order=n,
            done_at=flag.flagged_at if text in done else None,
            evidence="记录" if text in done else "",
        )
    return plan


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("assessment:weak_list")).status_code == 200
    return len(ctx.captured_queries)


def test_list_in_scope_with_reasons_and_a_fixed_query_count(client, world, community_staff):
    street = world.street_committee1
    flag_b = flag_of(world.branch_b, street, state=FlagState.CONFIRMED)
    _plan(flag_b, community_staff, "补选书记")
    flag_of(world.branch_c, street)  # another community
    flag_of(world.branch_d, world.street_committee2)
    client.force_login(community_staff)
    response = client.get(reverse("assessment:weak_list"))
    body = response.content.decode()
    assert "B支部" in body and "C支部" not in body and "D支部" not in body
    with translation.override("zh-hans"):
        assert reason_text(flag_b.reasons[0]) in body
    few = _list_queries(client)
    for n in range(5):
        flag = flag_of(
            branch(world.community1, name=f"新支部{n}"), street, state=FlagState.CONFIRMED
        )
        _plan(flag, community_staff, "整改一", "整改二")
    assert _list_queries(client) == few


def test_list_filters_by_state(client, world, street_staff):
    flag_of(world.branch_a, world.street_committee1)
    flag_of(world.branch_b, world.street_committee1, state=FlagState.DISMISSED)
    client.force_login(street_staff)
    body = client.get(reverse("assessment:weak_list"), {"state": "dismissed"}).content.decode()
    assert "B支部" in body and "A支部" not in body


def test_the_level_above_confirms_and_a_secretary_may_not(
    client, world, secretary_b, community_staff
):
    flag = flag_of(world.branch_b, world.street_committee1)
    client.force_login(secretary_b)
    page = client.get(reverse("assessment:weak_detail", args=[flag.pk])).content.decode()
    assert reverse("assessment:weak_confirm", args=[flag.pk]) not in page
    assert client.post(reverse("assessment:weak_confirm", args=[flag.pk])).status_code == 403
    client.force_login(community_staff)
    page = client.get(reverse("assessment:weak_detail", args=[flag.pk])).content.decode()
    assert reverse("assessment:weak_confirm", args=[flag.pk]) in page
    response = client.post(reverse("assessment:weak_confirm", args=[flag.pk]))
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.state == FlagState.CONFIRMED and flag.decided_by == community_staff


def test_dismissal_without_a_reason_is_refused_on_the_field(client, world, community_staff):
    flag = flag_of(world.branch_b, world.street_committee1)
    client.force_login(community_staff)
    response = client.post(
        reverse("assessment:weak_dismiss", args=[flag.pk]), {"dismissal_reason": ""}
    )
    assert response.status_code == 400
    assert 'data-testid="error-dismissal_reason"' in response.content.decode()
    response = client.post(
        reverse("assessment:weak_dismiss", args=[flag.pk]), {"dismissal_reason": "已换届"}
    )
    assert response.status_code == 302
    assert WeakFlag.objects.get(pk=flag.pk).state == FlagState.DISMISSED


def test_the_branch_adds_measures_and_evidence(client, world, secretary_b):
    flag = flag_of(world.branch_b, world.street_committee1, state=FlagState.CONFIRMED)
    client.force_login(secretary_b)
    url = reverse("assessment:weak_item_add", args=[flag.pk])
    response = client.post(
        url, {"text": "补选书记", "owner": "", "owner_name": "", "deadline": "2026-12-01"}
    )
    assert response.status_code == 400
    assert 'data-testid="error-owner_name"' in response.content.decode()
    response = client.post(
        url, {"text": "补选书记", "owner": secretary_b.pk, "deadline": "2026-12-01"}
    )
    assert response.status_code == 302
    item = RectificationItem.objects.get(plan__flag=flag)
    assert item.owner == secretary_b
    done = reverse("assessment:weak_item_done", args=[flag.pk, item.pk])
    assert client.post(done, {f"d{item.pk}-evidence": ""}).status_code == 400
    assert client.post(done, {f"d{item.pk}-evidence": "选举报告"}).status_code == 302
    assert RectificationItem.objects.get(pk=item.pk).is_done


def test_sign_off_refused_naming_the_open_measures(client, world, community_staff):
    flag = flag_of(world.branch_b, world.street_committee1, state=FlagState.CONFIRMED)
    _plan(flag, community_staff, "补选书记", "恢复三会一课", done=("补选书记",))
    client.force_login(community_staff)
    response = client.post(reverse("assessment:weak_sign_off", args=[flag.pk]))
    assert response.status_code == 400
    assert "恢复三会一课" in response.content.decode()
    RectificationItem.objects.filter(plan__flag=flag).update(done_at=flag.flagged_at)
    assert client.post(reverse("assessment:weak_sign_off", args=[flag.pk])).status_code == 302
    assert WeakFlag.objects.get(pk=flag.pk).state == FlagState.RECTIFIED


def test_another_branchs_flag_is_not_found(client, world, secretary_a):
    flag = flag_of(world.branch_b, world.street_committee1)
    client.force_login(secretary_a)
    assert client.get(reverse("assessment:weak_detail", args=[flag.pk])).status_code == 404


def test_street_staff_run_the_detection(client, world, street_staff, secretary_a):
    client.force_login(secretary_a)
    page = client.get(reverse("assessment:weak_list")).content.decode()
    assert reverse("assessment:weak_refresh") not in page
    client.force_login(street_staff)
    assert client.post(reverse("assessment:weak_refresh")).status_code == 302
    flags = WeakFlag.objects.filter(street=world.street_committee1)
    assert flags.exists() and all(f.reviewed_on == D(2026, 9, 2) for f in flags)


def test_a_measure_is_changed_until_done(client, world, secretary_b):
    flag = flag_of(world.branch_b, world.street_committee1, state=FlagState.CONFIRMED)
    _plan(flag, secretary_b, "补选书记")
    item = RectificationItem.objects.get(plan__flag=flag)
    client.force_login(secretary_b)
    url = reverse("assessment:weak_item_edit", args=[flag.pk, item.pk])
    assert url in client.get(reverse("assessment:weak_detail", args=[flag.pk])).content.decode()
    data = {f"e{item.pk}-text": "补选支部书记", f"e{item.pk}-deadline": "2026-11-15"}
    response = client.post(url, {**data, f"e{item.pk}-owner_name": ""})
    assert response.status_code == 400
    assert 'data-testid="error-owner_name"' in response.content.decode()
    assert client.post(url, {**data, f"e{item.pk}-owner_name": "李四"}).status_code == 302
    item.refresh_from_db()
    assert (item.text, item.owner_name, item.deadline) == ("补选支部书记", "李四", D(2026, 11, 15))

"""Responsibility letters in the admin: the issuing level sets up a draft with its items
(the model's checks), a secretary reads only their own organization's letters (404 for
another's), and a signed letter is read-only."""

import datetime

import pytest
from django.urls import reverse

from assessment.models import LetterState, ResponsibilityLetter, TargetItem
from assessment.tests.support.targets import TODAY, item, letter

D = datetime.date


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY, tick=False)


def _url(action, *args):
    return reverse(f"admin:assessment_responsibilityletter_{action}", args=args)


def _inline(prefix="items", **rows) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    data.update({f"{prefix}-0-{k}": v for k, v in rows.items()})
    return data


def test_community_staff_set_up_a_draft_with_its_items(client, world, community_staff):
    client.force_login(community_staff)
    data = {
        "title": "2026年度A支部目标责任书",
        "organization": world.branch_a.pk,
        "issued_by": world.community1.pk,
        "year": "2026",
        **_inline(order="1", text="按期召开组织生活会", owner_name="书记", deadline="2026-09-30"),
    }
    response = client.post(_url("add"), data)
    assert response.status_code == 302, response.context["errors"]
    made = ResponsibilityLetter.objects.get()
    assert (made.created_by, made.state, made.items.get().owner_name) == (
        community_staff,
        LetterState.DRAFT,
        "书记",
    )


def test_the_admin_refuses_a_letter_not_issued_by_the_level_above(client, world, street_staff):
    client.force_login(street_staff)
    data = {
        "title": "x",
        "organization": world.branch_a.pk,
        "issued_by": world.street_committee1.pk,
        "year": "2026",
        **_inline(order="1", text="x", owner_name="书记", deadline="2028-01-01"),
    }
    response = client.post(_url("add"), data)
    assert response.status_code == 200
    assert not ResponsibilityLetter.objects.exists() and not TargetItem.objects.exists()


def test_a_secretary_reads_only_their_own_letters(client, world, secretary_a):
    a, b = letter(world.branch_a), letter(world.branch_b)
    client.force_login(secretary_a)
    html = client.get(_url("changelist")).content.decode()
    assert a.title in html and b.title not in html
    assert client.get(_url("change", b.pk)).status_code == 404


def test_a_signed_letter_is_read_only(client, world, community_staff):
    signed = letter(world.branch_a, state=LetterState.SIGNED)
    item(signed, "x", D(2026, 9, 30))
    client.force_login(community_staff)
    response = client.get(_url("change", signed.pk))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]

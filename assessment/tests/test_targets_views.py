"""The responsibility letter pages: the list with completion and overdue counts (a fixed
number of queries), who sees which letter (404 outside the scope), issuing a letter, adding
targets, signing, marking done with evidence (a refusal shown on its form, nothing saved),
reopening and closing."""

import datetime

import pytest
from django.urls import reverse

from assessment.models import LetterState, ResponsibilityLetter, TargetItem
from assessment.tests.support.api import queries_of
from assessment.tests.support.targets import TODAY, item, letter, signed_with_items

D = datetime.date


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY, tick=False)


def _letters(response) -> list[str]:
    return [letter.title for letter in response.context["letters"]]


def test_the_list_shows_completion_and_overdue(client, world, community_staff):
    signed = signed_with_items(world.branch_a, done_by=community_staff)
    client.force_login(community_staff)
    response = client.get(reverse("assessment:letter_list"))
    assert response.status_code == 200
    (shown,) = response.context["letters"]
    assert (shown.items_total, shown.items_done, shown.items_overdue) == (3, 1, 1)
    body = response.content.decode()
    assert signed.title in body and "1 / 3" in body
    assert 'data-testid="letter-new"' in body


def test_the_list_reads_a_fixed_number_of_queries(
    client, world, community_staff, django_assert_max_num_queries
):
    client.force_login(community_staff)
    client.get(reverse("assessment:letter_list"))  # warm the session and the scope
    for organization in (world.branch_a, world.branch_b):
        signed_with_items(organization)
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("assessment:letter_list"))
    letter(world.community1.children.create(kind="branch", name="E支部", street=world.street1))
    for organization in (world.branch_a, world.branch_b):
        item(organization.responsibility_letters.get(), "more", D(2026, 9, 30))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("assessment:letter_list"))


def test_each_reader_sees_the_letters_of_their_scope(
    client, world, secretary_a, community_staff, street_staff, other_street_staff
):
    a, b = letter(world.branch_a), letter(world.branch_b)
    k = letter(world.community1)
    seen = {}
    for user in (secretary_a, community_staff, street_staff, other_street_staff):
        client.force_login(user)
        seen[user.username] = set(_letters(client.get(reverse("assessment:letter_list"))))
    assert seen == {
        "secretary_a": {a.title},
        "community_staff": {a.title, b.title, k.title},
        "street_staff": {a.title, b.title, k.title},
        "other_street_staff": set(),
    }
    client.force_login(secretary_a)
    assert client.get(reverse("assessment:letter_detail", args=[b.pk])).status_code == 404
    assert client.get(reverse("assessment:letter_detail", args=[a.pk])).status_code == 200


def test_issuing_a_letter_and_its_targets(client, world, community_staff, secretary_a):
    client.force_login(community_staff)
    form = client.get(reverse("assessment:letter_create"))
    choices = {o.pk for o in form.context["form"].fields["organization"].queryset}
    assert choices == {world.branch_a.pk, world.branch_b.pk}
    response = client.post(
        reverse("assessment:letter_create"),
        {"organization": world.branch_a.pk, "year": 2026, "title": ""},
    )
    made = ResponsibilityLetter.objects.get()
    assert response.url == reverse("assessment:letter_detail", args=[made.pk])
    add = reverse("assessment:item_add", args=[made.pk])
    refused = client.post(add, {"text": "发展党员", "deadline": "2025-12-01", "owner_name": "书记"})
    assert refused.status_code == 200
    assert refused.context["item_form"].errors["deadline"]
    assert not TargetItem.objects.exists()
    client.post(add, {"text": "发展党员", "deadline": "2026-09-30", "owner": secretary_a.pk})
    assert TargetItem.objects.get().owner == secretary_a


def test_a_letter_issued_twice_is_refused_on_the_form(client, world, community_staff):
    letter(world.branch_a)
    client.force_login(community_staff)
    response = client.post(
        reverse("assessment:letter_create"), {"organization": world.branch_a.pk, "year": 2026}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["organization"]
    assert ResponsibilityLetter.objects.count() == 1


def test_the_organization_signs_and_marks_targets_done(client, world, secretary_a):
    draft = letter(world.branch_a)
    target = item(draft, "按期召开组织生活会", D(2026, 6, 30))
    client.force_login(secretary_a)
    page = client.get(reverse("assessment:letter_detail", args=[draft.pk]))
    assert page.context["sign_form"] is not None and page.context["item_form"] is None
    client.post(reverse("assessment:letter_sign", args=[draft.pk]), {"signed_on": "2026-01-20"})
    draft.refresh_from_db()
    assert (draft.state, draft.signed_on) == (LetterState.SIGNED, D(2026, 1, 20))
    done = reverse("assessment:item_done", args=[target.pk])
    refused = client.post(done, {f"t{target.pk}-evidence": " "})
    assert refused.status_code == 200
    assert 'data-testid="form-errors"' in refused.content.decode()
    target.refresh_from_db()
    assert target.done_at is None
    client.post(done, {f"t{target.pk}-evidence": "6月5日召开，记录已归档"})
    target.refresh_from_db()
    assert (target.evidence, target.done_by) == ("6月5日召开，记录已归档", secretary_a)
    page = client.get(reverse("assessment:letter_detail", args=[draft.pk]))
    assert "6月5日召开，记录已归档" in page.content.decode()
    client.post(reverse("assessment:item_reopen", args=[target.pk]))
    target.refresh_from_db()
    assert target.done_at is None


def test_another_branch_cannot_mark_done_or_edit(client, world, secretary_b, secretary_a):
    signed = signed_with_items(world.branch_a)
    target = signed.items.get(order=2)
    client.force_login(secretary_b)
    url = reverse("assessment:item_done", args=[target.pk])
    assert client.post(url, {f"t{target.pk}-evidence": "x"}).status_code == 404
    client.force_login(secretary_a)  # sees the letter, but does not edit its items
    assert client.get(reverse("assessment:item_edit", args=[target.pk])).status_code == 403


def test_the_issuing_level_edits_a_draft_s_item_and_closes_a_signed_letter(
    client, world, community_staff
):
    draft = letter(world.branch_a)
    target = item(draft, "x", D(2026, 6, 30))
    client.force_login(community_staff)
    url = reverse("assessment:item_edit", args=[target.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"text": "发展党员2名", "deadline": "2026-10-31", "owner_name": "组织委员"})
    target.refresh_from_db()
    assert (target.text, target.owner_name) == ("发展党员2名", "组织委员")
    signed = signed_with_items(world.branch_b)
    client.post(reverse("assessment:letter_close", args=[signed.pk]))
    signed.refresh_from_db()
    assert signed.state == LetterState.CLOSED


def test_the_assessment_index_links_to_the_letters(client, world, secretary_a):
    client.force_login(secretary_a)
    body = client.get(reverse("assessment:scheme_list")).content.decode()
    assert reverse("assessment:letter_list") in body


def test_the_letter_page_reads_as_many_queries_for_more_targets(client, world, secretary_a):
    signed = signed_with_items(world.branch_a, done_by=secretary_a)
    client.force_login(secretary_a)
    url = reverse("assessment:letter_detail", args=[signed.pk])
    few = queries_of(client, url)
    for n in range(3):
        item(signed, f"more {n}", D(2026, 9, 30), owner=secretary_a, done_by=secretary_a)
    assert queries_of(client, url) == few


@pytest.mark.parametrize(("query", "years"), [("?year=2025", {2025}), ("?year=x", {2025, 2026})])
def test_the_list_is_filtered_by_year(client, world, community_staff, query, years):
    letter(world.branch_a)
    letter(world.branch_a, year=2025)
    client.force_login(community_staff)
    response = client.get(reverse("assessment:letter_list") + query)
    assert {shown.year for shown in response.context["letters"]} == years

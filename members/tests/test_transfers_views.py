"""The transfer pages through their URLs: scoping, the steps, bad input and query counts."""

import datetime
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from members import timeline
from members.models import Member, SensitiveAccess, Transfer, TransferState
from members.selectors.transfers import transfer_timeline_events
from members.tests.support.transfers import (
    TODAY,
    incoming_at,
    letter_from_outside,
    member_of,
    read_only_user,
    transfer_at,
)

D = datetime.date
LIST = reverse("members:transfer_list")


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to("2026-03-10 09:00 +08:00")
    return TODAY


def detail(transfer):
    return reverse("members:transfer_detail", args=[transfer.pk])


def step(transfer, name):
    return reverse("members:transfer_step", args=[transfer.pk, name])


def letter(transfer):
    return reverse("members:transfer_letter", args=[transfer.pk])


@pytest.fixture
def a_to_d(world):
    """Branch A (street 1) sends a member to branch D (street 2)."""
    return transfer_at(member_of(world.branch_a, name="张三"), to=world.branch_d)


def test_anonymous_is_sent_to_log_in(client, a_to_d):
    member = a_to_d.member
    for url in (
        LIST,
        detail(a_to_d),
        step(a_to_d, "report"),
        letter(a_to_d),
        reverse("members:transfer_new", args=[member.pk]),
        reverse("members:transfer_incoming_new"),
        reverse("members:transfer_batch_new"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_both_ends_see_a_transfer_and_outsiders_get_404(
    client, a_to_d, secretary_a, other_street_staff, secretary_b, grid_worker, street_staff
):
    for user in (secretary_a, other_street_staff, street_staff):
        client.force_login(user)
        assert client.get(detail(a_to_d)).status_code == 200, user
        assert client.get(letter(a_to_d)).status_code == 200, user
    for user in (secretary_b, grid_worker):
        client.force_login(user)
        assert client.get(detail(a_to_d)).status_code == 404, user
        assert client.get(letter(a_to_d)).status_code == 404, user
        assert client.post(step(a_to_d, "cancel"), {"reason": "x"}).status_code == 404
    a_to_d.refresh_from_db()
    assert a_to_d.state == TransferState.ISSUED


def test_the_tabs_list_outgoing_incoming_and_in_flight(
    client, world, a_to_d, secretary_a, other_street_staff, street_staff
):
    done = transfer_at(member_of(world.branch_b), TransferState.COMPLETED, to=world.branch_c)
    client.force_login(secretary_a)
    assert list(client.get(LIST, {"tab": "out"}).context["page"]) == [a_to_d]
    assert list(client.get(LIST, {"tab": "in"}).context["page"]) == []
    client.force_login(other_street_staff)
    assert list(client.get(LIST, {"tab": "in"}).context["page"]) == [a_to_d]
    assert list(client.get(LIST, {"tab": "out"}).context["page"]) == []
    client.force_login(street_staff)
    assert list(client.get(LIST).context["page"]) == [a_to_d]  # in flight: open ones
    assert set(client.get(LIST, {"tab": "out"}).context["page"]) == {a_to_d, done}
    assert list(client.get(LIST, {"tab": "out", "state": "completed"}).context["page"]) == [done]
    assert list(client.get(LIST, {"tab": "out", "q": "张"}).context["page"]) == [a_to_d]


def test_a_grid_worker_and_a_user_without_posts_see_no_transfers(client, a_to_d, grid_worker):
    client.force_login(grid_worker)
    response = client.get(LIST)
    assert response.status_code == 200 and list(response.context["page"]) == []


def test_the_whole_inside_journey_through_the_pages(client, world, secretary_a, other_street_staff):
    member = member_of(world.branch_a, name="李四")
    client.force_login(secretary_a)
    page = client.get(reverse("members:detail", args=[member.pk])).content.decode()
    assert reverse("members:transfer_new", args=[member.pk]) in page
    response = client.post(
        reverse("members:transfer_new", args=[member.pk]),
        {"where": "inside", "to_organization": world.branch_d.pk, "reason": "搬家"},
    )
    transfer = Transfer.objects.get(member=member)
    assert response.status_code == 302 and response.url == detail(transfer)
    page = client.get(detail(transfer))
    assert [s.name for s, _form in page.context["steps"]] == ["issue", "cancel"]
    client.post(step(transfer, "issue"), {"issued_on": "2026-03-10"})
    transfer.refresh_from_db()
    assert transfer.state == TransferState.ISSUED
    assert client.get(step(transfer, "report")).status_code == 403  # the receiver's step
    assert 'data-testid="no-steps"' in client.get(detail(transfer)).content.decode()

    client.force_login(other_street_staff)
    client.post(step(transfer, "report"), {"reported_on": "2026-03-10"})
    client.post(step(transfer, "receipt"), {"receipt_on": "2026-03-10"})
    response = client.post(step(transfer, "complete"), {"completed_on": "2026-03-10"})
    assert response.status_code == 302
    member.refresh_from_db()
    transfer.refresh_from_db()
    assert (member.organization, transfer.state) == (world.branch_d, TransferState.COMPLETED)
    events = client.get(detail(transfer)).context["events"]
    assert [e.to_state for e in events] == ["draft", "issued", "reported", "receipted", "completed"]


def test_the_new_transfer_form_does_not_offer_the_own_branch(client, world, secretary_a):
    member = member_of(world.branch_a)
    client.force_login(secretary_a)
    response = client.get(reverse("members:transfer_new", args=[member.pk]))
    offered = set(response.context["form"].fields["to_organization"].queryset)
    assert world.branch_a not in offered
    assert world.branch_b in offered
    assert f'value="{world.branch_a.pk}"' not in str(response.context["form"]["to_organization"])


def test_a_transfer_to_the_own_branch_shows_the_message_and_saves_nothing(
    client, world, secretary_a
):
    member = member_of(world.branch_a)
    client.force_login(secretary_a)
    response = client.post(
        reverse("members:transfer_new", args=[member.pk]),
        {"where": "inside", "to_organization": world.branch_a.pk},
    )
    assert response.status_code == 200
    assert "already held by A支部" in response.content.decode()
    assert response.context["form"].errors["to_organization"]
    assert not Transfer.objects.exists()


def test_completing_an_expired_transfer_through_the_page_is_refused(
    client, world, other_street_staff
):
    transfer = transfer_at(member_of(world.branch_a), TransferState.EXPIRED, to=world.branch_d)
    client.force_login(other_street_staff)
    response = client.post(step(transfer, "complete"), {"completed_on": "2026-03-10"})
    assert response.status_code == 200
    assert "expired" in " ".join(response.context["form"].non_field_errors())
    transfer.refresh_from_db()
    assert transfer.state == TransferState.EXPIRED


def test_a_read_only_committee_member_reads_but_takes_no_step(client, world, a_to_d):
    client.force_login(read_only_user(world.branch_a))
    response = client.get(detail(a_to_d))
    assert response.status_code == 200 and response.context["steps"] == []
    assert client.get(step(a_to_d, "cancel")).status_code == 403
    assert (
        client.post(
            step(a_to_d, "cancel"), {"cancelled_on": "2026-03-10", "reason": "x"}
        ).status_code
        == 403
    )
    new = reverse("members:transfer_new", args=[a_to_d.member_id])
    assert client.get(new).status_code == 403
    assert client.get(reverse("members:transfer_incoming_new")).status_code == 403
    assert client.get(reverse("members:transfer_batch_new")).status_code == 403
    a_to_d.refresh_from_db()
    assert a_to_d.state == TransferState.ISSUED


def test_an_unknown_step_is_404(client, a_to_d, secretary_a):
    client.force_login(secretary_a)
    assert client.get(step(a_to_d, "teleport")).status_code == 404


def test_the_printed_letter_carries_number_names_validity_and_a_receipt(
    client, world, a_to_d, secretary_a
):
    client.force_login(secretary_a)
    page = client.get(letter(a_to_d)).content.decode()
    for text in (
        a_to_d.letter_number,
        "张三",
        "A支部",
        "D支部",
        "2026年5月2日",
        "（回执）",
        "（存根）",
        "members/transfer_letter.css",
        a_to_d.member.id_number,
    ):
        assert text in page, text
    # the A4 print layout is a static stylesheet (the Content Security Policy forbids inline ones)
    stylesheet = Path(finders.find("members/transfer_letter.css")).read_text(encoding="utf-8")
    assert "@media print" in stylesheet and "size: A4" in stylesheet
    log = SensitiveAccess.objects.get()
    assert (log.user, log.member) == (secretary_a, a_to_d.member)


def test_the_letter_is_masked_for_who_reads_only(client, world, a_to_d):
    client.force_login(read_only_user(world.branch_a))
    page = client.get(letter(a_to_d)).content.decode()
    assert a_to_d.member.id_number not in page
    assert not SensitiveAccess.objects.exists()


def test_a_draft_has_no_letter_to_print(client, world, secretary_a):
    draft = transfer_at(member_of(world.branch_a), TransferState.DRAFT, to=world.branch_b)
    client.force_login(secretary_a)
    assert client.get(letter(draft)).status_code == 404


def test_recording_a_letter_from_outside_through_the_page(client, world, secretary_a):
    client.force_login(secretary_a)
    fields = letter_from_outside(world.branch_a)
    data = {k: (v.pk if hasattr(v, "pk") else ("" if v is None else v)) for k, v in fields.items()}
    response = client.post(reverse("members:transfer_incoming_new"), data)
    transfer = Transfer.objects.get()
    assert response.status_code == 302 and response.url == detail(transfer)
    data["letter_number"] = transfer.letter_number
    response = client.post(reverse("members:transfer_incoming_new"), data)
    assert response.context["form"].errors["letter_number"]
    assert Transfer.objects.count() == 1


def test_the_receipt_prints_for_a_transfer_from_outside(client, world, secretary_a):
    transfer = incoming_at(world.branch_a, TransferState.COMPLETED, receipt_on=D(2026, 3, 6))
    client.force_login(secretary_a)
    page = client.get(letter(transfer)).content.decode()
    assert "（回执）" in page and "（存根）" not in page and "2026年3月6日" in page


def test_taking_in_a_member_from_outside_through_the_page(client, world, secretary_a):
    transfer = incoming_at(world.branch_a, TransferState.REPORTED)
    client.force_login(secretary_a)
    page = client.get(detail(transfer))
    forms = dict(page.context["steps"])
    complete = next(form for s, form in page.context["steps"] if s.name == "complete")
    assert "grid_cell" in complete.fields and len(forms) == 3  # complete, reject, cancel
    response = client.post(
        step(transfer, "complete"),
        {
            "completed_on": "2026-03-10",
            "ethnicity": "回族",
            "employment": "retired",
            "grid_cell": world.branch_a.grid_cell_id,
        },
    )
    assert response.status_code == 302
    member = Member.objects.get(id_number=transfer.id_number)
    assert (member.ethnicity, member.employment, member.organization) == (
        "回族",
        "retired",
        world.branch_a,
    )


def test_a_pocket_member_case_is_flagged_on_the_transfer_page(client, world, secretary_a):
    transfer = transfer_at(member_of(world.branch_a), TransferState.EXPIRED, outside="外地")
    client.force_login(secretary_a)
    page = client.get(detail(transfer))
    assert page.context["pocket_member"]
    assert [s.name for s, _form in page.context["steps"]] == ["report", "receipt", "cancel"]


def test_a_group_transfer_through_the_page(client, world, secretary_a):
    members = [member_of(world.branch_a) for _ in range(2)]
    url = reverse("members:transfer_batch_new")
    client.force_login(secretary_a)
    page = client.get(url, {"organization": world.branch_a.pk})
    assert set(page.context["form"].fields["members"].queryset) == set(members)
    response = client.post(
        f"{url}?organization={world.branch_a.pk}",
        {
            "title": "合并到B支部",
            "members": [m.pk for m in members],
            "where": "inside",
            "to_organization": world.branch_b.pk,
        },
    )
    assert response.status_code == 302
    assert Transfer.objects.filter(batch__title="合并到B支部").count() == 2


def test_a_group_transfer_of_another_branch_is_refused(client, world, secretary_a):
    client.force_login(secretary_a)
    url = reverse("members:transfer_batch_new")
    assert client.get(url, {"organization": world.branch_b.pk}).status_code == 404


def test_the_member_timeline_shows_the_transfer_steps(
    client, world, a_to_d, secretary_a, monkeypatch
):
    monkeypatch.setattr(timeline, "_providers", [*timeline._providers])
    timeline.register(transfer_timeline_events)
    client.force_login(secretary_a)
    page = client.get(reverse("members:detail", args=[a_to_d.member_id])).content.decode()
    assert f"Transfer letter {a_to_d.letter_number} issued for D支部" in page


def _fill(world, n):
    for _ in range(n):
        transfer_at(member_of(world.branch_a), to=world.branch_d)
        transfer_at(member_of(world.branch_b), outside="外地")
        incoming_at(world.branch_c)


def test_the_list_costs_the_same_queries_for_few_or_many_transfers(
    client, world, street_staff, django_assert_num_queries
):
    _fill(world, 1)
    client.force_login(street_staff)
    client.get(LIST)  # warm the session
    # session, user, scope (posts, assignments), the page count, whether the user may start
    # transfers, the unread reminders, the page rows (with both organizations and the member)
    with django_assert_num_queries(8):
        client.get(LIST, {"tab": "out"})
    _fill(world, 10)
    with django_assert_num_queries(8):
        response = client.get(LIST, {"tab": "out"})
    assert len(response.context["page"].object_list) == 22
    assert Member.objects.count() == 22

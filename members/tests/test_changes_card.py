"""The "Changes" card of the member and transfer pages: who changed what, when; field names,
never the values (an ID number or phone stays masked), at a fixed number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.tests.factories import MemberFactory
from members.tests.support.transfers import member_of, transfer_at


def _card(response) -> str:
    page = response.content.decode()
    return page[page.index('data-testid="changes"') :]


def _changed(obj, user, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj._history_user = user
    obj.save()


def test_the_member_page_shows_who_changed_which_fields(client, world, secretary_a, english):
    member = MemberFactory(organization=world.branch_a)
    _changed(member, secretary_a, phone="13900001111")
    client.force_login(secretary_a)
    card = _card(client.get(reverse("members:detail", args=[member.pk])))
    assert "secretary_a" in card and "phone" in card and "Created" in card
    assert "13900001111" not in card


def test_the_member_pages_queries_do_not_grow_with_its_changes(client, world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    url = reverse("members:detail", args=[member.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(15):
        _changed(member, secretary_a, phone=f"139000011{n:02d}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    assert _card(response).count("<li") == 10


def test_the_transfer_page_shows_its_changes(client, world, secretary_a, english):
    transfer = transfer_at(member_of(world.branch_a, name="张三"), to=world.branch_d)
    client.force_login(secretary_a)
    card = _card(client.get(reverse("members:transfer_detail", args=[transfer.pk])))
    assert "Created" in card

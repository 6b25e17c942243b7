"""Mobile members in the admin: scoped like the pages, read-only, personal data masked."""

import pytest
from django.urls import reverse

from members.tests.support.mobile import NOW, contact, incoming
from organizations import roles

MOBILE_PERMISSIONS = {
    roles.VIEW: {
        "members.view_mobilemember",
        "members.view_permitrenewal",
        "members.view_mobilecontact",
    },
}


@pytest.fixture(autouse=True)
def _granted(monkeypatch, time_machine):
    """The grants members.apps gives the posts (added there with this issue)."""
    time_machine.move_to(NOW)
    granted = {cap: set(perms) for cap, perms in roles._CAPABILITY_PERMISSIONS.items()}
    for capability, permissions in MOBILE_PERMISSIONS.items():
        granted[capability] |= permissions
    monkeypatch.setattr(roles, "_CAPABILITY_PERMISSIONS", granted)


def change_url(obj) -> str:
    return reverse("admin:members_mobilemember_change", args=[obj.pk])


def test_another_branchs_record_is_a_404_in_the_admin(client, world, secretary_b):
    record = incoming(world.branch_a)
    client.force_login(secretary_b)
    assert client.get(change_url(record)).status_code == 404
    listed = client.get(reverse("admin:members_mobilemember_changelist"))
    assert listed.status_code == 200 and list(listed.context["cl"].result_list) == []


def test_the_branch_reads_its_record_masked_and_cannot_change_it(client, world, secretary_a):
    record = incoming(world.branch_a, phone="13712345678")
    contact(record, record.away_since, secretary_a)
    client.force_login(secretary_a)
    response = client.get(change_url(record))
    assert response.status_code == 200 and not response.context["has_change_permission"]
    body = response.content.decode()
    assert "137****5678" in body and "13712345678" not in body
    assert record.id_number not in body


def test_records_are_not_added_or_deleted_in_the_admin(client, world, superuser):
    record = incoming(world.branch_a)
    client.force_login(superuser)
    assert client.get(reverse("admin:members_mobilemember_add")).status_code == 403
    delete = reverse("admin:members_mobilemember_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


def test_another_branchs_record_history_and_its_entries_are_404s(client, world, secretary_b):
    record = incoming(world.branch_a)
    record.whereabouts = "无锡"
    record.save()
    entry = record.history.order_by("history_id").first()
    client.force_login(secretary_b)
    history = reverse("admin:members_mobilemember_history", args=[record.pk])
    one_entry = reverse("admin:members_mobilemember_simple_history", args=[record.pk, entry.pk])
    for url in (history, one_entry):
        response = client.get(url)
        assert response.status_code == 404, url
        assert record.name.encode() not in response.content


def test_the_branch_reads_its_records_history(client, world, secretary_a):
    record = incoming(world.branch_a)
    client.force_login(secretary_a)
    url = reverse("admin:members_mobilemember_history", args=[record.pk])
    assert client.get(url).status_code == 200

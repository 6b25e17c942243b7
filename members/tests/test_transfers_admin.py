"""Admin of transfers: scoped to both ends, read-only for the course of a transfer."""

import datetime

import pytest
from django.urls import reverse

from members.models import TransferState
from members.tests.support.transfers import member_of, transfer_at
from organizations import roles

CHANGELIST = reverse("admin:members_transfer_changelist")


@pytest.fixture(autouse=True)
def granted(monkeypatch):
    """The permissions members/apps.py is to grant (see the report of this area)."""
    perms = {k: set(v) for k, v in roles._CAPABILITY_PERMISSIONS.items()}
    perms[roles.VIEW] |= {
        "members.view_transfer",
        "members.view_transferbatch",
        "members.view_transferevent",
    }
    perms[roles.MANAGE] |= {"members.change_transfer"}
    monkeypatch.setattr(roles, "_CAPABILITY_PERMISSIONS", perms)


def change_url(transfer):
    return reverse("admin:members_transfer_change", args=[transfer.pk])


def test_admin_lists_the_transfers_of_both_ends_only(
    client, world, secretary_a, other_street_staff, secretary_b
):
    a_to_d = transfer_at(member_of(world.branch_a), to=world.branch_d)
    b_out = transfer_at(member_of(world.branch_b), outside="外地")
    client.force_login(secretary_a)
    assert list(client.get(CHANGELIST).context["cl"].result_list) == [a_to_d]
    client.force_login(other_street_staff)
    assert list(client.get(CHANGELIST).context["cl"].result_list) == [a_to_d]
    client.force_login(secretary_b)
    assert list(client.get(CHANGELIST).context["cl"].result_list) == [b_out]
    assert client.get(change_url(a_to_d)).status_code == 404


def test_the_admin_changes_nothing_of_the_course_of_a_transfer(client, world, secretary_a):
    transfer = transfer_at(member_of(world.branch_a), to=world.branch_b)
    client.force_login(secretary_a)
    response = client.get(change_url(transfer))
    assert response.status_code == 200
    assert not response.context["has_add_permission"]
    client.post(change_url(transfer), {"state": TransferState.COMPLETED})
    transfer.refresh_from_db()
    assert transfer.state == TransferState.ISSUED
    assert client.get(reverse("admin:members_transfer_add")).status_code == 403


def test_a_superuser_runs_the_expiry_step_from_the_admin(client, world, superuser):
    transfer = transfer_at(
        member_of(world.branch_a),
        to=world.branch_b,
        letter_issued_on=datetime.date(2019, 12, 1),
        valid_until=datetime.date(2020, 1, 1),
    )
    client.force_login(superuser)
    response = client.post(
        CHANGELIST,
        {"action": "expire_lapsed_letters", "_selected_action": [transfer.pk]},
        follow=True,
    )
    assert response.status_code == 200
    transfer.refresh_from_db()
    assert transfer.state == TransferState.EXPIRED

"""Pairing agreements on the co-building pages: recorded for a branch, refused with two
partners, ended by their branch."""

import datetime

import pytest
from django.urls import reverse

from activities.models import PairingAgreement
from activities.tests.support.cobuilding import (
    AgreementFactory,
    two_new_in,
    unit_in,
    with_community,
)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00")


def test_a_secretary_records_an_agreement_for_his_branch(client, world, secretary_a):
    unit = unit_in(world.community1)
    client.force_login(secretary_a)
    url = with_community("activities:agreement_create", world.community1.community)
    response = client.get(url)
    assert list(response.context["form"].fields["branch"].queryset) == [world.branch_a]
    response = client.post(
        url,
        {
            "branch": world.branch_a.pk,
            "unit": unit.pk,
            "signed_on": "2026-11-20",
            "content": "共建",
        },
    )
    assert response.status_code == 302
    assert PairingAgreement.objects.get().partner == unit


def test_an_agreement_with_both_partners_is_refused_on_the_form(
    client, world, secretary_a, english
):
    client.force_login(secretary_a)
    url = with_community("activities:agreement_create", world.community1.community)
    response = client.post(
        url,
        {
            "branch": world.branch_a.pk,
            "unit": unit_in(world.community1).pk,
            "two_new": two_new_in(world.community1).pk,
            "signed_on": "2026-11-20",
            "content": "x",
        },
    )
    assert response.status_code == 200
    assert "not both" in " ".join(response.context["form"].errors["two_new"])
    assert not PairingAgreement.objects.exists()


def test_a_user_managing_no_branch_cannot_record_agreements(client, world, grid_worker):
    client.force_login(grid_worker)
    assert client.get(reverse("activities:agreement_create")).status_code == 403


def test_an_agreement_is_ended_by_its_branch(client, world, secretary_a, secretary_b):
    agreement = AgreementFactory(branch=world.branch_a, unit=unit_in(world.community1))
    url = reverse("activities:agreement_end", args=[agreement.pk])
    client.force_login(secretary_b)
    assert client.post(url).status_code == 404
    client.force_login(secretary_a)
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.ends_on == datetime.date(2026, 11, 26)


def test_ending_an_ended_agreement_shows_the_reason(client, world, secretary_a, english):
    agreement = AgreementFactory(
        branch=world.branch_a, unit=unit_in(world.community1), ends_on=datetime.date(2026, 6, 1)
    )
    client.force_login(secretary_a)
    response = client.post(reverse("activities:agreement_end", args=[agreement.pk]), follow=True)
    assert "already ended on 2026-06-01" in " ".join(str(m) for m in response.context["messages"])

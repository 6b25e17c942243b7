"""Exemptions in the admin: scoped like the pages, granted and changed from above only."""

import datetime

from django.urls import reverse

from activities.models import Exemption
from activities.tests.factories import activity_type
from activities.tests.support.admin import change_url
from activities.tests.support.compliance import ExemptionFactory

D = datetime.date
ADD = "admin:activities_exemption_add"
LIST = "admin:activities_exemption_changelist"


def test_the_list_shows_the_exemptions_in_scope(client, world, community_staff):
    a = ExemptionFactory(organization=world.branch_a)
    ExemptionFactory(organization=world.branch_d)
    client.force_login(community_staff)
    response = client.get(reverse(LIST))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [a]


def test_another_streets_exemption_is_404(client, world, other_street_staff):
    exemption = ExemptionFactory(organization=world.branch_a)
    client.force_login(other_street_staff)
    assert client.get(change_url(exemption)).status_code == 404


def test_the_branch_reads_its_exemption_but_cannot_change_it(client, world, secretary_a):
    exemption = ExemptionFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = client.get(change_url(exemption))
    assert response.status_code == 200 and not response.context["has_change_permission"]
    response = client.post(
        change_url(exemption),
        {
            "organization": world.branch_a.pk,
            "starts_on": "2026-01-01",
            "ends_on": "2027-12-31",
            "reason": "x",
        },
    )
    assert response.status_code == 403
    exemption.refresh_from_db()
    assert exemption.ends_on == D(2026, 12, 31)


def test_staff_add_an_exemption_with_the_service_checks(client, world, community_staff):
    ExemptionFactory(organization=world.branch_a, starts_on=D(2026, 1, 1), ends_on=D(2026, 3, 31))
    client.force_login(community_staff)
    data = {
        "organization": world.branch_a.pk,
        "activity_type": activity_type("party_lesson").pk,
        "starts_on": "2026-03-01",
        "ends_on": "2026-06-30",
        "reason": "换届",
    }
    response = client.post(reverse(ADD), data)
    assert response.status_code == 200
    assert "starts_on" in response.context["adminform"].form.errors
    data["activity_type"] = activity_type("party_group_meeting").pk
    data["starts_on"] = "2026-04-01"
    response = client.post(reverse(ADD), data)
    assert "activity_type" in response.context["adminform"].form.errors
    data["activity_type"] = activity_type("party_lesson").pk
    assert client.post(reverse(ADD), data).status_code == 302
    added = Exemption.objects.get(activity_type__code="party_lesson")
    assert added.recorded_by == community_staff


def test_the_branch_may_only_exempt_its_party_groups(client, world, secretary_a, secretary_b):
    client.force_login(secretary_a)
    response = client.get(reverse(ADD))
    assert response.status_code == 200
    choices = response.context["adminform"].form.fields["organization"].queryset
    assert list(choices) == [world.group_a]
    client.force_login(secretary_b)
    assert client.get(reverse(ADD)).status_code == 403

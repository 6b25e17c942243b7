"""Co-building in the admin: scoped like the pages (404 outside, read-only for readers),
choices limited to what the user manages."""

import pytest

from activities.tests.factories import NeedFactory, ProjectFactory
from activities.tests.support.admin import change_url, changelist
from activities.tests.support.cobuilding import AgreementFactory, ResourceFactory, unit_in


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00")


def test_lists_of_another_community_are_a_404(client, world, community_staff):
    need = NeedFactory(community=world.community2.community)
    project = ProjectFactory(community=world.community2.community)
    resource = ResourceFactory(unit=unit_in(world.community2))
    agreement = AgreementFactory(branch=world.branch_c, unit=unit_in(world.community2))
    client.force_login(community_staff)
    for obj in (need, project, resource, agreement):
        assert client.get(change_url(obj)).status_code == 404, obj


def test_a_secretary_reads_his_communitys_lists_but_cannot_change_them(client, world, secretary_a):
    need = NeedFactory(community=world.community1.community)
    client.force_login(secretary_a)
    response = client.get(change_url(need))
    assert response.status_code == 200 and not response.context["has_change_permission"]
    assert need in client.get(changelist(need)).context["cl"].result_list
    assert not client.get(changelist(need)).context["has_add_permission"]


def test_community_staff_changes_a_need_of_their_community(client, world, community_staff):
    need = NeedFactory(community=world.community1.community)
    client.force_login(community_staff)
    response = client.get(change_url(need))
    assert response.context["has_change_permission"]
    field = response.context["adminform"].form.fields["community"]
    assert list(field.queryset) == [world.community1.community]


def test_agreements_in_the_admin_follow_the_branch(client, world, secretary_a):
    mine = AgreementFactory(branch=world.branch_a, unit=unit_in(world.community1))
    theirs = AgreementFactory(branch=world.branch_b, unit=unit_in(world.community1))
    client.force_login(secretary_a)
    assert client.get(change_url(mine)).status_code == 200
    assert client.get(change_url(theirs)).status_code == 404
    form = client.get(change_url(mine)).context["adminform"].form
    assert list(form.fields["branch"].queryset) == [world.branch_a]


def test_a_project_in_the_admin_refuses_needs_of_another_community(
    client, world, street_staff, english
):
    project = ProjectFactory(community=world.community1.community)
    foreign = NeedFactory(community=world.community2.community)
    client.force_login(street_staff)
    response = client.post(
        change_url(project),
        {
            "community": project.community_id,
            "title": project.title,
            "starts_on": "2026-03-01",
            "status": "planned",
            "needs": [foreign.pk],
            "participants-TOTAL_FORMS": "0",
            "participants-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "needs" in response.context["adminform"].form.errors
    assert not project.needs.exists()

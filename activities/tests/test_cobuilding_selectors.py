"""Co-building reads: who sees and manages which community's lists, agreements by branch,
the matching helper, the community overview and a project's figures."""

import datetime
from decimal import Decimal as D

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from activities.models import ActivityStatus, AttendanceStatus, NeedStatus, ResourceCategory
from activities.selectors import cobuilding as selectors
from activities.tests.factories import NeedFactory, ProjectFactory
from activities.tests.support.cobuilding import (
    AgreementFactory,
    ResourceFactory,
    communities,
    fill_community,
    served,
    service_activity,
    unit_in,
    unit_in_community,
)
from members.tests.factories import MemberFactory
from organizations import scoping


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00")


# persona -> (communities whose lists it sees, communities it manages), by world attribute
LISTS = {
    "secretary_a": ({"community1"}, set()),
    "secretary_b": ({"community1"}, set()),
    "community_staff": ({"community1"}, {"community1"}),
    "street_staff": ({"community1", "community2"}, {"community1", "community2"}),
    "other_street_staff": ({"street2"}, {"street2"}),
    "grid_worker": ({"community1"}, set()),
    "no_post_user": (set(), set()),
    "superuser": ({"community1", "community2", "street2"}, {"community1", "community2", "street2"}),
}


@pytest.mark.parametrize("persona", sorted(LISTS))
def test_each_persona_sees_and_manages_its_communities_lists(world, request, persona):
    user = request.getfixturevalue(persona)
    by_name = communities(world)
    needs = {name: NeedFactory(community=c) for name, c in by_name.items()}
    projects = {name: ProjectFactory(community=c) for name, c in by_name.items()}
    resources = {name: ResourceFactory(unit=unit_in_community(c)) for name, c in by_name.items()}
    sees, manages = LISTS[persona]
    assert {n for n, x in needs.items() if x in selectors.visible_needs_for(user)} == sees
    assert {n for n, x in projects.items() if x in selectors.visible_projects_for(user)} == sees
    assert {n for n, x in resources.items() if x in selectors.visible_resources_for(user)} == sees
    assert {n for n, c in by_name.items() if selectors.can_manage_community(user, c)} == manages
    assert {n for n, x in needs.items() if x in selectors.manageable_needs_for(user)} == manages
    for name in set(by_name) - sees:
        with pytest.raises(Http404):
            selectors.get_project_for_user(user, projects[name].pk)


def test_other_street_staff_sees_nothing_of_street_1(world, other_street_staff):
    NeedFactory(community=world.community1.community)
    AgreementFactory(branch=world.branch_a, unit=unit_in(world.community1))
    assert not selectors.visible_needs_for(other_street_staff).exists()
    assert not selectors.visible_agreements_for(other_street_staff).exists()
    assert list(selectors.cobuilding_communities_for(other_street_staff)) == [
        world.branch_d.community
    ]


def test_agreements_follow_their_branch(world, secretary_a, secretary_b, community_staff):
    mine = AgreementFactory(branch=world.branch_a, unit=unit_in(world.community1))
    theirs = AgreementFactory(branch=world.branch_b, unit=unit_in(world.community1))
    assert list(selectors.visible_agreements_for(secretary_a)) == [mine]
    assert list(selectors.manageable_agreements_for(secretary_b)) == [theirs]
    assert set(selectors.manageable_agreements_for(community_staff)) == {mine, theirs}
    with pytest.raises(Http404):
        selectors.get_agreement_for_user(secretary_a, theirs.pk)


def test_a_need_is_matched_with_available_resources_of_its_category(world):
    community = world.community1.community
    unit = unit_in(world.community1)
    need = NeedFactory(community=community, category=ResourceCategory.VENUE)
    venue = ResourceFactory(unit=unit, category=ResourceCategory.VENUE)
    ResourceFactory(unit=unit, category=ResourceCategory.VENUE, available=False)
    ResourceFactory(unit=unit, category=ResourceCategory.FUNDS)
    ResourceFactory(unit=unit_in(world.community2), category=ResourceCategory.VENUE)
    assert list(selectors.matching_resources(need)) == [venue]


def test_the_default_community_is_the_managed_one_then_the_seen_one(
    world, community_staff, secretary_a, no_post_user
):
    assert selectors.default_community_for(community_staff) == world.community1.community
    assert selectors.default_community_for(secretary_a) == world.community1.community
    assert selectors.default_community_for(no_post_user) is None


def test_the_community_overview_runs_a_fixed_number_of_queries(world, community_staff):
    scoping.scope_for(community_staff)  # computed once per request, before the page's queries
    counts = []
    for added in (2, 3):
        fill_community(world, added)
        with CaptureQueriesContext(connection) as queries:
            overview = selectors.community_overview(community_staff, world.community1.community)
            shown = [p.unit.name for pr in overview.projects for p in pr.participants.all()]
            shown += [p.title for n in overview.matched_needs for p in n.projects.all()]
            shown += [f"{a.branch.name}{a.partner.name}" for a in overview.agreements]
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert overview.counts["projects"] == 5 and overview.counts["agreements"] == 5


def test_the_overview_sorts_needs_and_counts(world, community_staff):
    community = world.community1.community
    unit = unit_in(world.community1)
    venue = ResourceFactory(unit=unit, category=ResourceCategory.VENUE)
    open_need = NeedFactory(community=community, category=ResourceCategory.VENUE)
    NeedFactory(community=community, status=NeedStatus.MET)
    NeedFactory(community=community, status=NeedStatus.DROPPED)
    AgreementFactory(branch=world.branch_a, unit=unit, ends_on=datetime.date(2026, 6, 30))
    overview = selectors.community_overview(community_staff, community)
    assert [(row.need, row.candidates) for row in overview.open_needs] == [(open_need, [venue])]
    assert len(overview.matched_needs) == 1 and len(overview.other_needs) == 1
    assert overview.counts["agreements"] == 1 and overview.counts["agreements_in_force"] == 0
    assert overview.can_manage


def test_a_project_shows_its_held_activities_and_summed_hours(world, community_staff, secretary_b):
    project = ProjectFactory(community=world.community1.community)
    first = service_activity(world.branch_a, project=project, people_served=10)
    second = service_activity(
        world.branch_b, project=project, held_on=datetime.date(2026, 10, 3), people_served=5
    )
    member = MemberFactory(organization=world.branch_a)
    served(first, member, "2.5")
    served(first, hours="1")
    served(first, status=AttendanceStatus.ABSENT)
    served(second, hours="4")
    service_activity(world.branch_a, project=project, status=ActivityStatus.PLANNED)
    service_activity(world.branch_a)  # not linked
    detail = selectors.project_detail(community_staff, project)
    assert detail.activities == [first, second]
    assert detail.figures.hours == D("7.5")
    assert detail.figures.volunteers == 3
    assert detail.figures.people_served == 15
    assert detail.activities[0].volunteer_hours == D("3.5")
    # a branch secretary sees his own branch's part
    mine = selectors.project_detail(secretary_b, project)
    assert mine.activities == [second] and mine.figures.hours == D("4")
    assert not mine.can_manage


def test_project_figures_take_two_queries_whatever_the_number(world, community_staff):
    scoping.scope_for(community_staff)
    projects = ProjectFactory.create_batch(3, community=world.community1.community)
    for project in projects:
        served(service_activity(world.branch_a, project=project), hours="1.5")
    with CaptureQueriesContext(connection) as queries:
        figures = selectors.project_figures_for(community_staff, [p.pk for p in projects])
    assert len(queries) == 2
    assert {f.hours for f in figures.values()} == {D("1.5")}

"""The demo tree seeded once: the street, its organizations, terms, logins and their posts."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from conftest import built_once
from dashboards.tests.support.seeding import (
    LOGINS,
    open_posts,
    seed,
)
from grid.geojson import validate_boundary
from grid.models import Community, GridCell, GridWorkerAssignment, Street
from members.models import (
    Member,
)
from members.models.member import HOLDING_KINDS
from organizations.demo import DEMO_PASSWORD
from organizations.models import (
    CommitteeTerm,
    MassOrganization,
    Organization,
    OrgKind,
    Post,
    Role,
    TwoNewOrganization,
    UnitOrganization,
)

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("seeded")
class TestTheDemoTree:
    """Seeded once for the class: the tree, the logins and their posts, on the small roll; the tests only read it."""

    seeded = built_once(seed, scope="class")

    def test_seed_builds_the_demo_street(self, seeded):
        output = seeded
        assert Street.objects.get().name == "城东街道"
        assert Community.objects.count() == 6
        assert GridCell.objects.count() == 40
        assert 55 <= Organization.objects.count() <= 70
        for organization in Organization.objects.all():
            organization.full_clean()
        for cell in GridCell.objects.prefetch_related("buildings", "households"):
            validate_boundary(cell.boundary)
            # one figure: the household records the residents step seeded, counted
            assert cell.household_count == len(cell.households.all()) > 0
            assert 2 <= len(cell.buildings.all()) <= 6
        assert Organization.objects.filter(kind=OrgKind.STREET_COMMITTEE).count() == 1
        assert Organization.objects.filter(kind=OrgKind.COMMUNITY_COMMITTEE).count() == 6
        assert (
            Organization.objects.filter(kind=OrgKind.BRANCH, grid_cell__isnull=False).count() == 40
        )
        assert Organization.objects.filter(kind=OrgKind.PARTY_GROUP).count() >= 8
        assert DEMO_PASSWORD in output and "gridworker" in output

    def test_every_branch_and_committee_has_a_secretary_and_terms_need_attention(self):
        today = timezone.localdate()
        without_secretary = Organization.objects.exclude(kind=OrgKind.PARTY_GROUP).exclude(
            posts__role=Role.SECRETARY, posts__ended_on__isnull=True
        )
        assert not without_secretary.exists()
        assert not Post.objects.filter(
            organization__kind=OrgKind.PARTY_GROUP, role__in=set(Role.values) - {Role.GROUP_LEADER}
        ).exists()
        assert not CommitteeTerm.objects.filter(organization__kind=OrgKind.PARTY_GROUP).exists()
        soon = CommitteeTerm.objects.filter(
            ends_on__gte=today, ends_on__lte=today + datetime.timedelta(days=90)
        )
        assert soon.count() >= 3
        assert CommitteeTerm.objects.filter(ends_on__lt=today).count() >= 2
        for term in CommitteeTerm.objects.select_related("organization"):
            term.full_clean()
        for user in User.objects.exclude(phone=""):
            user.full_clean()

    def test_demo_logins_hold_their_posts(self):
        admin = User.objects.get(username="admin")
        assert admin.is_superuser and admin.is_staff and admin.full_name == "系统管理员"
        assert admin.check_password(DEMO_PASSWORD)

        assert open_posts("street") == [("CD", Role.STAFF)]
        assert open_posts("community") == [("CD01", Role.STAFF)]
        assert open_posts("secretary") == [("CD01-01", Role.SECRETARY)]
        assert Post.objects.filter(organization__code="CD01-01", role=Role.SECRETARY).count() == 1
        assert User.objects.filter(username__in=LOGINS[:4], is_staff=True).count() == 4

        gridworker = User.objects.get(username="gridworker")
        assert not gridworker.is_staff and not gridworker.posts.exists()
        assignment = GridWorkerAssignment.objects.get(user=gridworker)
        assert assignment.grid_cell.organizations.get(kind=OrgKind.BRANCH).code == "CD01-01"
        other_cells = GridCell.objects.exclude(pk=assignment.grid_cell_id)
        assert all(1 <= cell.worker_assignments.count() <= 2 for cell in other_cells)

    def test_organizations_around_the_tree(self):
        assert UnitOrganization.objects.count() == 12
        two_new = list(TwoNewOrganization.objects.all())
        assert len(two_new) == 20
        covered = [t for t in two_new if t.is_covered]
        assert 0 < len(covered) < len(two_new)
        assert any(t.has_party_organization for t in two_new)
        assert any(t.has_instructor and not t.has_party_organization for t in two_new)
        for organization in [*two_new, *UnitOrganization.objects.all()]:
            organization.full_clean()
        for committee in Organization.objects.filter(kind=OrgKind.COMMUNITY_COMMITTEE):
            kinds = set(committee.mass_organizations.values_list("kind", flat=True))
            assert kinds == {"trade_union", "youth_league", "womens_federation"}
        assert MassOrganization.objects.count() == 18

    def test_branch_secretaries_and_the_demo_secretary_are_on_the_roll(self):
        secretary = Member.objects.get(user__username="secretary")
        assert secretary.organization.code == "CD01-01" and secretary.name == "陈建国"
        posts = Post.objects.filter(
            organization__kind__in=HOLDING_KINDS, role=Role.SECRETARY, ended_on__isnull=True
        )
        assert posts.exists()
        for post in posts.select_related("user__member"):
            assert post.user.member.organization_id == post.organization_id
        leaders = Post.objects.filter(role=Role.GROUP_LEADER).select_related("user__member")
        assert all(post.user.member.party_group_id == post.organization_id for post in leaders)

import datetime
import io

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from accounts.models import User
from grid.geojson import validate_boundary
from grid.models import Community, GridCell, GridWorkerAssignment, Street
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
from organizations.scoping import visible_organizations_for

pytestmark = pytest.mark.django_db

SNAPSHOT_APPS = ("grid", "organizations", "accounts")
LOGINS = ("admin", "street", "community", "secretary", "gridworker")
SCOPED_LOGINS = LOGINS[1:]  # the superuser sees every street by design


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def snapshot_models() -> list:
    """Every model of the apps, history models included: a second run must not even
    record a change."""
    return [model for app in SNAPSHOT_APPS for model in apps.get_app_config(app).get_models()]


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in snapshot_models()}


def snapshot() -> dict[str, list]:
    return {
        m._meta.label: list(m._default_manager.order_by("pk").values()) for m in snapshot_models()
    }


def visible_codes(username: str) -> set[str]:
    user = User.objects.get(username=username)  # fresh object: the scope is cached on it
    return set(visible_organizations_for(user).values_list("code", flat=True))


def open_posts(username: str) -> list[tuple[str, str]]:
    return list(
        Post.objects.filter(user__username=username, ended_on__isnull=True).values_list(
            "organization__code", "role"
        )
    )


def test_seed_builds_the_demo_street():
    output = seed()

    assert Street.objects.get().name == "城东街道"
    assert Community.objects.count() == 6
    assert GridCell.objects.count() == 40
    assert 55 <= Organization.objects.count() <= 70
    for organization in Organization.objects.all():
        organization.full_clean()
    for cell in GridCell.objects.prefetch_related("buildings"):
        validate_boundary(cell.boundary)
        assert 300 <= cell.household_count <= 500
        assert 2 <= len(cell.buildings.all()) <= 6
    assert Organization.objects.filter(kind=OrgKind.STREET_COMMITTEE).count() == 1
    assert Organization.objects.filter(kind=OrgKind.COMMUNITY_COMMITTEE).count() == 6
    assert Organization.objects.filter(kind=OrgKind.BRANCH, grid_cell__isnull=False).count() == 40
    assert Organization.objects.filter(kind=OrgKind.PARTY_GROUP).count() >= 8
    assert "demo-2026" in output and "gridworker" in output


def test_every_branch_and_committee_has_a_secretary_and_terms_need_attention():
    seed()
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


def test_demo_logins_hold_their_posts():
    seed()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.full_name == "系统管理员"
    assert admin.check_password("demo-2026")

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


def test_organizations_around_the_tree():
    seed()
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


def test_second_run_changes_nothing():
    seed()
    counts, before = row_counts(), snapshot()
    assert counts["organizations.HistoricalOrganization"] > 0  # history is part of the check

    seed()

    assert row_counts() == counts
    assert snapshot() == before


def test_run_on_a_later_day_moves_terms_instead_of_adding():
    seed()
    counts = row_counts()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        seed()
    after = row_counts()
    for label in ("organizations.CommitteeTerm", "organizations.Post", "accounts.User"):
        assert after[label] == counts[label]


def test_if_empty_does_nothing_on_a_seeded_database():
    seed()
    counts = row_counts()

    output = seed(if_empty=True)

    assert "not loaded" in output
    assert row_counts() == counts


def test_if_empty_seeds_an_empty_database():
    seed(if_empty=True)
    assert Street.objects.count() == 1


def test_scale_must_be_positive():
    with pytest.raises(CommandError):
        seed(scale=0)


def test_scale_two_adds_a_street_without_widening_the_demo_logins():
    seed()
    scopes = {username: visible_codes(username) for username in SCOPED_LOGINS}

    seed(scale=2)

    assert Street.objects.count() == 2
    second = Street.objects.exclude(code="CD").get()
    assert GridCell.objects.filter(community__street=second).count() == 40
    assert (
        Organization.objects.filter(street=second).count()
        == Organization.objects.filter(street__code="CD").count()
    )
    assert {username: visible_codes(username) for username in SCOPED_LOGINS} == scopes
    assert not Post.objects.filter(organization__street=second, user__username__in=LOGINS).exists()


def test_demo_logins_see_their_part_of_the_tree():
    seed(scale=2)
    street1 = set(Organization.objects.filter(street__code="CD").values_list("code", flat=True))

    assert visible_codes("secretary") == {"CD01-01", "CD01-01-G1", "CD01-01-G2"}
    assert visible_codes("street") == street1
    community = visible_codes("community")
    assert "CD01" in community and community < street1
    assert visible_codes("admin") == set(Organization.objects.values_list("code", flat=True))

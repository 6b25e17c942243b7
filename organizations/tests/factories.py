"""factory-boy factories of organizations: the tree, posts, terms and jurisdiction."""

import datetime

import factory

from grid.tests.factories import CommunityFactory, GridCellFactory, StreetFactory
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


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = OrgKind.STREET_COMMITTEE
    name = factory.Sequence(lambda n: f"组织{n}")
    street = factory.SubFactory(StreetFactory)


def street_committee(street=None, **kwargs) -> Organization:
    street = street or StreetFactory()
    return OrganizationFactory(
        kind=OrgKind.STREET_COMMITTEE, street=street, name=f"{street.name}党工委", **kwargs
    )


def community_committee(parent: Organization, community=None, **kwargs) -> Organization:
    community = community or CommunityFactory(street=parent.street)
    return OrganizationFactory(
        kind=OrgKind.COMMUNITY_COMMITTEE,
        parent=parent,
        street=parent.street,
        community=community,
        name=f"{community.name}党委",
        **kwargs,
    )


def branch(parent: Organization, grid_cell=None, **kwargs) -> Organization:
    community = parent.community
    if grid_cell is None and community is not None:
        grid_cell = GridCellFactory(community=community)
    return OrganizationFactory(
        kind=OrgKind.BRANCH,
        parent=parent,
        street=parent.street,
        community=grid_cell.community if grid_cell else community,
        grid_cell=grid_cell,
        **kwargs,
    )


def party_group(parent: Organization, **kwargs) -> Organization:
    return OrganizationFactory(
        kind=OrgKind.PARTY_GROUP,
        parent=parent,
        street=parent.street,
        community=parent.community,
        grid_cell=parent.grid_cell,
        **kwargs,
    )


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    user = factory.SubFactory("accounts.tests.factories.UserFactory")
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.SECRETARY
    started_on = datetime.date(2024, 1, 1)


class CommitteeTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeTerm

    organization = factory.SubFactory(OrganizationFactory)
    elected_on = datetime.date(2024, 3, 1)
    term_years = 3
    seats = 5


class UnitOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitOrganization

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"驻区单位{n}")
    unit_kind = "government"


class TwoNewOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TwoNewOrganization

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"两新组织{n}")
    kind = "enterprise"


class MassOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MassOrganization

    kind = "trade_union"
    name = factory.Sequence(lambda n: f"工会{n}")
    leading_organization = factory.SubFactory(OrganizationFactory)

"""What the member steps of one street share: the ``Roll``."""

import datetime
import functools
from dataclasses import dataclass

from grid.demo import Territory
from members.demo.people import IdNumbers
from members.models import Member
from members.models.member import HOLDING_KINDS, name_initials
from organizations.demo import Tree
from organizations.models import Organization, Post, Role

DEFAULT_SIZE = 1500  # members a street
BATCH = 500  # rows a statement, where bulk_create is used
CADRE_ROLES = {
    Role.SECRETARY,
    Role.DEPUTY_SECRETARY,
    Role.ORGANIZATION_MEMBER,
    Role.PROPAGANDA_MEMBER,
    Role.DISCIPLINE_MEMBER,
    Role.COMMITTEE_MEMBER,
}


@functools.cache
def initials(name: str) -> str:
    """pypinyin is slow next to a bulk insert; names repeat, so ask once per name."""
    return name_initials(name)


@dataclass
class Roll:
    """What the member steps of one street share. ``members`` is filled by the member step,
    or read from the database when a later step needs it and the roll existed already."""

    index: int
    territory: Territory
    tree: Tree
    today: datetime.date
    created: int = 0  # members added by this run
    _ids: IdNumbers | None = None
    _members: list[Member] | None = None
    _cadre_user_ids: set[int] | None = None

    @property
    def street(self):
        return self.territory.street

    @functools.cached_property
    def organizations(self) -> dict[int, Organization]:
        return {o.pk: o for o in self.tree.organizations}

    def ids(self) -> IdNumbers:
        if self._ids is None:
            used = set(
                Member.objects.filter(organization__street=self.street).values_list(
                    "id_number", flat=True
                )
            )
            self._ids = IdNumbers(self.index, used)
        return self._ids

    def members(self) -> list[Member]:
        """The members on the roll of the street."""
        if self._members is None:
            self._members = list(
                Member.objects.on_roll()
                .filter(organization__street=self.street)
                .only("organization", "party_group", "user", "employment", "status", "joined_on")
                .order_by("pk")
            )
        return self._members

    def add(self, members: list[Member]) -> None:
        """Members saved by a later step; a roll not read yet will find them when it is."""
        if self._members is not None:
            self._members.extend(members)

    def cadre_user_ids(self) -> set[int]:
        """Users holding a committee post of a branch-level or community organization."""
        if self._cadre_user_ids is None:
            self._cadre_user_ids = set(
                Post.objects.filter(
                    organization__street=self.street,
                    organization__kind__in=HOLDING_KINDS,
                    role__in=CADRE_ROLES,
                    ended_on__isnull=True,
                ).values_list("user_id", flat=True)
            )
        return self._cadre_user_ids

    def secretary_by_organization(self) -> dict[int, int]:
        return dict(
            Post.objects.filter(
                organization__street=self.street, role=Role.SECRETARY, ended_on__isnull=True
            ).values_list("organization_id", "user_id")
        )

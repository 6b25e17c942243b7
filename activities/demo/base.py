"""What the activity steps of one street share: the ``Cast`` read once from the database
(organizations, members, posts, mobile members away, activity types), and the writing
helpers (ids handed out ahead of a plain insert, datetimes of a demo day)."""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone

from activities.models import ActivityType
from grid.models import Community
from members.dates import add_months
from members.models import Member, MobileDirection, MobileMember
from organizations.models import CommitteeTerm, Organization, OrgKind, Post, Role

BATCH = 2000  # rows a statement where the plain insert is used
MONTHS = 12  # the demo covers the 12 months up to today
COMMITTEE_ROLES = {
    Role.SECRETARY,
    Role.DEPUTY_SECRETARY,
    Role.ORGANIZATION_MEMBER,
    Role.PROPAGANDA_MEMBER,
    Role.DISCIPLINE_MEMBER,
    Role.COMMITTEE_MEMBER,
}


class Person(NamedTuple):
    """A member on the roll, as much as the activities need."""

    pk: int
    user_id: int | None
    organization_id: int
    party_group_id: int | None
    joined_on: datetime.date


@dataclass
class Cast:
    """The street's organizations and people, read in a handful of queries."""

    street: object
    today: datetime.date
    organizations: list[Organization]  # parents before children
    terms: dict[int, CommitteeTerm]
    members: dict[int, list[Person]] = field(default_factory=dict)  # by holding organization
    groups: dict[int, list[Person]] = field(default_factory=dict)  # by party group
    by_user: dict[int, Person] = field(default_factory=dict)
    posts: dict[int, dict[str, list[int]]] = field(default_factory=dict)  # org → role → users
    away: dict[int, list[tuple[datetime.date, datetime.date | None]]] = field(default_factory=dict)
    types: dict[str, ActivityType] = field(default_factory=dict)
    communities: dict[int, str] = field(default_factory=dict)  # names

    @classmethod
    def read(cls, street, today: datetime.date, tree) -> "Cast":
        cast = cls(street, today, list(tree.organizations), dict(tree.terms))
        people = Member.objects.on_roll().filter(organization__street=street).order_by("pk")
        for row in people.values_list(
            "pk", "user_id", "organization_id", "party_group_id", "joined_on"
        ):
            person = Person(*row)
            cast.members.setdefault(person.organization_id, []).append(person)
            if person.party_group_id:
                cast.groups.setdefault(person.party_group_id, []).append(person)
            if person.user_id:
                cast.by_user[person.user_id] = person
        posts = Post.objects.filter(organization__street=street, ended_on__isnull=True)
        for organization_id, role, user_id in posts.order_by("pk").values_list(
            "organization_id", "role", "user_id"
        ):
            cast.posts.setdefault(organization_id, {}).setdefault(role, []).append(user_id)
        away = MobileMember.objects.filter(
            member__organization__street=street, direction=MobileDirection.OUTGOING
        )
        for member_id, since, until in away.values_list("member_id", "away_since", "ended_on"):
            cast.away.setdefault(member_id, []).append((since, until))
        cast.types = {t.code: t for t in ActivityType.objects.filter(active=True)}
        cast.communities = dict(Community.objects.filter(street=street).values_list("pk", "name"))
        return cast

    def community_name(self, community_id: int | None) -> str:
        return self.communities.get(community_id, "")

    @property
    def window_start(self) -> datetime.date:
        """The first day of the demo's year: the 12 months up to today's."""
        return add_months(self.today.replace(day=1), -(MONTHS - 1))

    def months(self) -> list[datetime.date]:
        return [add_months(self.window_start, k) for k in range(MONTHS)]

    def of_kind(self, *kinds: str) -> list[Organization]:
        return [o for o in self.organizations if o.kind in kinds]

    def roll(self, organization: Organization, day: datetime.date) -> list[Person]:
        """Who is expected at the organization's activities on ``day`` (activities/roll.py)."""
        if organization.kind == OrgKind.PARTY_GROUP:
            people = self.groups.get(organization.pk, [])
        elif organization.kind == OrgKind.STREET_COMMITTEE:
            people = [p for ps in self.members.values() for p in ps]
        else:
            people = self.members.get(organization.pk, [])
        return [p for p in people if p.joined_on <= day]

    def user(self, organization: Organization, *roles: str) -> int | None:
        """The first holder of the first of ``roles`` the organization has."""
        held = self.posts.get(organization.pk, {})
        for role in roles:
            if held.get(role):
                return held[role][0]
        return None

    def secretary(self, organization: Organization) -> int | None:
        role = Role.GROUP_LEADER if organization.kind == OrgKind.PARTY_GROUP else Role.SECRETARY
        return self.user(organization, role)

    def reviewer(self, organization: Organization) -> int | None:
        """Who approves or returns what the organization's children submit: its staff where
        it has some (community and street committees), else its secretary."""
        return self.user(organization, Role.STAFF, Role.SECRETARY, Role.DEPUTY_SECRETARY)

    def committee(self, organization: Organization, day: datetime.date) -> list[Person]:
        """The members of the organization's committee on the roll on ``day``."""
        held = self.posts.get(organization.pk, {})
        users = [u for role, us in held.items() if role in COMMITTEE_ROLES for u in us]
        people = [self.by_user[u] for u in dict.fromkeys(users) if u in self.by_user]
        return [p for p in people if p.joined_on <= day]

    def term_days(self, organization: Organization, start, end) -> tuple | None:
        """The days of ``start``–``end`` when a committee term of the organization is in
        force, or None."""
        term = self.terms.get(organization.pk)
        if term is None:
            return None
        first = max(start, term.elected_on)
        last = min(end, term.ends_on - datetime.timedelta(days=1))
        return (first, last) if first <= last else None

    def is_away(self, member_id: int, day: datetime.date) -> bool:
        spans = self.away.get(member_id)
        if not spans:  # most members
            return False
        return any(since <= day and (until is None or until > day) for since, until in spans)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware datetime of a demo day, in the project's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def stamp(moment: datetime.datetime):
    """A datetime as the plain insert takes it."""
    return connection.ops.adapt_datetimefield_value(moment)


def clock(moment: datetime.time | None):
    return connection.ops.adapt_timefield_value(moment)


class Ids:
    """Primary keys handed out before a plain insert, so that the rows pointing at the new
    rows (attendance at an activity, steps of a report) go in the same pass, without
    reading the new rows back. ``done()`` moves PostgreSQL's sequence past them, as
    ``loaddata`` does."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.last = model._default_manager.aggregate(last=Max("pk"))["last"] or 0

    def next(self) -> int:
        self.last += 1
        return self.last

    def done(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), [self.model])
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)

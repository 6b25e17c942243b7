"""Responsibility letters as a user may read them: the answering organization's people their
own letters, the level above (and everyone above it) the letters of the organizations under
it; each with its completion figures; their target items; what a letter is issued to and
who may answer for an item."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from accounts.models import User
from assessment.models import LetterState, ResponsibilityLetter, TargetItem
from organizations import scoping
from organizations.models import Organization, OrgKind, Post
from organizations.models.posts import COMMITTEE_ROLES


def visible_letters_for(user) -> QuerySet:
    """The letters of the organizations in the user's scope: the issuing level sees them too,
    since what it issues lies under it."""
    return scoping.scoped(
        user,
        ResponsibilityLetter.objects.select_related(
            "organization", "issued_by", "cadre", "cadre__user"
        ),
        org_field="organization",
    )


def with_completion(letters: QuerySet, today: datetime.date) -> QuerySet:
    """Each letter with ``items_total``, ``items_done`` and ``items_overdue`` (not done, the
    deadline before ``today``), counted in the same query as the letters."""
    return letters.annotate(
        items_total=Count("items"),
        items_done=Count("items", filter=Q(items__done_at__isnull=False)),
        items_overdue=Count(
            "items", filter=Q(items__done_at__isnull=True, items__deadline__lt=today)
        ),
    )


def letters_for(user, today: datetime.date, *, year: int | None = None) -> QuerySet:
    """The letters the user sees with their completion figures, newest year first, in the
    order of the tree (one query)."""
    letters = visible_letters_for(user)
    if year is not None:
        letters = letters.filter(year=year)
    return with_completion(letters, today).order_by("-year", "organization__path", "cadre_id", "pk")


def get_letter_for_user(user, pk) -> ResponsibilityLetter:
    """The letter, or 404 whether it is missing or out of the user's scope."""
    try:
        return visible_letters_for(user).get(pk=pk)
    except (ResponsibilityLetter.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def letter_items(letter: ResponsibilityLetter) -> list[TargetItem]:
    return list(
        TargetItem.objects.filter(letter=letter)
        .select_related("owner", "done_by")
        .order_by("order", "deadline", "pk")
    )


def get_item_for_user(user, pk) -> TargetItem:
    """A target item of a letter the user sees, or 404."""
    try:
        return TargetItem.objects.select_related("letter").get(
            pk=pk, letter__in=visible_letters_for(user).values("pk")
        )
    except (TargetItem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def items_due_soon(user, today: datetime.date, days: int) -> QuerySet:
    """The target items of signed letters in the user's scope not done yet whose deadline is
    at most ``days`` away, the overdue ones included, soonest first."""
    return (
        TargetItem.objects.filter(
            letter__in=visible_letters_for(user).filter(state=LetterState.SIGNED).values("pk"),
            done_at__isnull=True,
            deadline__lte=today + datetime.timedelta(days=days),
        )
        .select_related("letter", "letter__organization", "owner")
        .order_by("deadline", "pk")
    )


def organizations_to_issue_to(user) -> QuerySet:
    """The organizations the user may issue letters to: those whose level above they manage
    (community committees, general branches and branches, not dissolved)."""
    managed = scoping.manageable_organizations_for(user)
    return (
        managed.filter(parent__in=scoping.manageable_organizations_for(user).values("pk"))
        .exclude(kind__in=[OrgKind.PARTY_GROUP, OrgKind.STREET_COMMITTEE])
        .filter(dissolved_on__isnull=True)
        .order_by("path")
    )


def cadre_posts_for(user, year: int) -> QuerySet:
    """The committee posts held during ``year`` in the organizations the user issues to."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (
        Post.objects.filter(
            organization__in=organizations_to_issue_to(user).values("pk"),
            role__in=COMMITTEE_ROLES,
            started_on__lte=last,
        )
        .exclude(ended_on__lt=first)
        .select_related("organization", "user")
        .order_by("organization__path", "role", "pk")
    )


def owner_choices(letter: ResponsibilityLetter) -> QuerySet:
    """The people who may answer for an item: those holding a post in the letter's
    organization during its year."""
    first, last = datetime.date(letter.year, 1, 1), datetime.date(letter.year, 12, 31)
    posts = Post.objects.filter(organization_id=letter.organization_id, started_on__lte=last)
    return User.objects.filter(pk__in=posts.exclude(ended_on__lt=first).values("user_id")).order_by(
        "full_name", "pk"
    )


def issuing_levels(user) -> QuerySet:
    """The organizations whose letters the user may issue (for a page's "new letter")."""
    return Organization.objects.filter(pk__in=organizations_to_issue_to(user).values("parent_id"))


@dataclass(frozen=True)
class LetterRights:
    """What the page offers the user on a letter: the services' checks, said ahead."""

    may_edit: bool  # add and change items (a draft, the issuing level)
    may_sign: bool  # a draft, either side's staff
    may_close: bool  # a signed letter, the issuing level
    may_answer: bool  # mark items done or reopen them (a signed letter, the answering staff)


def letter_rights(user, letter: ResponsibilityLetter) -> LetterRights:
    issuer = scoping.can_manage_organization(user, letter.issued_by)
    answering = scoping.can_manage_organization(user, letter.organization)
    return LetterRights(
        may_edit=letter.is_draft and issuer,
        may_sign=letter.is_draft and answering,
        may_close=letter.is_signed and issuer,
        may_answer=letter.is_signed and answering,
    )


def letters_with_items_for(user, today: datetime.date) -> QuerySet:
    """letters_for with each letter's items, their responsible person and who marked them
    done: one more query for any number of letters."""
    items = TargetItem.objects.select_related("owner", "done_by").order_by("order", "pk")
    return letters_for(user, today).prefetch_related(Prefetch("items", queryset=items))


def cadre_posts_in_reach(user) -> QuerySet:
    """Every committee post, past or present, of the organizations the user issues to (the
    admin's choices)."""
    return (
        Post.objects.filter(
            organization__in=organizations_to_issue_to(user).values("pk"),
            role__in=COMMITTEE_ROLES,
        )
        .select_related("organization", "user")
        .order_by("organization__path", "role", "-started_on")
    )

"""Democratic appraisals as a user may read them: a branch's secretary their branch's, the
level above every branch of its subtree; who may change one (those who manage the branch)
and who confirms it (a reviewing post strictly above the branch); the roll it is checked
against."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from assessment.models import Appraisal, AppraisalEntry, AppraisalFollowUp, AppraisalGrade
from members.models import Member
from organizations import scoping
from organizations.models import Organization, OrgKind

# the kinds of organization that hold the appraisal (as the activity type 民主评议党员)
APPRAISING_KINDS = (OrgKind.BRANCH, OrgKind.GENERAL_BRANCH)


def visible_appraisals_for(user) -> QuerySet:
    """Appraisals in the user's scope with the size of their list and the count of members
    graded at the top and failing grades: one query for any number of appraisals."""
    return scoping.scoped(
        user,
        Appraisal.objects.select_related("organization").annotate(
            entry_count=Count("entries", distinct=True),
            top_count=Count("entries", filter=Q(entries__grade__is_top=True), distinct=True),
            failing_count=Count(
                "entries", filter=Q(entries__grade__is_failing=True), distinct=True
            ),
        ),
        org_field="organization",
    ).order_by("-year", "organization__name", "pk")


def get_appraisal_for_user(user, pk) -> Appraisal:
    """The appraisal, or 404 whether it is missing or out of the user's scope."""
    try:
        return visible_appraisals_for(user).get(pk=pk)
    except (Appraisal.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_follow_up_for_user(user, pk) -> AppraisalFollowUp:
    """The follow-up, or 404 whether it is missing or out of the user's scope."""
    queryset = scoping.scoped(
        user,
        AppraisalFollowUp.objects.select_related(
            "entry__member", "entry__appraisal__organization", "entry__grade"
        ),
        org_field="entry__appraisal__organization",
    )
    try:
        return queryset.get(pk=pk)
    except (AppraisalFollowUp.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def appraisal_entries(appraisal: Appraisal) -> QuerySet:
    """The list of an appraisal with each member, grade and follow-up (one query)."""
    return (
        AppraisalEntry.objects.filter(appraisal=appraisal)
        .select_related("member", "grade", "follow_up")
        .order_by("member__name_initials", "member_id")
    )


def appraisal_grades() -> list[AppraisalGrade]:
    return list(AppraisalGrade.objects.order_by("order", "code"))


def may_manage_appraisal(user, appraisal: Appraisal) -> bool:
    return scoping.can_manage_organization(user, appraisal.organization)


def may_confirm_appraisal(user, appraisal: Appraisal) -> bool:
    """A reviewing post strictly above the branch (its community's or street's), or a
    superuser: the branch does not confirm its own grades."""
    scope = scoping.scope_for(user)
    if scope.is_superuser:
        return True
    return scoping.is_under(appraisal.organization.path, scope.review_paths, strictly=True)


def openable_branches_for(user) -> QuerySet:
    """Branches the user may open an appraisal for: those they manage, not dissolved."""
    return (
        scoping.manageable_organizations_for(user)
        .filter(kind__in=APPRAISING_KINDS, dissolved_on__isnull=True)
        .order_by("name", "pk")
    )


def roll_of(organization: Organization, year: int) -> QuerySet:
    """The full and probationary members the branch holds today (its roll) who had joined
    the party by the end of ``year``."""
    return (
        Member.objects.on_roll()
        .filter(organization=organization, joined_on__lte=datetime.date(year, 12, 31))
        .order_by("name_initials", "pk")
    )


def missing_members(appraisal: Appraisal) -> list[Member]:
    """Members on the branch's roll who are not on the appraisal's list."""
    return list(
        roll_of(appraisal.organization, appraisal.year).exclude(
            pk__in=AppraisalEntry.objects.filter(appraisal=appraisal).values("member_id")
        )
    )

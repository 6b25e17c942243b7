"""Flags of weak and lax organizations a user sees, with their plans, and who may decide on
them: the level above a branch (a post that manages an organization above it) confirms,
dismisses and signs off; the branch itself or the level above draws up the plan."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from assessment.models import RectificationItem, WeakFlag
from assessment.selectors.weak import reason_text
from organizations import scoping


def visible_flags_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """Flags of the organizations in the user's scope (a secretary reads their branch's)."""
    qs = WeakFlag.objects.all() if queryset is None else queryset
    return scoping.scoped(user, qs, org_field="organization")


def flag_list_for(user) -> QuerySet:
    """The flag list with what each row shows: the organization, its street and the plan's
    items (two queries for the prefetches)."""
    items = RectificationItem.objects.select_related("owner").order_by("order", "pk")
    return (
        visible_flags_for(user)
        .select_related("organization", "street", "decided_by", "signed_off_by", "plan")
        .prefetch_related(Prefetch("plan__items", queryset=items))
        .order_by("-reviewed_on", "organization__path", "pk")
    )


def get_flag_for_user(user, pk) -> WeakFlag:
    """The flag, or 404 whether it is missing or out of the user's scope."""
    try:
        return flag_list_for(user).get(pk=pk)
    except (WeakFlag.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_item_for_user(user, flag: WeakFlag, pk) -> RectificationItem:
    plan = getattr(flag, "plan", None)
    try:
        return RectificationItem.objects.filter(plan=plan).get(pk=pk)
    except (RectificationItem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def may_decide(user, flag: WeakFlag) -> bool:
    """The level above the flagged organization: a post that manages an organization above
    it (never the organization itself)."""
    scope = scoping.scope_for(user)
    return scope.is_superuser or scoping.is_under(
        flag.organization.path, scope.manage_paths, strictly=True
    )


def may_plan(user, flag: WeakFlag) -> bool:
    """The flagged organization itself or the level above."""
    return scoping.can_manage_path(user, flag.organization.path)


def reasons_of(flag: WeakFlag) -> list[str]:
    return [reason_text(reason) for reason in flag.reasons or []]


def open_flags_of_street(street) -> QuerySet:
    from assessment.models.weak import OPEN_STATES

    return WeakFlag.objects.filter(street=street, state__in=OPEN_STATES)


def owner_choices(flag: WeakFlag) -> QuerySet:
    """Who may own a measure by account: the people holding a post in the flagged
    organization today (anyone else is named in words)."""
    from django.contrib.auth import get_user_model

    from organizations.models import Post

    holders = Post.objects.active().filter(organization=flag.organization).values("user_id")
    return get_user_model().objects.filter(pk__in=holders).order_by("username")

"""Signs of organized life 组织生活, and the members who show none."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from members.models import (
    DuesRecord,
    MobileContact,
    TrainingAttendance,
)
from members.selectors.mobile.records import Thresholds, below, thresholds
from members.selectors.roll import visible_members_for


@dataclass(frozen=True)
class LifeSign:
    """Rows of ``queryset()`` that show a member taking part: ``member`` is the path from the
    row to the member, ``on`` the path to the row's date."""

    key: str
    label: object
    queryset: Callable[[], QuerySet]
    member: str
    on: str


_life_signs: dict[str, LifeSign] = {}


def register_life_sign(sign: LifeSign) -> None:
    existing = _life_signs.get(sign.key)
    if existing is not None and existing != sign:
        raise ValueError(f"sign of organized life {sign.key!r} is registered twice")
    _life_signs[sign.key] = sign


def life_signs() -> list[LifeSign]:
    return list(_life_signs.values())


register_life_sign(
    LifeSign(
        "contact",
        _("last contact"),
        lambda: MobileContact.objects.filter(reached=True),
        "mobile__member",
        "contacted_on",
    )
)
register_life_sign(
    LifeSign(
        "training",
        _("last training"),
        lambda: TrainingAttendance.objects.all(),
        "member",
        "session__held_on",
    )
)
register_life_sign(
    LifeSign(
        "dues",
        _("last dues paid"),
        lambda: DuesRecord.objects.filter(paid_on__isnull=False),
        "member",
        "paid_on",
    )
)


def with_life_signs(queryset: QuerySet) -> QuerySet:
    """Annotate members with ``last_<key>``: the latest date of each sign (one correlated
    subquery per sign, so one query whatever the number of members)."""
    annotations = {}
    for sign in life_signs():
        latest = (
            sign.queryset()
            .filter(**{sign.member: OuterRef("pk")})
            .order_by(f"-{sign.on}")
            .values(sign.on)[:1]
        )
        annotations[f"last_{sign.key}"] = Subquery(latest)
    return queryset.annotate(**annotations)


def drifting_members_for(user, *, limits: Thresholds | None = None, organization=None) -> QuerySet:
    limits = limits or thresholds()
    since = limits.drifting_since
    qs = with_life_signs(
        below(visible_members_for(user).on_roll(), organization).filter(joined_on__lte=since)
    )
    for sign in life_signs():
        name = f"last_{sign.key}"
        qs = qs.filter(Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__lte": since}))
    return qs.select_related("organization").order_by("organization__path", "name_initials", "id")

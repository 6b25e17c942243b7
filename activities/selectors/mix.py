"""The mix of held activities per category (meetings, study, service, co-building…) and per
form (reading documents, lectures, discussion, practice…): the source complains that many
branches only "read documents at meetings", so the share of reading is its own figure."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils import timezone

from activities.models import Activity, ActivityCategory, ActivityForm, ActivityStatus
from organizations import scoping
from organizations.models import Organization


@dataclass(frozen=True)
class MixRow:
    code: str
    label: str
    count: int
    share: float | None  # 0–1 of all held activities; None when there are none

    @property
    def percent(self) -> int:
        return round(self.share * 100) if self.share is not None else 0


@dataclass
class TypeMix:
    start: datetime.date
    end: datetime.date
    total: int = 0
    categories: list[MixRow] = field(default_factory=list)
    forms: list[MixRow] = field(default_factory=list)

    def _count(self, rows, code) -> int:
        return next((row.count for row in rows if row.code == code), 0)

    @property
    def reading(self) -> int:
        return self._count(self.forms, ActivityForm.READING)

    @property
    def reading_share(self) -> float | None:
        return self.reading / self.total if self.total else None

    @property
    def reading_percent(self) -> int:
        share = self.reading_share
        return round(share * 100) if share is not None else 0

    @property
    def service(self) -> int:
        """Service to residents and co-building together: the counterweight to reading."""
        return self._count(self.categories, ActivityCategory.SERVICE) + self._count(
            self.categories, ActivityCategory.CO_BUILDING
        )

    @property
    def service_share(self) -> float | None:
        return self.service / self.total if self.total else None

    @property
    def service_percent(self) -> int:
        share = self.service_share
        return round(share * 100) if share is not None else 0

    def as_dict(self) -> dict:
        """A small summary for dashboards: counts and shares (0–1, None without activities)."""
        return {
            "start": self.start,
            "end": self.end,
            "total": self.total,
            "reading": self.reading,
            "reading_share": self.reading_share,
            "service": self.service,
            "service_share": self.service_share,
            "categories": {
                row.code: {"count": row.count, "share": row.share} for row in self.categories
            },
            "forms": {row.code: {"count": row.count, "share": row.share} for row in self.forms},
        }


def _rows(choices, counts: dict[str, int], total: int) -> list[MixRow]:
    return [
        MixRow(
            str(value),
            str(label),
            counts.get(value, 0),
            counts.get(value, 0) / total if total else None,
        )
        for value, label in choices
    ]


def _mix_from(rows, start, end) -> TypeMix:
    by_category: dict[str, int] = {}
    by_form: dict[str, int] = {}
    total = 0
    for category, form, count in rows:
        by_category[category] = by_category.get(category, 0) + count
        by_form[form] = by_form.get(form, 0) + count
        total += count
    return TypeMix(
        start=start,
        end=end,
        total=total,
        categories=_rows(ActivityCategory.choices, by_category, total),
        forms=_rows(ActivityForm.choices, by_form, total),
    )


def _held(start: datetime.date, end: datetime.date) -> QuerySet:
    return Activity.objects.filter(status=ActivityStatus.HELD, held_on__range=(start, end))


def type_mix(organizations_qs: QuerySet, start: datetime.date, end: datetime.date) -> TypeMix:
    """Held activities of the given organizations between ``start`` and ``end`` (inclusive)
    per category and per form, with counts and shares. One query."""
    rows = (
        _held(start, end)
        .filter(organization__in=organizations_qs)
        .order_by()
        .values_list("activity_type__category", "form")
        .annotate(n=Count("id"))
    )
    return _mix_from(rows, start, end)


def period_bounds(
    year: int | None = None, quarter: int | None = None, *, today: datetime.date | None = None
) -> tuple[datetime.date, datetime.date]:
    """A year (this one by default) or one of its quarters (1–4)."""
    year = year or (today or timezone.localdate()).year
    if quarter:
        start = datetime.date(year, (quarter - 1) * 3 + 1, 1)
        following = datetime.date(year + (quarter == 4), 1 if quarter == 4 else start.month + 3, 1)
        return start, following - datetime.timedelta(days=1)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _organizations_for(user, organization: Organization | None) -> QuerySet:
    qs = scoping.visible_organizations_for(user)
    if organization is not None:
        qs = qs.filter(scoping.under_q(organization, field=None))
    return qs


def type_mix_for(
    user,
    organization: Organization | None = None,
    year: int | None = None,
    quarter: int | None = None,
) -> TypeMix:
    """The mix of the organizations the user sees (``organization`` and below, if given)."""
    start, end = period_bounds(year, quarter)
    return type_mix(_organizations_for(user, organization), start, end)


@dataclass
class OrganizationMix:
    id: int
    name: str
    path: str
    mix: TypeMix


def type_mix_by_organization(
    user,
    organization: Organization | None = None,
    year: int | None = None,
    quarter: int | None = None,
) -> list[OrganizationMix]:
    """The mix of each organization that held activities in the period (its own activities,
    not those below it), to compare branches. One query."""
    start, end = period_bounds(year, quarter)
    rows = (
        _held(start, end)
        .filter(organization__in=_organizations_for(user, organization))
        .order_by()
        .values_list(
            "organization_id",
            "organization__name",
            "organization__path",
            "activity_type__category",
            "form",
        )
        .annotate(n=Count("id"))
    )
    grouped: dict[int, tuple[str, str, list]] = {}
    for org_id, name, path, category, form, count in rows:
        grouped.setdefault(org_id, (name, path, []))[2].append((category, form, count))
    return sorted(
        (
            OrganizationMix(org_id, name, path, _mix_from(items, start, end))
            for org_id, (name, path, items) in grouped.items()
        ),
        key=lambda item: item.path,
    )


def type_mix_summary_for(user, *, today: datetime.date | None = None) -> dict:
    """For the dashboards: this year's mix of everything the user sees, as a small dict."""
    today = today or timezone.localdate()
    return type_mix_for(user, year=today.year).as_dict()

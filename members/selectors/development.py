"""Read queries of the pipeline for the board, the record page and the API, scoped through
organizations.scoping."""

import datetime

from django.db.models import Case, Count, IntegerField, Max, Prefetch, QuerySet, Value, When
from django.http import Http404

from members.dates import add_months
from members.models import ActivistReview, DevelopmentRecord, Member, MemberStatus
from members.models.development import OPEN_STAGES, STAGE_ORDER
from members.models.member import HOLDING_KINDS
from organizations import scoping
from organizations.models import Organization


def visible_development_records_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """Records of the branches in the user's scope. Grid workers hold no party post and see
    none: development is the branch's business, not the grid's."""
    qs = DevelopmentRecord.objects.all() if queryset is None else queryset
    return scoping.scoped(user, qs, org_field="organization")


def manageable_development_records_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = DevelopmentRecord.objects.all() if queryset is None else queryset
    return scoping.scoped_for_manage(user, qs, org_field="organization")


def development_branches_for(user, *, manage: bool = False) -> QuerySet:
    """Organizations that hold memberships (and so develop members) in the user's scope."""
    qs = Organization.objects.filter(kind__in=HOLDING_KINDS, dissolved_on__isnull=True)
    pick = scoping.manageable_organizations_for if manage else scoping.visible_organizations_for
    return pick(user, qs).order_by("path")


def _stage_order():
    return Case(
        *[When(stage=s, then=Value(i)) for i, s in enumerate(STAGE_ORDER)],
        output_field=IntegerField(),
    )


def board_records_for(user) -> QuerySet:
    """Every visible record, with what the board shows about it, in pipeline order."""
    return (
        visible_development_records_for(user)
        .select_related("organization")
        .annotate(last_review_on=Max("reviews__reviewed_on"), stage_order=_stage_order())
        .order_by("stage_order", "applied_on", "pk")
    )


def development_records_for(user) -> QuerySet:
    """Every visible record with its sponsors, reviews and last review, by branch (the API)."""
    return (
        visible_development_records_for(user)
        .select_related("organization")
        .prefetch_related(Prefetch("sponsors", queryset=Member.objects.only("pk")), "reviews")
        .annotate(last_review_on=Max("reviews__reviewed_on"))
        .order_by("organization__path", "applied_on", "pk")
    )


def stage_counts(queryset: QuerySet) -> dict[str, int]:
    rows = queryset.order_by().values("stage").annotate(n=Count("pk"))
    return {row["stage"]: row["n"] for row in rows}


def only_open(queryset: QuerySet) -> QuerySet:
    return queryset.filter(stage__in=OPEN_STAGES)


def development_record_for(user, pk) -> DevelopmentRecord:
    """The record with everything its page shows, or 404 when missing or out of scope."""
    try:
        return (
            visible_development_records_for(user)
            .select_related("organization", "grid_cell", "member")
            .prefetch_related(
                Prefetch("sponsors", queryset=Member.objects.order_by("name_initials", "pk")),
                "reviews",
            )
            .get(pk=pk)
        )
    except (DevelopmentRecord.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def eligible_sponsors_for(record: DevelopmentRecord) -> QuerySet:
    """Full members on the roll of the record's branch."""
    return (
        Member.objects.on_roll()
        .filter(organization_id=record.organization_id, status=MemberStatus.FULL)
        .order_by("name_initials", "pk")
    )


# Many organizations at once, for the assessment's metrics (no user: the caller scopes)


def talks_by_organization(
    organization_ids, first_day: datetime.date, last_day: datetime.date, talk_months: int
) -> dict[int, tuple[int, int]]:
    """``{organization id: (applications whose talk was due between the two days, those
    talked with by the day due)}``. The talk is due TALK_WITHIN_MONTHS calendar months after
    the application (as ``talk_due_on`` counts it); an application cancelled or withdrawn by
    the day due without a talk is not counted. One query."""
    rows = DevelopmentRecord.objects.filter(
        organization_id__in=organization_ids,
        applied_on__gte=add_months(first_day, -talk_months) - datetime.timedelta(days=3),
        applied_on__lte=last_day,
    ).values_list("organization_id", "applied_on", "talked_on", "closed_on")
    result: dict[int, tuple[int, int]] = {}
    for org_id, applied_on, talked_on, closed_on in rows:
        due = add_months(applied_on, talk_months)
        if not first_day <= due <= last_day:
            continue
        on_time = talked_on is not None and talked_on <= due
        if not on_time and talked_on is None and closed_on is not None and closed_on <= due:
            continue
        due_count, on_time_count = result.get(org_id, (0, 0))
        result[org_id] = (due_count + 1, on_time_count + on_time)
    return result


def activist_reviews_by_organization(
    organization_ids, first_day: datetime.date, last_day: datetime.date, review_months: int
) -> dict[int, tuple[int, int]]:
    """``{organization id: (activists' review periods ending between the two days, those with
    a review)}``. As ``missing_review_period`` counts them: period k of an activist runs from
    activist_on + (k-1)·N months (exclusive) to activist_on + k·N months (inclusive), N =
    ACTIVIST_REVIEW_MONTHS; a period is required while the record is still an activist at its
    end (not yet a candidate, not closed). Two queries."""
    records = list(
        DevelopmentRecord.objects.filter(
            organization_id__in=organization_ids,
            activist_on__isnull=False,
            activist_on__lte=last_day,
        ).values_list("pk", "organization_id", "activist_on", "candidate_on", "closed_on")
    )
    reviews: dict[int, list[datetime.date]] = {}
    for record_id, day in ActivistReview.objects.filter(
        record_id__in=[r[0] for r in records]
    ).values_list("record_id", "reviewed_on"):
        reviews.setdefault(record_id, []).append(day)
    result: dict[int, tuple[int, int]] = {}
    for pk, org_id, activist_on, candidate_on, closed_on in records:
        left_on = min((d for d in (candidate_on, closed_on) if d), default=None)
        k = 1
        while (end := add_months(activist_on, k * review_months)) <= last_day:
            start = add_months(activist_on, (k - 1) * review_months)
            k += 1
            if end < first_day or (left_on is not None and left_on <= end):
                continue
            reviewed = any(start < day <= end for day in reviews.get(pk, ()))
            due, done = result.get(org_id, (0, 0))
            result[org_id] = (due + 1, done + reviewed)
    return result


def admissions_by_organization(
    organization_ids, first_day: datetime.date, last_day: datetime.date
) -> dict[int, int]:
    """``{organization id: records admitted by its branch meeting between the two days}``.
    One query."""
    rows = (
        DevelopmentRecord.objects.filter(
            organization_id__in=organization_ids, admitted_on__range=(first_day, last_day)
        )
        .order_by()
        .values("organization_id")
        .annotate(n=Count("pk"))
        .values_list("organization_id", "n")
    )
    return dict(rows)

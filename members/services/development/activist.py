"""Activists (入党积极分子): sponsors, half-yearly reviews, and the step to candidate."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from members.models import ActivistReview, DevelopmentRecord, Member, MemberStatus, Stage
from members.services.development.base import Checks, lock_record
from members.services.development.schedule import (
    candidate_possible_from,
    current_figures,
    missing_review_period,
)


@transaction.atomic
def make_activist(
    *,
    actor,
    record: DevelopmentRecord,
    activist_on: datetime.date,
    sponsors: Iterable[Member],
) -> DevelopmentRecord:
    """An applicant the branch has talked with becomes an activist, with 1–2 sponsors who
    are full members on the roll of the same branch."""
    record = lock_record(actor, record, Stage.APPLICANT)
    checks = Checks()
    if record.talked_on is None:
        checks.add(
            "talked_on",
            _("The branch must talk with the applicant before they become an activist."),
        )
    else:
        checks.date("activist_on", activist_on, after=record.talked_on, after_what=_("the talk"))
    sponsor_ids = {s.pk for s in sponsors}
    chosen = list(Member.objects.filter(pk__in=sponsor_ids).order_by("name_initials", "pk"))
    _check_sponsors(checks, record, chosen)
    checks.raise_if_any()
    record.stage = Stage.ACTIVIST
    record.activist_on = activist_on
    record.save(update_fields=["stage", "activist_on"])
    record.sponsors.set(chosen)
    return record


def _check_sponsors(checks: Checks, record: DevelopmentRecord, chosen: list[Member]) -> None:
    f = current_figures()
    if not f.sponsors_min <= len(chosen) <= f.sponsors_max:
        checks.add(
            "sponsors",
            _("An activist has %(min)s to %(max)s sponsors; %(n)s were chosen.")
            % {"min": f.sponsors_min, "max": f.sponsors_max, "n": len(chosen)},
        )
    for member in chosen:
        if member.organization_id != record.organization_id or not member.is_on_roll:
            checks.add(
                "sponsors",
                _("%(name)s is not on the roll of %(branch)s; sponsors come from the same branch.")
                % {"name": member.name, "branch": record.organization.name},
            )
        elif member.status != MemberStatus.FULL:
            checks.add(
                "sponsors",
                _("%(name)s is a probationary member; sponsors must be full members.")
                % {"name": member.name},
            )


@transaction.atomic
def add_activist_review(
    *, actor, record: DevelopmentRecord, reviewed_on: datetime.date, comment: str
) -> ActivistReview:
    """The branch's half-yearly review of an activist."""
    record = lock_record(actor, record, Stage.ACTIVIST)
    checks = Checks()
    checks.date(
        "reviewed_on", reviewed_on, after=record.activist_on, after_what=_("becoming an activist")
    )
    if reviewed_on and record.reviews.filter(reviewed_on=reviewed_on).exists():
        checks.add("reviewed_on", _("A review is already recorded on this day."))
    if not (comment or "").strip():
        checks.add("comment", _("Write what the review found."))
    checks.raise_if_any()
    review = ActivistReview(record=record, reviewed_on=reviewed_on, comment=comment.strip())
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def make_candidate(
    *, actor, record: DevelopmentRecord, candidate_on: datetime.date
) -> DevelopmentRecord:
    """An activist becomes a development candidate after ACTIVIST_MIN_MONTHS of training,
    with a review recorded for every half year completed by then."""
    record = lock_record(actor, record, Stage.ACTIVIST)
    f = current_figures()
    checks = Checks()
    checks.date(
        "candidate_on", candidate_on, after=record.activist_on, after_what=_("becoming an activist")
    )
    if checks.ok():
        possible = candidate_possible_from(record, f)
        if candidate_on < possible:
            checks.add(
                "candidate_on",
                _(
                    "An activist becomes a development candidate after at least %(months)s months of training, that is on %(date)s at the earliest."
                )
                % {"months": f.activist_months, "date": possible.isoformat()},
            )
        else:
            dates = record.reviews.values_list("reviewed_on", flat=True)
            missing = missing_review_period(record.activist_on, list(dates), candidate_on, f)
            if missing:
                checks.add(
                    "reviews",
                    _(
                        "No review is recorded for the half year from %(start)s to %(end)s; an activist is reviewed every %(months)s months."
                    )
                    % {
                        "start": missing[0].isoformat(),
                        "end": missing[1].isoformat(),
                        "months": f.review_months,
                    },
                )
    checks.raise_if_any()
    record.stage = Stage.CANDIDATE
    record.candidate_on = candidate_on
    record.save(update_fields=["stage", "candidate_on"])
    return record

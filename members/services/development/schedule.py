"""When each step of a development record is due, computed from the record's dates and
the rule figures (members/rules.py). Pure functions: no queries beyond ``current_figures``."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from members import rules
from members.dates import add_months
from members.models import DevelopmentRecord, Stage
from policies import registry


@dataclass(frozen=True)
class Figures:
    min_age: int
    talk_months: int
    sponsors_min: int
    sponsors_max: int
    review_months: int
    activist_months: int
    training_days: int
    training_hours: int
    approval_months: int
    probation_months: int
    extension_min: int
    extension_max: int


_FIGURES = {
    "min_age": rules.APPLICANT_MIN_AGE,
    "talk_months": rules.TALK_WITHIN_MONTHS,
    "sponsors_min": rules.SPONSORS_MIN,
    "sponsors_max": rules.SPONSORS_MAX,
    "review_months": rules.ACTIVIST_REVIEW_MONTHS,
    "activist_months": rules.ACTIVIST_MIN_MONTHS,
    "training_days": rules.CANDIDATE_TRAINING_DAYS,
    "training_hours": rules.CANDIDATE_TRAINING_HOURS,
    "approval_months": rules.APPROVAL_WITHIN_MONTHS,
    "probation_months": rules.PROBATION_MONTHS,
    "extension_min": rules.EXTENSION_MIN_MONTHS,
    "extension_max": rules.EXTENSION_MAX_MONTHS,
}


def current_figures() -> Figures:
    """The figures in force, read in one query."""
    stored = registry.values(*_FIGURES.values())
    return Figures(**{name: stored[d.key] for name, d in _FIGURES.items()})


def talk_due_on(record: DevelopmentRecord, f: Figures) -> datetime.date:
    """The last day of the talk: the application's day, TALK_WITHIN_MONTHS calendar months on."""
    return add_months(record.applied_on, f.talk_months)


def talk_was_late(record: DevelopmentRecord, f: Figures) -> bool:
    return record.talked_on is not None and record.talked_on > talk_due_on(record, f)


def talk_overdue(record: DevelopmentRecord, f: Figures, today: datetime.date) -> bool:
    return (
        record.stage == Stage.APPLICANT
        and record.talked_on is None
        and today > talk_due_on(record, f)
    )


def next_review_due_on(
    record: DevelopmentRecord, f: Figures, last_review_on: datetime.date | None
) -> datetime.date | None:
    if record.stage != Stage.ACTIVIST or record.activist_on is None:
        return None
    return add_months(last_review_on or record.activist_on, f.review_months)


def candidate_possible_from(record: DevelopmentRecord, f: Figures) -> datetime.date | None:
    return add_months(record.activist_on, f.activist_months) if record.activist_on else None


def missing_review_period(
    activist_on: datetime.date, review_dates, until: datetime.date, f: Figures
) -> tuple[datetime.date, datetime.date] | None:
    """The first half-year period, complete by ``until``, without a review. Period k runs
    from activist_on + (k-1)·6 months (exclusive) to activist_on + k·6 months (inclusive),
    so that one review never counts for two periods."""
    dates = sorted(review_dates)
    k = 1
    while (end := add_months(activist_on, k * f.review_months)) <= until:
        start = add_months(activist_on, (k - 1) * f.review_months)
        if not any(start < d <= end for d in dates):
            return start, end
        k += 1
    return None


def approval_deadline(record: DevelopmentRecord, f: Figures) -> datetime.date | None:
    return add_months(record.admitted_on, f.approval_months) if record.admitted_on else None


def probation_end(record: DevelopmentRecord) -> datetime.date | None:
    return record.extended_until or record.probation_ends_on


@dataclass(frozen=True)
class Note:
    level: str  # a Bootstrap colour: info, warning, danger, success
    text: str


def _d(day: datetime.date) -> str:
    return day.isoformat()


def notes_for(
    record: DevelopmentRecord,
    f: Figures,
    today: datetime.date,
    last_review_on: datetime.date | None = None,
) -> list[Note]:
    """What is due or overdue for a record, for the board and the record page."""
    notes: list[Note] = []
    if record.talked_on is None and record.stage == Stage.APPLICANT:
        due = talk_due_on(record, f)
        if today > due:
            notes.append(Note("danger", _("Talk overdue: due by %(date)s") % {"date": _d(due)}))
        else:
            notes.append(Note("info", _("Talk due by %(date)s") % {"date": _d(due)}))
    elif talk_was_late(record, f):
        notes.append(
            Note(
                "warning",
                _("Talk was late (due by %(date)s)") % {"date": _d(talk_due_on(record, f))},
            )
        )
    if record.stage == Stage.ACTIVIST:
        due = next_review_due_on(record, f, last_review_on)
        if today >= due:
            notes.append(Note("danger", _("Review due since %(date)s") % {"date": _d(due)}))
        else:
            notes.append(Note("info", _("Next review due on %(date)s") % {"date": _d(due)}))
        possible = candidate_possible_from(record, f)
        level = "success" if today >= possible else "info"
        notes.append(
            Note(level, _("May become a candidate from %(date)s") % {"date": _d(possible)})
        )
    if record.stage == Stage.CANDIDATE:
        if record.admitted_on is None:
            if record.political_review_on is None:
                notes.append(Note("info", _("Political review not yet recorded")))
            if record.training_hours is None:
                notes.append(Note("info", _("Concentrated training not yet recorded")))
        else:
            deadline = approval_deadline(record, f)
            level = "danger" if today > deadline else "warning"
            notes.append(
                Note(
                    level,
                    _("Approval by the higher committee due by %(date)s") % {"date": _d(deadline)},
                )
            )
    if record.stage == Stage.PROBATIONARY:
        end = probation_end(record)
        if today >= end:
            notes.append(
                Note("danger", _("Probation ended on %(date)s: decision due") % {"date": _d(end)})
            )
        elif record.extended_until:
            notes.append(Note("info", _("Extended probation ends on %(date)s") % {"date": _d(end)}))
        else:
            notes.append(Note("info", _("Probation ends on %(date)s") % {"date": _d(end)}))
    return notes

"""Development candidates (发展对象): political review, concentrated training, the branch
general meeting's vote and the higher committee's approval, which puts the person on the roll."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from members.dates import add_months
from members.models import DevelopmentRecord, Member, MemberStatus, Stage
from members.models.development import PERSON_FIELDS
from members.services.development.base import Checks, lock_record
from members.services.development.schedule import approval_deadline, current_figures


def _check_not_admitted(checks: Checks, record: DevelopmentRecord) -> None:
    if record.admitted_on is not None:
        checks.add(
            "admitted_on",
            _("The branch general meeting already voted on %(date)s; this can no longer change.")
            % {"date": record.admitted_on.isoformat()},
        )


@transaction.atomic
def record_political_review(
    *, actor, record: DevelopmentRecord, political_review_on: datetime.date
) -> DevelopmentRecord:
    record = lock_record(actor, record, Stage.CANDIDATE)
    checks = Checks()
    _check_not_admitted(checks, record)
    checks.date(
        "political_review_on",
        political_review_on,
        after=record.candidate_on,
        after_what=_("becoming a development candidate"),
    )
    checks.raise_if_any()
    record.political_review_on = political_review_on
    record.save(update_fields=["political_review_on"])
    return record


@transaction.atomic
def record_candidate_training(
    *,
    actor,
    record: DevelopmentRecord,
    training_started_on: datetime.date,
    training_ended_on: datetime.date,
    training_hours: Decimal,
) -> DevelopmentRecord:
    """Concentrated training: at least CANDIDATE_TRAINING_DAYS days, first and last day
    counted, and CANDIDATE_TRAINING_HOURS class hours."""
    record = lock_record(actor, record, Stage.CANDIDATE)
    f = current_figures()
    checks = Checks()
    _check_not_admitted(checks, record)
    checks.date(
        "training_started_on",
        training_started_on,
        after=record.candidate_on,
        after_what=_("becoming a development candidate"),
    )
    checks.date(
        "training_ended_on",
        training_ended_on,
        after=training_started_on,
        after_what=_("the first day of training"),
    )
    if checks.ok():
        days = (training_ended_on - training_started_on).days + 1
        if days < f.training_days:
            earliest = training_started_on + datetime.timedelta(days=f.training_days - 1)
            checks.add(
                "training_ended_on",
                _(
                    "Concentrated training lasts at least %(days)s days, first and last day counted (%(given)s given); starting on %(start)s it ends on %(date)s at the earliest."
                )
                % {
                    "days": f.training_days,
                    "given": days,
                    "start": training_started_on.isoformat(),
                    "date": earliest.isoformat(),
                },
            )
    if training_hours is None or training_hours < f.training_hours:
        checks.add(
            "training_hours",
            _("Concentrated training has at least %(hours)s class hours; %(given)s were recorded.")
            % {
                "hours": f.training_hours,
                "given": training_hours if training_hours is not None else 0,
            },
        )
    checks.raise_if_any()
    record.training_started_on = training_started_on
    record.training_ended_on = training_ended_on
    record.training_hours = training_hours
    record.save(update_fields=["training_started_on", "training_ended_on", "training_hours"])
    return record


@transaction.atomic
def admit(*, actor, record: DevelopmentRecord, admitted_on: datetime.date) -> DevelopmentRecord:
    """The branch general meeting votes to admit the candidate as a probationary member."""
    record = lock_record(actor, record, Stage.CANDIDATE)
    checks = Checks()
    _check_not_admitted(checks, record)
    if record.political_review_on is None:
        checks.add(
            "political_review_on",
            _("The candidate must pass the political review before the vote."),
        )
    if record.training_ended_on is None:
        checks.add(
            "training_hours",
            _("The candidate must complete the concentrated training before the vote."),
        )
    if checks.ok():
        last_step = max(record.political_review_on, record.training_ended_on)
        checks.date(
            "admitted_on",
            admitted_on,
            after=last_step,
            after_what=_("the political review and the training"),
        )
    checks.raise_if_any()
    record.admitted_on = admitted_on
    record.save(update_fields=["admitted_on"])
    return record


@transaction.atomic
def approve_admission(
    *, actor, record: DevelopmentRecord, approved_on: datetime.date
) -> DevelopmentRecord:
    """The higher committee approves within APPROVAL_WITHIN_MONTHS of the vote: the person
    goes on the roll as a probationary member from the day of the vote."""
    record = lock_record(actor, record, Stage.CANDIDATE)
    f = current_figures()
    checks = Checks()
    if record.admitted_on is None:
        checks.add(
            "admitted_on",
            _("The branch general meeting has not yet voted on this admission."),
        )
    else:
        checks.date(
            "approved_on",
            approved_on,
            after=record.admitted_on,
            after_what=_("the branch general meeting's vote"),
        )
        deadline = approval_deadline(record, f)
        if checks.ok() and approved_on > deadline:
            checks.add(
                "approved_on",
                _(
                    "The higher committee approves within %(months)s months of the vote, that is by %(date)s; this approval comes too late."
                )
                % {"months": f.approval_months, "date": deadline.isoformat()},
            )
    checks.raise_if_any()
    member = _put_on_roll(record)
    # a person re-admitted after a cancelled probation: the member row is the same, and the
    # one-to-one link now belongs to the new record (the old one keeps its history)
    DevelopmentRecord.objects.filter(member=member).exclude(pk=record.pk).update(member=None)
    record.member = member
    record.stage = Stage.PROBATIONARY
    record.approved_on = approved_on
    record.probation_ends_on = add_months(record.admitted_on, f.probation_months)
    record.save(update_fields=["member", "stage", "approved_on", "probation_ends_on"])
    return record


def _put_on_roll(record: DevelopmentRecord) -> Member:
    """A new probationary Member; a person who left the roll earlier (say, a cancelled
    probation years ago) comes back on their old row, since an ID number is on one row only."""
    member = Member.objects.select_for_update().filter(id_number=record.id_number).first()
    if member is not None and member.is_on_roll:
        checks = Checks()
        checks.add("id_number", _("This person is already a party member on the roll."))
        checks.raise_if_any()
    member = member or Member()
    for field in PERSON_FIELDS:
        setattr(member, field, getattr(record, field))
    member.organization = record.organization
    member.party_group = None
    member.status = MemberStatus.PROBATIONARY
    member.joined_on = record.admitted_on
    member.full_member_on = None
    member.left_on = None
    member.left_reason = ""
    member.full_clean()
    member.save()
    return member

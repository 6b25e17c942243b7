"""The end of probation (预备期): full membership, one extension, or cancellation."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from members.dates import add_months
from members.models import DevelopmentRecord, Member, MemberStatus, Stage
from members.services.development.base import Checks, lock_record
from members.services.development.schedule import current_figures, probation_end

# stored on the roll (data, not interface text), like the "汉族" default of ethnicity
CANCELLED_LEFT_REASON = "取消预备党员资格"


def _lock_member(checks: Checks, record: DevelopmentRecord) -> Member | None:
    member = Member.objects.select_for_update().filter(pk=record.member_id).first()
    if member is None or not member.is_on_roll:
        checks.add(
            "member",
            _("%(name)s is no longer on the roll, so the branch cannot decide here.")
            % {"name": record.name},
        )
        return None
    if member.organization_id != record.organization_id:
        # transferred to another branch meanwhile: the branch holding the membership decides
        checks.add(
            "member",
            _("The membership of %(name)s is now held by another organization.")
            % {"name": record.name},
        )
        return None
    return member


@transaction.atomic
def confirm_full(
    *, actor, record: DevelopmentRecord, decided_on: datetime.date
) -> DevelopmentRecord:
    """At the end of probation (or of its extension) the branch makes the member full.
    Full membership counts from the day probation ended, not from the day of the decision."""
    record = lock_record(actor, record, Stage.PROBATIONARY)
    checks = Checks()
    end = probation_end(record)
    checks.date("decided_on", decided_on, after=record.approved_on, after_what=_("the approval"))
    if checks.ok() and decided_on < end:
        checks.add(
            "decided_on",
            _("Probation ends on %(date)s; the branch decides on full membership from that day on.")
            % {"date": end.isoformat()},
        )
    member = _lock_member(checks, record)
    checks.raise_if_any()
    member.status = MemberStatus.FULL
    member.full_member_on = end
    member.full_clean()
    member.save()
    record.stage = Stage.FULL
    record.full_on = end
    record.save(update_fields=["stage", "full_on"])
    return record


@transaction.atomic
def extend_probation(
    *, actor, record: DevelopmentRecord, decided_on: datetime.date, months: int
) -> DevelopmentRecord:
    """At the end of probation the branch may extend it once, by EXTENSION_MIN_MONTHS to
    EXTENSION_MAX_MONTHS counted from the day probation ends."""
    record = lock_record(actor, record, Stage.PROBATIONARY)
    f = current_figures()
    checks = Checks()
    if record.extended_until is not None:
        checks.add(
            "extended_until",
            _("Probation is extended only once; it already runs until %(date)s.")
            % {"date": record.extended_until.isoformat()},
        )
    if months is None or not f.extension_min <= months <= f.extension_max:
        checks.add(
            "months",
            _("An extension lasts %(min)s to %(max)s months; %(n)s were given.")
            % {"min": f.extension_min, "max": f.extension_max, "n": months},
        )
    checks.date("decided_on", decided_on, after=record.approved_on, after_what=_("the approval"))
    if checks.ok() and decided_on < record.probation_ends_on:
        checks.add(
            "decided_on",
            _("Probation ends on %(date)s; the branch decides on an extension from that day on.")
            % {"date": record.probation_ends_on.isoformat()},
        )
    _lock_member(checks, record)
    checks.raise_if_any()
    record.extended_until = add_months(record.probation_ends_on, months)
    record.save(update_fields=["extended_until"])
    return record


@transaction.atomic
def cancel_probation(
    *, actor, record: DevelopmentRecord, decided_on: datetime.date, reason: str
) -> DevelopmentRecord:
    """取消预备党员资格: the person leaves the roll. The rules allow it whenever a
    probationary member proves unqualified, so it is not tied to the end of probation."""
    record = lock_record(actor, record, Stage.PROBATIONARY)
    checks = Checks()
    checks.date("decided_on", decided_on, after=record.approved_on, after_what=_("the approval"))
    if not (reason or "").strip():
        checks.add("reason", _("Write why the probationary membership is cancelled."))
    member = _lock_member(checks, record)
    checks.raise_if_any()
    member.left_on = decided_on
    member.left_reason = CANCELLED_LEFT_REASON
    member.full_clean()
    member.save()
    record.stage = Stage.CANCELLED
    record.closed_on = decided_on
    record.closing_reason = reason.strip()
    record.save(update_fields=["stage", "closed_on", "closing_reason"])
    return record

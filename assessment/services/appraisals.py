"""Writes of the democratic appraisal of members: a branch opens the year's appraisal (its list
is the roll: full and probationary members), records the self-assessments and the counts of
the mutual appraisal, the branch general meeting decides the grades, the level above
confirms; a member graded at the failing grade (不合格) gets a follow-up.

Decisions where the regulations are silent:
- Those who manage the branch open, record and decide; a reviewing post strictly above the
  branch (its community's or street's) confirms, as with reports.
- A year is opened only once it has begun; the cap on the share graded at the top grade is
  taken at opening from the figure ``assessment.appraisal_excellent_cap_percent`` (0: none),
  and may be changed while the appraisal is open.
- A member's votes add up to at most the number of members on the list (each member votes
  once for each other member).
- Deciding needs every member on the roll on the list and graded, the meeting's date within
  the year and not in the future, and the share at the top grade within the cap; nothing is
  saved on a refusal. The meeting is recorded as the year's 民主评议党员 activity (or the one
  already recorded on that day is linked), so that the compliance calendar counts it.
- A decided appraisal is not changed any more; a follow-up is recorded until it is closed
  with its outcome.
"""

import datetime
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities.models import Activity, ActivityForm, ActivityStatus, ActivityType
from activities.services.activities.recording import activity_record
from assessment.models import (
    Appraisal,
    AppraisalEntry,
    AppraisalFollowUp,
    AppraisalGrade,
    AppraisalState,
)
from assessment.models.appraisals import VOTE_FIELDS
from assessment.selectors.appraisals import (
    APPRAISING_KINDS,
    may_confirm_appraisal,
    may_manage_appraisal,
    missing_members,
    roll_of,
)
from members.errors import RuleError
from organizations import scoping
from organizations.models import Organization
from policies.registry import define, value

EXCELLENT_CAP_PERCENT = define(
    "assessment.appraisal_excellent_cap_percent",
    0,
    gettext_lazy("Most members graded excellent in a democratic appraisal, in percent (0: no cap)"),
    minimum=0,
    maximum=100,
)
APPRAISAL_TYPE = "democratic_appraisal"
FIRST_YEAR = 2000
DEFAULT = object()


def _names(members) -> str:
    return "、".join(member.name for member in members)


def _check_manage(user, appraisal: Appraisal) -> None:
    if not may_manage_appraisal(user, appraisal):
        raise PermissionDenied(_("Only those who manage the branch change its appraisal."))


def _lock(appraisal: Appraisal) -> Appraisal:
    return Appraisal.objects.select_for_update().select_related("organization").get(pk=appraisal.pk)


def _check_open(appraisal: Appraisal) -> None:
    if appraisal.state != AppraisalState.OPEN:
        raise RuleError(
            {
                "state": _(
                    "The appraisal has been decided: its list and grades are kept as they are."
                )
            }
        )


def _check_cap(cap, errors: dict) -> None:
    if cap is not None and not 0 <= cap <= 100:
        errors["excellent_cap_percent"] = _("The cap is a percentage between 0 and 100.")


@transaction.atomic
def appraisal_open(
    *, user, organization: Organization, year: int, excellent_cap_percent=DEFAULT
) -> Appraisal:
    """Open the branch's appraisal of ``year`` with every member on its roll on the list."""
    if not scoping.can_manage_organization(user, organization):
        raise PermissionDenied(_("Only those who manage the branch open its appraisal."))
    errors: dict = {}
    today = timezone.localdate()
    if organization.kind not in APPRAISING_KINDS:
        errors["organization"] = _("A democratic appraisal is held by a branch.")
    elif organization.dissolved_on is not None:
        errors["organization"] = _("%(org)s has been dissolved.") % {"org": organization.name}
    if year is None or not FIRST_YEAR <= year <= today.year:
        errors["year"] = _(
            "Open the appraisal of a year that has begun (%(first)s to %(last)s)."
        ) % {
            "first": FIRST_YEAR,
            "last": today.year,
        }
    elif Appraisal.objects.filter(organization=organization, year=year).exists():
        errors["year"] = _("%(org)s has an appraisal of %(year)s already.") % {
            "org": organization.name,
            "year": year,
        }
    if excellent_cap_percent is DEFAULT:
        excellent_cap_percent = value(EXCELLENT_CAP_PERCENT) or None
    _check_cap(excellent_cap_percent, errors)
    members = list(roll_of(organization, year)) if not errors else []
    if not errors and not members:
        errors["organization"] = _("%(org)s has no members on its roll.") % {
            "org": organization.name
        }
    if errors:
        raise RuleError(errors)
    appraisal = Appraisal.objects.create(
        organization=organization,
        year=year,
        excellent_cap_percent=excellent_cap_percent,
        opened_by=user,
    )
    AppraisalEntry.objects.bulk_create(
        [AppraisalEntry(appraisal=appraisal, member=member) for member in members]
    )
    return appraisal


@transaction.atomic
def appraisal_sync_list(*, user, appraisal: Appraisal) -> tuple[int, int]:
    """While open: add the members on the roll missing from the list, and take off the
    entries of members no longer on the branch's roll. Returns (added, removed)."""
    _check_manage(user, appraisal)
    appraisal = _lock(appraisal)
    _check_open(appraisal)
    added = missing_members(appraisal)
    AppraisalEntry.objects.bulk_create(
        [AppraisalEntry(appraisal=appraisal, member=member) for member in added]
    )
    gone = AppraisalEntry.objects.filter(appraisal=appraisal).exclude(
        member__in=roll_of(appraisal.organization, appraisal.year)
    )
    removed, _detail = gone.delete()
    return len(added), removed


def _entry_errors(entry: AppraisalEntry, size: int, errors: dict) -> None:
    for name in VOTE_FIELDS:
        count = getattr(entry, name)
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            errors.setdefault(name, []).append(
                _("%(member)s: a count of votes is a whole number, 0 or more.")
                % {"member": entry.member.name}
            )
            return
    if entry.votes_total > size:
        errors.setdefault("votes_excellent", []).append(
            _("%(member)s: %(total)s votes in all, more than the %(size)s members appraised.")
            % {"member": entry.member.name, "total": entry.votes_total, "size": size}
        )


@transaction.atomic
def entries_record(
    *, user, appraisal: Appraisal, rows: Mapping[int, Mapping], excellent_cap_percent=DEFAULT
) -> list[AppraisalEntry]:
    """While open: record, for entries by id, any of self_assessment, the four vote counts,
    grade (an AppraisalGrade or None) and remarks; all or nothing."""
    _check_manage(user, appraisal)
    appraisal = _lock(appraisal)
    _check_open(appraisal)
    entries = {
        e.pk: e for e in AppraisalEntry.objects.filter(appraisal=appraisal).select_related("member")
    }
    errors: dict = {}
    if excellent_cap_percent is not DEFAULT:
        _check_cap(excellent_cap_percent, errors)
        appraisal.excellent_cap_percent = excellent_cap_percent
    changed = []
    fields = ("self_assessment", *VOTE_FIELDS, "grade", "remarks")
    for pk, data in rows.items():
        entry = entries.get(pk)
        if entry is None:
            errors.setdefault("entries", []).append(
                _("Entry %(pk)s is not on this appraisal's list.") % {"pk": pk}
            )
            continue
        for name, given in data.items():
            if name not in fields:
                raise ValueError(f"{name} is not an appraisal entry field")
            if name == "grade" and given is not None and not isinstance(given, AppraisalGrade):
                raise ValueError("grade is an AppraisalGrade or None")
            setattr(entry, name, given.strip() if isinstance(given, str) else given)
        _entry_errors(entry, len(entries), errors)
        if len(entry.remarks) > 200:
            errors.setdefault("remarks", []).append(
                _("%(member)s: remarks of 200 characters at most.") % {"member": entry.member.name}
            )
        changed.append(entry)
    if errors:
        raise RuleError(errors)
    AppraisalEntry.objects.bulk_update(changed, fields)
    if excellent_cap_percent is not DEFAULT:
        appraisal.save(update_fields=["excellent_cap_percent"])
    return changed


def _check_meeting_date(appraisal: Appraisal, day, errors: dict) -> None:
    if day is None:
        errors["meeting_date"] = _(
            "Give the date of the branch general meeting that decided the grades."
        )
    elif day.year != appraisal.year:
        errors["meeting_date"] = _("The meeting of the %(year)s appraisal is held in %(year)s.") % {
            "year": appraisal.year
        }
    elif day > timezone.localdate():
        errors["meeting_date"] = _("The meeting cannot be dated in the future.")


def top_share_error(top: int, size: int, cap: int | None) -> str | None:
    """The refusal when ``top`` of ``size`` members at the top grade is above ``cap`` percent
    (3 of 10 at 30 % is within it, 4 of 10 is not)."""
    if cap is None or top * 100 <= cap * size:
        return None
    return _(
        "%(top)s of %(size)s members graded excellent (%(share)s%%) is above the cap of "
        "%(cap)s%%: at most %(most)s."
    ) % {
        "top": top,
        "size": size,
        "share": round(top * 100 / size, 1),
        "cap": cap,
        "most": cap * size // 100,
    }


def _meeting(user, appraisal: Appraisal, day: datetime.date) -> Activity:
    """The year's 民主评议党员 activity of the branch on ``day``: the one recorded, or a new one."""
    kind = ActivityType.objects.filter(code=APPRAISAL_TYPE).first()
    if kind is None:
        raise RuleError({"meeting_date": _("The activity type 民主评议党员 is missing.")})
    held = Activity.objects.filter(
        organization=appraisal.organization,
        activity_type=kind,
        held_on=day,
        status=ActivityStatus.HELD,
    ).first()
    if held is not None:
        return held
    return activity_record(
        user=user,
        organization=appraisal.organization,
        data={
            "activity_type": kind,
            "held_on": day,
            "status": ActivityStatus.HELD,
            "topic": _("Democratic appraisal of members, %(year)s") % {"year": appraisal.year},
            "form": ActivityForm.DISCUSSION,
        },
    )


@transaction.atomic
def appraisal_decide(
    *, user, appraisal: Appraisal, meeting_date, grades: Mapping | None = None
) -> Appraisal:
    """The branch general meeting of ``meeting_date`` decides the grades: those recorded on
    the entries, with ``grades`` ({entry id: AppraisalGrade}) given here over them."""
    _check_manage(user, appraisal)
    appraisal = _lock(appraisal)
    _check_open(appraisal)
    errors: dict = {}
    entries = list(
        AppraisalEntry.objects.filter(appraisal=appraisal).select_related("member", "grade")
    )
    by_pk = {e.pk: e for e in entries}
    for pk, grade in (grades or {}).items():
        if pk not in by_pk or not isinstance(grade, AppraisalGrade):
            errors["grade"] = _("Give a grade of the list for entries of this appraisal.")
            break
        by_pk[pk].grade = grade
    _check_meeting_date(appraisal, meeting_date, errors)
    missing = missing_members(appraisal)
    if missing:
        errors["entries"] = _(
            "Members on the roll are missing from the list: %(names)s. Add them first."
        ) % {"names": _names(missing)}
    ungraded = [e.member for e in entries if e.grade is None]
    if ungraded and "grade" not in errors:
        errors["grade"] = _("No grade yet for: %(names)s.") % {"names": _names(ungraded)}
    elif "grade" not in errors:
        top = sum(1 for e in entries if e.grade.is_top)
        refused = top_share_error(top, len(entries), appraisal.excellent_cap_percent)
        if refused:
            errors["grade"] = refused
    if errors:
        raise RuleError(errors)
    AppraisalEntry.objects.bulk_update(entries, ["grade"])
    appraisal.activity = _meeting(user, appraisal, meeting_date)
    appraisal.meeting_date = meeting_date
    appraisal.state = AppraisalState.DECIDED
    appraisal.decided_at = timezone.now()
    appraisal.save(update_fields=["activity", "meeting_date", "state", "decided_at"])
    AppraisalFollowUp.objects.bulk_create(
        [AppraisalFollowUp(entry=e) for e in entries if e.grade.is_failing]
    )
    return appraisal


@transaction.atomic
def appraisal_confirm(*, user, appraisal: Appraisal) -> Appraisal:
    """The level above confirms the grades the branch decided."""
    if not may_confirm_appraisal(user, appraisal):
        raise PermissionDenied(_("The level above the branch confirms its appraisal."))
    appraisal = _lock(appraisal)
    if appraisal.state != AppraisalState.DECIDED:
        raise RuleError(
            {
                "state": _(
                    "Only an appraisal the branch has decided, and not yet confirmed, is confirmed."
                )
            }
        )
    appraisal.state = AppraisalState.CONFIRMED
    appraisal.confirmed_by = user
    appraisal.confirmed_at = timezone.now()
    appraisal.save(update_fields=["state", "confirmed_by", "confirmed_at"])
    return appraisal


@transaction.atomic
def follow_up_record(
    *, user, follow_up: AppraisalFollowUp, measures: str, deadline, outcome: str = "", close=False
) -> AppraisalFollowUp:
    """The education measures and the deadline of a member graded failing, and the outcome;
    ``close`` closes it (with an outcome), after which it is kept as it is."""
    follow_up = (
        AppraisalFollowUp.objects.select_for_update()
        .select_related("entry__appraisal__organization", "entry__member")
        .get(pk=follow_up.pk)
    )
    appraisal = follow_up.entry.appraisal
    _check_manage(user, appraisal)
    errors: dict = {}
    if follow_up.is_closed:
        raise RuleError({"outcome": _("The follow-up is closed.")})
    measures, outcome = (measures or "").strip(), (outcome or "").strip()
    if not measures:
        errors["measures"] = _("Say how the member is educated and helped.")
    if deadline is None:
        errors["deadline"] = _("Give the deadline of the follow-up.")
    elif appraisal.meeting_date and deadline < appraisal.meeting_date:
        errors["deadline"] = _("The deadline cannot be before the meeting of %(day)s.") % {
            "day": appraisal.meeting_date.isoformat()
        }
    if close and not outcome:
        errors["outcome"] = _("Give the outcome before closing the follow-up.")
    if errors:
        raise RuleError(errors)
    follow_up.measures, follow_up.deadline, follow_up.outcome = measures, deadline, outcome
    if close:
        follow_up.closed_at = timezone.now()
    follow_up.save()
    return follow_up

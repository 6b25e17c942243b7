"""Writes of reports: an activity, or a monthly or quarterly summary, submitted to the level above.

States: draft → submitted → approved, or submitted → returned (with comments) → submitted
again. Every step writes a ReportEvent (who, when, comments, state after) and locks the
report row, so that two reviewers cannot both act on it.

Who may act:
- create, edit the remarks, submit, resubmit: those who manage the reporting organization;
  once returned, a reviewer above corrects it only if they wrote it;
- approve, return: a holder of a reviewing post in an organization strictly above the
  reporting one (a party group's report may be reviewed by its branch), or a superuser;
  never someone who created, submitted or resubmitted the report.

Decisions where the issue is silent:
- The report goes to the organization's parent; an organization without one (a street
  working committee) has nobody to report to and cannot create a report.
- Only an activity that was held is reported (not a plan, not a cancelled one).
- A summary may be drafted once its period has started, and submitted from the last day of
  its period: earlier, meetings still to come in the period would be missing from it.
- What a summary covers and how a report is fingerprinted: activities.services.report_figures
  (its public names are importable from here too).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import (
    Activity,
    ActivityStatus,
    Report,
    ReportAction,
    ReportEvent,
    ReportKind,
    ReportState,
)
from activities.periods import Period
from activities.services.report_figures import FREQUENCY_OF_KIND as FREQUENCY_OF_KIND  # re-export
from activities.services.report_figures import report_fingerprint, summary_figures, summary_period
from organizations import scoping
from organizations.models import Organization

EDIT = "edit"
SUBMIT = "submit"
APPROVE = "approve"
RETURN = "return"
RESUBMIT = "resubmit"

SUMMARY_KINDS = (ReportKind.MONTHLY, ReportKind.QUARTERLY)
_AUTHOR_ACTIONS = (ReportAction.CREATED, ReportAction.SUBMITTED, ReportAction.RESUBMITTED)


# Who may do what


def may_manage_report(user, report: Report) -> bool:
    return scoping.can_manage_organization(user, report.organization)


def may_review_report(user, report: Report) -> bool:
    """A reviewing post strictly above the reporting organization (or a superuser)."""
    scope = scoping.scope_for(user)
    if scope.is_superuser:
        return True
    path = report.organization.path
    return scoping.is_under(path, scope.review_paths, strictly=True)


def is_author(user, report: Report) -> bool:
    """Did the user create, submit or resubmit the report? (Uses prefetched events if any.)"""
    if user.pk in (report.created_by_id, report.submitted_by_id):
        return True
    return any(e.by_id == user.pk and e.action in _AUTHOR_ACTIONS for e in report.events.all())


def may_act_for_organization(user, report: Report) -> bool:
    """May the user take the reporting side's steps (edit, submit, resubmit)? Those who
    manage the organization may, but a returned report goes back to the reporting side:
    a reviewer above who did not write it returned it (or could have) and does not
    correct it in the organization's place."""
    if not may_manage_report(user, report):
        return False
    if report.state != ReportState.RETURNED or scoping.scope_for(user).is_superuser:
        return True
    return not may_review_report(user, report) or is_author(user, report)


def _check_reporting_side(user, report: Report) -> None:
    if not may_act_for_organization(user, report):
        raise PermissionDenied


def _may_be_submitted_now(report: Report) -> bool:
    if report.kind not in SUMMARY_KINDS:
        return True
    return timezone.localdate() >= summary_period(report.kind, report.period_start).end


def available_actions(user, report: Report) -> set[str]:
    """The steps the user may take on the report now: what pages and the API offer."""
    actions: set[str] = set()
    if may_act_for_organization(user, report):
        if report.state in (ReportState.DRAFT, ReportState.RETURNED):
            actions.add(EDIT)
        if report.state == ReportState.DRAFT and _may_be_submitted_now(report):
            actions.add(SUBMIT)
        if report.state == ReportState.RETURNED:
            actions.add(RESUBMIT)
    if (
        report.state == ReportState.SUBMITTED
        and may_review_report(user, report)
        and not is_author(user, report)
    ):
        actions |= {APPROVE, RETURN}
    return actions


# Steps


def _event(report: Report, action: str, user, comments: str = "") -> ReportEvent:
    return ReportEvent.objects.create(
        report=report, action=action, state_after=report.state, by=user, comments=comments
    )


def _lock(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("organization", "activity")
        .get(pk=report.pk)
    )


def _parent_of(organization: Organization) -> Organization:
    if organization.parent_id is None:
        raise ValidationError(
            {
                "organization": _("%(organization)s has no higher organization to report to.")
                % {"organization": organization.name}
            }
        )
    return Organization.objects.get(pk=organization.parent_id)


def _check_manager(user, organization: Organization) -> None:
    if not scoping.can_manage_organization(user, organization):
        raise PermissionDenied


def check_editable(report: Report) -> None:
    """Refuse (ValidationError on ``state``) when the report is submitted or approved."""
    if report.state == ReportState.APPROVED:
        raise ValidationError({"state": _("An approved report cannot be changed")})
    if report.state == ReportState.SUBMITTED:
        raise ValidationError(
            {"state": _("A submitted report cannot be changed until it is returned")}
        )


def _regenerate(report: Report) -> None:
    if report.kind in SUMMARY_KINDS:
        report.summary = summary_figures(report.organization, report.kind, report.period_start)


def _duplicate_error(report: Report) -> ValidationError:
    if report.kind == ReportKind.ACTIVITY:
        return ValidationError({"activity": _("This activity already has a report.")})
    return ValidationError(
        {"period_start": _("This organization already has a summary for this period.")}
    )


def _save_new(report: Report) -> Report:
    twins = Report.objects.filter(
        Q(activity_id=report.activity_id)
        if report.kind == ReportKind.ACTIVITY
        else Q(
            organization_id=report.organization_id,
            kind=report.kind,
            period_start=report.period_start,
        )
    )
    if twins.exists():
        raise _duplicate_error(report)
    report.full_clean()
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:
        # another request created the same report between the check and the insert
        raise _duplicate_error(report) from exc
    return report


@transaction.atomic
def report_create_for_activity(*, user, activity: Activity) -> Report:
    organization = activity.organization
    _check_manager(user, organization)
    if activity.status != ActivityStatus.HELD:
        raise ValidationError({"activity": _("Only an activity that was held can be reported.")})
    report = Report(
        organization=organization,
        reviewing_organization=_parent_of(organization),
        kind=ReportKind.ACTIVITY,
        activity=activity,
        title=str(activity)[:200],
        created_by=user,
    )
    _save_new(report)
    _event(report, ReportAction.CREATED, user)
    return report


@transaction.atomic
def report_create_summary(
    *, user, organization: Organization, kind: str, period_start: datetime.date
) -> Report:
    _check_manager(user, organization)
    if kind not in SUMMARY_KINDS:
        raise ValidationError({"kind": _("A summary is monthly or quarterly.")})
    report = Report(
        organization=organization,
        reviewing_organization=_parent_of(organization),
        kind=kind,
        period_start=period_start,
        created_by=user,
    )
    report.clean()  # the period starts on the first day of a month or quarter
    today = timezone.localdate()
    if period_start > today:
        raise ValidationError(
            {
                "period_start": _(
                    "This period has not started: a summary can be drafted from %(day)s."
                )
                % {"day": period_start.isoformat()}
            }
        )
    period = summary_period(kind, period_start)
    report.title = _summary_title(organization, kind, period)
    _regenerate(report)
    _save_new(report)
    _event(report, ReportAction.CREATED, user)
    return report


def _summary_title(organization: Organization, kind: str, period: Period) -> str:
    if kind == ReportKind.MONTHLY:
        text = _("%(organization)s: summary of %(period)s")
    else:
        text = _("%(organization)s: quarterly summary of %(period)s")
    return (text % {"organization": organization.name, "period": period.key})[:200]


@transaction.atomic
def report_update(*, user, report: Report, remarks: str, title: str | None = None) -> Report:
    """Change the remarks (and the title) of a draft or returned report; a summary's
    figures are regenerated at the same time."""
    report = _lock(report)
    _check_reporting_side(user, report)
    check_editable(report)
    report.remarks = remarks or ""
    if title is not None:
        report.title = title
    _regenerate(report)
    report.full_clean()
    report.save()
    _event(report, ReportAction.EDITED, user)
    return report


@transaction.atomic
def report_submit(*, user, report: Report) -> Report:
    report = _lock(report)
    _check_manager(user, report.organization)
    if report.state == ReportState.RETURNED:
        raise ValidationError(
            {"state": _("A returned report is resubmitted once it has been corrected.")}
        )
    if report.state != ReportState.DRAFT:
        check_editable(report)
    report.reviewing_organization = _parent_of(report.organization)
    if report.kind in SUMMARY_KINDS:
        period = summary_period(report.kind, report.period_start)
        if timezone.localdate() < period.end:
            raise ValidationError(
                {
                    "period_start": _(
                        "A summary of %(period)s can be submitted from the last day of the "
                        "period, %(day)s."
                    )
                    % {"period": period.key, "day": period.end.isoformat()}
                }
            )
    elif report.activity.status != ActivityStatus.HELD:
        raise ValidationError({"activity": _("Only an activity that was held can be reported.")})
    _regenerate(report)
    report.full_clean()
    report.state = ReportState.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = user
    report.fingerprint = report_fingerprint(report)
    report.save()
    _event(report, ReportAction.SUBMITTED, user)
    return report


def _lock_for_review(user, report: Report, verb: str) -> Report:
    report = _lock(report)
    if not may_review_report(user, report):
        raise PermissionDenied
    if report.state == ReportState.APPROVED:
        raise ValidationError({"state": _("This report was already approved.")})
    if report.state == ReportState.RETURNED:
        raise ValidationError(
            {"state": _("This report was returned and waits for its correction.")}
        )
    if report.state != ReportState.SUBMITTED:
        raise ValidationError({"state": _("This report has not been submitted.")})
    if is_author(user, report):
        message = (
            _("You cannot approve your own report")
            if verb == APPROVE
            else _("You cannot return your own report")
        )
        raise ValidationError({"reviewer": message})
    return report


@transaction.atomic
def report_approve(*, user, report: Report, comments: str = "") -> Report:
    report = _lock_for_review(user, report, APPROVE)
    report.state = ReportState.APPROVED
    report.reviewed_at = timezone.now()
    report.reviewed_by = user
    report.review_comments = (comments or "").strip()
    report.save()
    _event(report, ReportAction.APPROVED, user, report.review_comments)
    return report


@transaction.atomic
def report_return(*, user, report: Report, comments: str) -> Report:
    report = _lock_for_review(user, report, RETURN)
    comments = (comments or "").strip()
    if not comments:
        raise ValidationError(
            {"comments": _("Write what should be corrected before returning the report.")}
        )
    report.state = ReportState.RETURNED
    report.reviewed_at = timezone.now()
    report.reviewed_by = user
    report.review_comments = comments
    report.times_returned += 1
    report.save()
    _event(report, ReportAction.RETURNED, user, comments)
    return report


@transaction.atomic
def report_resubmit(*, user, report: Report) -> Report:
    report = _lock(report)
    _check_reporting_side(user, report)
    if report.state != ReportState.RETURNED:
        if report.state == ReportState.DRAFT:
            raise ValidationError({"state": _("This report has not been submitted yet.")})
        check_editable(report)
    report.reviewing_organization = _parent_of(report.organization)
    _regenerate(report)
    fingerprint = report_fingerprint(report)
    if fingerprint == report.fingerprint:
        raise ValidationError({"report": _("Nothing was corrected since the report was returned")})
    report.full_clean()
    report.state = ReportState.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = user
    report.fingerprint = fingerprint
    report.save()
    _event(report, ReportAction.RESUBMITTED, user)
    return report

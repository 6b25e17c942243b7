"""What every change of a recorded activity starts with: the row locked in the user's
scope, and a refusal when its report locks it.

An activity whose report is submitted or approved is read-only; a draft or returned report
does not lock it."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.utils.translation import gettext as _

from activities.models import Activity, Report, ReportState
from activities.models.report import LOCKING_STATES
from members.errors import RuleError
from organizations import scoping


def refuse_if_reported(activity: Activity) -> None:
    """An activity whose report is submitted or approved is read-only."""
    state = (
        Report.objects.filter(activity=activity, state__in=LOCKING_STATES)
        .values_list("state", flat=True)
        .first()
    )
    if state is not None:
        text = (
            _("The report of this activity is approved: the record is read-only.")
            if state == ReportState.APPROVED
            else _(
                "The report of this activity is submitted and waits for review: the record "
                "cannot be changed until it is returned."
            )
        )
        raise RuleError({NON_FIELD_ERRORS: text})


def lock_for_change(user, activity: Activity) -> Activity:
    """The activity locked (403 outside the organizations the user manages), refused if its
    report locks it. Call inside a transaction."""
    qs = scoping.scoped_for_manage(user, Activity.objects.all())
    try:
        locked = (
            qs.select_for_update(of=("self",))
            .select_related("organization", "activity_type")
            .get(pk=activity.pk)
        )
    except Activity.DoesNotExist as exc:
        raise PermissionDenied from exc
    refuse_if_reported(locked)
    return locked

"""What every move of the development pipeline shares: locking the record, checking the
actor and the stage, and the date rules (not in the future, not before the previous step)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from members.errors import RuleError
from members.models import DevelopmentRecord, Stage
from organizations import scoping


def lock_record(actor, record: DevelopmentRecord, *stages: str) -> DevelopmentRecord:
    """The record, locked for the transaction, once the actor may manage its branch and it
    is at one of ``stages``."""
    locked = (
        DevelopmentRecord.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=record.pk)
    )
    if not scoping.can_manage_path(actor, locked.organization.path):
        raise PermissionDenied(_("You may not change the development records of this branch."))
    if locked.stage not in stages:
        raise RuleError(
            {
                "stage": _(
                    "This step needs a record at the stage “%(needed)s”; this record is at the stage “%(stage)s”."
                )
                % {
                    "needed": _("” or “").join(str(Stage(s).label) for s in stages),
                    "stage": locked.get_stage_display(),
                }
            }
        )
    return locked


class Checks:
    """Collects the refusals of one move so that all of them are reported at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}
        self.today = timezone.localdate()

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def extend(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            for message in messages:
                self.add(field, message)

    def date(
        self,
        field: str,
        value: datetime.date | None,
        *,
        after: datetime.date | None = None,
        after_what: str = "",
    ) -> None:
        """A required date, not in the future, not before ``after`` (the previous step)."""
        if value is None:
            self.add(field, _("This date is required."))
            return
        if value > self.today:
            self.add(field, _("This date lies in the future; record a step once it has happened."))
        elif after is not None and value < after:
            self.add(
                field,
                _("This date lies before %(what)s (%(date)s).")
                % {"what": after_what, "date": after.isoformat()},
            )

    def ok(self) -> bool:
        return not self.errors

    def raise_if_any(self) -> None:
        if self.errors:
            raise RuleError(self.errors)

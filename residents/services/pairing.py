"""Pairing assistance 结对帮扶: pair a party member, a branch or a unit with a household in
need, end the pairing, record its visits.

Decisions where the issue is silent:
- The helper is on the household's street: a member on the roll of an organization of the
  street, an organization of the street, or a unit of one of its communities.
- A visit's hours count as volunteer service when a party member made it: the visit records
  a held 志愿服务 activity of the member's organization (service network: pairing
  assistance) with the member present for those hours, so they appear in the volunteer
  figures like any other service. A visit without a member, or of 0 hours, records none.
"""

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from activities.models import Activity, ServiceNetwork
from activities.services.activities import volunteer_service_record
from grid.models import Household
from members.errors import RuleError
from members.models import Member
from residents.models import Pairing, PairingVisit
from residents.services.households import _apply, _model_errors, household_is_visible

PAIRING_FIELDS = ("member", "organization", "unit", "started_on", "ended_on", "goal")
VISIT_FIELDS = ("visited_on", "member", "done", "hours", "outcome")


def _street_id(household: Household) -> int:
    return household.grid_cell.community.street_id


def _check_member(member: Member | None, street_id: int, field: str, errors: dict) -> None:
    if member is None:
        return
    on_roll = Member.objects.on_roll().filter(pk=member.pk).exists()
    if not on_roll or member.organization.street_id != street_id:
        errors[field] = _(
            "%(name)s is not on the roll of an organization of the household's street."
        ) % {"name": member.name}


def _check_helpers(pairing: Pairing, errors: dict) -> None:
    street_id = _street_id(pairing.household)
    _check_member(pairing.member, street_id, "member", errors)
    if pairing.organization is not None and pairing.organization.street_id != street_id:
        errors["organization"] = _("This organization belongs to another street.")
    if pairing.unit is not None and pairing.unit.community.street_id != street_id:
        errors["unit"] = _("This unit is stationed in another street.")


def _check_visible(user, household: Household) -> None:
    if not household_is_visible(user, household):
        raise RuleError({"household": _("This household lies outside the grid cells you see.")})


@transaction.atomic
def pairing_save(
    *, user, data: Mapping, household: Household | None = None, pairing: Pairing | None = None
) -> Pairing:
    """Pair a helper with a household the user sees, or change the pairing."""
    if pairing is None:
        pairing = Pairing(household=household, created_by=user)
    _check_visible(user, pairing.household)
    _apply(pairing, data, PAIRING_FIELDS)
    errors: dict = {}
    _model_errors(pairing, errors, exclude=["created_by"])
    if not errors:
        _check_helpers(pairing, errors)
    if errors:
        raise RuleError(errors)
    pairing.save()
    return pairing


def _volunteer_activity(user, visit: PairingVisit) -> Activity | None:
    member = visit.member
    if member is None or not visit.hours:
        return None
    household = visit.pairing.household
    return volunteer_service_record(
        user=user,
        member=member,
        held_on=visit.visited_on,
        hours=visit.hours,
        topic=_("Pairing assistance visit: %(household)s") % {"household": household.address},
        network=ServiceNetwork.PAIRING,
        people_served=household.size,
        minutes=visit.done,
    )


@transaction.atomic
def visit_record(*, user, pairing: Pairing, data: Mapping) -> PairingVisit:
    """Record a visit of a pairing of a household the user sees; a party member's hours are
    recorded as volunteer service."""
    _check_visible(user, pairing.household)
    visit = PairingVisit(pairing=pairing, visitor=user)
    _apply(visit, data, VISIT_FIELDS)
    if visit.member is None and pairing.member_id:
        visit.member = pairing.member
    errors: dict = {}
    _model_errors(visit, errors, exclude=["visitor", "activity"])
    if visit.visited_on and visit.visited_on < pairing.started_on:
        errors.setdefault(
            "visited_on",
            _("The pairing started on %(day)s.") % {"day": pairing.started_on.isoformat()},
        )
    if pairing.ended_on and visit.visited_on and visit.visited_on > pairing.ended_on:
        errors.setdefault(
            "visited_on", _("The pairing ended on %(day)s.") % {"day": pairing.ended_on.isoformat()}
        )
    if not errors:
        _check_member(visit.member, _street_id(pairing.household), "member", errors)
    if errors:
        raise RuleError(errors)
    visit.activity = _volunteer_activity(user, visit)
    visit.save()
    return visit

"""The residents part of the access matrix's world: per branch, a household of its grid cell
with a resident in need (ID number and phone secret to the scope), a pairing with the
branch's member and a visit, and a household visit, each carrying its scope's token."""

import datetime
from decimal import Decimal

from accounts.models import User
from grid.models import Household
from members.models import Member
from residents.models import HouseholdVisit, NeedCategory, Pairing, PairingVisit, ResidentInNeed

PHONES = {"ZQA": "13700001001", "ZQB": "13700002002", "ZQC": "13700003003", "ZQD": "13700004004"}
IDS = {
    "ZQA": "110101199001011001",
    "ZQB": "110101199001012002",
    "ZQC": "110101199001013003",
    "ZQD": "110101199001014004",
}


def branch_household(world, token, organization) -> None:
    household = Household.objects.create(
        grid_cell=organization.grid_cell, address=f"{token}路1号", size=2
    )
    resident = ResidentInNeed.objects.create(
        household=household,
        name=f"{token}居民",
        id_number=IDS[token],
        phone=PHONES[token],
        needs=f"{token}需求",
    )
    resident.categories.set(NeedCategory.objects.filter(code="laid_off"))
    member = Member.objects.get(organization=organization, name=f"{token}党员")
    pairing = Pairing.objects.create(
        household=household,
        member=member,
        started_on=datetime.date(2026, 3, 1),
        goal=f"{token}目标",
    )
    visit = PairingVisit.objects.create(
        pairing=pairing,
        visited_on=datetime.date(2026, 4, 1),
        member=member,
        done=f"{token}探望",
        hours=Decimal("0"),
    )
    household_visit = HouseholdVisit.objects.create(
        household=household,
        visited_on=datetime.date(2026, 1, 5),
        visitor=User.objects.get(username=f"{token.lower()}_worker"),
        note=f"{token}走访",
    )
    world.put(token, household, resident, pairing, visit, household_visit)
    world.secrets.setdefault(token, set()).update({IDS[token], PHONES[token]})

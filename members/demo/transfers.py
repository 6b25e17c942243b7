"""Demo relation transfers 组织关系转接 of one street: about 25 transfers in every state, and
a group transfer of graduates, all through the services of members/services/transfers with
the dates of each step given, so that letters, states, steps and the roll agree:

- outgoing inside the street: drafts, letters issued (some expiring within 7 days), members
  reported to the receiving branch (some unconfirmed for more than 7 days), receipts
  returned, completed (the member now held by the receiving branch, their grid cell and
  address updated there), cancelled, rejected;
- outgoing to outside organizations: the same, completed ones taking the member off the
  roll (one of them a mobile member, whose record ends "transferred");
- letters past their validity are marked expired by ``transfers_expire_due``, the daily
  step, which opens the pocket-member cases of letters to outside (it runs over every
  street, as the daily sweep does);
- incoming from outside: letters recorded and waiting for the member (some for more than 7
  days), a member reported, one completed (a person from the mobile census), one lapsed.

The services stamp each step "now"; afterwards each step's TransferEvent, the transfer's
creation and its history rows are dated the day the step was given (working hours; 06:00,
the daily sweep, for an expiry), as if the services had run on those days. The step writes
nothing for a street that has transfers already."""

import random
from collections import defaultdict

from django.db.models import Q

from members.demo.base import Roll
from members.demo.cast import Cast
from members.demo.transfer_steps import Builder, backdate
from members.models import (
    EmploymentCategory,
    Member,
    MobileCategory,
    MobileDirection,
    MobileMember,
    Transfer,
)
from members.services.transfers import (
    transfers_create_batch,
    transfers_expire_due,
)
from members.services.transfers.base import SENDER
from organizations.models import Organization

# (kind, destination, whose member): the kind picks the steps and dates (``Builder.run``);
# "first" takes a member of the demo secretary's branch, "to_first" sends one to it.
PLAN = [
    ("draft", "inside", "first"), ("draft", "outside", "other"),
    ("issued", "inside", "other"), ("issued", "outside", "mobile"),
    ("expiring", "inside", "first"), ("expiring", "outside", "other"),
    ("lapsed", "inside", "other"), ("lapsed", "outside", "first"),
    ("lapsed_reported", "outside", "other"),
    ("reported", "inside", "to_first"), ("reported_long", "inside", "to_first"),
    ("receipted", "inside", "other"), ("receipted", "outside", "other"),
    ("completed", "inside", "other"), ("completed", "inside", "retiree"),
    ("completed", "outside", "mobile"), ("completed", "outside", "other"),
    ("cancelled", "inside", "other"), ("rejected", "inside", "other"),
    ("rejected", "outside", "other"),
]  # fmt: skip
INCOMING = ["from_new", "from_waiting", "from_reported", "from_completed", "from_lapsed"]
GRADUATES_TO = ("江苏省人才流动服务中心党委", "南京市鼓楼区北京西路 025-83271234")


def build_transfers(roll: Roll) -> None:
    """The street's transfers, unless it has some already."""
    street = roll.street
    if Transfer.objects.filter(
        Q(from_organization__street=street) | Q(to_organization__street=street)
    ).exists():
        return
    cast = Cast(roll, random.Random(f"transfers:{street.code}"), moving=True)
    others = cast.branches()
    grid = [b for b in roll.tree.grid_branches if b.pk in cast.secretaries]
    if len(grid) < 2:
        return
    builder = Builder(cast)
    movable = {m.pk for pool in cast.pools.values() for m in pool}
    movers = [  # away at a fixed place for long: their membership should move
        r.member
        for r in MobileMember.objects.filter(
            organization__street=street,
            direction=MobileDirection.OUTGOING,
            category=MobileCategory.MOVED,
            fixed_place=True,
            ended_on__isnull=True,
        )
        .select_related("member__organization")
        .order_by("pk")
        if r.member_id in movable
    ]
    for n, (kind, destination, whose) in enumerate(PLAN if others else []):
        member = pick(cast, whose, others, n, movers)
        if member is None:
            continue
        to, why = target(cast, member, destination, whose, n)
        builder.run(kind, member, to, why)
    census = (
        MobileMember.objects.filter(
            organization__in=[b.pk for b in grid],
            direction=MobileDirection.INCOMING,
            ended_on__isnull=True,
        )
        .exclude(id_number="")
        .order_by("-fixed_place", "pk")
        .first()
    )
    for n, kind in enumerate(INCOMING):
        to = cast.first_branch if kind == "from_waiting" else grid[1 + n * 5 % (len(grid) - 1)]
        builder.incoming(kind, to, census)
    graduates(builder, others)
    transfers_expire_due(today=roll.today)
    backdate(builder)


def rotated(items: list, n: int) -> list:
    k = n * 7 % len(items) if items else 0
    return items[k:] + items[:k]


def pick(cast: Cast, whose: str, others: list[int], n: int, movers: list) -> Member | None:
    if whose == "mobile" and movers:
        return movers.pop(0)
    order = rotated(others, n)
    fits = lambda m: True  # noqa: E731
    if whose == "first":
        order = [cast.first_branch.pk, *order]
    elif whose == "retiree":
        with_retirees = {o.community_id for o in cast.roll.tree.organizations if is_retirees(o)}
        organizations = cast.roll.organizations
        order = [pk for pk in order if organizations[pk].community_id in with_retirees]
        order = [pk for pk in order if not is_retirees(organizations[pk])] or order
        fits = lambda m: m.employment == EmploymentCategory.RETIRED  # noqa: E731
    for organization_id in order:
        member = cast.pick(organization_id, fits)
        if member is not None:
            return member
    return None


def is_retirees(organization: Organization) -> bool:
    return organization.code.endswith("-LT")  # as members/demo/roll.py tells them


def target(cast: Cast, member: Member, destination: str, whose: str, n: int):
    """The receiving organization (None: outside) and the kind of reason."""
    if destination == "outside":
        return None, "outside"
    if whose == "to_first":
        return cast.first_branch, "inside"
    here = member.organization
    if member.employment == EmploymentCategory.RETIRED and whose == "retiree":
        for o in cast.roll.tree.organizations:
            if is_retirees(o) and o.community_id == here.community_id and o.pk != here.pk:
                return o, "retiree"
    grid = [b for b in rotated(cast.roll.tree.grid_branches[1:], n) if b.pk != here.pk]
    return grid[0], "inside"


def graduates(builder: Builder, others: list[int]) -> None:
    """A group transfer: three to five young members, students first, leave together for
    the provincial talent exchange centre, organized by their community committee (by the
    street committee when no community has three)."""
    cast, tree = builder.cast, builder.tree
    young = sorted(
        (
            m
            for pk in others
            for m in cast.pools[pk]
            if m.pk not in cast.taken and cast.age(m) <= 30
        ),
        key=lambda m: (m.employment != EmploymentCategory.STUDENT, m.pk),
    )
    by_community = defaultdict(list)
    for member in young:
        by_community[member.organization.community_id].append(member)
    community_id, chosen = max(by_community.items(), key=lambda kv: len(kv[1]), default=(0, []))
    organizer = next((c for c in tree.community_committees if c.community_id == community_id), None)
    if len(chosen) < 3 or organizer is None:
        chosen, organizer = young, tree.street_committee
    chosen = chosen[:4]
    if len(chosen) < 3 or organizer.pk not in cast.secretaries:
        return
    cast.taken.update(m.pk for m in chosen)
    issued_on = builder.ago(20, 40)
    batch = transfers_create_batch(
        actor=cast.secretaries[organizer.pk],
        members=chosen,
        title=f"{issued_on.year}届高校毕业生党员组织关系集中转出",
        reason="应届毕业生离校就业，组织关系集中转往省人才流动服务中心",
        external_organization=GRADUATES_TO[0],
        external_contact=GRADUATES_TO[1],
        issued_on=issued_on,
    )
    transfers = list(batch.transfers.select_related("member").order_by("pk"))
    for transfer in transfers:
        builder.stamps[transfer.pk] = [issued_on, issued_on]
    done = builder.receipt(transfers[0], builder.after(issued_on, 7, 15))  # receipt came back
    builder.complete(done, builder.after(done.receipt_on, 0, 2), SENDER)
    builder.report(transfers[1], builder.after(issued_on, 3, 10))  # reported, no receipt yet

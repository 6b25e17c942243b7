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

import datetime
import random
from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from members.dates import add_months
from members.demo.base import Roll
from members.demo.mobile import Cast, days
from members.idnumber import birth_date_of
from members.models import (
    Education,
    EmploymentCategory,
    Member,
    MemberStatus,
    MobileCategory,
    MobileDirection,
    MobileMember,
    Transfer,
    TransferBatch,
    TransferEvent,
)
from members.services.roll import member_update
from members.services.transfers import (
    incoming_transfer_record,
    transfer_cancel,
    transfer_complete,
    transfer_create,
    transfer_issue_letter,
    transfer_record_receipt,
    transfer_record_report,
    transfer_reject,
    transfers_create_batch,
    transfers_expire_due,
)
from members.services.transfers.base import RECEIVER, SENDER, is_inside, our_receiving_side
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
OUTSIDE = [
    ("上海市浦东新区陆家嘴街道党工委", "021-58881234 组织科"),
    ("苏州工业园区娄葑街道党工委", "0512-62651234 党群工作部"),
    ("杭州市余杭区五常街道党工委", "0571-88731234 组织办"),
    ("深圳市南山区粤海街道党工委", "0755-86001234 党建办"),
    ("合肥市包河区滨湖世纪社区党委", "0551-63551234"),
]
GRADUATES_TO = ("江苏省人才流动服务中心党委", "南京市鼓楼区北京西路 025-83271234")
REASONS = {
    "inside": ["迁居本街道其他社区，组织关系随迁", "搬迁新居，转入居住地网格党支部"],
    "retiree": ["退休后转入社区离退休党支部"],
    "outside": ["工作调动到外地", "随子女迁居外地", "到外地就业"],
}
CLOSING = {
    "cancelled": "本人工作安排变化，暂不转出组织关系",
    "rejected_inside": "经核实本人未在本网格居住，请核实接收支部",
    "rejected_outside": "接收单位回复：本人尚未办理入职，暂不接收",
}
PROVINCES = {"32": "苏", "34": "皖", "36": "赣", "37": "鲁", "41": "豫", "51": "川"}


class Builder:
    def __init__(self, cast: Cast) -> None:
        self.cast, self.rng, self.today = cast, cast.rng, cast.today
        self.tree = cast.roll.tree
        self.stamps: dict[int, list[datetime.date]] = {}  # the day of each step, by transfer
        self.letters = 0

    def ago(self, low: int, high: int) -> datetime.date:
        return self.today - days(self.rng.randint(low, high))

    def after(self, day: datetime.date, low: int, high: int) -> datetime.date:
        return min(day + days(self.rng.randint(low, high)), self.today)

    def actor(self, organization_id: int):
        return self.cast.secretaries[organization_id]

    # the steps, each taken by the secretary of the side that takes it

    def create(self, member: Member, to: Organization | None, on: datetime.date, why: str):
        external, contact = ("", "") if to else self.rng.choice(OUTSIDE)
        transfer = transfer_create(
            actor=self.actor(member.organization_id),
            member=member,
            to_organization=to,
            external_organization=external,
            external_contact=contact,
            reason=self.rng.choice(REASONS[why]),
        )
        self.stamps[transfer.pk] = [on]
        return transfer

    def step(self, service, transfer: Transfer, side: str, on: datetime.date, **fields):
        org = transfer.from_organization_id if side == SENDER else transfer.to_organization_id
        transfer = service(actor=self.actor(org), transfer=transfer, **fields)
        self.stamps[transfer.pk].append(on)
        return transfer

    def letter(self, member, to, issued_on, why: str, valid_until=None) -> Transfer:
        transfer = self.create(member, to, issued_on - days(self.rng.randint(0, 3)), why)
        return self.step(
            transfer_issue_letter,
            transfer,
            SENDER,
            issued_on,
            issued_on=issued_on,
            valid_until=valid_until,
        )

    def report(self, transfer: Transfer, on: datetime.date) -> Transfer:
        side = our_receiving_side(transfer)
        return self.step(transfer_record_report, transfer, side, on, reported_on=on)

    def receipt(self, transfer: Transfer, on: datetime.date) -> Transfer:
        side = RECEIVER if is_inside(transfer) else SENDER
        return self.step(transfer_record_receipt, transfer, side, on, receipt_on=on)

    def complete(self, transfer: Transfer, on: datetime.date, side: str, **person) -> Transfer:
        return self.step(transfer_complete, transfer, side, on, completed_on=on, **person)

    # the plan

    def run(self, kind: str, member: Member, to: Organization | None, why: str) -> None:
        ago, after = self.ago, self.after
        if kind == "draft":
            self.create(member, to, ago(1, 6), why)
        elif kind == "issued":
            self.letter(member, to, ago(10, 40), why)
        elif kind in ("expiring", "lapsed", "lapsed_reported"):
            until = self.today + days(self.rng.randint(1, 6))
            if kind != "expiring":  # the daily step marks these expired
                until = ago(3, 60)
            transfer = self.letter(member, to, add_months(until, -3), why, until)
            if kind == "lapsed_reported":  # to outside: reported, no receipt came back
                self.report(transfer, after(transfer.letter_issued_on, 5, 20))
        elif kind in ("reported", "reported_long"):
            transfer = self.letter(member, to, ago(20, 40), why)
            self.report(transfer, ago(0, 3) if kind == "reported" else ago(9, 15))
        elif kind == "receipted":
            transfer = self.letter(member, to, ago(25, 45), why)
            if to is not None:
                transfer = self.report(transfer, ago(9, 15))
            self.receipt(transfer, after(transfer.reported_on or ago(1, 10), 0, 3))
        elif kind == "completed":
            transfer = self.letter(member, to, ago(40, 120), why)
            if to is not None:
                transfer = self.report(transfer, after(transfer.letter_issued_on, 3, 10))
            transfer = self.receipt(
                transfer, after(transfer.reported_on or transfer.letter_issued_on, 3, 30)
            )
            self.complete(transfer, after(transfer.receipt_on, 0, 5), RECEIVER if to else SENDER)
            if to is not None and to.grid_cell_id:  # moved house into the receiving grid
                road = next(
                    a.road
                    for a in self.cast.roll.territory.areas
                    if a.community.pk == to.community_id
                )
                member_update(
                    actor=self.actor(to.pk),
                    member=member,
                    grid_cell=to.grid_cell,
                    address=f"{road}{self.rng.randint(1, 199)}号",
                )
        elif kind in ("cancelled", "rejected"):
            transfer = self.letter(member, to, ago(20, 70), why)
            on = after(transfer.letter_issued_on, 3, 20)
            if kind == "cancelled":
                reason = CLOSING["cancelled"]
                self.step(transfer_cancel, transfer, SENDER, on, cancelled_on=on, reason=reason)
            else:
                reason = CLOSING["rejected_inside" if to else "rejected_outside"]
                side = our_receiving_side(transfer)
                self.step(transfer_reject, transfer, side, on, rejected_on=on, reason=reason)

    def incoming(self, kind: str, to: Organization, census: MobileMember | None) -> None:
        """A transfer from outside, recorded by the receiving branch."""
        ago, after, rng = self.ago, self.after, self.rng
        if kind == "from_completed" and census is not None:  # a person on the census
            born = birth_date_of(census.id_number)
            person = {
                "name": census.name,
                "gender": census.gender,
                "birth_date": born,
                "id_number": census.id_number,
                "phone": census.phone,
            }
            external, to = census.home_organization, census.organization
        else:
            person = self.cast.outsider(rng.randint(24, 60))
            _region, place, *_ = person.pop("place")
            external = f"{place}{rng.choice(['城南', '城北', '新城', '开发区'])}社区党委"
            born = person["birth_date"]
        joined = add_months(born, 12 * rng.randint(20, 22)) + days(rng.randint(0, 300))
        joined = min(joined, add_months(self.today, -13))
        letter_on = {"from_new": ago(3, 10), "from_waiting": ago(15, 30)}.get(kind, ago(10, 60))
        if kind == "from_lapsed":
            letter_on = add_months(ago(5, 30), -3)
        self.letters += 1
        province = PROVINCES.get(person["id_number"][:2], "外")
        number = f"{province}组转〔{letter_on.year}〕{self.cast.roll.index:03d}{self.letters:02d}号"
        recorded = ago(0, 2) if kind == "from_new" else after(letter_on, 1, 5)
        if kind == "from_waiting":
            recorded = ago(9, 14)
        transfer = incoming_transfer_record(
            actor=self.actor(to.pk),
            to_organization=to,
            external_organization=external,
            external_contact=f"{external}组织委员 {rng.randint(130, 189)}{rng.randrange(10**8):08d}",
            letter_number=number,
            letter_issued_on=letter_on,
            member_status=MemberStatus.FULL,
            joined_on=joined,
            full_member_on=add_months(joined, 12),
            reason="来本街道居住、工作，组织关系转入",
            **person,
        )
        self.stamps[transfer.pk] = [recorded]
        if kind in ("from_reported", "from_completed"):
            on = ago(1, 4) if kind == "from_reported" else after(recorded, 0, 3)
            transfer = self.report(transfer, on)
        if kind == "from_completed":
            workplace = f"{self.cast.roll.territory.short_name}智联科技有限公司 职员"
            extra = {"education": Education.BACHELOR, "workplace": workplace}
            extra.update(employment=EmploymentCategory.EMPLOYED, grid_cell=to.grid_cell)
            self.complete(transfer, after(transfer.reported_on, 0, 7), RECEIVER, **extra)


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


def backdate(builder: Builder) -> None:
    """Date every step the day it was given (see the module's docstring)."""
    stamps, rng = builder.stamps, builder.rng
    if not stamps:
        return
    now = timezone.now()
    transfers = Transfer.objects.in_bulk(list(stamps))
    events, history = defaultdict(list), defaultdict(list)
    for event in TransferEvent.objects.filter(transfer_id__in=stamps).order_by("transfer_id", "pk"):
        events[event.transfer_id].append(event)
    for row in Transfer.history.filter(id__in=stamps).order_by("id", "history_id"):
        history[row.id].append(row)
    for pk, transfer in sorted(transfers.items()):  # in order: the same times every run
        when = [_at(day, 9 + rng.randint(0, 7), rng.randint(0, 59)) for day in stamps[pk]]
        if len(events[pk]) > len(when):  # the daily step marked the letter expired
            when.append(_at(transfer.valid_until + days(1), 6, 0))
        for i in range(1, len(when)):  # one step after the other, none after now
            when[i] = max(when[i], when[i - 1] + datetime.timedelta(minutes=1))
        limit = now
        for i in reversed(range(len(when))):
            when[i] = limit = min(when[i], limit)
            limit -= datetime.timedelta(seconds=1)
        for event, at in zip(events[pk], when, strict=True):
            event.at = at
        transfer.created_at = when[0]
        for row, at in zip(history[pk], when, strict=True):
            row.history_date, row.created_at = at, when[0]
    TransferEvent.objects.bulk_update([e for es in events.values() for e in es], ["at"])
    Transfer.objects.bulk_update(transfers.values(), ["created_at"])
    Transfer.history.model.objects.bulk_update(
        [r for rows in history.values() for r in rows], ["history_date", "created_at"]
    )
    for batch in TransferBatch.objects.filter(transfers__in=transfers.values()).distinct():
        batch.created_at = min(t.created_at for t in transfers.values() if t.batch_id == batch.pk)
        batch.save(update_fields=["created_at"])


def _at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))

"""The steps of the demo transfers, each taken through its service with the day it was given,
and the backdating of those steps afterwards (see members/demo/transfers)."""

import datetime
from collections import defaultdict

from django.utils import timezone

from members.dates import add_months
from members.demo.cast import Cast, days
from members.idnumber import birth_date_of
from members.models import (
    Education,
    EmploymentCategory,
    Member,
    MemberStatus,
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
)
from members.services.transfers.base import RECEIVER, SENDER, is_inside, our_receiving_side
from organizations.models import Organization

OUTSIDE = [
    ("上海市浦东新区陆家嘴街道党工委", "021-58881234 组织科"),
    ("苏州工业园区娄葑街道党工委", "0512-62651234 党群工作部"),
    ("杭州市余杭区五常街道党工委", "0571-88731234 组织办"),
    ("深圳市南山区粤海街道党工委", "0755-86001234 党建办"),
    ("合肥市包河区滨湖世纪社区党委", "0551-63551234"),
]
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
    """Takes the steps of one street's transfers and notes the day of each (``stamps``)."""

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


def backdate(builder: Builder) -> None:
    """Date every step the day it was given: the services stamp each step "now"; afterwards
    each step's TransferEvent, the transfer's creation and its history rows are dated the
    day the step was given (working hours; 06:00, the daily sweep, for an expiry)."""
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

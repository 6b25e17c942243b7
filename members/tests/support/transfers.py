"""Builders for the transfer tests: transfers put straight at a state with known dates (the
services are tested one step at a time against these), and a read-only persona.

The standard story (today is 2026-03-10 in these tests): draft 2026-02-01, letter issued
2026-02-02 valid until 2026-05-02, reported 2026-02-10, receipt 2026-02-15."""

import datetime
import itertools

from accounts.models import User
from accounts.tests.factories import UserFactory
from members.idnumber import make_id_number
from members.models import (
    MemberStatus,
    Transfer,
    TransferDirection,
    TransferEvent,
    TransferState,
)
from members.tests.factories import MemberFactory
from organizations.models import Role
from organizations.tests.factories import PostFactory

D = datetime.date
TODAY = D(2026, 3, 10)
STORY = {
    "letter_issued_on": D(2026, 2, 2),
    "valid_until": D(2026, 5, 2),
    "reported_on": D(2026, 2, 10),
    "receipt_on": D(2026, 2, 15),
}
FIELDS_AT = {
    TransferState.DRAFT: (),
    TransferState.ISSUED: ("letter_issued_on", "valid_until"),
    TransferState.REPORTED: ("letter_issued_on", "valid_until", "reported_on"),
    TransferState.RECEIPTED: ("letter_issued_on", "valid_until", "reported_on", "receipt_on"),
    TransferState.EXPIRED: ("letter_issued_on", "valid_until"),
}
_numbers = itertools.count(1)


def transfer_at(member, state=TransferState.ISSUED, *, to=None, outside="", by=None, **fields):
    """An outgoing transfer of ``member`` at ``state``: to ``to`` (an organization here) or
    to the outside organization named ``outside``."""
    values = {name: STORY[name] for name in FIELDS_AT.get(state, FIELDS_AT[TransferState.ISSUED])}
    if "letter_issued_on" in values:
        values["letter_number"] = f"T-{next(_numbers):05d}"
    values.update(fields)
    transfer = Transfer.objects.create(
        direction=TransferDirection.OUTGOING,
        state=state,
        member=member,
        from_organization=member.organization,
        to_organization=to,
        external_organization=outside,
        external_contact="025-12345678" if outside else "",
        created_by=by or clerk(),
        **values,
    )
    TransferEvent.objects.create(transfer=transfer, by=transfer.created_by, to_state=state)
    return transfer


def clerk():
    """Who started a transfer built straight at a state (no password: hashing is slow)."""
    return User.objects.get_or_create(username="transfer_clerk")[0]


BORN = D(1990, 4, 12)


def person(n=None, birth_date=BORN, gender="F") -> dict:
    n = n if n is not None else next(_numbers)
    return {
        "name": f"转入{n}",
        "gender": gender,
        "birth_date": birth_date,
        "id_number": make_id_number("110105", birth_date, (n % 400) * 2 + (gender == "M")),
    }


def letter_from_outside(branch, **overrides) -> dict:
    """What the receiving side types from a letter issued outside."""
    fields = {
        "to_organization": branch,
        "external_organization": "中共某市某区某街道工作委员会",
        "external_contact": "某市某区某路1号 010-12345678",
        "letter_number": f"WAI-{next(_numbers):05d}",
        "letter_issued_on": D(2026, 3, 1),
        "valid_until": None,
        **person(),
        "member_status": MemberStatus.FULL,
        "joined_on": D(2012, 7, 1),
        "full_member_on": D(2013, 7, 1),
        "phone": "13912345678",
        "reason": "工作调动",
    }
    fields.update(overrides)
    return fields


def incoming_at(branch, state=TransferState.ISSUED, **overrides) -> Transfer:
    fields = letter_from_outside(branch)
    fields.pop("valid_until")
    fields.update(
        direction=TransferDirection.INCOMING,
        state=state,
        valid_until=D(2026, 6, 1),
        created_by=clerk(),
    )
    if state in (TransferState.REPORTED,):
        fields["reported_on"] = D(2026, 3, 5)
    fields.update(overrides)
    return Transfer.objects.create(**fields)


def read_only_user(organization, username="committee_a"):
    user = UserFactory(username=username, is_staff=True)
    PostFactory(user=user, organization=organization, role=Role.COMMITTEE_MEMBER)
    return user


def member_of(branch, **kwargs):
    return MemberFactory(organization=branch, **kwargs)

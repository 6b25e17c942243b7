"""Builders for the mobile member tests: records, contacts and transfers put straight in the
database with known dates (the services are tested against these), and a read-only persona.

Most tests run on 2025-06-15 (Asia/Shanghai)."""

import datetime

from accounts.tests.factories import UserFactory
from members.idnumber import make_id_number
from members.models import (
    MobileCategory,
    MobileContact,
    MobileDirection,
    MobileMember,
    Transfer,
    TransferDirection,
    TransferState,
)
from members.tests.factories import MemberFactory
from organizations.models import Role
from organizations.tests.factories import PostFactory

D = datetime.date
TODAY = D(2025, 6, 15)
NOW = "2025-06-15 09:00 +08:00"


def reader_of(organization, username="reader_a"):
    """A committee member: sees the branch, may change nothing."""
    user = UserFactory(username=username)
    PostFactory(user=user, organization=organization, role=Role.COMMITTEE_MEMBER)
    return user


def outgoing(organization=None, *, member=None, **fields) -> MobileMember:
    member = member or MemberFactory(organization=organization)
    values = {
        "direction": MobileDirection.OUTGOING,
        "category": MobileCategory.MIGRANT_WORKER,
        "member": member,
        "organization": member.organization,
        "phone": member.phone,
        "whereabouts": "广东省深圳市",
        "away_since": D(2025, 1, 10),
        "grid_cell": member.grid_cell,
    }
    values.update(fields)
    return MobileMember.objects.create(**values)


def incoming(organization, **fields) -> MobileMember:
    values = {
        "direction": MobileDirection.INCOMING,
        "category": MobileCategory.TALENT,
        "organization": organization,
        "name": "李流入",
        "gender": "F",
        "id_number": make_id_number("420102", D(1990, 3, 3), 2),
        "home_organization": "湖北省某村党支部",
        "phone": "13712345678",
        "whereabouts": "本社区",
        "away_since": D(2025, 2, 1),
        "grid_cell": organization.grid_cell,
    }
    values.update(fields)
    return MobileMember.objects.create(**values)


def contact(record, on: D, by, reached: bool = True) -> MobileContact:
    return MobileContact.objects.create(
        mobile=record,
        contacted_on=on,
        channel="phone",
        contacted_by=by,
        outcome="通话，一切正常",
        reached=reached,
    )


def transfer_out(member, by, **fields) -> Transfer:
    """An outgoing letter to an outside organization, expired by 2025-06-15, no receipt."""
    values = {
        "direction": TransferDirection.OUTGOING,
        "state": TransferState.ISSUED,
        "member": member,
        "from_organization": member.organization,
        "external_organization": "外省某街道党工委",
        "letter_issued_on": D(2025, 2, 1),
        "valid_until": D(2025, 5, 1),
        "created_by": by,
    }
    values.update(fields)
    return Transfer.objects.create(**values)

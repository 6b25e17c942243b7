"""The daily step that marks lapsed letters expired, and the pocket-member cases it makes.

A letter lapses when its validity has passed without the step that was due: the report
(inside the system, and from outside), or for a transfer to an outside organization the
receipt, since the report there is often never known. The member then usually kept the
letter in their pocket: for a transfer to outside that is a pocket-member case 口袋党员,
put on the mobile-member census (category "moved house without transferring") unless the
member is already on it. Inside the system the receiving branch is ours, so the sending
branch is reminded instead (members/reminders/transfers.py).

Call ``transfers_expire_due(today=...)`` from the daily sweep before the reminder rules;
the rules do not depend on it having run (they use the same ``lapsed_q``)."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from members.models import (
    MobileCategory,
    MobileDirection,
    MobileMember,
    Transfer,
    TransferDirection,
    TransferEvent,
    TransferState,
)
from members.models.transfer import TO_OUTSIDE


def lapsed_q(today: datetime.date) -> Q:
    """Open transfers whose letter lapsed before ``today`` without the step that was due."""
    return Q(valid_until__lt=today) & (
        Q(state=TransferState.ISSUED) | (TO_OUTSIDE & Q(state=TransferState.REPORTED))
    )


def is_pocket_member_case(transfer: Transfer) -> bool:
    return (
        transfer.state == TransferState.EXPIRED
        and transfer.direction == TransferDirection.OUTGOING
        and not transfer.to_organization_id
        and transfer.receipt_on is None
    )


@transaction.atomic
def transfers_expire_due(*, today: datetime.date | None = None) -> dict[str, int]:
    """Mark every lapsed letter expired (a step by nobody: the daily check) and open the
    pocket-member cases. A fixed number of queries whatever the number of letters; a
    second run the same day finds nothing. A transfer somebody is changing right now is
    left for the next run."""
    today = today or timezone.localdate()
    lapsed = list(
        Transfer.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(lapsed_q(today))
        .order_by("pk")
    )
    if not lapsed:
        return {"expired": 0, "pocket_members": 0}
    events = []
    for transfer in lapsed:
        events.append(
            TransferEvent(
                transfer=transfer,
                by=None,
                from_state=transfer.state,
                to_state=TransferState.EXPIRED,
            )
        )
        transfer.state = TransferState.EXPIRED
        transfer.closed_on = transfer.valid_until + datetime.timedelta(days=1)
    bulk_update_with_history(lapsed, Transfer, ["state", "closed_on"], batch_size=500)
    TransferEvent.objects.bulk_create(events, batch_size=500)
    pockets = _open_pocket_member_cases([t for t in lapsed if _to_outside(t)])
    return {"expired": len(lapsed), "pocket_members": pockets}


def _to_outside(transfer: Transfer) -> bool:
    return transfer.direction == TransferDirection.OUTGOING and not transfer.to_organization_id


def _open_pocket_member_cases(transfers: list[Transfer]) -> int:
    if not transfers:
        return 0
    on_census = set(
        MobileMember.objects.filter(
            member_id__in=[t.member_id for t in transfers], ended_on__isnull=True
        ).values_list("member_id", flat=True)
    )
    cases = [
        MobileMember(
            organization_id=t.from_organization_id,
            direction=MobileDirection.OUTGOING,
            category=MobileCategory.MOVED,
            member_id=t.member_id,
            whereabouts=t.external_organization[:200],
            away_since=t.letter_issued_on,
            fixed_place=True,
        )
        for t in transfers
        if t.member_id not in on_census
    ]
    bulk_create_with_history(cases, MobileMember, batch_size=500)
    return len(cases)

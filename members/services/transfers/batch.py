"""A group transfer 集体转接: several members moved at once (a branch split or merged, a
group of graduates leaving) is one action that makes one transfer per member, all or
nothing: when any member cannot go, nothing is saved and every such member is named."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Member, Transfer, TransferBatch
from members.models.transfer import OPEN_STATES
from members.services.development.base import Checks
from members.services.transfers.outgoing import (
    default_valid_until,
    destination_errors,
    member_refusals,
    transfer_create,
    transfer_issue_letter,
)
from organizations.models import Organization


@transaction.atomic
def transfers_create_batch(
    *,
    actor,
    members,
    title: str,
    reason: str = "",
    to_organization: Organization | None = None,
    external_organization: str = "",
    external_contact: str = "",
    issued_on: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> TransferBatch:
    """One TransferBatch and one transfer per member to the same destination. With
    ``issued_on`` each letter is issued at once (numbers given in sequence)."""
    checks = Checks()
    title = (title or "").strip()
    external_organization = (external_organization or "").strip()
    external_contact = (external_contact or "").strip()
    if not title:
        checks.add("title", _("Give the group transfer a title."))
    locked = list(
        Member.objects.select_for_update(of=("self",))
        .select_related("organization")
        .filter(pk__in={m.pk for m in members})
        .order_by("organization__path", "name_initials", "pk")
    )
    if not locked:
        checks.add("members", _("Choose at least one member."))
    checks.extend(
        destination_errors(
            to_organization=to_organization,
            external_organization=external_organization,
            external_contact=external_contact,
        )
    )
    open_transfers = {
        t.member_id: t
        for t in Transfer.objects.filter(member__in=locked, state__in=OPEN_STATES).select_related(
            "member", "to_organization"
        )
    }
    for member in locked:
        for _field, message in member_refusals(
            actor, member, to_organization, current=open_transfers.get(member.pk)
        ):
            checks.add("members", message)
    if issued_on is not None:
        checks.date("issued_on", issued_on)
        if valid_until is not None and valid_until < issued_on:
            checks.add(
                "valid_until",
                _("A letter cannot be valid until a day before it was issued (%(date)s).")
                % {"date": issued_on.isoformat()},
            )
    checks.raise_if_any()
    batch = TransferBatch.objects.create(
        title=title, reason=(reason or "").strip(), created_by=actor
    )
    valid_until = valid_until or (default_valid_until(issued_on) if issued_on else None)
    for member in locked:
        transfer = transfer_create(
            actor=actor,
            member=member,
            to_organization=to_organization,
            external_organization=external_organization,
            external_contact=external_contact,
            reason=(batch.reason or batch.title)[:200],
            batch=batch,
        )
        if issued_on is not None:
            transfer_issue_letter(
                actor=actor, transfer=transfer, issued_on=issued_on, valid_until=valid_until
            )
    return batch

"""Flags of weak and lax organizations: storing what the detection finds (never deciding),
the level above's decisions, the rectification plan and its sign-off. Each write is atomic
and checked; a refusal is a ValidationError naming the field, or PermissionDenied."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.models import (
    FlagState,
    RectificationItem,
    RectificationPlan,
    WeakCriteria,
    WeakFlag,
)
from assessment.selectors.weak import weak_candidates
from assessment.selectors.weak_flags import may_decide, may_plan, open_flags_of_street
from organizations.models import Organization, OrgKind

CLOSED_STATES = (FlagState.DISMISSED, FlagState.RECTIFIED)


@transaction.atomic
def weak_flags_refresh(street: Organization, on: datetime.date | None = None) -> list[WeakFlag]:
    """Store the street's candidates on ``on`` (today by default) and return the new flags.
    An open flag of a branch gets the new reasons, nothing else: its state and decisions are
    people's. A branch whose flag was dismissed or rectified in the same year is not flagged
    again for the same reasons, only when a new reason appears."""
    if street.kind != OrgKind.STREET_COMMITTEE:
        raise ValidationError({"street": _("Flags are refreshed for a street working committee.")})
    on = on or timezone.localdate()
    candidates = weak_candidates(street, on)
    open_flags = {f.organization_id: f for f in open_flags_of_street(street).select_for_update()}
    closed_codes: dict[int, list[set]] = {}
    for flag in WeakFlag.objects.filter(
        street=street, state__in=CLOSED_STATES, reviewed_on__year=on.year
    ):
        closed_codes.setdefault(flag.organization_id, []).append(flag.codes)
    changed, new = [], []
    now = timezone.now()
    for org_id, reasons in candidates.items():
        flag = open_flags.get(org_id)
        if flag is not None:
            if flag.reasons != reasons or flag.reviewed_on != on:
                flag.reasons, flag.reviewed_on = reasons, on
                changed.append(flag)
            continue
        codes = {reason["code"] for reason in reasons}
        if any(codes <= closed for closed in closed_codes.get(org_id, [])):
            continue
        new.append(
            WeakFlag(
                organization_id=org_id,
                street=street,
                reviewed_on=on,
                reasons=reasons,
                flagged_at=now,
            )
        )
    WeakFlag.objects.bulk_update(changed, ["reasons", "reviewed_on"])
    return WeakFlag.objects.bulk_create(new)


def weak_flags_refresh_all(on: datetime.date | None = None) -> int:
    """Refresh every street; the number of new flags (for the scheduled task)."""
    streets = Organization.objects.filter(kind=OrgKind.STREET_COMMITTEE).order_by("pk")
    return sum(len(weak_flags_refresh(street, on)) for street in streets)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Only the level above this organization may decide on its flag."))


def _locked(flag: WeakFlag) -> WeakFlag:
    return WeakFlag.objects.select_for_update().select_related("organization").get(pk=flag.pk)


@transaction.atomic
def weak_flag_confirm(*, user, flag: WeakFlag) -> WeakFlag:
    flag = _locked(flag)
    _require(may_decide(user, flag))
    if flag.state != FlagState.FLAGGED:
        raise ValidationError({"state": _("Only a flag not yet decided can be confirmed.")})
    flag.state, flag.decided_by, flag.decided_at = FlagState.CONFIRMED, user, timezone.now()
    flag.save(update_fields=["state", "decided_by", "decided_at"])
    return flag


@transaction.atomic
def weak_flag_dismiss(*, user, flag: WeakFlag, reason: str) -> WeakFlag:
    flag = _locked(flag)
    _require(may_decide(user, flag))
    if flag.state not in (FlagState.FLAGGED, FlagState.CONFIRMED):
        raise ValidationError({"state": _("This flag is already closed.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"dismissal_reason": _("Say why the flag is dismissed.")})
    flag.state, flag.dismissal_reason = FlagState.DISMISSED, reason
    flag.decided_by, flag.decided_at = user, timezone.now()
    flag.full_clean()
    flag.save(update_fields=["state", "dismissal_reason", "decided_by", "decided_at"])
    return flag


def _plannable(user, flag: WeakFlag) -> None:
    if not may_plan(user, flag):
        raise PermissionDenied(_("Only the organization or the level above may edit its plan."))
    if flag.state != FlagState.CONFIRMED:
        raise ValidationError(
            {
                "state": _(
                    "A rectification plan is drawn up for a confirmed flag not yet signed off."
                )
            }
        )


@transaction.atomic
def rectification_plan_save(*, user, flag: WeakFlag, summary: str = "") -> RectificationPlan:
    """Create the flag's plan, or change its summary."""
    flag = _locked(flag)
    _plannable(user, flag)
    plan = RectificationPlan.objects.filter(flag=flag).first() or RectificationPlan(
        flag=flag, created_by=user, created_at=timezone.now()
    )
    plan.summary = summary or ""
    plan.full_clean()
    plan.save()
    return plan


def _item_fields(item: RectificationItem, text, owner, owner_name, deadline) -> None:
    item.text = (text or "").strip()
    item.owner = owner
    item.owner_name = (owner_name or "").strip()
    item.deadline = deadline


@transaction.atomic
def rectification_item_add(
    *, user, plan: RectificationPlan, text: str, deadline, owner=None, owner_name: str = ""
) -> RectificationItem:
    flag = _locked(plan.flag)
    _plannable(user, flag)
    item = RectificationItem(plan=plan, order=plan.items.count() + 1)
    _item_fields(item, text, owner, owner_name, deadline)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def rectification_item_edit(
    *, user, item: RectificationItem, text: str, deadline, owner=None, owner_name: str = ""
) -> RectificationItem:
    _plannable(user, _locked(item.plan.flag))
    if item.is_done:
        raise ValidationError({"text": _("A measure already done is no longer changed.")})
    _item_fields(item, text, owner, owner_name, deadline)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def rectification_item_done(*, user, item: RectificationItem, evidence: str) -> RectificationItem:
    _plannable(user, _locked(item.plan.flag))
    if item.is_done:
        raise ValidationError({"done_at": _("This measure is already done.")})
    evidence = (evidence or "").strip()
    if not evidence:
        raise ValidationError({"evidence": _("Say what shows the measure was done.")})
    item.evidence, item.done_at = evidence, timezone.now()
    item.save(update_fields=["evidence", "done_at"])
    return item


@transaction.atomic
def weak_flag_sign_off(*, user, flag: WeakFlag) -> WeakFlag:
    """The level above signs the rectification off once every measure of the plan is done."""
    flag = _locked(flag)
    _require(may_decide(user, flag))
    if flag.state != FlagState.CONFIRMED:
        raise ValidationError({"state": _("Only a confirmed flag is signed off.")})
    plan = RectificationPlan.objects.filter(flag=flag).first()
    items = list(plan.items.order_by("order", "pk")) if plan else []
    if not items:
        raise ValidationError({"plan": _("The rectification plan has no measures yet.")})
    open_items = [item.text for item in items if not item.is_done]
    if open_items:
        raise ValidationError(
            {"plan": _("Measures not done yet: %(items)s.") % {"items": "; ".join(open_items)}}
        )
    flag.state, flag.signed_off_by, flag.signed_off_at = FlagState.RECTIFIED, user, timezone.now()
    flag.save(update_fields=["state", "signed_off_by", "signed_off_at"])
    return flag


@transaction.atomic
def weak_criteria_save(*, criteria: WeakCriteria) -> WeakCriteria:
    criteria.full_clean()
    criteria.save()
    return criteria

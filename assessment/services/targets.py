"""Responsibility letters and their target items: the level above sets a letter up and its
items while it is a draft; once signed, the answering organization (or an item's responsible
person) marks items done with evidence; the level above closes the letter at the year's end.
Each service owns its transaction and saves nothing when it refuses."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.models import LetterState, ResponsibilityLetter, TargetItem
from organizations import scoping
from organizations.models import Organization, Post

YEARS_AROUND = 1  # a letter is set up for last year, this year or next year


def _refuse_unless_issuer(user, letter: ResponsibilityLetter) -> None:
    if not scoping.can_manage_organization(user, letter.issued_by):
        raise PermissionDenied(_("Only the level that issues a responsibility letter changes it."))


def _refuse_unless_answering(user, letter: ResponsibilityLetter) -> None:
    if not scoping.can_manage_organization(user, letter.organization):
        raise PermissionDenied(
            _("Only the staff of the organization that answers for the letter do this.")
        )


def _locked(letter: ResponsibilityLetter, *, state: str) -> ResponsibilityLetter:
    """The letter, locked for the change, refused unless it is in ``state``."""
    letter = (
        # only the letter's row: PostgreSQL locks no nullable side of an outer join (cadre)
        ResponsibilityLetter.objects.select_for_update(of=("self",))
        .select_related("organization", "issued_by", "cadre")
        .get(pk=letter.pk)
    )
    if letter.state != state:
        messages = {
            LetterState.DRAFT: _("Only a draft letter's items are set up or changed."),
            LetterState.SIGNED: _("Only a signed letter's items are marked done or reopened."),
        }
        raise ValidationError(messages[state])
    return letter


def _year_check(year) -> int:
    today = timezone.localdate()
    try:
        year = int(year)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"year": _("Enter a year.")}) from exc
    if abs(year - today.year) > YEARS_AROUND:
        raise ValidationError(
            {"year": _("A letter is set up for last year, this year or next year.")}
        )
    return year


def _default_title(organization: Organization, year: int, cadre: Post | None) -> str:
    if cadre is not None:
        return _("%(year)s responsibility letter of %(organization)s %(post)s") % {
            "year": year,
            "organization": organization.name,
            "post": cadre.get_role_display(),
        }
    return _("%(year)s responsibility letter of %(organization)s") % {
        "year": year,
        "organization": organization.name,
    }


def _duplicate_check(letter: ResponsibilityLetter) -> None:
    """The constraints' checks, said under the field that makes the duplicate."""
    letters = ResponsibilityLetter.objects.filter(year=letter.year)
    if letter.cadre_id is not None:
        if letters.filter(cadre_id=letter.cadre_id).exists():
            raise ValidationError(
                {"cadre": _("This cadre already has a responsibility letter for that year.")}
            )
    elif letters.filter(organization=letter.organization, cadre__isnull=True).exists():
        raise ValidationError(
            {
                "organization": _(
                    "This organization already has a responsibility letter for that year."
                )
            }
        )


@transaction.atomic
def letter_create(
    *, user, organization: Organization, year, title: str = "", cadre: Post | None = None
) -> ResponsibilityLetter:
    """A draft letter of ``organization`` (or of the cadre holding ``cadre`` there) for
    ``year``, issued by the level directly above it, by that level's staff."""
    year = _year_check(year)
    parent = organization.parent
    if parent is None or not scoping.can_manage_organization(user, parent):
        raise PermissionDenied(_("Only the level above an organization issues its letters."))
    letter = ResponsibilityLetter(
        organization=organization,
        cadre=cadre,
        issued_by=parent,
        year=year,
        title=(title or "").strip() or _default_title(organization, year, cadre),
        created_by=user,
    )
    letter.full_clean(validate_constraints=False)
    _duplicate_check(letter)
    letter.save()
    return letter


@transaction.atomic
def letter_sign(*, user, letter: ResponsibilityLetter, signed_on: datetime.date | None = None):
    """Record that a draft letter with at least one item was signed, on ``signed_on`` (today
    by default): by the staff of either side."""
    letter = _locked(letter, state=LetterState.DRAFT)
    _refuse_unless_answering(user, letter)
    today = timezone.localdate()
    signed_on = signed_on or today
    if signed_on > today:
        raise ValidationError({"signed_on": _("A letter cannot be signed in the future.")})
    if signed_on.year < letter.year - YEARS_AROUND:
        raise ValidationError(
            {"signed_on": _("The letter is signed at the earliest the year before its year.")}
        )
    if not TargetItem.objects.filter(letter=letter).exists():
        raise ValidationError({"items": _("A letter is signed once it lists its targets.")})
    letter.state = LetterState.SIGNED
    letter.signed_on = signed_on
    letter.save(update_fields=["state", "signed_on"])
    return letter


@transaction.atomic
def letter_close(*, user, letter: ResponsibilityLetter) -> ResponsibilityLetter:
    """Close a signed letter (the year's check is over): its items change no more."""
    letter = _locked(letter, state=LetterState.SIGNED)
    _refuse_unless_issuer(user, letter)
    letter.state = LetterState.CLOSED
    letter.save(update_fields=["state"])
    return letter


def _owner_check(letter: ResponsibilityLetter, owner) -> None:
    """The responsible person holds a post in the letter's organization during its year."""
    if owner is None:
        return
    first, last = datetime.date(letter.year, 1, 1), datetime.date(letter.year, 12, 31)
    holds = (
        Post.objects.filter(organization=letter.organization, user=owner, started_on__lte=last)
        .exclude(ended_on__lt=first)
        .exists()
    )
    if not holds:
        raise ValidationError(
            {
                "owner": _(
                    "The responsible person holds no post in %(organization)s during "
                    "%(year)s; give their name instead."
                )
                % {"organization": letter.organization.name, "year": letter.year}
            }
        )


def _save_item(item: TargetItem) -> TargetItem:
    item.text = (item.text or "").strip()
    item.owner_name = (item.owner_name or "").strip()
    item.full_clean()
    _owner_check(item.letter, item.owner)
    item.save()
    return item


@transaction.atomic
def item_add(
    *, user, letter: ResponsibilityLetter, text: str, deadline, owner=None, owner_name: str = ""
) -> TargetItem:
    """Add a target to a draft letter, last in order (the issuing level's staff)."""
    letter = _locked(letter, state=LetterState.DRAFT)
    _refuse_unless_issuer(user, letter)
    last = TargetItem.objects.filter(letter=letter).order_by("-order").first()
    item = TargetItem(
        letter=letter,
        text=text,
        deadline=deadline,
        owner=owner,
        owner_name=owner_name,
        order=(last.order + 1) if last else 1,
    )
    return _save_item(item)


@transaction.atomic
def item_edit(
    *, user, item: TargetItem, text: str, deadline, owner=None, owner_name: str = ""
) -> TargetItem:
    """Change a target of a draft letter (the issuing level's staff)."""
    letter = _locked(item.letter, state=LetterState.DRAFT)
    _refuse_unless_issuer(user, letter)
    item = TargetItem.objects.select_for_update().get(pk=item.pk)
    item.letter = letter
    item.text, item.deadline, item.owner, item.owner_name = text, deadline, owner, owner_name
    return _save_item(item)


def _may_mark_done(user, item: TargetItem, letter: ResponsibilityLetter) -> bool:
    if item.owner_id is not None and item.owner_id == user.pk:
        return True
    return scoping.can_manage_organization(user, letter.organization)


@transaction.atomic
def item_done(*, user, item: TargetItem, evidence: str) -> TargetItem:
    """Mark a target of a signed letter done, with the evidence (what was done, where the
    records are): the answering organization's staff or the item's responsible person."""
    letter = _locked(item.letter, state=LetterState.SIGNED)
    item = TargetItem.objects.select_for_update().get(pk=item.pk)
    if not _may_mark_done(user, item, letter):
        raise PermissionDenied(
            _("Only the responsible person or the organization's staff mark a target done.")
        )
    if item.is_done:
        raise ValidationError(_("This target is marked done already."))
    evidence = (evidence or "").strip()
    if not evidence:
        raise ValidationError({"evidence": _("Give the evidence that the target was done.")})
    if len(evidence) > 2000:
        raise ValidationError({"evidence": _("The evidence is at most 2000 characters long.")})
    item.evidence = evidence
    item.done_at = timezone.now()
    item.done_by = user
    item.save(update_fields=["evidence", "done_at", "done_by"])
    return item


@transaction.atomic
def item_reopen(*, user, item: TargetItem) -> TargetItem:
    """Take back the done mark of a target of a signed letter (its evidence stays, to be
    completed): the answering organization's staff or the level above."""
    letter = _locked(item.letter, state=LetterState.SIGNED)
    _refuse_unless_answering(user, letter)
    item = TargetItem.objects.select_for_update().get(pk=item.pk)
    if not item.is_done:
        raise ValidationError(_("This target is not marked done."))
    item.done_at = None
    item.done_by = None
    item.save(update_fields=["done_at", "done_by"])
    return item

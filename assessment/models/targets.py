"""Targets and responsibility letters 目标责任书: the level above signs a letter each year with
each organization under it (the street with each community, the community with each branch),
and with a cadre for their post; each letter lists its target items, with who is responsible,
by when, and the evidence that an item was done."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.text import long_text
from organizations.models import Organization, OrgKind, Post

# an item may fall due in the first quarter of the next year (the year-end check)
DEADLINE_GRACE_MONTHS = 3


class LetterState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("responsibility letter state", "draft")
    SIGNED = "signed", pgettext_lazy("responsibility letter state", "signed")
    CLOSED = "closed", pgettext_lazy("responsibility letter state", "closed")


def deadline_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day an item of a letter of ``year`` may fall due."""
    return datetime.date(year, 1, 1), datetime.date(year + 1, DEADLINE_GRACE_MONTHS, 31)


class ResponsibilityLetter(models.Model):
    """The letter an organization (or a cadre of it, for their post) signs with the level
    above for a year."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="responsibility_letters",
        verbose_name=pgettext_lazy("responsibility letter", "responsible organization"),
    )
    cadre = models.ForeignKey(
        Post,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsibility_letters",
        verbose_name=pgettext_lazy("responsibility letter", "cadre"),
        help_text=_("For a cadre's own letter: the post they sign it for."),
    )
    issued_by = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="issued_responsibility_letters",
        verbose_name=pgettext_lazy("responsibility letter", "issued by"),
    )
    year = models.PositiveSmallIntegerField(pgettext_lazy("responsibility letter", "year"))
    title = models.CharField(pgettext_lazy("responsibility letter", "title"), max_length=200)
    signed_on = models.DateField(
        pgettext_lazy("responsibility letter", "signed on"), null=True, blank=True
    )
    state = models.CharField(
        pgettext_lazy("responsibility letter state", "state"),
        max_length=10,
        choices=LetterState.choices,
        default=LetterState.DRAFT,
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=pgettext_lazy("responsibility letter", "created by"),
    )
    created_at = models.DateTimeField(
        pgettext_lazy("responsibility letter", "created at"), default=timezone.now, editable=False
    )

    class Meta:
        verbose_name = _("responsibility letter")
        verbose_name_plural = _("responsibility letters")
        ordering = ["-year", "organization__path", "cadre_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"],
                condition=Q(cadre__isnull=True),
                name="one_letter_per_organization_and_year",
                violation_error_message=_(
                    "This organization already has a responsibility letter for that year."
                ),
            ),
            models.UniqueConstraint(
                fields=["cadre", "year"],
                condition=Q(cadre__isnull=False),
                name="one_letter_per_cadre_and_year",
                violation_error_message=_(
                    "This cadre already has a responsibility letter for that year."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.state == LetterState.DRAFT

    @property
    def is_signed(self) -> bool:
        return self.state == LetterState.SIGNED

    def clean(self) -> None:
        errors = {}
        organization = self.organization if self.organization_id else None
        if organization is not None:
            if organization.parent_id is None or organization.kind == OrgKind.PARTY_GROUP:
                errors["organization"] = _(
                    "A responsibility letter is signed by a community committee, a general "
                    "branch or a branch with the level above it."
                )
            elif self.issued_by_id and self.issued_by_id != organization.parent_id:
                errors["issued_by"] = _(
                    "The letter is issued by the level directly above the organization."
                )
        if self.cadre_id and organization is not None and self.year:
            cadre = self.cadre
            first, last = datetime.date(self.year, 1, 1), datetime.date(self.year, 12, 31)
            if cadre.organization_id != organization.pk:
                errors["cadre"] = _("The cadre holds no post in this organization.")
            elif cadre.started_on > last or (cadre.ended_on and cadre.ended_on < first):
                errors["cadre"] = _("The cadre does not hold this post during that year.")
        if errors:
            raise ValidationError(errors)


class TargetItem(models.Model):
    """One target of a letter: what is to be done, who answers for it, by when, and once done
    the evidence and who recorded it."""

    letter = models.ForeignKey(
        ResponsibilityLetter,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("responsibility letter"),
    )
    text = long_text(pgettext_lazy("target item", "target"), max_length=1000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="target_items",
        verbose_name=pgettext_lazy("target item", "responsible person"),
        help_text=_("Someone holding a post in the organization, reminded before the deadline."),
    )
    owner_name = models.CharField(
        pgettext_lazy("target item", "responsible (name)"),
        max_length=100,
        blank=True,
        help_text=_("Who answers for it when they have no account: a name or a post."),
    )
    deadline = models.DateField(pgettext_lazy("target item", "deadline"))
    evidence = long_text(pgettext_lazy("target item", "evidence"), max_length=2000, blank=True)
    done_at = models.DateTimeField(
        pgettext_lazy("target item", "done at"), null=True, blank=True, editable=False
    )
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=pgettext_lazy("target item", "done recorded by"),
    )
    order = models.PositiveSmallIntegerField(pgettext_lazy("target item", "order"), default=0)

    class Meta:
        verbose_name = _("target item")
        verbose_name_plural = _("target items")
        ordering = ["letter_id", "order", "deadline", "pk"]
        indexes = [models.Index(fields=["deadline", "done_at"], name="target_item_deadline")]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def responsible(self) -> str:
        """Who answers for it, as a page shows it."""
        if self.owner_id:
            return self.owner.get_full_name() or self.owner.get_username()
        return self.owner_name

    def is_overdue(self, today: datetime.date) -> bool:
        return not self.is_done and self.deadline < today

    def clean(self) -> None:
        errors = {}
        if not (self.text or "").strip():
            errors["text"] = _("Say what the target is.")
        if not self.owner_id and not (self.owner_name or "").strip():
            errors["owner"] = _("Name who is responsible: a person with an account or a name.")
        if isinstance(self.deadline, datetime.date) and self.letter_id:
            first, last = deadline_bounds(self.letter.year)
            if not first <= self.deadline <= last:
                errors["deadline"] = _(
                    "The deadline falls in the letter's year %(year)s, or at the latest on "
                    "%(last)s."
                ) % {"year": self.letter.year, "last": last.isoformat()}
        if errors:
            raise ValidationError(errors)

"""Relation transfers 组织关系转接: a membership moving from one organization to another,
inside the system or to or from an outside organization, with its transfer letter 介绍信.
The moves between states are services (members/services/transfers) that lock the row."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from config.text import long_text
from members.models.member import Gender, Member, MemberStatus
from organizations.models import Organization


class TransferDirection(models.TextChoices):
    OUTGOING = "out", pgettext_lazy("transfer direction", "outgoing")
    INCOMING = "in", pgettext_lazy("transfer direction", "incoming")


class TransferState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("transfer state", "draft")
    ISSUED = "issued", pgettext_lazy("transfer state", "letter issued")
    REPORTED = "reported", pgettext_lazy("transfer state", "member reported")
    RECEIPTED = "receipted", pgettext_lazy("transfer state", "receipt returned")
    COMPLETED = "completed", pgettext_lazy("transfer state", "completed")
    CANCELLED = "cancelled", pgettext_lazy("transfer state", "cancelled")
    REJECTED = "rejected", pgettext_lazy("transfer state", "rejected")
    EXPIRED = "expired", pgettext_lazy("transfer state", "expired")


OPEN_STATES = (
    TransferState.DRAFT,
    TransferState.ISSUED,
    TransferState.REPORTED,
    TransferState.RECEIPTED,
)
# a transfer to an organization outside the system, known by name only
TO_OUTSIDE = Q(direction=TransferDirection.OUTGOING, to_organization__isnull=True)


class TransferBatch(models.Model):
    """Several members moved at once (a branch split or merged, graduates leaving)."""

    title = models.CharField(pgettext_lazy("group transfer", "title"), max_length=150)
    reason = long_text(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("group transfer")
        verbose_name_plural = _("group transfers")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Transfer(models.Model):
    direction = models.CharField(
        pgettext_lazy("transfer direction", "direction"),
        max_length=3,
        choices=TransferDirection.choices,
    )
    state = models.CharField(
        pgettext_lazy("transfer state", "state"),
        max_length=12,
        choices=TransferState.choices,
        default=TransferState.DRAFT,
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers",
        verbose_name=_("member"),
    )
    from_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers_out",
        verbose_name=_("sending organization"),
    )
    to_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers_in",
        verbose_name=_("receiving organization"),
    )
    external_organization = models.CharField(_("outside organization"), max_length=200, blank=True)
    external_contact = models.CharField(_("its contact"), max_length=200, blank=True)
    # a member coming from outside is not on our roll until the transfer completes
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    member_status = models.CharField(
        pgettext_lazy("member status", "status"),
        max_length=20,
        choices=MemberStatus.choices,
        blank=True,
    )
    joined_on = models.DateField(_("joined the party on"), null=True, blank=True)
    full_member_on = models.DateField(_("full member since"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    letter_number = models.CharField(_("letter number"), max_length=40, blank=True)
    letter_issued_on = models.DateField(_("letter issued on"), null=True, blank=True)
    valid_until = models.DateField(_("letter valid until"), null=True, blank=True)
    reported_on = models.DateField(_("member reported on"), null=True, blank=True)
    late_report_reason = long_text(_("reason for reporting late"), blank=True)
    receipt_on = models.DateField(_("receipt returned on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_reason = models.CharField(_("reason for closing"), max_length=200, blank=True)
    batch = models.ForeignKey(
        TransferBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfers",
        verbose_name=_("group transfer"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("relation transfer")
        verbose_name_plural = _("relation transfers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(state__in=[s.value for s in OPEN_STATES], member__isnull=False),
                name="one_open_transfer_per_member",
                violation_error_message=_("This member already has a transfer in progress."),
            ),
            models.CheckConstraint(
                condition=Q(from_organization__isnull=True)
                | Q(to_organization__isnull=True)
                | ~Q(from_organization=F("to_organization")),
                name="transfer_between_two_organizations",
                violation_error_message=_("A transfer goes to another organization."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(letter_issued_on__isnull=True)
                | Q(valid_until__gte=F("letter_issued_on")),
                name="letter_valid_after_issued",
                violation_error_message=_(
                    "A letter cannot be valid until a day before it was issued."
                ),
            ),
            models.UniqueConstraint(
                fields=["letter_number"],
                condition=~Q(letter_number=""),
                name="letter_number_unique",
                violation_error_message=_("This letter number is already used."),
            ),
        ]
        indexes = [
            models.Index(fields=["state", "valid_until"], name="transfer_open_validity"),
            models.Index(fields=["from_organization", "state"], name="transfer_from"),
            models.Index(fields=["to_organization", "state"], name="transfer_to"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_state_display()})"

    @property
    def display_name(self) -> str:
        return self.member.name if self.member_id else self.name

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_inside(self) -> bool:
        return bool(self.from_organization_id and self.to_organization_id)


class TransferEvent(models.Model):
    """Every step of a transfer: who, when, from which state to which, and a note."""

    transfer = models.ForeignKey(
        Transfer, on_delete=models.CASCADE, related_name="events", verbose_name=_("transfer")
    )
    at = models.DateTimeField(pgettext_lazy("transfer step", "when"), auto_now_add=True)
    # empty for a step the daily sweep takes (a letter expiring), not a person
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("transfer step", "who"),
    )
    from_state = models.CharField(
        pgettext_lazy("state", "from"), max_length=12, choices=TransferState.choices, blank=True
    )
    to_state = models.CharField(
        pgettext_lazy("state", "to"), max_length=12, choices=TransferState.choices
    )
    note = long_text(_("note"), blank=True)

    class Meta:
        verbose_name = _("transfer step")
        verbose_name_plural = _("transfer steps")
        ordering = ["transfer", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.transfer} {self.from_state}→{self.to_state}"

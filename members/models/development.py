"""Member development (发展党员): one record per person from application to full membership.
The moves between stages are services (members/services/development.py) that check the rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import phone_validator
from config.text import long_text
from grid.models import GridCell
from members.idnumber import validate_id_number
from members.models.member import Education, Gender, Member
from organizations.models import Organization


class Stage(models.TextChoices):
    APPLICANT = "applicant", pgettext_lazy("development stage", "applicant")
    ACTIVIST = "activist", pgettext_lazy("development stage", "activist")
    CANDIDATE = "candidate", pgettext_lazy("development stage", "development candidate")
    PROBATIONARY = "probationary", pgettext_lazy("development stage", "probationary member")
    FULL = "full", pgettext_lazy("development stage", "full member")
    CANCELLED = "cancelled", pgettext_lazy("development stage", "cancelled")
    WITHDRAWN = "withdrawn", pgettext_lazy("development stage", "withdrawn")


OPEN_STAGES = (Stage.APPLICANT, Stage.ACTIVIST, Stage.CANDIDATE, Stage.PROBATIONARY)
PRE_MEMBER_STAGES = (Stage.APPLICANT, Stage.ACTIVIST, Stage.CANDIDATE)
STAGE_ORDER = (*OPEN_STAGES, Stage.FULL, Stage.CANCELLED, Stage.WITHDRAWN)
# the fields about the person, copied to the roll on admission
PERSON_FIELDS = (
    "name",
    "gender",
    "birth_date",
    "ethnicity",
    "education",
    "id_number",
    "phone",
    "address",
    "workplace",
    "grid_cell",
)


class DevelopmentRecord(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="development_records",
        verbose_name=_("branch"),
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.APPLICANT
    )
    # the person
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    ethnicity = models.CharField(_("ethnicity"), max_length=20, default="汉族")
    education = models.CharField(
        _("education"), max_length=20, choices=Education.choices, blank=True
    )
    id_number = models.CharField(_("ID number"), max_length=18, validators=[validate_id_number])
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    address = models.CharField(_("address"), max_length=200, blank=True)
    workplace = models.CharField(_("workplace and occupation"), max_length=150, blank=True)
    grid_cell = models.ForeignKey(
        GridCell,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("grid cell of residence"),
    )
    # applicant
    applied_on = models.DateField(_("application submitted on"))
    talked_on = models.DateField(_("talk with the branch on"), null=True, blank=True)
    # activist
    activist_on = models.DateField(_("became an activist on"), null=True, blank=True)
    sponsors = models.ManyToManyField(
        Member, blank=True, related_name="sponsored_records", verbose_name=_("sponsors")
    )
    # development candidate
    candidate_on = models.DateField(_("became a development candidate on"), null=True, blank=True)
    political_review_on = models.DateField(_("political review passed on"), null=True, blank=True)
    training_started_on = models.DateField(_("concentrated training from"), null=True, blank=True)
    training_ended_on = models.DateField(_("concentrated training until"), null=True, blank=True)
    training_hours = models.DecimalField(
        _("concentrated training class hours"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
    )
    # admission and probation
    admitted_on = models.DateField(
        _("admitted by the branch general meeting on"), null=True, blank=True
    )
    approved_on = models.DateField(_("approved by the higher committee on"), null=True, blank=True)
    probation_ends_on = models.DateField(_("probation ends on"), null=True, blank=True)
    extended_until = models.DateField(_("probation extended until"), null=True, blank=True)
    full_on = models.DateField(_("full member since"), null=True, blank=True)
    closed_on = models.DateField(_("cancelled or withdrawn on"), null=True, blank=True)
    closing_reason = models.CharField(_("reason"), max_length=200, blank=True)
    member = models.OneToOneField(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="development_record",
        verbose_name=_("member"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("development record")
        verbose_name_plural = _("development records")
        ordering = ["organization_id", "stage", "applied_on"]
        indexes = [models.Index(fields=["organization", "stage"], name="development_stage")]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"],
                condition=~models.Q(stage__in=["cancelled", "withdrawn"]),
                name="one_open_development_record_per_person",
                violation_error_message=_(
                    "This person already has a development record in progress."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_stage_display()})"


class ActivistReview(models.Model):
    """The half-yearly review (考察) of an activist by the branch."""

    record = models.ForeignKey(
        DevelopmentRecord,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("development record"),
    )
    reviewed_on = models.DateField(_("reviewed on"))
    comment = long_text(_("comment"))

    class Meta:
        verbose_name = _("activist review")
        verbose_name_plural = _("activist reviews")
        ordering = ["record", "reviewed_on"]

    def __str__(self) -> str:
        return f"{self.record.name} {self.reviewed_on}"

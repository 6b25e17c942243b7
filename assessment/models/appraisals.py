"""The democratic appraisal of members 民主评议党员, once a year in each branch: the grades
(admin-editable, the four of the regulations by default), the branch's appraisal of a year,
an entry per member (self-assessment, mutual appraisal counts, the grade the branch meeting
decides) and the follow-up of a member graded 不合格."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.text import long_text
from members.models import Member
from organizations.models import Organization


class AppraisalGrade(models.Model):
    """A grade of the appraisal. ``code`` is stable (the defaults are recreated when missing);
    the name is for people. One grade is the top (优秀, whose share may be capped) and one
    the failing grade (不合格, which opens a follow-up)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=20)
    order = models.PositiveSmallIntegerField(pgettext_lazy("appraisal grade", "order"), default=0)
    is_top = models.BooleanField(
        pgettext_lazy("appraisal grade", "top grade"),
        default=False,
        help_text=_("The grade whose share of the members may be capped (优秀)."),
    )
    is_failing = models.BooleanField(
        pgettext_lazy("appraisal grade", "failing grade"),
        default=False,
        help_text=_("A member given this grade is educated and followed up (不合格)."),
    )

    class Meta:
        verbose_name = _("appraisal grade")
        verbose_name_plural = _("appraisal grades")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


# code, name, top, failing: created after every migrate when missing
DEFAULT_GRADES = [
    ("excellent", "优秀", True, False),
    ("qualified", "合格", False, False),
    ("basic", "基本合格", False, False),
    ("unqualified", "不合格", False, True),
]


def ensure_appraisal_grades(**kwargs) -> None:
    """After migrate (and after a test flush): the default grades exist. A grade an admin
    renamed is left as it is; one an admin deleted comes back."""
    existing = set(AppraisalGrade.objects.values_list("code", flat=True))
    AppraisalGrade.objects.bulk_create(
        [
            AppraisalGrade(code=code, name=name, order=order, is_top=top, is_failing=failing)
            for order, (code, name, top, failing) in enumerate(DEFAULT_GRADES, start=1)
            if code not in existing
        ]
    )


class AppraisalState(models.TextChoices):
    OPEN = "open", pgettext_lazy("appraisal state", "open")
    DECIDED = "decided", pgettext_lazy("appraisal state", "decided by the branch")
    CONFIRMED = "confirmed", pgettext_lazy("appraisal state", "confirmed by the level above")


class Appraisal(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="appraisals",
        verbose_name=_("branch"),
    )
    year = models.PositiveSmallIntegerField(pgettext_lazy("appraisal", "year"))
    state = models.CharField(
        pgettext_lazy("appraisal state", "state"),
        max_length=10,
        choices=AppraisalState.choices,
        default=AppraisalState.OPEN,
    )
    excellent_cap_percent = models.PositiveSmallIntegerField(
        pgettext_lazy("appraisal", "cap on the share graded excellent (%)"),
        null=True,
        blank=True,
        help_text=_("Empty: no cap."),
    )
    meeting_date = models.DateField(
        pgettext_lazy("appraisal", "date of the branch general meeting"), null=True, blank=True
    )
    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("appraisal", "meeting recorded"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("appraisal", "opened by"),
    )
    opened_at = models.DateTimeField(pgettext_lazy("appraisal", "opened at"), auto_now_add=True)
    decided_at = models.DateTimeField(
        pgettext_lazy("appraisal", "decided at"), null=True, blank=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("appraisal", "confirmed by"),
    )
    confirmed_at = models.DateTimeField(
        pgettext_lazy("appraisal", "confirmed at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("democratic appraisal")
        verbose_name_plural = _("democratic appraisals")
        ordering = ["-year", "organization__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"],
                name="one_appraisal_per_branch_and_year",
                violation_error_message=_("The branch has an appraisal of that year already."),
            ),
            models.CheckConstraint(
                condition=Q(excellent_cap_percent__isnull=True) | Q(excellent_cap_percent__lte=100),
                name="appraisal_cap_is_a_percentage",
                violation_error_message=_("The cap is a percentage between 0 and 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}"

    @property
    def is_open(self) -> bool:
        return self.state == AppraisalState.OPEN


class AppraisalEntry(models.Model):
    """A member on the appraisal's list: their self-assessment, the mutual appraisal's votes
    for each grade (counts entered from the ballots) and the grade the branch decided."""

    appraisal = models.ForeignKey(
        Appraisal, on_delete=models.CASCADE, related_name="entries", verbose_name=_("appraisal")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="appraisal_entries", verbose_name=_("member")
    )
    self_assessment = long_text(pgettext_lazy("appraisal", "self-assessment"), blank=True)
    votes_excellent = models.PositiveIntegerField(
        pgettext_lazy("appraisal votes", "votes excellent"), default=0
    )
    votes_qualified = models.PositiveIntegerField(
        pgettext_lazy("appraisal votes", "votes qualified"), default=0
    )
    votes_basic = models.PositiveIntegerField(
        pgettext_lazy("appraisal votes", "votes basically qualified"), default=0
    )
    votes_unqualified = models.PositiveIntegerField(
        pgettext_lazy("appraisal votes", "votes unqualified"), default=0
    )
    grade = models.ForeignKey(
        AppraisalGrade,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=pgettext_lazy("appraisal", "grade"),
    )
    remarks = models.CharField(_("remarks"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("appraisal entry")
        verbose_name_plural = _("appraisal entries")
        ordering = ["appraisal_id", "member__name_initials", "member_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["appraisal", "member"], name="one_entry_per_member_and_appraisal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.appraisal} {self.member}"

    @property
    def votes_total(self) -> int:
        return (
            self.votes_excellent + self.votes_qualified + self.votes_basic + self.votes_unqualified
        )


VOTE_FIELDS = ("votes_excellent", "votes_qualified", "votes_basic", "votes_unqualified")


class AppraisalFollowUp(models.Model):
    """The education and follow-up of a member graded 不合格: the measures, the deadline, and
    the outcome once it is known."""

    entry = models.OneToOneField(
        AppraisalEntry,
        on_delete=models.CASCADE,
        related_name="follow_up",
        verbose_name=_("appraisal entry"),
    )
    measures = long_text(pgettext_lazy("appraisal follow-up", "education measures"), blank=True)
    deadline = models.DateField(
        pgettext_lazy("appraisal follow-up", "deadline"), null=True, blank=True
    )
    outcome = long_text(pgettext_lazy("appraisal follow-up", "outcome"), blank=True)
    closed_at = models.DateTimeField(
        pgettext_lazy("appraisal follow-up", "closed at"), null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("appraisal follow-up")
        verbose_name_plural = _("appraisal follow-ups")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return f"{self.entry}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

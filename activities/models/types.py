"""Activity types with the frequency the regulations require, and exemptions from it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from organizations.models import Organization, OrgKind


class Frequency(models.TextChoices):
    MONTH = "month", pgettext_lazy("activity frequency", "every month")
    QUARTER = "quarter", pgettext_lazy("activity frequency", "every quarter")
    YEAR = "year", pgettext_lazy("activity frequency", "every year")
    NONE = "none", pgettext_lazy("activity frequency", "no fixed frequency")


class ActivityCategory(models.TextChoices):
    """What kind of organizational life an activity is: the type mix compares these."""

    MEETING = "meeting", pgettext_lazy("activity category", "meetings")
    STUDY = "study", pgettext_lazy("activity category", "lessons and study")
    SERVICE = "service", pgettext_lazy("activity category", "service to residents")
    CO_BUILDING = "co_building", pgettext_lazy("activity category", "co-building")
    CULTURE = "culture", pgettext_lazy("activity category", "culture")
    OTHER = "other", pgettext_lazy("activity category", "other")


def default_applies_to() -> list[str]:
    return [OrgKind.BRANCH]


class ActivityType(models.Model):
    """A kind of activity (支部党员大会, 主题党日…): admin-editable data seeded from the branch
    work regulations. ``code`` is stable and used by rules and the demo; the name is for people."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    category = models.CharField(
        pgettext_lazy("activity category", "category"),
        max_length=20,
        choices=ActivityCategory.choices,
    )
    frequency = models.CharField(
        _("required frequency"), max_length=10, choices=Frequency.choices, default=Frequency.NONE
    )
    applies_to = models.JSONField(
        _("held by"),
        default=default_applies_to,
        help_text=_("Kinds of organization that hold it (and must, if it has a frequency)."),
    )
    requires_committee = models.BooleanField(
        _("only where a committee is elected"),
        default=False,
        help_text=_("Required only of organizations with a committee term in force."),
    )
    remind_from_day = models.PositiveSmallIntegerField(
        _("remind from this day of the month"),
        null=True,
        blank=True,
        help_text=_(
            "For a monthly activity held on a fixed day (themed party day): remind from this "
            "day if it has not been held. Empty: remind when 7 days of the period are left."
        ),
    )
    secretary_yearly = models.BooleanField(
        _("the secretary gives one a year"),
        default=False,
        help_text=_("The secretary must speak at least once a year (party lessons)."),
    )
    has_speaker = models.BooleanField(_("has a speaker"), default=False)
    is_service = models.BooleanField(
        _("service activity"),
        default=False,
        help_text=_("Records hours per participant and people served."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(remind_from_day__isnull=True)
                | Q(remind_from_day__gte=1, remind_from_day__lte=28),
                name="activity_type_remind_day_in_month",
                violation_error_message=_("The reminder day lies between the 1st and the 28th."),
            )
        ]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self):
        """The name in the user's language while it is the seeded one, else the admin's name."""
        built_in = BUILT_IN_LABELS.get(self.code)
        if built_in is not None and built_in[1] == self.name:
            return built_in[0]
        return self.name

    @property
    def is_required(self) -> bool:
        return self.frequency != Frequency.NONE

    def applies_to_kind(self, kind: str) -> bool:
        return kind in (self.applies_to or [])

    def clean(self) -> None:
        errors = {}
        kinds = self.applies_to
        if not isinstance(kinds, list) or not kinds or any(k not in OrgKind.values for k in kinds):
            errors["applies_to"] = _("Choose one or more kinds of organization: %(kinds)s.") % {
                "kinds": ", ".join(OrgKind.values)
            }
        if self.remind_from_day and self.frequency != Frequency.MONTH:
            errors["remind_from_day"] = _("A reminder day is for monthly activities only.")
        if errors:
            raise ValidationError(errors)


class Exemption(models.Model):
    """An organization need not hold a required activity during a period (a branch just
    founded, a merger…). Empty type: all required activities."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="activity_exemptions",
        verbose_name=_("organization"),
    )
    activity_type = models.ForeignKey(
        ActivityType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="exemptions",
        verbose_name=_("activity type"),
        help_text=_("Empty: every required activity."),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("exemption")
        verbose_name_plural = _("exemptions")
        ordering = ["organization_id", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="exemption_ends_after_start",
                violation_error_message=_("An exemption cannot end before it starts."),
            )
        ]
        indexes = [models.Index(fields=["organization", "ends_on"], name="exemption_org_end")]

    def __str__(self) -> str:
        return f"{self.organization} {self.starts_on} – {self.ends_on}"

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("An exemption cannot end before it starts.")
        if not self.reason or not self.reason.strip():
            errors["reason"] = _("Give the reason for the exemption.")
        if self.activity_type_id and not self.activity_type.is_required:
            errors["activity_type"] = _("%(type)s has no required frequency to be exempt from.") % {
                "type": self.activity_type.label
            }
        if errors:
            raise ValidationError(errors)


# The types of the branch work regulations (2018), created after every migrate (and after a
# flush) when missing; admins may rename them, change frequencies or add types; codes stay
# stable. Their names are stored in Chinese, as users know them; while an admin has not
# renamed one, pages in another language show the translated label.
ALL_KINDS = [
    OrgKind.STREET_COMMITTEE,
    OrgKind.COMMUNITY_COMMITTEE,
    OrgKind.GENERAL_BRANCH,
    OrgKind.BRANCH,
    OrgKind.PARTY_GROUP,
]
ABOVE_GROUP = ALL_KINDS[:4]
BRANCHES = [OrgKind.GENERAL_BRANCH, OrgKind.BRANCH]
COMMITTEES = [OrgKind.COMMUNITY_COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.BRANCH]

BUILT_IN_TYPES = [
    # code, label, stored name, category, frequency, held by, other fields
    (
        "branch_general_meeting",
        _("branch general meeting"),
        "支部党员大会",
        ActivityCategory.MEETING,
        Frequency.QUARTER,
        BRANCHES,
        {},
    ),
    (
        "committee_meeting",
        _("branch committee meeting"),
        "支部委员会会议",
        ActivityCategory.MEETING,
        Frequency.MONTH,
        BRANCHES,  # 支部委员会会议: a community committee's own meetings are not this type
        {"requires_committee": True},
    ),
    (
        "party_group_meeting",
        _("party group meeting"),
        "党小组会",
        ActivityCategory.MEETING,
        Frequency.MONTH,
        [OrgKind.PARTY_GROUP],
        {},
    ),
    (
        "party_lesson",
        _("party lesson"),
        "党课",
        ActivityCategory.STUDY,
        Frequency.QUARTER,
        COMMITTEES,
        {"secretary_yearly": True, "has_speaker": True},
    ),
    (
        "themed_party_day",
        _("themed party day"),
        "主题党日",
        ActivityCategory.STUDY,
        Frequency.MONTH,
        BRANCHES,
        {"remind_from_day": 25},
    ),
    (
        "organizational_life_meeting",
        _("organizational life meeting"),
        "组织生活会",
        ActivityCategory.MEETING,
        Frequency.YEAR,
        BRANCHES,
        {},
    ),
    (
        "democratic_appraisal",
        _("democratic appraisal of members"),
        "民主评议党员",
        ActivityCategory.MEETING,
        Frequency.YEAR,
        BRANCHES,
        {},
    ),
    (
        "pairing",
        _("pairing co-building"),
        "结对共建",
        ActivityCategory.CO_BUILDING,
        Frequency.NONE,
        ABOVE_GROUP,
        {},
    ),
    (
        "volunteer_service",
        _("volunteer service"),
        "志愿服务",
        ActivityCategory.SERVICE,
        Frequency.NONE,
        ALL_KINDS,
        {"is_service": True},
    ),
    (
        "civilized_community",
        _("civilized-community creation"),
        "创建文明社区",
        ActivityCategory.SERVICE,
        Frequency.NONE,
        ABOVE_GROUP,
        {"is_service": True},
    ),
    (
        "cultural",
        _("cultural activity"),
        "文化活动",
        ActivityCategory.CULTURE,
        Frequency.NONE,
        ALL_KINDS,
        {},
    ),
    (
        "other",
        _("other activity"),
        "其他活动",
        ActivityCategory.OTHER,
        Frequency.NONE,
        ALL_KINDS,
        {},
    ),
]
BUILT_IN_LABELS = {code: (label, name) for code, label, name, *_rest in BUILT_IN_TYPES}


def ensure_activity_types(**kwargs) -> None:
    """After migrate (and after a test flush): the built-in types exist. A type an admin has
    changed is left as it is; one an admin deleted comes back (deactivate it instead)."""
    existing = set(ActivityType.objects.values_list("code", flat=True))
    ActivityType.objects.bulk_create(
        [
            ActivityType(
                code=code,
                name=name,
                category=category,
                frequency=frequency,
                applies_to=[str(kind) for kind in kinds],
                order=order * 10,
                **extra,
            )
            for order, (code, _label, name, category, frequency, kinds, extra) in enumerate(
                BUILT_IN_TYPES, start=1
            )
            if code not in existing
        ]
    )

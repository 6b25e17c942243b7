"""Party dues (党费): a rate table kept as data, and one record per member and month."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models.member import EmploymentCategory, Member


class DuesRate(models.Model):
    """One bracket of the rate table: for a category and a monthly after-tax income range
    (income_above, income_up_to], either a share of income or a fixed monthly amount range."""

    category = models.CharField(
        _("employment category"), max_length=20, choices=EmploymentCategory.choices
    )
    income_above = models.DecimalField(
        _("income above (yuan)"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    income_up_to = models.DecimalField(
        _("income up to (yuan)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: no upper limit."),
    )
    percent = models.DecimalField(
        _("percent of income"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    fixed_min = models.DecimalField(
        _("fixed amount from (yuan)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    fixed_max = models.DecimalField(
        _("fixed amount to (yuan)"), max_digits=8, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("dues rate")
        verbose_name_plural = _("dues rate table")
        ordering = ["category", "income_above"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__isnull=False, fixed_min__isnull=True)
                | Q(percent__isnull=True, fixed_min__isnull=False, fixed_max__isnull=False),
                name="dues_rate_is_percent_or_fixed",
                violation_error_message=_(
                    "A bracket has either a percentage or a fixed amount range."
                ),
            ),
            models.UniqueConstraint(
                fields=["category", "income_above"],
                name="dues_bracket_unique",
                violation_error_message=_("This category already has a bracket starting there."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} > {self.income_above}"


class DuesRecord(models.Model):
    """What a member owes for one month (the first day of the month stands for it) and what was paid."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="dues_records", verbose_name=_("member")
    )
    # The organization holding the membership when the record was made: the month's
    # collection stays with it when the member is later transferred elsewhere.
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="dues_records",
        verbose_name=_("branch holding the membership"),
    )
    month = models.DateField(_("month"))
    category = models.CharField(
        _("employment category"), max_length=20, choices=EmploymentCategory.choices
    )
    income = models.DecimalField(
        _("monthly income after tax"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    expected = models.DecimalField(_("amount due"), max_digits=8, decimal_places=2)
    paid = models.DecimalField(
        _("amount paid"), max_digits=8, decimal_places=2, default=Decimal("0")
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dues record")
        verbose_name_plural = _("dues records")
        ordering = ["member", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "month"],
                name="one_dues_record_per_member_and_month",
                violation_error_message=_("This member already has a dues record for this month."),
            ),
            models.CheckConstraint(
                condition=Q(month__day=1),
                name="dues_month_is_first_day",
                violation_error_message=_("A dues month is given by its first day."),
            ),
        ]
        indexes = [models.Index(fields=["month", "paid_on"], name="dues_month_paid")]

    def __str__(self) -> str:
        return f"{self.member} {self.month:%Y-%m}"

    def save(self, *args, **kwargs):
        if self.organization_id is None and self.member_id is not None:
            self.organization_id = self.member.organization_id
        super().save(*args, **kwargs)

    @property
    def is_paid(self) -> bool:
        return self.paid_on is not None


class DuesPayment(models.Model):
    """Kept for audit: each payment towards a month, including make-up of arrears."""

    record = models.ForeignKey(
        DuesRecord, on_delete=models.CASCADE, related_name="payments", verbose_name=_("dues record")
    )
    amount = models.DecimalField(_("amount"), max_digits=8, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    is_make_up = models.BooleanField(_("make-up of arrears"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dues payment")
        verbose_name_plural = _("dues payments")
        ordering = ["-paid_on"]

    def __str__(self) -> str:
        return f"{self.record} {self.amount}"

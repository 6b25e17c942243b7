"""Forms of the report pages and the queue filter shared with the API: typing only; the
rules are in activities.services.reports."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.models import ActivityType, Frequency, Report, ReportKind, ReportState
from activities.periods import parse_period, period_of
from activities.selectors.reports import reporting_organizations_for
from config.forms import style_for_bootstrap
from config.text import TEXT_MAX_LENGTH
from organizations import scoping
from organizations.models import Organization, OrgKind

SUMMARY_CHOICES = [
    (ReportKind.MONTHLY.value, ReportKind.MONTHLY.label),
    (ReportKind.QUARTERLY.value, ReportKind.QUARTERLY.label),
]


def default_period(kind: str, today=None) -> str:
    """The last period that is over: last month, or last quarter."""
    today = today or timezone.localdate()
    frequency = Frequency.QUARTER if kind == ReportKind.QUARTERLY else Frequency.MONTH
    current = period_of(today, frequency)
    return period_of(current.start - datetime.timedelta(days=1), frequency).key


class SummaryForm(forms.Form):
    """Organization, monthly or quarterly, and the period ("2026-11" or "2026-Q4"; a month
    given for a quarterly summary means its quarter)."""

    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(), label=_("organization")
    )
    kind = forms.ChoiceField(choices=SUMMARY_CHOICES, label=pgettext_lazy("report kind", "kind"))
    period = forms.CharField(
        label=_("period"),
        max_length=7,
        help_text=_("A month such as 2026-10, or a quarter such as 2026-Q3."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = reporting_organizations_for(user)
        self.fields["period"].widget.attrs["placeholder"] = "2026-10"
        style_for_bootstrap(self)

    def clean(self):
        data = super().clean()
        kind, key = data.get("kind"), data.get("period")
        if not kind or not key:
            return data
        try:
            period = parse_period(key)
        except ValueError:
            self.add_error("period", _("Write a month as 2026-10 or a quarter as 2026-Q3."))
            return data
        if kind == ReportKind.MONTHLY and period.frequency != Frequency.MONTH:
            self.add_error("period", _("A monthly summary is of one month, such as 2026-10."))
        elif kind == ReportKind.QUARTERLY and period.frequency == Frequency.YEAR:
            self.add_error("period", _("A quarterly summary is of one quarter, such as 2026-Q3."))
        else:
            frequency = Frequency.MONTH if kind == ReportKind.MONTHLY else Frequency.QUARTER
            data["period_start"] = period_of(period.start, frequency).start
            data["period"] = period_of(period.start, frequency).key
        return data


class RemarksForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["title", "remarks"]
        widgets = {"remarks": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)

    def _post_clean(self):
        # the model's validation runs in the service, which also refuses a locked report
        pass


class ReviewForm(forms.Form):
    comments = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("comments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)


class ReportListFilter(forms.Form):
    state = forms.ChoiceField(
        label=pgettext_lazy("report state", "state"),
        required=False,
        choices=[("", _("All states")), *ReportState.choices],
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("report kind", "kind"),
        required=False,
        choices=[("", _("All kinds")), *ReportKind.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)


class ReviewQueueFilter(forms.Form):
    """The queue's filters, for the page and the API alike."""

    community = forms.ModelChoiceField(
        queryset=None, required=False, label=_("community"), empty_label=_("All communities")
    )
    organization = forms.ModelChoiceField(
        queryset=None, required=False, label=_("organization"), empty_label=_("All organizations")
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("report kind", "kind"),
        required=False,
        choices=[("", _("All kinds")), *ReportKind.choices],
    )
    activity_type = forms.ModelChoiceField(
        queryset=ActivityType.objects.filter(active=True).order_by("order", "code"),
        required=False,
        label=_("activity type"),
        empty_label=_("All activity types"),
    )
    waiting_since = forms.DateField(
        label=_("waiting since"),
        required=False,
        help_text=_("Reports submitted on this day or before."),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = scoping.visible_communities_for(user).order_by(
            "name", "pk"
        )
        self.fields["organization"].queryset = scoping.visible_organizations_for(
            user,
            Organization.objects.filter(
                ~Q(kind=OrgKind.STREET_COMMITTEE), dissolved_on__isnull=True
            ),
        ).order_by("path")
        self.fields["activity_type"].label_from_instance = lambda t: str(t.label)
        style_for_bootstrap(self)

    def filters(self) -> dict:
        """Keyword arguments of selectors.reports.review_queue_for (after is_valid())."""
        data = getattr(self, "cleaned_data", {})
        return {
            "community": data.get("community"),
            "organization": data.get("organization"),
            "kind": data.get("kind") or None,
            "activity_type": data.get("activity_type"),
            "waiting_since": data.get("waiting_since"),
        }

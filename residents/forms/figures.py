"""The figures page's filter: the period (the current year up to today when left blank) and,
for whoever sees several, one community."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.forms import style_for_bootstrap
from residents.selectors.figures import default_period, figure_communities_for

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
MAX_PERIOD_DAYS = 366 * 3  # three years at most
FIRST_DAY = datetime.date(2000, 1, 1)


class FiguresFilterForm(forms.Form):
    date_from = forms.DateField(
        label=pgettext_lazy("residents figures", "from"), required=False, widget=DATE
    )
    date_to = forms.DateField(
        label=pgettext_lazy("residents figures", "to"), required=False, widget=DATE
    )
    community = forms.ModelChoiceField(
        queryset=None, required=False, label=_("community"), empty_label=_("All communities")
    )

    def __init__(self, *args, user, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_from, self.default_to = default_period(today)
        self.fields["date_from"].widget.attrs["placeholder"] = self.default_from.isoformat()
        self.fields["date_to"].widget.attrs["placeholder"] = self.default_to.isoformat()
        communities = figure_communities_for(user)
        self.fields["community"].queryset = communities
        self.several_communities = communities.count() > 1
        if not self.several_communities:
            self.fields["community"].widget = forms.HiddenInput()
        style_for_bootstrap(self, small=True)

    def clean(self):
        data = super().clean()
        date_from = data.get("date_from") or self.default_from
        date_to = data.get("date_to") or self.default_to
        if "date_from" in self.errors or "date_to" in self.errors:
            return data
        if date_from < FIRST_DAY:
            self.add_error(
                "date_from",
                _("Choose a day from %(day)s on.") % {"day": FIRST_DAY.isoformat()},
            )
        elif date_from > date_to:
            self.add_error("date_from", _("The period cannot start after it ends."))
        elif (date_to - date_from).days >= MAX_PERIOD_DAYS:
            self.add_error("date_to", _("Choose a period of at most three years."))
        data["date_from"], data["date_to"] = date_from, date_to
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The valid period; the default one for a form left empty."""
        if not self.is_bound:
            return self.default_from, self.default_to
        return self.cleaned_data["date_from"], self.cleaned_data["date_to"]

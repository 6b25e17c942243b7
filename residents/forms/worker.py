"""Forms of the grid worker's pages: recording a household visit (one column, for a phone)
and the filter of the households list. Their choices are the rows the user may see."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.forms import style_for_bootstrap
from config.text import TEXT_MAX_LENGTH
from residents.forms.households import DATE
from residents.selectors.households import household_label, visible_cells_for
from residents.selectors.worker import reported_open_problems_for, worker_households_for


class HouseholdChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return household_label(obj)


class HouseholdVisitForm(forms.Form):
    household = HouseholdChoiceField(label=_("household"), queryset=None)
    visited_on = forms.DateField(label=_("date of the visit"), widget=DATE)
    note = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=pgettext_lazy("household visit", "what was found"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    problem = forms.ModelChoiceField(
        label=pgettext_lazy("household visit", "problem raised"),
        queryset=None,
        required=False,
        help_text=_("One of your open problems raised at this visit, if any."),
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("visited_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = worker_households_for(user)
        self.fields["problem"].queryset = reported_open_problems_for(user)
        style_for_bootstrap(self)
        for field in self.fields.values():
            large = (
                " form-select-lg" if isinstance(field.widget, forms.Select) else " form-control-lg"
            )
            field.widget.attrs["class"] += large


class WorkerHouseholdFilter(forms.Form):
    cell = forms.ModelChoiceField(
        label=_("grid cell"), queryset=None, required=False, empty_label=_("all grid cells")
    )
    q = forms.CharField(label=_("address"), required=False, max_length=100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = visible_cells_for(user).order_by("code")
        self.fields["q"].widget.attrs.update({"type": "search", "placeholder": _("address")})
        style_for_bootstrap(self)

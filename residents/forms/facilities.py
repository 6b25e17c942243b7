"""Forms of the facility pages: typing and choices only; the rules are in
residents.services.facilities."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.forms import style_for_bootstrap
from residents.models import Facility

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
TIME = forms.TimeInput(format="%H:%M", attrs={"type": "time"})


class FacilityForm(forms.ModelForm):
    class Meta:
        model = Facility
        fields = [
            "name",
            "kind",
            "owner",
            "community",
            "grid_cell",
            "address",
            "capacity",
            "opens_at",
            "closes_at",
            "open_days",
            "shared_with",
            "active",
        ]
        widgets = {
            "opens_at": TIME,
            "closes_at": TIME,
            "shared_with": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, owners=None, communities=None, cells=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            del self.fields["owner"]  # a facility keeps its owner
        elif owners is not None:
            self.fields["owner"].queryset = owners
        for name, rows in (
            ("community", communities),
            ("grid_cell", cells),
            ("shared_with", units),
        ):
            if rows is not None:
                self.fields[name].queryset = rows
        style_for_bootstrap(self)

    def _post_clean(self):
        pass  # the service validates the row with what it derives


class BookingForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None)
    day = forms.DateField(widget=DATE)
    starts_at = forms.TimeField(widget=TIME)
    ends_at = forms.TimeField(widget=TIME)
    purpose = forms.CharField(max_length=200)
    activity = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, organizations, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].label = _("booked for")
        self.fields["day"].label = pgettext_lazy("facility booking", "day")
        self.fields["starts_at"].label = _("from")
        self.fields["ends_at"].label = _("until")
        self.fields["purpose"].label = _("purpose")
        self.fields["activity"].queryset = activities
        self.fields["activity"].label = pgettext_lazy("facility booking", "activity")
        self.fields["activity"].help_text = _("The activity held in the room, if there is one.")
        style_for_bootstrap(self)

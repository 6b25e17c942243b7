"""Forms of the training pages: typing only; the rules are in members.services.training."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import style_for_bootstrap
from members.models import TrainingCourse, TrainingSession

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class CourseForm(forms.ModelForm):
    class Meta:
        model = TrainingCourse
        fields = ["organization", "title", "starts_on", "ends_on", "planned_hours", "description"]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations
        style_for_bootstrap(self)

    def _post_clean(self):
        # The model's own validation runs in the service, with the level it derives.
        pass


class SessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = ["held_on", "topic", "hours"]
        widgets = {"held_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self, small=True)

    def _post_clean(self):
        pass


class AttendanceForm(forms.Form):
    """The members offered (``candidates``), those ticked attended; ``hours`` empty means
    the session's hours."""

    present = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        label=_("attended"),
    )
    hours = forms.DecimalField(
        label=_("class hours credited"),
        required=False,
        min_value=Decimal("0.1"),
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "0.1"}),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = candidates

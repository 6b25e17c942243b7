"""Forms of the development pipeline: the board's filter (shared with the API), the
application, and one small form per move whose fields are the service's keyword arguments.
The forms only parse input; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import style_for_bootstrap
from config.text import TEXT_MAX_LENGTH
from members.models import DevelopmentRecord
from members.selectors.development import (
    development_branches_for,
    eligible_sponsors_for,
)
from organizations import scoping


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DateField(forms.DateField):
    widget = _date_input()


APPLICATION_FIELDS = (
    "organization",
    "applied_on",
    "name",
    "gender",
    "birth_date",
    "id_number",
    "ethnicity",
    "education",
    "phone",
    "workplace",
    "address",
    "grid_cell",
)


class ApplicationForm(forms.Form):
    """Fields and labels come from the model; the service validates the values."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(DevelopmentRecord, fields=APPLICATION_FIELDS))
        self.fields["organization"].queryset = development_branches_for(user, manage=True)
        self.fields["grid_cell"].queryset = scoping.visible_grid_cells_for(user).order_by("code")
        for name in ("applied_on", "birth_date"):
            self.fields[name].widget = _date_input()
        style_for_bootstrap(self)


class MoveForm(forms.Form):
    def __init__(self, *args, record: DevelopmentRecord, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        style_for_bootstrap(self)


class TalkForm(MoveForm):
    talked_on = DateField(label=_("talk with the branch on"))


class ActivistForm(MoveForm):
    activist_on = DateField(label=_("became an activist on"))
    sponsors = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,  # the service names the rule (1 to 2 sponsors)
        widget=forms.CheckboxSelectMultiple,
        label=_("sponsors"),
        help_text=_("Full members on the roll of the branch."),
    )

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, record=record, **kwargs)
        self.fields["sponsors"].queryset = eligible_sponsors_for(record)


class ReviewForm(MoveForm):
    reviewed_on = DateField(label=_("reviewed on"))
    comment = forms.CharField(
        max_length=TEXT_MAX_LENGTH, label=_("comment"), widget=forms.Textarea(attrs={"rows": 4})
    )


class CandidateForm(MoveForm):
    candidate_on = DateField(label=_("became a development candidate on"))


class PoliticalReviewForm(MoveForm):
    political_review_on = DateField(label=_("political review passed on"))


class TrainingForm(MoveForm):
    training_started_on = DateField(label=_("concentrated training from"))
    training_ended_on = DateField(label=_("concentrated training until"))
    training_hours = forms.DecimalField(
        label=_("concentrated training class hours"), max_digits=5, decimal_places=1, min_value=0
    )


class AdmitForm(MoveForm):
    admitted_on = DateField(label=_("admitted by the branch general meeting on"))


class ApproveForm(MoveForm):
    approved_on = DateField(label=_("approved by the higher committee on"))


class DecisionForm(MoveForm):
    decided_on = DateField(label=_("decided by the branch on"))


class ExtendForm(DecisionForm):
    months = forms.IntegerField(label=_("extension in months"))


class CancelForm(DecisionForm):
    reason = forms.CharField(label=_("reason"), max_length=200)


class WithdrawForm(MoveForm):
    withdrawn_on = DateField(label=_("withdrawn on"))
    reason = forms.CharField(label=_("reason"), max_length=200, required=False)


MOVE_FORMS: dict[str, type[MoveForm]] = {
    "talk": TalkForm,
    "activist": ActivistForm,
    "review": ReviewForm,
    "candidate": CandidateForm,
    "political-review": PoliticalReviewForm,
    "training": TrainingForm,
    "admit": AdmitForm,
    "approve": ApproveForm,
    "confirm": DecisionForm,
    "extend": ExtendForm,
    "cancel": CancelForm,
    "withdraw": WithdrawForm,
}

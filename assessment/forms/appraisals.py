"""The forms of the appraisal pages: typing only; the rules (the roll, counts within the list,
the meeting's date, the cap, who may act) are the service's (assessment.services.appraisals),
so that the page says what the API would say."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.models import AppraisalGrade
from assessment.models.appraisals import VOTE_FIELDS
from config.forms import style_for_bootstrap
from config.text import TEXT_MAX_LENGTH


class AppraisalOpenForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("branch"), queryset=None)
    year = forms.IntegerField(label=pgettext_lazy("appraisal", "year"))
    excellent_cap_percent = forms.IntegerField(
        label=pgettext_lazy("appraisal", "cap on the share graded excellent (%)"),
        required=False,
        help_text=_("Empty: no cap."),
    )

    def __init__(self, *args, branches, cap=None, **kwargs):
        kwargs.setdefault(
            "initial", {"year": timezone.localdate().year, "excellent_cap_percent": cap}
        )
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = branches
        style_for_bootstrap(self)


class EntryForm(forms.Form):
    """One member's line of the list; the prefix keeps the lines apart."""

    self_assessment = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=pgettext_lazy("appraisal", "self-assessment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    votes_excellent = forms.IntegerField(
        label=pgettext_lazy("appraisal votes", "votes excellent"), required=False
    )
    votes_qualified = forms.IntegerField(
        label=pgettext_lazy("appraisal votes", "votes qualified"), required=False
    )
    votes_basic = forms.IntegerField(
        label=pgettext_lazy("appraisal votes", "votes basically qualified"), required=False
    )
    votes_unqualified = forms.IntegerField(
        label=pgettext_lazy("appraisal votes", "votes unqualified"), required=False
    )
    grade = forms.TypedChoiceField(
        label=pgettext_lazy("appraisal", "grade"), coerce=int, required=False, empty_value=None
    )
    remarks = forms.CharField(label=_("remarks"), required=False, max_length=200)

    def __init__(self, *args, entry, grades: list[AppraisalGrade], **kwargs):
        """``grades``: read once for the whole list (a choice list, not a query per line)."""
        kwargs.setdefault("initial", _initial(entry))
        super().__init__(*args, prefix=f"e{entry.pk}", **kwargs)
        self.entry = entry
        self.grades = {grade.pk: grade for grade in grades}
        self.fields["grade"].choices = [("", "—"), *((g.pk, g.name) for g in grades)]
        style_for_bootstrap(self, small=True)

    def row(self) -> dict:
        """The cleaned line as the service takes it (an empty count is 0)."""
        data = dict(self.cleaned_data)
        for name in VOTE_FIELDS:
            data[name] = data[name] or 0
        data["grade"] = self.grades.get(data["grade"])
        return data


def _initial(entry) -> dict:
    return {
        "self_assessment": entry.self_assessment,
        **{name: getattr(entry, name) for name in VOTE_FIELDS},
        "grade": entry.grade_id,
        "remarks": entry.remarks,
    }


class DecideForm(forms.Form):
    meeting_date = forms.DateField(
        label=pgettext_lazy("appraisal", "date of the branch general meeting"),
        required=False,  # the service refuses a decision without it, in its own words
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)


class FollowUpForm(forms.Form):
    measures = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=pgettext_lazy("appraisal follow-up", "education measures"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    deadline = forms.DateField(
        label=pgettext_lazy("appraisal follow-up", "deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    outcome = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=pgettext_lazy("appraisal follow-up", "outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    close = forms.BooleanField(
        label=pgettext_lazy("appraisal follow-up", "close the follow-up"), required=False
    )

    def __init__(self, *args, follow_up, **kwargs):
        super().__init__(*args, prefix=f"f{follow_up.pk}", **kwargs)
        self.follow_up = follow_up
        style_for_bootstrap(self, small=True)

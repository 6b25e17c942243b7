"""The forms of a weak-organization flag's page: dismissing it with a reason, the plan's
summary, a measure of the plan and the evidence that it is done. Typing only: the rules are
the services' (assessment.services.weak)."""

from django import forms
from django.utils.translation import pgettext_lazy

from config.forms import style_for_bootstrap
from config.text import TEXT_MAX_LENGTH


class DismissForm(forms.Form):
    dismissal_reason = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=pgettext_lazy("weak flag", "reason for dismissal"),
        required=False,  # the service says a reason is needed, in its own words
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)


class PlanForm(forms.Form):
    summary = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=pgettext_lazy("rectification plan", "summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)


class ItemForm(forms.Form):
    text = forms.CharField(label=pgettext_lazy("rectification item", "measure"), max_length=300)
    owner = forms.ModelChoiceField(
        label=pgettext_lazy("rectification item", "owner"), queryset=None, required=False
    )
    owner_name = forms.CharField(
        label=pgettext_lazy("rectification item", "owner (name)"), max_length=50, required=False
    )
    deadline = forms.DateField(
        label=pgettext_lazy("rectification item", "deadline"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        style_for_bootstrap(self, small=True)


class DoneForm(forms.Form):
    evidence = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=pgettext_lazy("rectification item", "evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self, small=True)

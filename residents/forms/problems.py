"""Forms of residents' problems: recording one (a single column, for a phone), the list's
filters, and the forms of each step."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.forms.activities import MultipleFileField, MultipleFileInput
from config.forms import style_for_bootstrap
from config.text import TEXT_MAX_LENGTH
from organizations import scoping
from residents.models.problems import Problem, ProblemState, Satisfaction
from residents.selectors.problems import active_categories, assignable_users, merge_candidates


class ProblemForm(forms.ModelForm):
    photos = MultipleFileField(
        label=_("photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG or WebP photos; several at once."),
    )

    class Meta:
        model = Problem
        fields = [
            "grid_cell",
            "category",
            "channel",
            "resident_name",
            "resident_phone",
            "description",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "resident_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grid_cell"].queryset = scoping.visible_grid_cells_for(user).order_by("code")
        self.fields["category"].queryset = active_categories()
        style_for_bootstrap(self)


class ProblemFilter(forms.Form):
    state = forms.ChoiceField(
        label=pgettext_lazy("problem state", "state"),
        choices=[("", _("all states"))] + ProblemState.choices,
        required=False,
    )
    category = forms.ModelChoiceField(
        label=_("category"), queryset=None, required=False, empty_label=_("all categories")
    )
    grid_cell = forms.ModelChoiceField(
        label=_("grid cell"), queryset=None, required=False, empty_label=_("all grid cells")
    )
    overdue = forms.BooleanField(label=_("overdue"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = active_categories()
        self.fields["grid_cell"].queryset = scoping.visible_grid_cells_for(user).order_by("code")
        style_for_bootstrap(self, small=True)


class NoteForm(forms.Form):
    note = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)


class AssignForm(NoteForm):
    assignee = forms.ModelChoiceField(label=_("assignee"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_users(user)
        self.order_fields(["assignee", "note"])
        style_for_bootstrap(self)


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("resolution"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)


class ConfirmForm(NoteForm):
    satisfaction = forms.ChoiceField(label=_("satisfaction"), choices=Satisfaction.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["satisfaction", "note"])


class MergeForm(NoteForm):
    original = forms.ModelChoiceField(label=_("merge into"), queryset=None)

    def __init__(self, *args, user, problem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["original"].queryset = merge_candidates(user, problem)
        self.order_fields(["original", "note"])
        style_for_bootstrap(self)

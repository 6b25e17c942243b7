"""Forms of the co-building and volunteer pages: typing and choices only; the rules are in
activities.services.cobuilding."""

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import (
    CoBuildingStatus,
    Need,
    NeedStatus,
    PairingAgreement,
    Project,
    ProjectUnit,
    Resource,
)
from config.forms import style_for_bootstrap

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["title", "category", "description", "raised_on", "status"]
        widgets = {"raised_on": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["status"]  # a new need is open
        else:
            self.fields["status"].help_text = _(
                "A need becomes matched when a project takes it up."
            )
        style_for_bootstrap(self)

    def _post_clean(self):
        pass  # the service validates the row with what it derives


class ResourceForm(forms.ModelForm):
    class Meta:
        model = Resource
        fields = ["unit", "title", "category", "description", "offered_on", "available"]
        widgets = {"offered_on": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            del self.fields["unit"]  # the unit offering a resource does not change
        elif units is not None:
            self.fields["unit"].queryset = units
        style_for_bootstrap(self)

    def _post_clean(self):
        pass


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "description",
            "starts_on",
            "ends_on",
            "status",
            "needs",
            "resources",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            "resources": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        }

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.pk
        needs = Need.objects.filter(community=community).order_by("-raised_on", "id")
        resources = Resource.objects.filter(community=community).select_related("unit")
        if current:
            # what the project already takes up stays listed even if dropped or unavailable
            needs = needs.exclude(status=NeedStatus.DROPPED) | needs.filter(projects=current)
            resources = resources.filter(available=True) | resources.filter(projects=current)
        else:
            needs = needs.exclude(status=NeedStatus.DROPPED)
            resources = resources.filter(available=True)
        self.fields["needs"].queryset = needs.distinct()
        self.fields["resources"].queryset = resources.distinct().order_by("unit__name", "id")
        self.fields["resources"].label_from_instance = lambda r: f"{r.title} ({r.unit.name})"
        self.fields["status"].initial = CoBuildingStatus.PLANNED
        style_for_bootstrap(self)

    def _post_clean(self):
        pass


class ProjectUnitForm(forms.ModelForm):
    class Meta:
        model = ProjectUnit
        fields = ["unit", "commitment", "joined_on"]
        widgets = {"joined_on": DATE}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
        style_for_bootstrap(self)

    def _post_clean(self):
        pass


class AgreementForm(forms.ModelForm):
    class Meta:
        model = PairingAgreement
        fields = ["branch", "unit", "two_new", "signed_on", "ends_on", "content"]
        widgets = {
            "signed_on": DATE,
            "ends_on": DATE,
            "content": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, branches, units, two_new, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        self.fields["unit"].queryset = units
        self.fields["two_new"].queryset = two_new
        self.fields["unit"].required = self.fields["two_new"].required = False
        self.fields["unit"].help_text = _("The partner: a unit or a two-new organization.")
        style_for_bootstrap(self)

    def _post_clean(self):
        pass


class AgreementEndForm(forms.Form):
    ended_on = forms.DateField(
        label=_("ended on"),
        required=False,
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"type": "date", "class": "form-control form-control-sm"}
        ),
    )

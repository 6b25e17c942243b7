"""Forms of the households pages: a household, a resident in need, a pairing, a visit, and
the list's filter. Their choices are the rows the user may see."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import style_for_bootstrap
from grid.models import Household
from members.models import Member
from organizations import scoping
from organizations.models import Organization, UnitOrganization
from residents.models import Pairing, PairingVisit, ResidentInNeed
from residents.selectors.households import need_categories, visible_buildings_for, visible_cells_for

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HouseholdForm(forms.ModelForm):
    class Meta:
        model = Household
        fields = ["grid_cell", "building", "address", "size", "is_central_household", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grid_cell"].queryset = visible_cells_for(user)
        self.fields["building"].queryset = visible_buildings_for(user).select_related("grid_cell")
        style_for_bootstrap(self)


class ResidentForm(forms.ModelForm):
    class Meta:
        model = ResidentInNeed
        fields = [
            "name",
            "gender",
            "birth_year",
            "id_number",
            "phone",
            "categories",
            "needs",
            "status",
        ]
        widgets = {"categories": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = need_categories()
        style_for_bootstrap(self)


class PairingForm(forms.ModelForm):
    class Meta:
        model = Pairing
        fields = ["member", "organization", "unit", "started_on", "ended_on", "goal"]
        widgets = {"started_on": DATE, "ended_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = scoping.choices_for(user, Member.objects.on_roll())
        self.fields["organization"].queryset = scoping.choices_for(user, Organization.objects.all())
        self.fields["unit"].queryset = scoping.choices_for(user, UnitOrganization.objects.all())
        style_for_bootstrap(self)

    def _post_clean(self):
        """The services check the model (exactly one helper, the street)."""


class VisitForm(forms.ModelForm):
    class Meta:
        model = PairingVisit
        fields = ["visited_on", "member", "done", "hours", "outcome"]
        widgets = {"visited_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = scoping.choices_for(user, Member.objects.on_roll())
        self.fields["member"].help_text = _("For a member's pairing: that member, if left empty.")
        style_for_bootstrap(self)

    def _post_clean(self):
        """The services check the model."""


class HouseholdFilterForm(forms.Form):
    grid_cell = forms.ModelChoiceField(queryset=None, required=False, label=_("grid cell"))
    category = forms.ModelChoiceField(queryset=None, required=False, label=_("category of need"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grid_cell"].queryset = visible_cells_for(user)
        self.fields["category"].queryset = need_categories()
        style_for_bootstrap(self, small=True)

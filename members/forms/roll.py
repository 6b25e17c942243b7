"""The member form of the roll pages (add, edit): typing only; members.services.roll checks."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import style_for_bootstrap
from grid.models import GridCell
from members.models import Member
from members.models.member import HOLDING_KINDS
from members.services.roll import EDITABLE_FIELDS
from organizations import scoping
from organizations.models import Organization, OrgKind

MEMBER_FIELDS = list(EDITABLE_FIELDS)


class MemberForm(forms.ModelForm):
    """Add or correct a member. Choices are limited to what the user manages; the holding
    branch of an existing member is fixed (it changes by relation transfer)."""

    class Meta:
        model = Member
        fields = MEMBER_FIELDS
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}),
            "joined_on": forms.DateInput(attrs={"type": "date"}),
            "full_member_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        manageable = scoping.manageable_organizations_for(user)
        self.fields["organization"].queryset = manageable.filter(kind__in=HOLDING_KINDS).order_by(
            "path"
        )
        self.fields["party_group"].queryset = manageable.filter(kind=OrgKind.PARTY_GROUP).order_by(
            "path"
        )
        self.fields["grid_cell"].queryset = scoping.visible_grid_cells_for(
            user, GridCell.objects.order_by("code")
        )
        if self.instance.pk:
            self.fields["organization"].disabled = True
            self.fields["organization"].queryset = Organization.objects.filter(
                pk=self.instance.organization_id
            )
            self.fields["organization"].help_text = _(
                "The holding branch changes through a relation transfer."
            )
        style_for_bootstrap(self)

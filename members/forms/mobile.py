"""Forms of the mobile member pages and the one FilterSet of the list page and the API:
typing only; the rules are in members.services.mobile."""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.forms import style_for_bootstrap
from config.text import TEXT_MAX_LENGTH
from members.models import (
    ContactChannel,
    MobileDirection,
    MobileEndReason,
    MobileMember,
)
from members.models.member import HOLDING_KINDS
from members.selectors.roll import manageable_members_for
from organizations import scoping
from organizations.models import Organization


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


RECORD_FIELDS = (
    "direction",
    "category",
    "member",
    "organization",
    "name",
    "gender",
    "id_number",
    "home_organization",
    "phone",
    "whereabouts",
    "grid_cell",
    "away_since",
    "fixed_place",
    "permit_number",
    "permit_issued_on",
    "permit_valid_until",
)


class MobileRecordForm(forms.Form):
    """A new record: for a member away, choose the member; for a member living here, give
    the person, the organization holding the membership and the branch following them."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(MobileMember, fields=RECORD_FIELDS))
        self.fields["direction"].widget = forms.RadioSelect(choices=MobileDirection.choices)
        away = MobileMember.objects.filter(member=OuterRef("pk"), ended_on__isnull=True)
        self.fields["member"].queryset = (
            manageable_members_for(user)
            .on_roll()
            .filter(~Exists(away))
            .select_related("organization")
            .order_by("organization__path", "name_initials", "id")
        )
        self.fields["member"].required = False
        self.fields["member"].label_from_instance = lambda m: f"{m.name} · {m.organization.name}"
        self.fields["organization"].queryset = scoping.manageable_organizations_for(
            user, Organization.objects.filter(kind__in=HOLDING_KINDS, dissolved_on__isnull=True)
        ).order_by("path")
        self.fields["organization"].required = False
        self.fields["organization"].help_text = _(
            "For a member living here: the branch where they live or take part."
        )
        self.fields["grid_cell"].queryset = scoping.visible_grid_cells_for(user).order_by("code")
        for name in ("away_since", "permit_issued_on", "permit_valid_until"):
            self.fields[name].widget = _date_input()
        self.fields["permit_valid_until"].help_text = _(
            "Empty: the default validity from the day of issue."
        )
        style_for_bootstrap(self)
        self.fields["direction"].widget.attrs["class"] = "form-check-input"


class MobileRecordEditForm(forms.Form):
    """Phone and ID number are never shown in full here: a new value replaces the old one,
    an empty field keeps it."""

    def __init__(self, *args, record: MobileMember, user, **kwargs):
        super().__init__(*args, **kwargs)
        names = ["category", "whereabouts", "grid_cell", "away_since", "fixed_place", "phone"]
        if record.direction == MobileDirection.INCOMING:
            names += ["name", "gender", "id_number", "home_organization"]
        self.fields.update(forms.fields_for_model(MobileMember, fields=names))
        self.fields["grid_cell"].queryset = scoping.visible_grid_cells_for(user).order_by("code")
        self.fields["away_since"].widget = _date_input()
        for name in ("phone", "id_number"):
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].help_text = _("Leave empty to keep the value on record.")
        self.initial.update(
            {n: getattr(record, n) for n in names if n not in ("phone", "id_number")}
        )
        self.initial["grid_cell"] = record.grid_cell_id
        style_for_bootstrap(self)

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("phone", "id_number"):
            if name in data and not data[name]:
                del data[name]
        return data


class ContactForm(forms.Form):
    contacted_on = forms.DateField(
        label=_("contacted on"), widget=_date_input(), initial=timezone.localdate
    )
    channel = forms.ChoiceField(label=_("how"), choices=ContactChannel.choices)
    outcome = forms.CharField(
        max_length=TEXT_MAX_LENGTH, label=_("outcome"), widget=forms.Textarea(attrs={"rows": 2})
    )
    reached = forms.BooleanField(label=_("reached the member"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)


class PermitIssueForm(forms.Form):
    permit_number = forms.CharField(label=_("activity permit number"), max_length=40)
    permit_issued_on = forms.DateField(label=_("permit issued on"), widget=_date_input())
    permit_valid_until = forms.DateField(
        label=_("permit valid until"),
        widget=_date_input(),
        required=False,
        help_text=_("Empty: the default validity from the day of issue."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)


class PermitRenewForm(forms.Form):
    renewed_on = forms.DateField(
        label=_("renewed on"), widget=_date_input(), initial=timezone.localdate
    )
    valid_until = forms.DateField(
        label=_("valid until"),
        widget=_date_input(),
        required=False,
        help_text=_("Empty: the default validity from the day of renewal."),
    )
    permit_number = forms.CharField(
        label=_("number of a replacement permit"), max_length=40, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)


class EndForm(forms.Form):
    ended_on = forms.DateField(
        label=_("ended on"), widget=_date_input(), initial=timezone.localdate
    )
    end_reason = forms.ChoiceField(label=_("reason"), choices=MobileEndReason.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)

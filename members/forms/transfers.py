"""Forms of relation transfers: the list's filter (shared with the API), a new transfer,
a letter from outside, a group transfer, and one small form per step whose fields are
the service's keyword arguments. The forms only parse input; the services check the rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.forms import style_for_bootstrap
from config.text import TEXT_MAX_LENGTH
from grid.models import GridCell
from members.models import Education, EmploymentCategory, Gender, MemberStatus, Transfer
from members.selectors.transfers import holding_organizations_managed_by, receiving_organizations
from members.services.transfers.base import is_from_outside
from members.services.transfers.outgoing import already_held_message
from organizations import scoping

INSIDE, OUTSIDE = "inside", "outside"


class DateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _today():
    return timezone.localdate()


class DestinationChoiceField(forms.ModelChoiceField):
    """Offers the receiving organizations but the one already holding the membership;
    posting that one anyway is refused with the reason, not as an unknown choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.holding = None

    def to_python(self, value):
        if self.holding is not None and str(value) == str(self.holding[1].pk):
            raise ValidationError(already_held_message(*self.holding), code="already_held")
        return super().to_python(value)


class DestinationForm(forms.Form):
    """Where the membership goes: an organization here, or an outside one by name."""

    where = forms.ChoiceField(
        label=_("receiving organization"),
        choices=[(INSIDE, _("an organization in this system")), (OUTSIDE, _("outside"))],
        initial=INSIDE,
        widget=forms.RadioSelect,
    )
    to_organization = DestinationChoiceField(
        queryset=None, required=False, label=_("organization in this system")
    )
    external_organization = forms.CharField(
        label=_("outside organization"), max_length=200, required=False
    )
    external_contact = forms.CharField(
        label=_("its contact"),
        max_length=200,
        required=False,
        help_text=_("Address or phone of the outside organization, for the receipt."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = receiving_organizations()
        self.fields["to_organization"].label_from_instance = lambda o: f"{o.street.name} · {o.name}"

    def clean(self):
        data = super().clean()
        if data.get("where") == OUTSIDE:
            data["to_organization"] = None
        else:
            data["external_organization"] = data["external_contact"] = ""
        data.pop("where", None)
        return data


class TransferCreateForm(DestinationForm):
    reason = forms.CharField(label=_("reason"), max_length=200, required=False)

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        if member is not None and member.organization_id:
            field = self.fields["to_organization"]
            field.queryset = field.queryset.exclude(pk=member.organization_id)
            field.holding = (member, member.organization)
        style_for_bootstrap(self)


class BatchForm(DestinationForm):
    title = forms.CharField(
        label=pgettext_lazy("group transfer", "title"),
        max_length=150,
        help_text=_("For example: graduates of 2026 leaving, or branch A split."),
    )
    members = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label=pgettext_lazy("group transfer", "members"),
        required=False,
    )
    reason = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    issued_on = DateField(
        label=_("issue the letters on"),
        required=False,
        help_text=_("Leave empty to issue each letter later."),
    )
    valid_until = DateField(
        label=_("letters valid until"),
        required=False,
        help_text=_("Leave empty for the default validity."),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members
        style_for_bootstrap(self)


class IncomingForm(forms.Form):
    """A letter from an outside organization, as the receiving side reads it."""

    to_organization = forms.ModelChoiceField(queryset=None, label=_("receiving organization"))
    external_organization = forms.CharField(
        label=_("issued by (outside organization)"), max_length=200
    )
    external_contact = forms.CharField(
        max_length=200, label=_("its contact"), help_text=_("Address or phone, for our receipt.")
    )
    letter_number = forms.CharField(label=_("letter number"), max_length=40)
    letter_issued_on = DateField(label=_("letter issued on"))
    valid_until = DateField(
        label=_("letter valid until"),
        required=False,
        help_text=_("As written on the letter; empty for the default validity."),
    )
    name = forms.CharField(label=pgettext_lazy("person", "name"), max_length=50)
    gender = forms.ChoiceField(label=_("gender"), choices=Gender.choices)
    birth_date = DateField(label=_("birth date"))
    id_number = forms.CharField(label=_("ID number"), max_length=18)
    phone = forms.CharField(label=_("phone"), max_length=20, required=False)
    member_status = forms.ChoiceField(
        label=pgettext_lazy("member status", "status"), choices=MemberStatus.choices
    )
    joined_on = DateField(label=_("joined the party on"))
    full_member_on = DateField(label=_("full member since"), required=False)
    reason = forms.CharField(label=_("reason"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = holding_organizations_managed_by(user)
        style_for_bootstrap(self)


class StepForm(forms.Form):
    def __init__(self, *args, transfer: Transfer, **kwargs):
        super().__init__(*args, **kwargs)
        self.transfer = transfer
        style_for_bootstrap(self)


class IssueForm(StepForm):
    issued_on = DateField(label=_("letter issued on"), initial=_today)
    valid_until = DateField(
        label=_("letter valid until"),
        required=False,
        help_text=_("Empty: the default validity from the day of issue."),
    )
    letter_number = forms.CharField(
        label=_("letter number"),
        max_length=40,
        required=False,
        help_text=_("Empty: the next number of the year is given."),
    )


class ReportForm(StepForm):
    reported_on = DateField(label=_("member reported on"), initial=_today)
    late_report_reason = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("reason for reporting late"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the member reported after the letter's validity."),
    )


class ReceiptForm(StepForm):
    receipt_on = DateField(label=_("receipt returned on"), initial=_today)


class CompleteForm(StepForm):
    completed_on = DateField(label=_("completed on"), initial=_today)


class IncomingCompleteForm(CompleteForm):
    """Taking in a member from outside: what the roll needs beyond the letter."""

    ethnicity = forms.CharField(label=_("ethnicity"), max_length=20, initial="汉族")
    education = forms.ChoiceField(
        label=_("education"), choices=[("", "—"), *Education.choices], required=False
    )
    employment = forms.ChoiceField(
        label=_("employment category"),
        choices=EmploymentCategory.choices,
        initial=EmploymentCategory.EMPLOYED,
    )
    workplace = forms.CharField(label=_("workplace and occupation"), max_length=150, required=False)
    address = forms.CharField(label=_("address"), max_length=200, required=False)
    grid_cell = forms.ModelChoiceField(
        queryset=GridCell.objects.none(), required=False, label=_("grid cell of residence")
    )

    def __init__(self, *args, transfer, user=None, **kwargs):
        super().__init__(*args, transfer=transfer, **kwargs)
        if user is not None:
            self.fields["grid_cell"].queryset = scoping.visible_grid_cells_for(
                user, GridCell.objects.order_by("code")
            )


class CancelForm(StepForm):
    cancelled_on = DateField(label=_("cancelled on"), initial=_today)
    reason = forms.CharField(label=_("reason"), max_length=200)


class RejectForm(StepForm):
    rejected_on = DateField(label=_("rejected on"), initial=_today)
    reason = forms.CharField(label=_("reason"), max_length=200)


STEP_FORMS: dict[str, type[StepForm]] = {
    "issue": IssueForm,
    "report": ReportForm,
    "receipt": ReceiptForm,
    "complete": CompleteForm,
    "cancel": CancelForm,
    "reject": RejectForm,
}


def step_form(name: str, transfer: Transfer, user, data=None) -> StepForm:
    if name == "complete" and is_from_outside(transfer):
        return IncomingCompleteForm(data, transfer=transfer, user=user)
    return STEP_FORMS[name](data, transfer=transfer)

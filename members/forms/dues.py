"""Forms of the dues pages: typing only; the rules are in members.services.dues."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PAY_FORM_ID = "pay-form"


class DuesIncomeForm(forms.Form):
    income = forms.DecimalField(
        label=_("monthly income after tax"), min_value=Decimal("0"), max_digits=10, decimal_places=2
    )


class DuesBulkPaymentForm(forms.Form):
    """One paid-on day for the sheet, and for each payable record a tick and an amount
    pre-filled with the amount due."""

    paid_on = forms.DateField(
        label=_("paid on"),
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"type": "date", "class": "form-control form-control-sm"}
        ),
        initial=timezone.localdate,
    )

    def __init__(self, *args, records=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.records = [r for r in records if r.paid_on is None]
        for record in self.records:
            self.fields[f"pay_{record.pk}"] = forms.BooleanField(
                required=False,
                label=_("pay"),
                widget=forms.CheckboxInput(
                    attrs={"form": PAY_FORM_ID, "class": "form-check-input"}
                ),
            )
            self.fields[f"amount_{record.pk}"] = forms.DecimalField(
                label=_("amount"),
                required=False,
                min_value=Decimal("0.01"),
                max_digits=8,
                decimal_places=2,
                initial=record.expected or None,
                widget=forms.NumberInput(
                    attrs={
                        "form": PAY_FORM_ID,
                        "class": "form-control form-control-sm",
                        "step": "0.01",
                        "style": "width: 7em",
                    }
                ),
            )

    def clean(self):
        data = super().clean()
        chosen = [r for r in self.records if data.get(f"pay_{r.pk}")]
        if not chosen and not self.errors:
            raise ValidationError(_("Tick the members whose payment you are recording."))
        for record in chosen:
            if data.get(f"amount_{record.pk}") is None and f"amount_{record.pk}" not in self.errors:
                self.add_error(f"amount_{record.pk}", _("Give the amount paid."))
        data["chosen"] = chosen
        return data

    def row_fields(self, record):
        return self[f"pay_{record.pk}"], self[f"amount_{record.pk}"]

"""The exemption form: typing only; the rules are in activities.services.exemptions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import ActivityType, Exemption
from activities.selectors.compliance import exemptable_types
from config.forms import style_for_bootstrap

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ExemptionForm(forms.ModelForm):
    class Meta:
        model = Exemption
        fields = ["organization", "activity_type", "starts_on", "ends_on", "reason"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, organizations, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        types = exemptable_types()
        if organization is not None:
            self.fields["organization"].initial = organization.pk
            types = [t for t in types if t.applies_to_kind(organization.kind)]
            self.fields["activity_type"].queryset = ActivityType.objects.filter(
                pk__in=[t.pk for t in types]
            )
        else:
            self.fields["activity_type"].queryset = types
        self.fields["activity_type"].empty_label = _("every required activity")
        self.fields["activity_type"].label_from_instance = lambda t: t.label
        style_for_bootstrap(self)

    def _post_clean(self):
        # The model's validation runs in the service, with the rules of who may exempt.
        pass

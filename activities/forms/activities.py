"""Forms of the activity pages: typing only; the rules are in activities.services.activities.

The attendance of the roll is not a Django form: one radio group ``att-<member id>`` per
member (present, absent with leave, absent without leave) and ``hours-<member id>`` for
service activities, read by ``attendance_from``."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.models import Activity, ActivityStatus, ActivityType
from activities.models.activity import RECORDED_FIELDS
from activities.roll import may_attend
from activities.selectors.activities import projects_for, types_for
from config.forms import style_for_bootstrap
from organizations.models import Organization

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
TIME = forms.TimeInput(format="%H:%M", attrs={"type": "time"})
STATUS_CHOICES = [
    (ActivityStatus.HELD.value, ActivityStatus.HELD.label),
    (ActivityStatus.PLANNED.value, ActivityStatus.PLANNED.label),
]
ACCEPT = "image/jpeg,image/png,image/webp,application/pdf"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by content in the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ActivityRecordForm(forms.ModelForm):
    attachments = MultipleFileField(
        label=_("photos and PDF documents"),
        required=False,
        help_text=_("Photos (JPEG, PNG, WebP) or PDF documents; several at once."),
    )

    class Meta:
        model = Activity
        fields = ["organization", *RECORDED_FIELDS]
        widgets = {
            "held_on": DATE,
            "starts_at": TIME,
            "ends_at": TIME,
            "guests": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(
        self,
        *args,
        organizations=None,
        organization: Organization | None = None,
        editing: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.organization = organization
        if organizations is not None:
            self.fields["organization"].queryset = organizations
        if editing:
            self.fields["organization"].disabled = True
        held = self.instance.pk and self.instance.status == ActivityStatus.HELD
        self.fields["status"] = forms.ChoiceField(
            label=pgettext_lazy("activity status", "status"),
            # a held activity never becomes a plan again
            choices=STATUS_CHOICES[:1] if held else STATUS_CHOICES,
            initial=ActivityStatus.HELD,
        )
        self.fields["activity_type"].queryset = types_for(organization)
        self.fields["project"].queryset = projects_for(organization)
        self.fields["speaker"].queryset = (
            may_attend(organization).on_roll().order_by("name_initials", "pk")
            if organization is not None
            else self.fields["speaker"].queryset.none()
        )
        self.fields["project"].required = False
        self.fields["form"].label = _("how it was run")
        style_for_bootstrap(self)
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("data-testid", f"field-{name}")

    def _post_clean(self):
        # The model's checks run in the service, with the attendance and the attachments.
        pass

    def chosen_type(self) -> ActivityType | None:
        """The type picked (bound data first), to show its speaker or service fields."""
        key = self.add_prefix("activity_type")
        raw = self.data.get(key) if self.is_bound else self.initial.get("activity_type")
        if raw in (None, ""):
            return self.instance.activity_type if self.instance.activity_type_id else None
        if isinstance(raw, ActivityType):
            return raw
        try:
            return self.fields["activity_type"].queryset.filter(pk=int(raw)).first()
        except (TypeError, ValueError):
            return None

    def activity_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("organization", "attachments"):
            data.pop(name, None)
        return data


def attendance_from(data, *, hours: bool) -> list[dict]:
    """The attendance rows sent by the roll: ``att-<member id>`` = status, and with
    ``hours`` the ``hours-<member id>`` of each member (empty: none)."""
    rows = []
    for key in data:
        if not key.startswith("att-"):
            continue
        member = key[4:]
        if not member.isdigit():
            continue
        row = {"member": int(member), "status": data.get(key)}
        if hours:
            row["hours"] = (data.get(f"hours-{member}") or "").strip() or None
        rows.append(row)
    return rows

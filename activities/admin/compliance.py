"""Exemptions in the admin, scoped like the pages: staff read the exemptions of the
organizations they see, and grant, change or delete only those of organizations below the
ones they manage (an exemption is granted by the level above), with the same checks as the
service (the type is required of the organization, no overlap with another exemption)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from activities.models import Exemption
from activities.selectors.compliance import (
    exemptable_organizations_for,
    exemptable_types,
    visible_exemptions_for,
)
from activities.services.exemptions import refuse_overlap
from organizations.admin.scoping import ScopedModelAdmin


def _exemptable(user, queryset):
    return queryset.filter(organization__in=exemptable_organizations_for(user))


class ExemptionAdminForm(forms.ModelForm):
    class Meta:
        model = Exemption
        fields = ["organization", "activity_type", "starts_on", "ends_on", "reason"]

    def clean(self):
        cleaned = super().clean()
        organization = cleaned.get("organization")
        activity_type = cleaned.get("activity_type")
        if organization and activity_type and not activity_type.applies_to_kind(organization.kind):
            raise ValidationError(
                {
                    "activity_type": _("A %(kind)s is not required to hold a %(type)s.")
                    % {"kind": organization.get_kind_display(), "type": activity_type.label}
                }
            )
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            refuse_overlap(self.instance, exclude_pk=self.instance.pk)
        except ValidationError as error:
            self._update_errors(error)


@admin.register(Exemption)
class ExemptionAdmin(ScopedModelAdmin):
    view_scope = staticmethod(lambda user, qs: visible_exemptions_for(user, qs))
    manage_scope = staticmethod(_exemptable)
    form = ExemptionAdminForm
    list_display = (
        "organization",
        "activity_type",
        "starts_on",
        "ends_on",
        "reason",
        "recorded_by",
    )
    list_filter = ("activity_type",)
    search_fields = ("organization__name", "reason")
    list_select_related = ("organization", "activity_type", "recorded_by")
    date_hierarchy = "starts_on"
    autocomplete_fields = ("organization",)
    readonly_fields = ("recorded_by", "created_at")
    fields = (
        "organization",
        "activity_type",
        "starts_on",
        "ends_on",
        "reason",
        "recorded_by",
        "created_at",
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "organization" and not request.user.is_superuser:
            field.queryset = exemptable_organizations_for(request.user)
        elif db_field.name == "activity_type":
            field.queryset = exemptable_types()
        return field

    def has_add_permission(self, request):
        if not super().has_add_permission(request):
            return False
        return request.user.is_superuser or exemptable_organizations_for(request.user).exists()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

"""Admin of development records. Applications and stage moves go through the pages (the
services check the rules), so the admin corrects the person's data only; superusers may
also correct the dates of the pipeline."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from config.forms import add_service_errors
from members.models import ActivistReview, DevelopmentRecord
from members.models.development import PERSON_FIELDS
from members.selectors.development import (
    manageable_development_records_for,
    visible_development_records_for,
)
from members.services.development import person_errors
from organizations.admin.scoping import ScopedInlineMixin, ScopedModelAdmin

PIPELINE_FIELDS = (
    "organization",
    "stage",
    "applied_on",
    "talked_on",
    "activist_on",
    "sponsors",
    "candidate_on",
    "political_review_on",
    "training_started_on",
    "training_ended_on",
    "training_hours",
    "admitted_on",
    "approved_on",
    "probation_ends_on",
    "extended_until",
    "full_on",
    "closed_on",
    "closing_reason",
    "member",
)


class DevelopmentRecordForm(forms.ModelForm):
    class Meta:
        model = DevelopmentRecord
        fields = (*PERSON_FIELDS, *PIPELINE_FIELDS)

    def _post_clean(self):
        super()._post_clean()
        # the same checks as an application: birth date and gender agree with the ID number
        if "id_number" not in self.errors:
            errors = person_errors(self.instance)
            if errors:
                add_service_errors(self, ValidationError(errors))


class ActivistReviewInline(ScopedInlineMixin, admin.TabularInline):
    model = ActivistReview
    extra = 0
    fields = ("reviewed_on", "comment")

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(DevelopmentRecord)
class DevelopmentRecordAdmin(ScopedModelAdmin):
    form = DevelopmentRecordForm
    view_scope = staticmethod(visible_development_records_for)
    manage_scope = staticmethod(manageable_development_records_for)
    inlines = [ActivistReviewInline]
    list_display = (
        "name",
        "organization",
        "stage",
        "applied_on",
        "activist_on",
        "candidate_on",
        "admitted_on",
        "probation_ends_on",
    )
    list_filter = ("stage", ("organization", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "id_number")
    list_select_related = ("organization",)
    date_hierarchy = "applied_on"
    autocomplete_fields = ("organization", "member", "sponsors", "grid_cell")
    fieldsets = (
        (None, {"fields": PERSON_FIELDS}),
        (_("Development"), {"fields": PIPELINE_FIELDS}),
    )

    def has_add_permission(self, request):
        # applications are recorded on the pipeline page, which checks age and duplicates
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        return () if request.user.is_superuser else PIPELINE_FIELDS

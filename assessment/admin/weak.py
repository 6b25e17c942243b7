"""Weak and lax organizations in the admin: a street's staff set its criteria (the figures and
which checks are on); the flags are read here and decided on their pages, where the level
above confirms, dismisses and signs off."""

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import pgettext_lazy

from assessment.admin.results import ReadOnlyMixin
from assessment.models import WeakCriteria, WeakFlag
from assessment.selectors.schemes import street_committees_managed_by, visible_schemes
from assessment.selectors.weak_flags import reasons_of
from assessment.services.weak import weak_criteria_save
from organizations import scoping
from organizations.admin.scoping import ScopedModelAdmin


def _managed(user, queryset):
    return scoping.scoped_for_manage(user, queryset, org_field="organization")


@admin.register(WeakCriteria)
class WeakCriteriaAdmin(ScopedModelAdmin):
    # read like the street's schemes: by everyone working in the street
    view_scope = staticmethod(visible_schemes)
    manage_scope = staticmethod(_managed)
    list_display = (
        "organization",
        "months_without_secretary",
        "quarters_of_missing_meetings",
        "min_full_members",
        "years_last_in_community",
    )
    list_select_related = ("organization",)
    fields = (
        "organization",
        ("check_secretary", "months_without_secretary"),
        ("check_meetings", "quarters_of_missing_meetings"),
        ("check_members", "min_full_members"),
        ("check_results", "years_last_in_community"),
    )

    def related_choices(self, user, model):
        if model is WeakCriteria.organization.field.related_model:
            return street_committees_managed_by(user)
        return super().related_choices(user, model)

    def has_add_permission(self, request):
        if not super().has_add_permission(request):
            return False
        return request.user.is_superuser or street_committees_managed_by(request.user).exists()

    def save_model(self, request, obj, form, change):
        weak_criteria_save(criteria=obj)


def _by_organization(user, queryset):
    return scoping.scoped(user, queryset, org_field="organization")


@admin.register(WeakFlag)
class WeakFlagAdmin(ReadOnlyMixin, ScopedModelAdmin):
    view_scope = staticmethod(_by_organization)
    list_display = ("organization", "reviewed_on", "state", "decided_at", "signed_off_at")
    list_filter = ("state",)
    search_fields = ("organization__name",)
    list_select_related = ("organization",)
    date_hierarchy = "reviewed_on"
    fields = (
        "organization",
        "street",
        "reviewed_on",
        "reason_list",
        "state",
        ("decided_by", "decided_at"),
        "dismissal_reason",
        ("signed_off_by", "signed_off_at"),
    )
    readonly_fields = (
        "organization",
        "street",
        "reviewed_on",
        "reason_list",
        "state",
        "decided_by",
        "decided_at",
        "dismissal_reason",
        "signed_off_by",
        "signed_off_at",
    )

    @admin.display(description=pgettext_lazy("weak flag", "reasons"))
    def reason_list(self, obj):
        return format_html_join("", "<p>{}</p>", ((text,) for text in reasons_of(obj)))

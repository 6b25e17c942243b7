"""Responsibility letters in the admin, with their target items inline: the level that issues
a letter sets it up while it is a draft (the model's checks: issued by the level directly
above, the cadre's post, the items' deadlines); everyone whose posts reach the answering
organization reads it. Signing, done marks and closing are the pages' (the services)."""

from django.contrib import admin

from assessment.models import ResponsibilityLetter, TargetItem
from assessment.selectors.targets import cadre_posts_in_reach
from organizations import scoping
from organizations.admin.scoping import ScopedInlineMixin, ScopedModelAdmin
from organizations.models import Post


def _by_organization(user, queryset):
    return scoping.scoped(user, queryset, org_field="organization")


def _by_issuer(user, queryset):
    return scoping.scoped_for_manage(user, queryset, org_field="issued_by")


class TargetItemInline(ScopedInlineMixin, admin.TabularInline):
    model = TargetItem
    extra = 0
    fields = ("order", "text", "owner", "owner_name", "deadline", "evidence", "done_at", "done_by")
    readonly_fields = ("evidence", "done_at", "done_by")


@admin.register(ResponsibilityLetter)
class ResponsibilityLetterAdmin(ScopedModelAdmin):
    view_scope = staticmethod(_by_organization)
    manage_scope = staticmethod(_by_issuer)
    list_display = ("title", "organization", "cadre", "issued_by", "year", "state", "signed_on")
    list_filter = ("state", "year")
    search_fields = ("title", "organization__name")
    autocomplete_fields = ("organization", "issued_by")
    list_select_related = (
        "organization",
        "cadre",
        "cadre__user",
        "cadre__organization",
        "issued_by",
    )
    fields = (
        "title",
        ("organization", "cadre"),
        ("issued_by", "year"),
        ("state", "signed_on"),
        "created_by",
    )
    readonly_fields = ("state", "signed_on", "created_by")
    inlines = [TargetItemInline]

    def related_choices(self, user, model):
        if model is Post:
            return cadre_posts_in_reach(user)
        return super().related_choices(user, model)

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.is_draft:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.is_draft:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

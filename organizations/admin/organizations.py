"""The admin of the organization tree: organizations, their posts and committee terms."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from organizations import scoping
from organizations.admin.scoping import ScopedInlineMixin, ScopedModelAdmin
from organizations.models import CommitteeTerm, Organization, Post


def _by_organization(user, qs):
    return qs.filter(organization__in=scoping.visible_organizations_for(user))


def _by_managed_organization(user, qs):
    return qs.filter(organization__in=scoping.manageable_organizations_for(user))


class PostInline(ScopedInlineMixin, admin.TabularInline):
    model = Post
    extra = 0
    fields = ("user", "role", "started_on", "ended_on")


class CommitteeTermInline(admin.TabularInline):
    model = CommitteeTerm
    extra = 0
    fields = ("elected_on", "term_years", "seats", "ends_on")
    readonly_fields = ("ends_on",)


@admin.register(Organization)
class OrganizationAdmin(ScopedModelAdmin):
    view_scope = staticmethod(scoping.visible_organizations_for)
    manage_scope = staticmethod(scoping.manageable_organizations_for)
    list_display = ("indented_name", "kind", "street", "community", "grid_cell", "dissolved_on")
    list_filter = (
        "kind",
        ("street", admin.RelatedOnlyFieldListFilter),
        ("community", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("name", "code")
    autocomplete_fields = ("parent", "community", "grid_cell")
    list_select_related = ("street", "community", "grid_cell")
    inlines = [CommitteeTermInline, PostInline]
    fields = (
        "parent",
        "kind",
        "name",
        "code",
        "street",
        "community",
        "grid_cell",
        "established_on",
        "dissolved_on",
        "phone",
        "address",
    )

    @admin.display(description=_("name"), ordering="path")
    def indented_name(self, obj):
        return "\u3000" * max(obj.depth - 1, 0) + obj.name

    def get_readonly_fields(self, request, obj=None):
        # Moving a subtree or changing what an organization is belongs to the system administrator.
        if obj is not None and not request.user.is_superuser:
            return ("parent", "kind", "street")
        return ()


@admin.register(Post)
class PostAdmin(ScopedModelAdmin):
    view_scope = staticmethod(_by_organization)
    manage_scope = staticmethod(_by_managed_organization)
    list_display = ("user", "organization", "role", "started_on", "ended_on")
    list_filter = ("role", "organization__kind")
    search_fields = ("user__username", "user__full_name", "organization__name")
    autocomplete_fields = ("organization",)
    list_select_related = ("user", "organization")
    date_hierarchy = "started_on"


@admin.register(CommitteeTerm)
class CommitteeTermAdmin(ScopedModelAdmin):
    view_scope = staticmethod(_by_organization)
    manage_scope = staticmethod(_by_managed_organization)
    list_display = ("organization", "elected_on", "term_years", "ends_on", "seats")
    list_filter = ("term_years", "organization__kind")
    search_fields = ("organization__name",)
    autocomplete_fields = ("organization",)
    readonly_fields = ("ends_on",)
    list_select_related = ("organization",)
    date_hierarchy = "ends_on"

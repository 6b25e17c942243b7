"""Co-building in the admin, scoped like the pages: the three lists by their community,
pairing agreements by their branch. Corrections only; the pages keep the rules of matching."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from activities.models import Need, PairingAgreement, Project, ProjectUnit, Resource
from activities.selectors import cobuilding as selectors
from grid.models import Community
from organizations.admin.scoping import ScopedInlineMixin, ScopedModelAdmin
from organizations.models import Organization, TwoNewOrganization, UnitOrganization


class _CommunityChoices:
    """Choices of communities, units and two-new organizations limited to what the user may
    change (communities they manage) or pair with (those of the communities they see)."""

    def related_choices(self, user, model):
        if model is Community:
            return selectors.manageable_communities_for(user)
        if model is UnitOrganization:
            if self.model is PairingAgreement:
                return selectors.partner_units_for(user)
            return selectors.manageable_units_for(user)
        if model is TwoNewOrganization:
            return selectors.partner_two_new_for(user)
        if model is Organization and self.model is PairingAgreement:
            return selectors.pairing_branches_for(user)
        if model is Need:
            return selectors.manageable_needs_for(user)
        if model is Resource:
            return selectors.manageable_resources_for(user)
        return super().related_choices(user, model)

    def has_add_permission(self, request, *args):
        if not super().has_add_permission(request, *args):
            return False
        if request.user.is_superuser or self.model is PairingAgreement:
            return True
        return selectors.manageable_communities_for(request.user).exists()


class ProjectAdminForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "community",
            "title",
            "description",
            "needs",
            "resources",
            "starts_on",
            "ends_on",
            "status",
        ]

    def clean(self):
        cleaned = super().clean()
        community = cleaned.get("community")
        for name in ("needs", "resources"):
            items = cleaned.get(name) or []
            if community is not None and any(i.community_id != community.pk for i in items):
                self.add_error(name, _("Choose those of the project's community only."))
        return cleaned


@admin.register(Need)
class NeedAdmin(_CommunityChoices, ScopedModelAdmin):
    view_scope = staticmethod(selectors.visible_needs_for)
    manage_scope = staticmethod(selectors.manageable_needs_for)
    list_display = ("title", "community", "category", "status", "raised_on")
    list_filter = ("status", "category")
    search_fields = ("title", "community__name")
    list_select_related = ("community",)
    date_hierarchy = "raised_on"
    exclude = ("recorded_by",)


@admin.register(Resource)
class ResourceAdmin(_CommunityChoices, ScopedModelAdmin):
    view_scope = staticmethod(selectors.visible_resources_for)
    manage_scope = staticmethod(selectors.manageable_resources_for)
    list_display = ("title", "unit", "community", "category", "available", "offered_on")
    list_filter = ("available", "category")
    search_fields = ("title", "unit__name", "community__name")
    list_select_related = ("unit", "community")
    exclude = ("recorded_by",)


class ProjectUnitInline(_CommunityChoices, ScopedInlineMixin, admin.TabularInline):
    model = ProjectUnit
    extra = 0
    fields = ("unit", "commitment", "joined_on")


@admin.register(Project)
class ProjectAdmin(_CommunityChoices, ScopedModelAdmin):
    view_scope = staticmethod(selectors.visible_projects_for)
    manage_scope = staticmethod(selectors.manageable_projects_for)
    list_display = ("title", "community", "status", "starts_on", "ends_on")
    list_filter = ("status",)
    search_fields = ("title", "community__name")
    list_select_related = ("community",)
    date_hierarchy = "starts_on"
    form = ProjectAdminForm
    filter_horizontal = ("needs", "resources")
    exclude = ("recorded_by",)
    inlines = [ProjectUnitInline]


@admin.register(PairingAgreement)
class PairingAgreementAdmin(_CommunityChoices, ScopedModelAdmin):
    view_scope = staticmethod(selectors.visible_agreements_for)
    manage_scope = staticmethod(selectors.manageable_agreements_for)
    list_display = ("branch", "partner_name", "signed_on", "ends_on")
    search_fields = ("branch__name", "unit__name", "two_new__name", "content")
    autocomplete_fields = ("branch",)
    list_select_related = ("branch", "unit", "two_new")
    date_hierarchy = "signed_on"
    exclude = ("recorded_by",)

    @admin.display(description=_("partner"))
    def partner_name(self, agreement):
        return agreement.partner

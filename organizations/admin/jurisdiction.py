"""The admin of the organizations around the tree: units, two-new and mass organizations."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from organizations import scoping
from organizations.admin.scoping import ScopedModelAdmin
from organizations.models import MassOrganization, TwoNewOrganization, UnitOrganization


def _territory_manage_scope(visible):
    def scope(user, qs):
        s = scoping.scope_for(user)
        q = scoping.territory_q(
            s.manage_street_ids, s.manage_community_ids, s.manage_grid_cell_ids, street=None
        )
        return visible(user, qs).filter(q) if q is not None else qs.none()

    return staticmethod(scope)


@admin.register(UnitOrganization)
class UnitOrganizationAdmin(ScopedModelAdmin):
    view_scope = staticmethod(scoping.visible_unit_organizations_for)
    manage_scope = _territory_manage_scope(scoping.visible_unit_organizations_for)
    list_display = ("name", "unit_kind", "community", "party_member_count", "contact_name")
    list_filter = ("unit_kind", ("community", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "party_organization_name", "contact_name")
    autocomplete_fields = ("community", "grid_cell")
    list_select_related = ("community",)


@admin.register(TwoNewOrganization)
class TwoNewOrganizationAdmin(ScopedModelAdmin):
    view_scope = staticmethod(scoping.visible_two_new_organizations_for)
    manage_scope = _territory_manage_scope(scoping.visible_two_new_organizations_for)
    list_display = (
        "name",
        "kind",
        "community",
        "party_member_count",
        "party_organization",
        "instructor_name",
        "covered",
    )
    list_filter = ("kind", ("community", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "credit_code", "instructor_name")
    autocomplete_fields = ("community", "grid_cell", "party_organization")
    list_select_related = ("community", "party_organization")

    @admin.display(description=_("covered"), boolean=True)
    def covered(self, obj):
        return obj.is_covered


@admin.register(MassOrganization)
class MassOrganizationAdmin(ScopedModelAdmin):
    view_scope = staticmethod(scoping.visible_mass_organizations_for)
    manage_scope = staticmethod(
        lambda user, qs: qs.filter(
            leading_organization__in=scoping.manageable_organizations_for(user)
        )
    )
    list_display = ("name", "kind", "leading_organization", "chair_name", "member_count")
    list_filter = ("kind",)
    search_fields = ("name", "chair_name", "leading_organization__name")
    autocomplete_fields = ("leading_organization",)
    list_select_related = ("leading_organization",)

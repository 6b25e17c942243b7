"""Choices: the rows of any model a user may pick for a related field (a select box, a filter, an id sent to the API)."""

from django.db.models import QuerySet

from grid.models import Community, GridCell, Street
from organizations.models import (
    MassOrganization,
    Organization,
    TwoNewOrganization,
    UnitOrganization,
)
from organizations.scoping.organizations import (
    visible_mass_organizations_for,
    visible_organizations_for,
    visible_two_new_organizations_for,
    visible_unit_organizations_for,
)
from organizations.scoping.records import scoped
from organizations.scoping.scope import scope_for
from organizations.scoping.territory import (
    visible_communities_for,
    visible_grid_cells_for,
    visible_streets_for,
)

# Models outside organizations register theirs from their apps' ready(); a model that belongs
# to an organization or a community is scoped by that field; other models are reference data
# everyone picks from (activity types, dues rates).

_CHOICES: dict[type, object] = {}


def register_choices(model, rows_for) -> None:
    """``rows_for(user, queryset) -> queryset``: the rows of ``model`` the user may choose."""
    _CHOICES[model] = rows_for


def _community_rows(user, qs: QuerySet) -> QuerySet:
    return qs.filter(pk__in=visible_communities_for(user).values("pk"))


def _street_rows(user, qs: QuerySet) -> QuerySet:
    return qs.filter(pk__in=visible_streets_for(user).values("pk"))


def _foreign_key_to(model, target) -> str | None:
    for field in model._meta.get_fields():
        if field.many_to_one and field.concrete and field.related_model is target:
            return field.name
    return None


def choices_for(user, queryset: QuerySet) -> QuerySet:
    """``queryset`` narrowed to the rows its model's choices allow the user."""
    model = queryset.model
    if scope_for(user).is_superuser:
        return queryset
    rows_for = {
        Organization: visible_organizations_for,
        GridCell: visible_grid_cells_for,
        Community: _community_rows,
        Street: _street_rows,
        UnitOrganization: visible_unit_organizations_for,
        TwoNewOrganization: visible_two_new_organizations_for,
        MassOrganization: visible_mass_organizations_for,
        **_CHOICES,
    }.get(model)
    if rows_for is not None:
        return rows_for(user, queryset)
    if field := _foreign_key_to(model, Organization):
        return scoped(user, queryset, org_field=field)
    if field := _foreign_key_to(model, Community):
        return queryset.filter(**{f"{field}__in": visible_communities_for(user).values("pk")})
    return queryset

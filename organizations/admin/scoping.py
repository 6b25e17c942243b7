"""Scoping for the Django admin: staff who are not superusers see and change only what
their posts reach, and an object outside their scope is a 404, like on the pages."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.http import Http404

from accounts.models import User
from grid.models import Community, GridCell, Street
from organizations import scoping
from organizations.models import Organization
from organizations.selectors import assignable_users_for

CHOICES_FOR_RELATED = {
    Organization: scoping.manageable_organizations_for,
    GridCell: scoping.manageable_grid_cells_for,
    Community: scoping.manageable_communities_for,
    Street: scoping.manageable_streets_for,
    User: assignable_users_for,
}


class _KnownIdsOnly:
    """An autocomplete that redisplays a refused form without looking up what was posted when
    it cannot be an id (text, or a number too big for the column): the form shows its error
    on the field instead."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if self._may_be_an_id(v)], attr)

    def _may_be_an_id(self, value) -> bool:
        opts = self.field.remote_field.model._meta
        target = opts.get_field(getattr(self.field.remote_field, "field_name", opts.pk.attname))
        try:
            target.run_validators(target.get_prep_value(target.to_python(value)))
        except (ValidationError, ValueError, TypeError):
            return False
        return True


class KnownIdsAutocompleteSelect(_KnownIdsOnly, AutocompleteSelect):
    pass


class KnownIdsAutocompleteSelectMultiple(_KnownIdsOnly, AutocompleteSelectMultiple):
    pass


class RelatedChoicesMixin:
    """Staff who are not superusers choose related rows (in select boxes and many-to-many
    widgets) among those their posts reach: ``related_choices(user, model)`` says which, from
    CHOICES_FOR_RELATED by default; an admin overrides it where its model needs other choices
    (None: leave the field as it is)."""

    def related_choices(self, user, model):
        limit = CHOICES_FOR_RELATED.get(model)
        return limit(user) if limit is not None else None

    def _limit(self, db_field, request, kwargs) -> dict:
        if not request.user.is_superuser:
            choices = self.related_choices(request.user, db_field.related_model)
            if choices is not None:
                kwargs["queryset"] = choices
        return kwargs

    def _autocomplete(self, db_field, request, kwargs, widget_class) -> dict:
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = widget_class(db_field, self.admin_site, using=kwargs.get("using"))
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = self._autocomplete(db_field, request, kwargs, KnownIdsAutocompleteSelect)
        return super().formfield_for_foreignkey(
            db_field, request, **self._limit(db_field, request, kwargs)
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs = self._autocomplete(db_field, request, kwargs, KnownIdsAutocompleteSelectMultiple)
        return super().formfield_for_manytomany(
            db_field, request, **self._limit(db_field, request, kwargs)
        )


class ScopedAdminMixin(RelatedChoicesMixin):
    """``view_scope(user, queryset)`` narrows what is listed and opened;
    ``manage_scope(user, queryset)`` narrows what may be changed or deleted."""

    view_scope = None
    manage_scope = None

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return self.view_scope(request.user, qs)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def _require_in_scope(self, request, object_id) -> None:
        """404 for an object outside the scope, before a view reads anything else about it:
        simple-history's pages fall back on the historical rows (which keep a deleted or
        out-of-scope object's every field) when ``get_queryset`` does not return it."""
        self.get_object(request, unquote(object_id))

    def history_view(self, request, object_id, extra_context=None):
        self._require_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_in_scope(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._require_in_scope(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._require_in_scope(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._may_view(request, obj)

    def _may_view(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        return self.view_scope(request.user, self.model._default_manager.filter(pk=obj.pk)).exists()

    def _may_manage(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        scope = self.manage_scope or self.view_scope
        return scope(request.user, self.model._default_manager.filter(pk=obj.pk)).exists()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_manage(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_manage(request, obj)


class ScopedModelAdmin(ScopedAdminMixin, admin.ModelAdmin):
    pass


class ScopedInlineMixin(RelatedChoicesMixin):
    pass

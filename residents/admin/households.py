"""Households in need, pairings and household visits in the admin: the categories of need
are edited here (reference data); households, residents, pairings, pairing visits and
household visits are read here, scoped by grid cell, and written on the pages, whose services
keep the household counts in step, check the helper's street and record the visits'
volunteer hours. ID numbers and phones are masked."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.privacy import mask_id_number, mask_phone
from grid.models import Household
from organizations import scoping
from organizations.admin.scoping import ScopedModelAdmin
from residents.models import HouseholdVisit, NeedCategory, Pairing, PairingVisit, ResidentInNeed


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _cells(user):
    return scoping.visible_grid_cells_for(user).values("pk")


def _households(user, queryset):
    return queryset.filter(grid_cell__in=_cells(user))


def _by_household(user, queryset):
    return queryset.filter(household__grid_cell__in=_cells(user))


def _by_pairing(user, queryset):
    return queryset.filter(pairing__household__grid_cell__in=_cells(user))


@admin.register(NeedCategory)
class NeedCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "order")
    ordering = ("order", "code")


@admin.register(Household)
class HouseholdAdmin(ReadOnlyMixin, ScopedModelAdmin):
    view_scope = staticmethod(_households)
    list_display = ("address", "grid_cell", "building", "size", "is_central_household")
    list_filter = ("is_central_household",)
    search_fields = ("address",)
    list_select_related = ("grid_cell", "building")


@admin.register(ResidentInNeed)
class ResidentInNeedAdmin(ReadOnlyMixin, ScopedModelAdmin):
    view_scope = staticmethod(_by_household)
    list_display = ("name", "household", "masked_id", "masked_phone", "status")
    list_filter = ("status", "categories")
    search_fields = ("name",)
    list_select_related = ("household",)
    fields = (
        "household",
        "name",
        "gender",
        "birth_year",
        "masked_id",
        "masked_phone",
        "needs",
        "status",
    )
    readonly_fields = fields

    @admin.display(description=_("ID number"))
    def masked_id(self, obj):
        return mask_id_number(obj.id_number)

    @admin.display(description=_("phone"))
    def masked_phone(self, obj):
        return mask_phone(obj.phone)


@admin.register(Pairing)
class PairingAdmin(ReadOnlyMixin, ScopedModelAdmin):
    view_scope = staticmethod(_by_household)
    list_display = ("household", "member", "organization", "unit", "started_on", "ended_on")
    list_select_related = ("household", "member", "organization", "unit")
    date_hierarchy = "started_on"


@admin.register(PairingVisit)
class PairingVisitAdmin(ReadOnlyMixin, ScopedModelAdmin):
    view_scope = staticmethod(_by_pairing)
    list_display = ("pairing", "visited_on", "member", "hours")
    list_select_related = ("pairing__household", "member")
    date_hierarchy = "visited_on"


@admin.register(HouseholdVisit)
class HouseholdVisitAdmin(ReadOnlyMixin, ScopedModelAdmin):
    view_scope = staticmethod(_by_household)
    list_display = ("household", "visited_on", "visitor", "problem")
    list_select_related = ("household", "visitor", "problem__category")
    search_fields = ("household__address",)
    date_hierarchy = "visited_on"

"""Schemes in the admin: a street's staff set up its schemes (categories, indicators with
their weights and reviewers, grade bands) with the services' checks; everyone else in the
street reads them. A published scheme is read-only."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from assessment.models import Category, GradeBand, Indicator, Scheme
from assessment.selectors.schemes import (
    scheme_categories,
    street_committees_managed_by,
    visible_schemes,
)
from assessment.services.computing import scheme_compute_request
from assessment.services.schemes import (
    bands_check,
    grade_bands_default,
    scheme_copy,
    scheme_open,
    weights_check,
)
from organizations import scoping
from organizations.admin.scoping import ScopedInlineMixin, ScopedModelAdmin


def _kept(formset):
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class IndicatorFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["category"].queryset = scheme_categories(self.instance)

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = _kept(self)
        if rows:  # a scheme being set up may have no indicators yet
            try:
                weights_check(row["weight"] for row in rows)
            except ValidationError as error:
                raise ValidationError(error.message_dict["weight"]) from error


class GradeBandFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        try:
            bands_check((r["order"], r["name"], r["min_total"]) for r in _kept(self))
        except ValidationError as error:
            raise ValidationError(error.message_dict["min_total"]) from error


class CategoryInline(ScopedInlineMixin, admin.TabularInline):
    model = Category
    extra = 0
    fields = ("name", "order")


class IndicatorInline(ScopedInlineMixin, admin.StackedInline):
    model = Indicator
    formset = IndicatorFormSet
    extra = 0
    fields = (
        ("category", "order"),
        "name",
        ("kind", "metric"),
        ("weight", "max_score", "target"),
        "reviewers",
    )


class GradeBandInline(ScopedInlineMixin, admin.TabularInline):
    model = GradeBand
    formset = GradeBandFormSet
    extra = 0
    fields = ("order", "name", "min_total", "incentive")


def _managed(user, queryset):
    return scoping.scoped_for_manage(user, queryset, org_field="organization")


@admin.register(Scheme)
class SchemeAdmin(ScopedModelAdmin):
    view_scope = staticmethod(visible_schemes)
    manage_scope = staticmethod(_managed)
    list_display = (
        "name",
        "organization",
        "level",
        "period_kind",
        "starts_on",
        "ends_on",
        "scoring_deadline",
        "state",
        "computed_at",
        "published_at",
    )
    list_filter = ("state", "level", "period_kind")
    search_fields = ("name",)
    list_select_related = ("organization",)
    date_hierarchy = "starts_on"
    fields = (
        "name",
        "organization",
        ("level", "rank_cadres"),
        "period_kind",
        ("starts_on", "ends_on"),
        "scoring_deadline",
        "state",
        ("computed_at", "published_at"),
        "copied_from",
    )
    readonly_fields = ("state", "computed_at", "published_at", "copied_from")
    inlines = [CategoryInline, IndicatorInline, GradeBandInline]
    actions = ["open_for_scoring", "compute_results", "copy_to_next_period"]

    def related_choices(self, user, model):
        if model is Scheme.organization.field.related_model:
            return street_committees_managed_by(user)
        return super().related_choices(user, model)

    def has_add_permission(self, request):
        if not super().has_add_permission(request):
            return False
        return request.user.is_superuser or street_committees_managed_by(request.user).exists()

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        grade_bands_default(scheme=form.instance)

    def _each(self, request, queryset, action, done):
        for scheme in queryset:
            try:
                action(scheme)
            except (ValidationError, PermissionDenied) as error:
                text = "; ".join(getattr(error, "messages", None) or [str(error)])
                self.message_user(request, f"{scheme}: {text}", messages.ERROR)
            else:
                self.message_user(request, done % {"scheme": scheme}, messages.SUCCESS)

    @admin.action(description=_("Open the selected schemes for scoring"))
    def open_for_scoring(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda scheme: scheme_open(user=request.user, scheme=scheme),
            _("%(scheme)s is open for scoring."),
        )

    @admin.action(description=_("Compute the indicators and results of the selected schemes"))
    def compute_results(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda scheme: scheme_compute_request(user=request.user, scheme=scheme),
            _("The computation of %(scheme)s is queued."),
        )

    @admin.action(description=_("Copy the selected schemes to the next period"))
    def copy_to_next_period(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda scheme: scheme_copy(user=request.user, scheme=scheme),
            _("%(scheme)s is copied to the next period."),
        )

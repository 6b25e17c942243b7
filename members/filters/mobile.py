"""The mobile member list's FilterSet, shared by the page and the API."""

import django_filters
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.forms import SEARCH_MAX_LENGTH, ScopedChoiceSelect
from members.models import MobileCategory, MobileDirection, MobileMember
from members.selectors.mobile import (
    census_organizations_for,
    no_permit_q,
    not_contacted_q,
    permit_expired_q,
    permit_expiring_q,
    should_transfer_q,
    thresholds,
)
from organizations import scoping
from organizations.models import Organization


class MobileMemberFilter(django_filters.FilterSet):
    STATE_CHOICES = (
        ("open", pgettext_lazy("record", "open")),
        ("ended", _("ended")),
        ("all", _("all")),
    )
    PERMIT_CHOICES = (
        ("expired", _("expired")),
        ("expiring", _("expiring soon")),
        ("none", _("outgoing without a permit")),
    )

    q = django_filters.CharFilter(method="search", label=_("Search"), max_length=SEARCH_MAX_LENGTH)
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.none(),
        method="below",
        label=_("organization"),
        widget=ScopedChoiceSelect,
    )
    category = django_filters.ChoiceFilter(
        choices=MobileCategory.choices, label=pgettext_lazy("mobile member category", "category")
    )
    direction = django_filters.ChoiceFilter(
        choices=MobileDirection.choices, label=pgettext_lazy("mobile member direction", "direction")
    )
    state = django_filters.ChoiceFilter(
        choices=STATE_CHOICES, method="keep", label=pgettext_lazy("record", "state")
    )
    not_contacted = django_filters.BooleanFilter(
        method="filter_not_contacted", label=_("not contacted for the reminder period")
    )
    permit = django_filters.ChoiceFilter(
        choices=PERMIT_CHOICES, method="filter_permit", label=_("permit")
    )
    should_transfer = django_filters.BooleanFilter(
        method="filter_should_transfer", label=_("should transfer the membership")
    )

    class Meta:
        model = MobileMember
        fields = ["q", "organization", "category", "direction", "state"]

    def __init__(self, data=None, queryset=None, *, request=None, organizations=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        if organizations is None:
            user = getattr(request, "user", None)
            organizations = census_organizations_for(user) if user else Organization.objects.none()
        self.filters["organization"].queryset = organizations
        self.form.fields["organization"].queryset = organizations

    @cached_property
    def limits(self):
        return thresholds()

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__contains=value)
            | Q(member__name__contains=value)
            | Q(member__name_initials__startswith=value.lower())
            | Q(whereabouts__contains=value)
        )

    def below(self, queryset, name, value):
        return queryset.filter(scoping.under_q(value)) if value else queryset

    def keep(self, queryset, name, value):
        return queryset

    def filter_not_contacted(self, queryset, name, value):
        if value is None:
            return queryset
        q = not_contacted_q(self.limits)
        return queryset.filter(q) if value else queryset.exclude(q)

    def filter_permit(self, queryset, name, value):
        q = {
            "expired": permit_expired_q(self.limits),
            "expiring": permit_expiring_q(self.limits),
            "none": no_permit_q(),
        }.get(value)
        return queryset.filter(q) if q is not None else queryset

    def filter_should_transfer(self, queryset, name, value):
        if value is None:
            return queryset
        q = should_transfer_q(self.limits)
        return queryset.filter(q) if value else queryset.exclude(q)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        state = self.form.cleaned_data.get("state") or "open"
        if state == "open":
            return queryset.filter(ended_on__isnull=True)
        if state == "ended":
            return queryset.filter(ended_on__isnull=False)
        return queryset

"""Elected committees of the organizations and their terms of 3 or 5 years."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from config.text import long_text
from organizations import rules
from organizations.models.tree import Organization, OrgKind
from policies.calendar import add_years
from policies.registry import values


class TermYears(models.IntegerChoices):
    THREE = 3, pgettext_lazy("term length", "3 years")
    FIVE = 5, pgettext_lazy("term length", "5 years")


class CommitteeTerm(models.Model):
    """One elected committee (支部委员会, 党委…) and its term of 3 or 5 years."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="committee_terms",
        verbose_name=_("organization"),
    )
    elected_on = models.DateField(_("elected on"))
    term_years = models.PositiveSmallIntegerField(
        _("term length"), choices=TermYears.choices, default=TermYears.THREE
    )
    ends_on = models.DateField(_("term ends on"), editable=False)
    seats = models.PositiveSmallIntegerField(_("committee members"))
    notes = long_text(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee term")
        verbose_name_plural = _("committee terms")
        ordering = ["organization", "-elected_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_years__in=[3, 5]),
                name="committee_term_is_3_or_5_years",
                violation_error_message=_("A committee term lasts 3 or 5 years."),
            ),
            models.UniqueConstraint(
                fields=["organization", "elected_on"],
                name="one_committee_election_per_day",
                violation_error_message=_("This organization already has a term elected that day."),
            ),
        ]
        indexes = [models.Index(fields=["ends_on"], name="committee_term_ends_on")]

    def __str__(self) -> str:
        return f"{self.organization} {self.elected_on:%Y-%m-%d} – {self.ends_on:%Y-%m-%d}"

    def save(self, *args, **kwargs) -> None:
        self.ends_on = self.compute_ends_on()
        super().save(*args, **kwargs)

    @property
    def is_current(self) -> bool:
        return self.elected_on <= timezone.localdate() < self.ends_on

    def compute_ends_on(self) -> datetime.date:
        return add_years(self.elected_on, self.term_years)

    def clean(self) -> None:
        if not self.organization_id or self.seats is None or not self.elected_on:
            return
        kind = self.organization.kind
        if kind == OrgKind.PARTY_GROUP:
            raise ValidationError(
                {"organization": _("A party group has a group leader, not a committee.")}
            )
        if kind == OrgKind.BRANCH:
            low = rules.BRANCH_COMMITTEE_MIN_SEATS
            high = rules.BRANCH_COMMITTEE_MAX_SEATS
        else:
            low, high = rules.COMMITTEE_MIN_SEATS, rules.COMMITTEE_MAX_SEATS
        figures = values(low, high)
        if not figures[low.key] <= self.seats <= figures[high.key]:
            raise ValidationError(
                {
                    "seats": _(
                        "A committee of a %(kind)s has %(low)s to %(high)s members; %(seats)s is not allowed."
                    )
                    % {
                        "kind": self.organization.get_kind_display(),
                        "low": figures[low.key],
                        "high": figures[high.key],
                        "seats": self.seats,
                    }
                }
            )
        # An early re-election simply starts a new term: the latest term is the one in force.
        self.ends_on = self.compute_ends_on()

"""Score sheets: an organization's indicators with their scores and the trace to the records,
and the sheets still missing scores."""

from dataclasses import dataclass, field

from django.http import Http404

from assessment.models import Indicator, Scheme, Score
from assessment.selectors.schemes import assessed_organizations
from organizations import scoping
from organizations.models import Organization


@dataclass(frozen=True)
class SheetRow:
    indicator: Indicator
    score: Score | None  # None: not scored yet


@dataclass(frozen=True)
class ScoreSheet:
    scheme: Scheme
    organization: Organization
    rows: list[SheetRow]
    missing: list[Indicator] = field(default_factory=list)

    @property
    def is_finished(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class UnfinishedSheet:
    organization: Organization
    missing: list[Indicator]


def scheme_indicators(scheme: Scheme) -> list[Indicator]:
    return list(
        Indicator.objects.filter(scheme=scheme)
        .select_related("category")
        .order_by("category__order", "category_id", "order", "pk")
    )


def score_sheet_for(user, scheme: Scheme, organization: Organization) -> ScoreSheet:
    """The sheet of an organization the user sees (404 otherwise, or when the scheme does not
    assess it); each computed score carries its measure and the path of its records."""
    visible = scoping.visible_organizations_for(user, assessed_organizations(scheme))
    if not visible.filter(pk=organization.pk).exists():
        raise Http404
    indicators = scheme_indicators(scheme)
    scores = {
        s.indicator_id: s
        for s in Score.objects.filter(scheme=scheme, organization=organization).select_related(
            "scored_by"
        )
    }
    rows = [SheetRow(indicator=i, score=scores.get(i.pk)) for i in indicators]
    missing = [row.indicator for row in rows if row.score is None]
    return ScoreSheet(scheme=scheme, organization=organization, rows=rows, missing=missing)


def unfinished_sheets(scheme: Scheme) -> list[UnfinishedSheet]:
    """Every assessed organization still missing a score, with the indicators it misses (three
    queries for any number of organizations)."""
    indicators = scheme_indicators(scheme)
    scored = set(Score.objects.filter(scheme=scheme).values_list("organization_id", "indicator_id"))
    sheets = []
    for organization in assessed_organizations(scheme):
        missing = [i for i in indicators if (organization.pk, i.pk) not in scored]
        if missing:
            sheets.append(UnfinishedSheet(organization=organization, missing=missing))
    return sheets

"""An organization's score sheet: each indicator with its weight, maximum, score and points,
the reason of a reviewed score and the measure of a computed one with the link to its
records; and, for a reviewer while the scheme is open, the form scoring a reviewed line."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment.forms.scores import ScoreForm
from assessment.models import Indicator, Scheme, SchemeState, Score
from assessment.selectors.results import results_for
from assessment.selectors.reviewers import get_indicator_of_scheme, indicators_reviewed_by
from assessment.selectors.schemes import get_scheme_for_user
from assessment.selectors.sheets import score_sheet_for
from assessment.services.results import points_of
from assessment.services.scores import score_record
from config.forms import add_service_errors
from organizations import scoping


@dataclass(frozen=True)
class Line:
    indicator: Indicator
    score: Score | None
    points: Decimal | None
    form: ScoreForm | None  # for a reviewer of the line while the scheme is open


def scoring_is_open(scheme: Scheme) -> bool:
    """The service's lock, said ahead so that the page offers no form it would refuse."""
    return scheme.state == SchemeState.OPEN and timezone.localdate() <= scheme.scoring_deadline


def _lines(request, sheet, bound: ScoreForm | None) -> list[Line]:
    reviewed = indicators_reviewed_by(request.user, sheet.scheme)
    open_ = scoring_is_open(sheet.scheme)
    lines = []
    for row in sheet.rows:
        indicator, score = row.indicator, row.score
        form = None
        if bound is not None and bound.indicator.pk == indicator.pk:
            form = bound  # a refused score is shown with its message, even on a locked sheet
        elif open_ and indicator.pk in reviewed:
            initial = {"value": score.value, "reason": score.reason} if score else None
            form = ScoreForm(indicator=indicator, initial=initial)
        points = points_of(score.value, indicator) if score else None
        lines.append(Line(indicator=indicator, score=score, points=points, form=form))
    return lines


def _sheet_page(request, scheme, organization, bound: ScoreForm | None = None):
    sheet = score_sheet_for(request.user, scheme, organization)
    result = results_for(request.user, scheme).filter(organization=organization).first()
    return render(
        request,
        "assessment/sheet.html",
        {
            "scheme": scheme,
            "organization": organization,
            "sheet": sheet,
            "lines": _lines(request, sheet, bound),
            "result": result,
            "printing": request.GET.get("print") == "1",
        },
    )


def _scheme_and_organization(request, scheme: int, organization: int):
    scheme = get_scheme_for_user(request.user, scheme)
    organization = scoping.get_organization_for_user(request.user, organization)
    return scheme, organization


@login_required
def sheet(request, scheme: int, organization: int):
    scheme, organization = _scheme_and_organization(request, scheme, organization)
    return _sheet_page(request, scheme, organization)


@login_required
@require_POST
def score(request, scheme: int, organization: int):
    scheme, organization = _scheme_and_organization(request, scheme, organization)
    score_sheet_for(request.user, scheme, organization)  # 404 for a sheet out of reach
    indicator = get_indicator_of_scheme(scheme, request.POST.get("indicator"))
    form = ScoreForm(request.POST, indicator=indicator)
    if form.is_valid():
        try:
            score_record(
                user=request.user,
                indicator=indicator,
                organization=organization,
                value=form.cleaned_data["value"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Score of %(indicator)s recorded.") % {"indicator": indicator.name}
            )
            return redirect("assessment:sheet", scheme=scheme.pk, organization=organization.pk)
    return _sheet_page(request, scheme, organization, bound=form)

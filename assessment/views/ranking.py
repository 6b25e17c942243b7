"""A scheme's ranking: the results the reader sees as a table and a bar chart of the totals,
its .xlsx export, and a print layout."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from assessment.excel import export_ranking
from assessment.selectors.results import cadre_results_for, results_for
from assessment.selectors.schemes import get_scheme_for_user
from assessment.views.publication import progress_of
from config.db_routers import figure_page
from organizations import scoping


def chart_data(results) -> dict:
    """The bar chart's series, in ranking order (numbers as floats for the browser)."""
    return {
        "organizations": [result.organization.name for result in results],
        "totals": [float(result.total) for result in results],
    }


@login_required
@figure_page
def ranking(request, scheme: int):
    scheme = get_scheme_for_user(request.user, scheme)
    results = list(results_for(request.user, scheme))
    return render(
        request,
        "assessment/ranking.html",
        {
            "scheme": scheme,
            "results": results,
            "chart": chart_data(results),
            "cadre_results": list(cadre_results_for(request.user, scheme))
            if scheme.rank_cadres
            else [],
            "manages": scoping.can_manage_organization(request.user, scheme.organization),
            "progress": progress_of(scheme),
            "printing": request.GET.get("print") == "1",
        },
    )


@login_required
@figure_page
def ranking_export(request, scheme: int):
    scheme = get_scheme_for_user(request.user, scheme)
    return export_ranking(
        scheme, results_for(request.user, scheme), cadre_results_for(request.user, scheme)
    )

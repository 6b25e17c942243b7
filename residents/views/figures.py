"""The residents' figures: per grid cell and community the user sees, households in need,
pairing, problems and satisfaction for a period, on a page and as a workbook."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from config.db_routers import figure_page
from residents.excel import export_figures
from residents.forms.figures import FiguresFilterForm
from residents.selectors.figures import figures_for


def _figures(request):
    """The filter form and, when it is valid, the figures it asks for."""
    form = FiguresFilterForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return form, None
    community = form.cleaned_data.get("community") if form.is_bound else None
    date_from, date_to = form.period()
    return form, figures_for(request.user, date_from, date_to, community=community)


@login_required
@figure_page
def figures_page(request):
    form, figures = _figures(request)
    return render(
        request,
        "residents/figures.html",
        {"form": form, "figures": figures, "query": request.GET.urlencode()},
    )


@login_required
@figure_page
def figures_export(request):
    form, figures = _figures(request)
    if figures is None:
        return render(
            request, "residents/figures.html", {"form": form, "figures": None}, status=400
        )
    return export_figures(figures)

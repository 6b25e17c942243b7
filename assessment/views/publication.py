"""A street's own actions on its scheme: computing the results in the background (the request,
and the progress the ranking page polls while it runs) and publishing them, with the sheets
still unfinished named before the street confirms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from assessment.forms.publication import PublishForm
from assessment.selectors.schemes import get_scheme_for_user
from assessment.selectors.sheets import unfinished_sheets
from assessment.services.computing import scheme_compute_request
from assessment.services.results import scheme_publish
from config.forms import add_service_errors
from organizations import scoping

UNSENT = _lazy(
    "The task queue cannot be reached just now: the computation is recorded and starts by "
    "itself when the queue is back, within a minute or two of it."
)


def progress_of(scheme) -> dict:
    """What the ranking page shows of the computation, as numbers and translated words."""
    done, total = scheme.computing_done, scheme.computing_total
    return {
        "state": scheme.computing_state,
        "state_display": scheme.get_computing_state_display(),
        "running": scheme.is_computing,
        "unsent": scheme.computing_unsent,
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 0,
        "error": scheme.computing_error,
        "computed_at": scheme.computed_at.isoformat() if scheme.computed_at else None,
    }


def _managed_scheme(request, pk: int):
    """The scheme, 404 out of the user's streets, 403 for a reader who does not own it."""
    scheme = get_scheme_for_user(request.user, pk)
    if not scoping.can_manage_organization(request.user, scheme.organization):
        raise PermissionDenied(_("Only the street that owns a scheme changes it."))
    return scheme


@login_required
def progress(request, scheme: int):
    return JsonResponse(progress_of(get_scheme_for_user(request.user, scheme)))


@login_required
@require_POST
def compute(request, scheme: int):
    scheme = _managed_scheme(request, scheme)
    try:
        scheme = scheme_compute_request(user=request.user, scheme=scheme)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if scheme.computing_unsent:
            messages.warning(request, UNSENT)
            return redirect("assessment:ranking", scheme=scheme.pk)
        messages.success(
            request, _("The results are being computed; this page shows the progress.")
        )
    return redirect("assessment:ranking", scheme=scheme.pk)


@login_required
def publish(request, scheme: int):
    scheme = _managed_scheme(request, scheme)
    form = PublishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            scheme_publish(user=request.user, scheme=scheme, confirm=form.cleaned_data["confirm"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The results are published."))
            return redirect("assessment:ranking", scheme=scheme.pk)
    return render(
        request,
        "assessment/publish.html",
        {"scheme": scheme, "form": form, "unfinished": unfinished_sheets(scheme)},
    )

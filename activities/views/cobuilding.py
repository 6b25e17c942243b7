"""Co-building pages: a community's three lists and its branches' pairing agreements, a
project with its units and activities, and the forms that change them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activities.forms.cobuilding import (
    AgreementEndForm,
    AgreementForm,
    NeedForm,
    ProjectForm,
    ProjectUnitForm,
    ResourceForm,
)
from activities.selectors import cobuilding as selectors
from activities.services import cobuilding as services
from config.forms import add_service_errors
from organizations import scoping

ORDER = ("street__code", "code", "id")


def _overview_url(community_id: int, anchor: str = "") -> str:
    url = f"{reverse('activities:cobuilding')}?community={community_id}"
    return f"{url}#{anchor}" if anchor else url


def _community_from_query(request):
    """The community named by ``?community=``: 404 if the user does not see its lists."""
    pk = request.GET.get("community") or request.POST.get("community")
    if not pk:
        raise Http404
    return selectors.get_community_for_user(request.user, pk)


def _managed_community_from_query(request):
    community = _community_from_query(request)
    if not selectors.can_manage_community(request.user, community):
        raise PermissionDenied
    return community


def _managed(request, row):
    """``row`` (a need, resource or project) if the user manages its community; else 403."""
    if not selectors.can_manage_community(request.user, row.community_id):
        raise PermissionDenied
    return row


@login_required
def cobuilding(request):
    communities = list(selectors.cobuilding_communities_for(request.user).order_by(*ORDER))
    pk = request.GET.get("community")
    if pk:
        community = selectors.get_community_for_user(request.user, pk)
    else:
        community = selectors.default_community_for(request.user)
    overview = selectors.community_overview(request.user, community) if community else None
    may_pair = (
        community is not None and selectors.pairing_branches_for(request.user, community).exists()
    )
    return render(
        request,
        "activities/cobuilding/overview.html",
        {
            "communities": communities,
            "community": community,
            "overview": overview,
            "may_pair": may_pair,
        },
    )


def _form_page(request, form, *, title, community, back, submit=None):
    return render(
        request,
        "activities/cobuilding/form.html",
        {
            "form": form,
            "title": title,
            "community": community,
            "back": back,
            "submit": submit or _("Save"),
        },
    )


def _save(request, form, save, *, message, to):
    """A valid POST: ``save(cleaned_data)``, then the success ``message`` and a redirect to
    ``to`` (each a text, or a function of what ``save`` returned); a refusal of the service
    goes onto the form. None when the form page is to be shown (again), which the caller
    renders after this call: a bound model form has changed its instance, and a title that
    names the instance shows what was posted."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    messages.success(request, message(saved) if callable(message) else message)
    return redirect(to(saved) if callable(to) else to)


def _project_url(project) -> str:
    return reverse("activities:project_detail", kwargs={"pk": project.pk})


@login_required
def need_create(request):
    community = _managed_community_from_query(request)
    form = NeedForm(request.POST or None)
    back = _overview_url(community.pk, "needs")
    return _save(
        request,
        form,
        lambda data: services.need_create(user=request.user, community=community, **data),
        message=lambda need: _("Need recorded: %(title)s.") % {"title": need.title},
        to=back,
    ) or _form_page(request, form, title=_("Record a need"), community=community, back=back)


@login_required
def need_edit(request, pk: int):
    need = _managed(request, selectors.get_need_for_user(request.user, pk))
    form = NeedForm(request.POST or None, instance=need)
    back = _overview_url(need.community_id, "needs")
    return _save(
        request,
        form,
        lambda data: services.need_update(user=request.user, need=need, **data),
        message=_("Need saved."),
        to=back,
    ) or _form_page(request, form, title=_("Change a need"), community=need.community, back=back)


@login_required
def resource_create(request):
    community = _managed_community_from_query(request)
    form = ResourceForm(
        request.POST or None, units=selectors.partner_units_for(request.user, community)
    )
    back = _overview_url(community.pk, "resources")
    return _save(
        request,
        form,
        lambda data: services.resource_create(user=request.user, **data),
        message=_("Resource recorded."),
        to=back,
    ) or _form_page(
        request,
        form,
        title=_("Record a resource offered by a unit"),
        community=community,
        back=back,
    )


@login_required
def resource_edit(request, pk: int):
    resource = _managed(request, selectors.get_resource_for_user(request.user, pk))
    form = ResourceForm(request.POST or None, instance=resource)
    back = _overview_url(resource.community_id, "resources")
    return _save(
        request,
        form,
        lambda data: services.resource_update(user=request.user, resource=resource, **data),
        message=_("Resource saved."),
        to=back,
    ) or _form_page(
        request,
        form,
        title=_("Change a resource of %(unit)s") % {"unit": resource.unit.name},
        community=resource.community,
        back=back,
    )


@login_required
def project_create(request):
    community = _managed_community_from_query(request)
    form = ProjectForm(request.POST or None, community=community)
    return _save(
        request,
        form,
        lambda data: services.project_create(user=request.user, community=community, **data),
        message=_("Project recorded: add the units taking part."),
        to=_project_url,
    ) or _form_page(
        request,
        form,
        title=_("Record a co-building project"),
        community=community,
        back=_overview_url(community.pk, "projects"),
    )


@login_required
def project_edit(request, pk: int):
    project = _managed(request, selectors.get_project_for_user(request.user, pk))
    form = ProjectForm(request.POST or None, instance=project, community=project.community)
    return _save(
        request,
        form,
        lambda data: services.project_update(user=request.user, project=project, **data),
        message=_("Project saved."),
        to=_project_url(project),
    ) or _form_page(
        request,
        form,
        title=_("Change the project %(title)s") % {"title": project.title},
        community=project.community,
        back=_project_url(project),
    )


def _unit_choices(request, project):
    return selectors.joinable_units_for(request.user, project)


def _render_project(request, project, unit_form=None, status=200):
    detail = selectors.project_detail(request.user, project)
    if detail.can_manage and unit_form is None:
        unit_form = ProjectUnitForm(units=_unit_choices(request, project))
    return render(
        request,
        "activities/cobuilding/project_detail.html",
        {"detail": detail, "project": project, "unit_form": unit_form},
        status=status,
    )


@login_required
def project_detail(request, pk: int):
    project = selectors.get_project_for_user(request.user, pk)
    return _render_project(request, project)


@login_required
@require_POST
def project_unit_add(request, pk: int):
    project = _managed(request, selectors.get_project_for_user(request.user, pk))
    form = ProjectUnitForm(request.POST, units=_unit_choices(request, project))
    return _save(
        request,
        form,
        lambda data: services.project_unit_add(user=request.user, project=project, **data),
        message=_("The unit takes part in the project."),
        to=_project_url(project),
    ) or _render_project(request, project, unit_form=form)


@login_required
@require_POST
def project_unit_remove(request, pk: int):
    participant = selectors.get_participant_for_user(request.user, pk)
    if not selectors.can_manage_community(request.user, participant.project.community_id):
        raise PermissionDenied
    services.project_unit_remove(user=request.user, participant=participant)
    messages.success(
        request, _("%(unit)s no longer takes part in the project.") % {"unit": participant.unit}
    )
    return redirect("activities:project_detail", pk=participant.project_id)


@login_required
def agreement_create(request):
    community = None
    if request.GET.get("community") or request.POST.get("community"):
        community = _community_from_query(request)
    branches = selectors.pairing_branches_for(request.user, community)
    if not branches.exists():
        raise PermissionDenied
    form = AgreementForm(
        request.POST or None,
        branches=branches,
        units=selectors.partner_units_for(request.user, community),
        two_new=selectors.partner_two_new_for(request.user, community),
    )
    back = (
        _overview_url(community.pk, "agreements") if community else reverse("activities:cobuilding")
    )
    return _save(
        request,
        form,
        lambda data: services.agreement_create(user=request.user, **data),
        message=_("Pairing agreement recorded."),
        to=lambda agreement: _overview_url(agreement.branch.community_id, "agreements"),
    ) or _form_page(
        request, form, title=_("Record a pairing agreement"), community=community, back=back
    )


@login_required
@require_POST
def agreement_end(request, pk: int):
    agreement = selectors.get_agreement_for_user(request.user, pk)
    if not scoping.can_manage_organization(request.user, agreement.branch):
        raise PermissionDenied
    form = AgreementEndForm(request.POST)
    ended_on = form.cleaned_data.get("ended_on") if form.is_valid() else None
    if not form.is_valid():
        for texts in form.errors.values():
            for text in texts:
                messages.error(request, text)
    else:
        try:
            services.agreement_end(user=request.user, agreement=agreement, ended_on=ended_on)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("The agreement has ended."))
    return redirect(_overview_url(agreement.branch.community_id, "agreements"))

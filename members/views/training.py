"""Training pages: courses, a course with its sessions and attendance, class hours per year."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.forms import add_service_errors
from members.forms.training import AttendanceForm, CourseForm, SessionForm
from members.models import TrainingLevel
from members.selectors.training import (
    attendance_branches_for,
    attendance_candidates_for,
    course_list_for,
    course_sessions,
    get_course_for_user,
    get_session_for_user,
    plannable_organizations_for,
    requirements,
    session_attendance_for,
    training_hours_for,
    training_summary_for,
)
from members.services.training import attendance_update, course_create, session_add
from organizations import scoping
from organizations.filters import FIRST_YEAR, LAST_YEAR

PAGE_SIZE = 50


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def course_list(request):
    year = _int(request.GET.get("year"))
    level = request.GET.get("level") if request.GET.get("level") in TrainingLevel.values else None
    page = Paginator(course_list_for(request.user, year=year, level=level), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    scope = scoping.scope_for(request.user)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/training/course_list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "levels": TrainingLevel.choices,
            "year": year,
            "level": level,
            "can_plan": scope.may_manage_any,
            "this_year": timezone.localdate().year,
        },
    )


@login_required
def course_create_view(request):
    organizations = plannable_organizations_for(request.user)
    if not scoping.scope_for(request.user).may_manage_any:
        raise PermissionDenied
    form = CourseForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            course = course_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Course planned."))
            return redirect("members:training_course", pk=course.pk)
    return render(request, "members/training/course_form.html", {"form": form})


def _selected_session(sessions, pk):
    if pk is not None:
        for session in sessions:
            if session.pk == pk:
                return session
        raise Http404
    today = timezone.localdate()
    held = [s for s in sessions if s.held_on <= today]
    return held[-1] if held else None


def _may_record(user) -> bool:
    return scoping.scope_for(user).may_manage_any


@login_required
def course_detail(request, pk: int):
    course = get_course_for_user(request.user, pk)
    sessions = course_sessions(course)
    session = _selected_session(sessions, _int(request.GET.get("session")))
    can_manage = scoping.can_manage_path(request.user, course.organization.path)
    branch_pk = _int(request.GET.get("branch"))
    context = {
        "course": course,
        "sessions": sessions,
        "session": session,
        "can_manage": can_manage,
        "session_form": SessionForm() if can_manage else None,
        "branch": branch_pk,
        "today": timezone.localdate(),
    }
    if session is not None:
        attendance = list(session_attendance_for(request.user, session))
        context["attendance"] = attendance
        if session.held_on <= context["today"] and _may_record(request.user):
            context["attendance_form"] = AttendanceForm(
                initial={"present": [a.member_id for a in attendance]},
                candidates=attendance_candidates_for(request.user, course, branch_pk),
            )
            context["branches"] = attendance_branches_for(request.user, course)
    return render(request, "members/training/course_detail.html", context)


@login_required
@require_POST
def session_add_view(request, pk: int):
    course = get_course_for_user(request.user, pk)
    if not scoping.can_manage_path(request.user, course.organization.path):
        raise PermissionDenied
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            session = session_add(actor=request.user, course=course, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Session added."))
            url = reverse("members:training_course", kwargs={"pk": course.pk})
            return redirect(f"{url}?session={session.pk}")
    sessions = course_sessions(course)
    return render(
        request,
        "members/training/course_detail.html",
        {
            "course": course,
            "sessions": sessions,
            "session": None,
            "can_manage": True,
            "session_form": form,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def attendance_view(request, pk: int):
    session = get_session_for_user(request.user, pk)
    if not _may_record(request.user):
        raise PermissionDenied
    branch_pk = _int(request.POST.get("branch"))
    candidates = attendance_candidates_for(request.user, session.course, branch_pk)
    form = AttendanceForm(request.POST, candidates=candidates)
    url = reverse("members:training_course", kwargs={"pk": session.course_id})
    query = f"?session={session.pk}" + (f"&branch={branch_pk}" if branch_pk else "")
    if form.is_valid():
        try:
            change = attendance_update(
                actor=request.user,
                session=session,
                shown=candidates.values_list("pk", flat=True),
                present=[m.pk for m in form.cleaned_data["present"]],
                hours=form.cleaned_data["hours"],
            )
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(
                request,
                _("Attendance saved: %(created)s added, %(updated)s changed, %(removed)s removed.")
                % {"created": change.created, "updated": change.updated, "removed": change.removed},
            )
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    return redirect(url + query)


@login_required
def hours_current(request):
    return redirect("members:training_hours", year=timezone.localdate().year)


@login_required
def hours(request, year: int):
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    figures = requirements()
    short_only = request.GET.get("short") == "1"
    qs = training_hours_for(request.user, year, short_only=short_only, figures=figures)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/training/hours.html",
        {
            "year": year,
            "page": page,
            "query": query.urlencode(),
            "short_only": short_only,
            "member_hours": figures[0],
            "cadre_hours": figures[1],
            "summary": training_summary_for(request.user, year, figures=figures),
        },
    )

"""Attendance of a training session from Excel: template, upload with preview, confirm, cancel.

The same steps as the member and dues imports; the preview is a dry run of
``attendance_record`` and the confirmation writes every row or none.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.excel import pending
from members.excel.engine import ImportFileError
from members.excel.training import (
    MAX_ROWS,
    AttendanceUpload,
    read_training_upload,
    training_template,
)
from members.forms.excel import UploadForm
from members.models import TrainingSession
from members.selectors.training import get_session_for_user
from members.views.excel import preview_rows, reread_kept_upload
from organizations import scoping


def _session(request, pk: int) -> TrainingSession:
    """The session to import for: 404 when its course is out of sight, 403 for a user who
    may record no attendance (a read-only role)."""
    session = get_session_for_user(request.user, pk)
    if not (
        request.user.has_perm("members.add_trainingattendance")
        and scoping.scope_for(request.user).may_manage_any
    ):
        raise PermissionDenied
    return session


def _kind(session) -> str:
    return f"training-{session.pk}"


def _context(session) -> dict:
    urls = {
        f"{name}_url": reverse(f"members:import_training{suffix}", args=[session.pk])
        for name, suffix in (
            ("upload", ""),
            ("template", "_template"),
            ("confirm", "_confirm"),
            ("cancel", "_cancel"),
        )
    }
    course_url = reverse("members:training_course", args=[session.course_id])
    return {"session": session, "course_url": f"{course_url}?session={session.pk}", **urls}


def _preview(request, session, upload: AttendanceUpload, kept, *, note=""):
    return render(
        request,
        "members/excel/training_preview.html",
        {
            "upload": upload,
            "sheet": upload.sheet,
            "rows": preview_rows(upload.sheet),
            "pending": kept,
            "note": note,
            **_context(session),
        },
    )


@login_required
def training_template_download(request, pk: int):
    return training_template(_session(request, pk))


@login_required
def training_upload(request, pk: int):
    session = _session(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None, max_rows=MAX_ROWS)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = read_training_upload(upload, actor=request.user, session=session)
        except ImportFileError as exc:
            form.add_error("file", exc.message)
        else:
            kind = _kind(session)
            pending.discard(request, kind)
            kept = pending.keep(request, kind, upload) if result.sheet.is_valid else None
            return _preview(request, session, result, kept)
    return render(
        request, "members/excel/training_upload.html", {"form": form, **_context(session)}
    )


@login_required
@require_POST
def training_confirm(request, pk: int):
    session = _session(request, pk)
    kind = _kind(session)
    result, retry = reread_kept_upload(
        request,
        kind,
        lambda stored: read_training_upload(
            stored, actor=request.user, session=session, commit=True
        ),
        retry_url=reverse("members:import_training", kwargs={"pk": session.pk}),
    )
    if retry is not None:
        return retry
    pending.discard(request, kind)
    if not result.written:
        return _preview(
            request, session, result, None, note=_("The attendance changed since the preview.")
        )
    messages.success(
        request,
        _(
            "Attendance saved: %(created)s added, %(updated)s changed, %(unchanged)s already recorded."
        )
        % {
            "created": result.change.created,
            "updated": result.change.updated,
            "unchanged": result.unchanged,
        },
    )
    return redirect(_context(session)["course_url"])


@login_required
@require_POST
def training_cancel(request, pk: int):
    session = _session(request, pk)
    pending.discard(request, _kind(session))
    messages.info(request, _("The import was cancelled; nothing was saved."))
    return redirect("members:import_training", pk=session.pk)

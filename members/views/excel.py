"""Member import from Excel (template, upload with preview, confirm, cancel) and export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from members.errors import RowWriteError
from members.excel import pending
from members.excel.engine import ImportFileError, ParsedSheet
from members.excel.members import MAX_ROWS, export_members, member_template, read_member_upload
from members.filters.roll import MemberFilter
from members.forms.excel import UploadForm
from members.selectors.roll import member_list_for
from members.services.excel_import import members_import
from organizations import scoping

KIND = "members"


def _check_may_import(user) -> None:
    """Only holders of a post that may manage add members; read-only roles get 403."""
    if not (user.has_perm("members.add_member") and scoping.scope_for(user).may_manage_any):
        raise PermissionDenied


def preview_rows(sheet: ParsedSheet) -> list:
    """Each row with its cells as (text, whether the cell has an error), for the preview."""
    return [
        (
            row,
            [
                (text, column.key in row.error_keys)
                for text, column in zip(row.cells, sheet.columns, strict=True)
            ],
        )
        for row in sheet.rows
    ]


def reread_kept_upload(request, kind: str, read, *, retry_url: str):
    """The upload kept at the preview, read and checked again with ``read(file)`` (the data
    may have changed since). Returns ``(result, None)``, or ``(None, redirect)`` with the
    message when the preview is out of date or the file no longer reads; the caller
    discards the upload once it is done with it."""
    upload = pending.find(request, kind, request.POST.get("token"))
    if upload is None:
        messages.error(
            request,
            _(
                "This preview is out of date or was replaced by another upload; upload the file again."
            ),
        )
        return None, redirect(retry_url)
    try:
        with upload.open() as stored:
            return read(stored), None
    except ImportFileError as exc:
        pending.discard(request, kind)
        messages.error(request, exc.message)
        return None, redirect(retry_url)


def _urls() -> dict:
    return {
        "template_url": reverse("members:import_members_template"),
        "upload_url": reverse("members:import_members"),
        "confirm_url": reverse("members:import_members_confirm"),
        "cancel_url": reverse("members:import_members_cancel"),
    }


def _preview(request, sheet: ParsedSheet, upload: pending.PendingUpload | None, *, note=""):
    return render(
        request,
        "members/excel/preview.html",
        {"sheet": sheet, "rows": preview_rows(sheet), "pending": upload, "note": note, **_urls()},
    )


@login_required
def member_template_download(request):
    _check_may_import(request.user)
    return member_template()


@login_required
def member_upload(request):
    _check_may_import(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, max_rows=MAX_ROWS)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            sheet = read_member_upload(upload, actor=request.user)
        except ImportFileError as exc:
            form.add_error("file", exc.message)
        else:
            pending.discard(request, KIND)
            # only a file that may be written is kept for the confirmation
            kept = pending.keep(request, KIND, upload) if sheet.is_valid else None
            return _preview(request, sheet, kept)
    return render(request, "members/excel/upload.html", {"form": form, **_urls()})


@login_required
@require_POST
def member_confirm(request):
    _check_may_import(request.user)
    # read and check the stored file again: the roll may have changed since the preview
    sheet, retry = reread_kept_upload(
        request,
        KIND,
        lambda stored: read_member_upload(stored, actor=request.user),
        retry_url=reverse("members:import_members"),
    )
    if retry is not None:
        return retry
    if not sheet.is_valid:
        pending.discard(request, KIND)
        return _preview(request, sheet, None, note=_("The roll changed since the preview."))
    try:
        created = members_import(
            actor=request.user, rows=[(row.row_number, row.values) for row in sheet.rows]
        )
    except RowWriteError as exc:
        pending.discard(request, KIND)
        failed = next(row for row in sheet.rows if row.row_number == exc.row_number)
        failed.add_validation_error(exc.error, sheet.columns)
        return _preview(request, sheet, None, note=_("The roll changed since the preview."))
    pending.discard(request, KIND)
    messages.success(
        request,
        ngettext(
            "%(count)d member was added to the roll.",
            "%(count)d members were added to the roll.",
            len(created),
        )
        % {"count": len(created)},
    )
    return redirect("members:list")


@login_required
@require_POST
def member_cancel(request):
    pending.discard(request, KIND)
    messages.info(request, _("The import was cancelled; nothing was saved."))
    return redirect("members:import_members")


@login_required
def member_export(request):
    """The member list with the list page's filters, as .xlsx; ``unmask=1`` for those allowed."""
    if scoping.scope_for(request.user).is_empty:
        raise PermissionDenied
    member_filter = MemberFilter(
        request.GET, queryset=member_list_for(request.user), user=request.user
    )
    return export_members(
        actor=request.user, queryset=member_filter.qs, unmask=request.GET.get("unmask") == "1"
    )

"""Dues import from Excel for one organization: template, upload with preview, confirm, cancel.

The same steps as the member import (``members.views.excel``): the preview is a dry run of
the dues services; the confirmation reads the kept file again and writes every row or none.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from members.dates import parse_month
from members.excel import pending
from members.excel.dues import MAX_ROWS, DuesUpload, dues_template, read_dues_upload
from members.excel.engine import ImportFileError
from members.forms.excel import UploadForm
from members.selectors.dues import dues_organization_for
from members.views.excel import preview_rows, reread_kept_upload
from organizations import scoping


def _organization(request, org_pk: int):
    """The organization to import into: 404 outside the scope, 403 for a read-only role."""
    organization = dues_organization_for(request.user, org_pk)
    if not (
        request.user.has_perm("members.add_duespayment")
        and scoping.can_manage_organization(request.user, organization)
    ):
        raise PermissionDenied
    return organization


def _kind(organization) -> str:
    return f"dues-{organization.pk}"


def _urls(organization) -> dict:
    return {
        f"{name}_url": reverse(f"members:import_dues{suffix}", args=[organization.pk])
        for name, suffix in (
            ("upload", ""),
            ("template", "_template"),
            ("confirm", "_confirm"),
            ("cancel", "_cancel"),
        )
    }


def _preview(request, organization, upload: DuesUpload, kept, *, note=""):
    return render(
        request,
        "members/excel/dues_preview.html",
        {
            "organization": organization,
            "sheet": upload.sheet,
            "rows": preview_rows(upload.sheet),
            "pending": kept,
            "note": note,
            **_urls(organization),
        },
    )


@login_required
def dues_template_download(request, org_pk: int):
    _organization(request, org_pk)
    return dues_template()


@login_required
def dues_upload(request, org_pk: int):
    organization = _organization(request, org_pk)
    form = UploadForm(request.POST or None, request.FILES or None, max_rows=MAX_ROWS)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = read_dues_upload(upload, actor=request.user, organization=organization)
        except ImportFileError as exc:
            form.add_error("file", exc.message)
        else:
            kind = _kind(organization)
            pending.discard(request, kind)
            # only a file that may be written is kept for the confirmation
            kept = pending.keep(request, kind, upload) if result.sheet.is_valid else None
            return _preview(request, organization, result, kept)
    try:
        back_month = parse_month(request.GET.get("month", ""))
    except ValueError:
        back_month = None
    return render(
        request,
        "members/excel/dues_upload.html",
        {
            "form": form,
            "organization": organization,
            "back_month": back_month,
            **_urls(organization),
        },
    )


@login_required
@require_POST
def dues_confirm(request, org_pk: int):
    organization = _organization(request, org_pk)
    kind = _kind(organization)
    # the file is read and checked again: the ledger may have changed since the preview
    result, retry = reread_kept_upload(
        request,
        kind,
        lambda stored: read_dues_upload(
            stored, actor=request.user, organization=organization, commit=True
        ),
        retry_url=reverse("members:import_dues", kwargs={"org_pk": organization.pk}),
    )
    if retry is not None:
        return retry
    pending.discard(request, kind)
    if not result.written:
        return _preview(
            request, organization, result, None, note=_("The ledger changed since the preview.")
        )
    count = len(result.sheet.rows)
    messages.success(
        request,
        ngettext("%(count)d payment was recorded.", "%(count)d payments were recorded.", count)
        % {"count": count},
    )
    return redirect("members:dues_month", org_pk=organization.pk, month=result.months[-1])


@login_required
@require_POST
def dues_cancel(request, org_pk: int):
    organization = _organization(request, org_pk)
    pending.discard(request, _kind(organization))
    messages.info(request, _("The import was cancelled; nothing was saved."))
    return redirect("members:import_dues", org_pk=organization.pk)

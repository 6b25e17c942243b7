"""The upload form of the Excel imports."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.excel.engine import MAX_UPLOAD_BYTES, ImportFileError, check_upload_size


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel workbook (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, max_rows: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("At most %(mb)d MB and %(rows)d rows.") % {
            "mb": MAX_UPLOAD_BYTES // 1024 // 1024,
            "rows": max_rows,
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # the size is known from the request; nothing opens a file that is too big
        try:
            check_upload_size(upload)
        except ImportFileError as exc:
            raise ValidationError(exc.message) from exc
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(
                _(
                    "Choose an Excel workbook ending in .xlsx (save older .xls or .csv files as .xlsx)."
                )
            )
        return upload

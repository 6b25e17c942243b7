"""URLs of the Excel imports (member roll, dues, training attendance)."""

from django.urls import path

from members.views import excel, excel_dues, excel_training

urlpatterns = [
    path("members/", excel.member_upload, name="import_members"),
    path("members/template.xlsx", excel.member_template_download, name="import_members_template"),
    path("members/confirm/", excel.member_confirm, name="import_members_confirm"),
    path("members/cancel/", excel.member_cancel, name="import_members_cancel"),
    path("members/export.xlsx", excel.member_export, name="import_members_export"),
    path("dues/<int:org_pk>/", excel_dues.dues_upload, name="import_dues"),
    path(
        "dues/<int:org_pk>/template.xlsx",
        excel_dues.dues_template_download,
        name="import_dues_template",
    ),
    path("dues/<int:org_pk>/confirm/", excel_dues.dues_confirm, name="import_dues_confirm"),
    path("dues/<int:org_pk>/cancel/", excel_dues.dues_cancel, name="import_dues_cancel"),
    path("training/sessions/<int:pk>/", excel_training.training_upload, name="import_training"),
    path(
        "training/sessions/<int:pk>/template.xlsx",
        excel_training.training_template_download,
        name="import_training_template",
    ),
    path(
        "training/sessions/<int:pk>/confirm/",
        excel_training.training_confirm,
        name="import_training_confirm",
    ),
    path(
        "training/sessions/<int:pk>/cancel/",
        excel_training.training_cancel,
        name="import_training_cancel",
    ),
]

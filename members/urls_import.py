from django.urls import path

from members.views import excel

urlpatterns = [
    path("members/", excel.member_upload, name="import_members"),
    path("members/template.xlsx", excel.member_template_download, name="import_members_template"),
    path("members/confirm/", excel.member_confirm, name="import_members_confirm"),
    path("members/cancel/", excel.member_cancel, name="import_members_cancel"),
    path("members/export.xlsx", excel.member_export, name="import_members_export"),
]

"""URLs of the member roll pages."""

from django.urls import path

from members.views import excel, roll

urlpatterns = [
    path("", roll.member_list, name="list"),
    path("new/", roll.member_add, name="add"),
    path("search/", roll.member_search, name="search"),
    path("export.xlsx", excel.member_export, name="export"),
    path("<int:pk>/", roll.member_detail, name="detail"),
    path("<int:pk>/edit/", roll.member_edit, name="edit"),
    path("<int:pk>/reveal/", roll.member_reveal, name="reveal"),
]

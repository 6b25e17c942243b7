"""URLs of the mobile member pages."""

from django.urls import path

from members.views import mobile as views

urlpatterns = [
    path("", views.census, name="mobile_census"),
    path("records/", views.record_list, name="mobile_list"),
    path("new/", views.record_create, name="mobile_create"),
    path("drifting/", views.drifting, name="mobile_drifting"),
    path("pocket/", views.pocket, name="mobile_pocket"),
    path("<int:pk>/", views.record_detail, name="mobile_detail"),
    path("<int:pk>/edit/", views.record_edit, name="mobile_edit"),
    path("<int:pk>/contacts/", views.contact_add, name="mobile_contact"),
    path("<int:pk>/permit/", views.permit_issue, name="mobile_permit_issue"),
    path("<int:pk>/renewals/", views.permit_renew, name="mobile_permit_renew"),
    path("<int:pk>/end/", views.record_end, name="mobile_end"),
]

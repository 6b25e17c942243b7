"""URLs of the compliance calendar and of exemptions."""

from django.urls import path

from activities.views import compliance as views

urlpatterns = [
    path("", views.compliance, name="compliance"),
    path("exemptions/new/", views.exemption_create_view, name="exemption_create"),
    path("exemptions/<int:pk>/end/", views.exemption_end_view, name="exemption_end"),
    path("exemptions/<int:pk>/withdraw/", views.exemption_withdraw_view, name="exemption_withdraw"),
]

"""URLs of the weak and lax organizations: the flags, a flag's page and its actions."""

from django.urls import path

from assessment.views import weak as views

urlpatterns = [
    path("", views.weak_list, name="weak_list"),
    path("refresh/", views.weak_refresh, name="weak_refresh"),
    path("<int:pk>/", views.weak_detail, name="weak_detail"),
    path("<int:pk>/confirm/", views.weak_confirm, name="weak_confirm"),
    path("<int:pk>/dismiss/", views.weak_dismiss, name="weak_dismiss"),
    path("<int:pk>/plan/", views.weak_plan, name="weak_plan"),
    path("<int:pk>/items/", views.weak_item_add, name="weak_item_add"),
    path("<int:pk>/items/<int:item>/edit/", views.weak_item_edit, name="weak_item_edit"),
    path("<int:pk>/items/<int:item>/done/", views.weak_item_done, name="weak_item_done"),
    path("<int:pk>/sign-off/", views.weak_sign_off, name="weak_sign_off"),
]

"""The URL map: every app's pages, the admin, the API router and its schema and docs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static as static_url
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from accounts import views as accounts_views
from activities.api import ROUTES as ACTIVITY_ROUTES
from assessment.api import ROUTES as ASSESSMENT_ROUTES
from config.api import SwaggerView, api_not_found
from grid.api import GridCellViewSet
from members.api import ROUTES as MEMBER_ROUTES
from organizations.api.organizations import ROUTES as ORGANIZATION_ROUTES
from residents.api import ROUTES as RESIDENT_ROUTES

admin.site.site_header = _("Party building in grid management")
admin.site.site_title = _("Party building administration")
admin.site.index_title = _("Administration")

router = DefaultRouter()
for prefix, viewset, basename in [
    *ORGANIZATION_ROUTES,
    ("grid-cells", GridCellViewSet, "gridcell"),
    *MEMBER_ROUTES,
    *ACTIVITY_ROUTES,
    *RESIDENT_ROUTES,
    *ASSESSMENT_ROUTES,
]:
    router.register(prefix, viewset, basename=basename)


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico whatever the page links: send them to the static icon."""

    def get_redirect_url(self, *args, **kwargs):
        return static_url("favicon.svg")


urlpatterns = [
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("", include("dashboards.urls")),
    path("organizations/", include("organizations.urls")),
    path("grid/", include("grid.urls")),
    path("members/", include("members.urls")),
    path("activities/", include("activities.urls")),
    path("residents/", include("residents.urls")),
    path("assessment/", include("assessment.urls")),
    path("reminders/", include("reminders.urls")),
    path("accounts/login/", accounts_views.LoginView.as_view(), name="login"),
    path(
        "accounts/password/",
        accounts_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        accounts_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^api/.+/$", api_not_found),
]

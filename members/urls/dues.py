"""URLs of the dues pages, with a month written YYYY-MM."""

from django.urls import path, register_converter

from members.views import dues as views


class MonthConverter:
    """``2025-05`` in the URL, the first day of the month in the view."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str):
        from members.dates import parse_month

        month = parse_month(value)  # a month such as 2025-13 raises ValueError: a 404
        return month

    def to_url(self, value) -> str:
        return value.strftime("%Y-%m") if hasattr(value, "strftime") else str(value)


register_converter(MonthConverter, "yyyymm")

urlpatterns = [
    path("", views.overview, name="dues_overview"),
    path("arrears/", views.arrears, name="dues_arrears"),
    path("<int:org_pk>/<yyyymm:month>/", views.month_sheet, name="dues_month"),
    path("<int:org_pk>/<yyyymm:month>/open/", views.month_open, name="dues_month_open"),
    path("records/<int:pk>/income/", views.record_income, name="dues_record_income"),
]

"""Django admin of the members app, scoped for staff who are not superusers."""

from members.admin import development, dues, mobile, roll, training, transfers  # noqa: F401

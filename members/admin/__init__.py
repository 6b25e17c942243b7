from members.admin import development, dues, roll, training  # noqa: F401

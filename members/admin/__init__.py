from members.admin import development, dues, mobile, roll, training, transfers  # noqa: F401

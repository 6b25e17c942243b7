from activities.admin import activities, cobuilding, compliance, reports  # noqa: F401

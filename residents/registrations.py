"""What the app registers when Django starts (called from ``apps.ready``): each topic adds
its rule figures, reminder rules and permission grants here."""


def register() -> None:
    """Each topic's ``register_…`` function in turn."""
    from residents import rules  # noqa: F401  (defines the figures)
    from residents.reminders import problems

    problems.register_rules()

"""What the app registers when Django starts (called from ``apps.ready``): each topic adds
its rule figures, reminder rules and permission grants here."""


def register() -> None:
    """Each topic adds a line calling its own ``register_…`` function."""
    from residents.reminders.pairing import register_pairing_rules

    register_pairing_rules()
    from residents.grants import grant_household_permissions

    grant_household_permissions()

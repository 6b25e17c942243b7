"""What the app registers when Django starts (called from ``apps.ready``): each topic adds
its rule figures, reminder rules and permission grants here."""


def register_facilities() -> None:
    """Posts read facilities and bookings; those that manage book, cancel and keep the
    facilities of their organizations (the services and the admin's scope say which). A
    facility offered as a choice is one the user sees."""
    from organizations import scoping
    from organizations.roles import MANAGE, VIEW, grant
    from residents.models import Facility
    from residents.selectors.facilities import visible_facilities_for

    grant(VIEW, "residents.view_facility", "residents.view_booking")
    grant(
        MANAGE,
        "residents.add_facility",
        "residents.change_facility",
        "residents.add_booking",
        "residents.change_booking",
    )
    scoping.register_choices(Facility, visible_facilities_for)


def register_searches() -> None:
    """Households beyond the select limit are searched by address."""
    from config.forms import register_search
    from grid.models import Household

    register_search(Household, "residents:household_search")


def register() -> None:
    """Each topic's rules, figures and grants."""
    register_facilities()
    register_searches()
    from residents.reminders.pairing import register_pairing_rules

    register_pairing_rules()
    from residents.grants import grant_household_permissions

    grant_household_permissions()
    from residents import rules  # noqa: F401  (defines the figures)
    from residents.reminders import problems

    problems.register_rules()

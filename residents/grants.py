"""The model permissions the posts' capabilities grant in residents: every post reads the
households, residents in need, pairings and visits its grid cells reach (the admin narrows
it); the categories of need are changed by superusers; the posts that manage may see residents'
ID numbers and phones in full (logged). Granting twice changes nothing."""

from organizations.roles import MANAGE, VIEW, grant


def grant_household_permissions() -> None:
    grant(
        VIEW,
        "grid.view_household",
        "residents.view_needcategory",
        "residents.view_residentinneed",
        "residents.view_pairing",
        "residents.view_pairingvisit",
    )
    grant(MANAGE, "residents.view_sensitive")

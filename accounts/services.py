"""Writes of accounts: lifting a user's login lock-out."""

from axes.utils import reset


def unlock_logins(users) -> int:
    """Forget the failed logins of these users' usernames, which lifts their lock-out; a
    lock on an address stays (its attempts are listed in the admin's access attempts).
    Returns how many attempt records were removed."""
    return sum(reset(username=user.username) for user in users)

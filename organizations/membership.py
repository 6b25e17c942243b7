"""How many full members an organization holds, for the rules on a branch's size.

The member roll lives in ``members``, below ``organizations`` in the import order: it
registers the counter from its ``ready()``. Without one (``organizations`` used on its own),
the size rules are not checked."""

from collections.abc import Callable, Iterable

FullMemberCounter = Callable[[Iterable[int]], dict[int, int]]

_counter: FullMemberCounter | None = None


def register_full_member_counter(counter: FullMemberCounter) -> None:
    """``counter(organization_ids)`` → {organization id: full members on its roll}."""
    global _counter
    _counter = counter


def full_member_counts(organization_ids: Iterable[int]) -> dict[int, int] | None:
    """Full members on the roll of each organization (0 for none), or None without a roll."""
    if _counter is None:
        return None
    ids = list(organization_ids)
    counts = _counter(ids)
    return {pk: counts.get(pk, 0) for pk in ids}


def full_members_of(organization_id: int) -> int | None:
    counts = full_member_counts([organization_id])
    return None if counts is None else counts[organization_id]

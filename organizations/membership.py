"""How many members an organization holds, for the rules on a branch's size.

The member roll lives in ``members``, below ``organizations`` in the import order: it
registers the counter from its ``ready()``. Without one (``organizations`` used on its own),
the size rules are not checked."""

from collections.abc import Callable, Iterable
from typing import NamedTuple


class RollSize(NamedTuple):
    full: int  # full members on the roll
    on_roll: int  # every member on the roll, probationary members included


RollCounter = Callable[[Iterable[int]], dict[int, RollSize]]

_counter: RollCounter | None = None
EMPTY = RollSize(0, 0)


def register_roll_counter(counter: RollCounter) -> None:
    """``counter(organization_ids)`` → {organization id: RollSize} (missing: an empty roll)."""
    global _counter
    _counter = counter


def roll_sizes(organization_ids: Iterable[int]) -> dict[int, RollSize] | None:
    """The roll size of each organization, or None without a roll to count."""
    if _counter is None:
        return None
    ids = list(organization_ids)
    sizes = _counter(ids)
    return {pk: sizes.get(pk, EMPTY) for pk in ids}


def roll_size_of(organization_id: int) -> RollSize | None:
    sizes = roll_sizes([organization_id])
    return None if sizes is None else sizes[organization_id]

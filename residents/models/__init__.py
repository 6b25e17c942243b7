"""The models of the residents app, a module per topic: residents in need and the pairing
assistance of their households (households.py; the household itself is grid.Household)."""

from residents.models.households import (
    DEFAULT_CATEGORIES,
    NeedCategory,
    NeedStatus,
    Pairing,
    PairingVisit,
    ResidentInNeed,
)

__all__ = [
    "DEFAULT_CATEGORIES",
    "NeedCategory",
    "NeedStatus",
    "Pairing",
    "PairingVisit",
    "ResidentInNeed",
]

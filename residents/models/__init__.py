"""The models of the residents app, a module per topic: residents in need and the pairing
assistance of their households (households.py; the household itself is grid.Household);
the facilities and their bookings (facilities.py)."""

from residents.models.facilities import Booking, BookingState, Facility, FacilityKind
from residents.models.households import (
    DEFAULT_CATEGORIES,
    NeedCategory,
    NeedStatus,
    Pairing,
    PairingVisit,
    ResidentInNeed,
)

__all__ = [
    "Booking",
    "BookingState",
    "Facility",
    "FacilityKind",
    "DEFAULT_CATEGORIES",
    "NeedCategory",
    "NeedStatus",
    "Pairing",
    "PairingVisit",
    "ResidentInNeed",
]

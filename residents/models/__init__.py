"""The models of the residents app, a module per topic: residents in need and the pairing
assistance of their households (households.py; the household itself is grid.Household);
residents' problems with their steps and photos (problems.py); the household visits of the
grid workers (visits.py); the facilities and their bookings (facilities.py); the log of
unmaskings of residents' personal data (access.py)."""

from residents.models.access import ResidentDataAccess
from residents.models.facilities import Booking, BookingState, Facility, FacilityKind
from residents.models.households import (
    DEFAULT_CATEGORIES,
    NeedCategory,
    NeedStatus,
    Pairing,
    PairingVisit,
    ResidentInNeed,
)
from residents.models.problems import (
    Problem,
    ProblemAction,
    ProblemCategory,
    ProblemChannel,
    ProblemEvent,
    ProblemLevel,
    ProblemPhoto,
    ProblemState,
    Satisfaction,
)
from residents.models.visits import HouseholdVisit

__all__ = [
    "Booking",
    "BookingState",
    "DEFAULT_CATEGORIES",
    "Facility",
    "FacilityKind",
    "HouseholdVisit",
    "NeedCategory",
    "NeedStatus",
    "Pairing",
    "PairingVisit",
    "Problem",
    "ProblemAction",
    "ProblemCategory",
    "ProblemChannel",
    "ProblemEvent",
    "ProblemLevel",
    "ProblemPhoto",
    "ProblemState",
    "ResidentDataAccess",
    "ResidentInNeed",
    "Satisfaction",
]

"""The models of the residents app, a module per topic."""

from residents.models.facilities import Booking, BookingState, Facility, FacilityKind

__all__: list[str] = ["Booking", "BookingState", "Facility", "FacilityKind"]

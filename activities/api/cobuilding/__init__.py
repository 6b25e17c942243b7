"""Co-building over the API: the three lists of the communities the user sees, the pairing
agreements of the branches they see, and volunteer hours per member. Writes go through the
same services as the pages; errors are a 400 naming the field.

lists.py holds the needs and resources lists, projects.py the projects with their units,
agreements.py the pairing agreements, volunteer.py the hours; base.py what they share."""

from activities.api.cobuilding.agreements import PairingAgreementViewSet
from activities.api.cobuilding.lists import NeedViewSet, ResourceViewSet
from activities.api.cobuilding.projects import ProjectViewSet
from activities.api.cobuilding.volunteer import VolunteerHoursViewSet

ROUTES = [
    ("co-building-needs", NeedViewSet, "co-building-need"),
    ("co-building-resources", ResourceViewSet, "co-building-resource"),
    ("co-building-projects", ProjectViewSet, "co-building-project"),
    ("pairing-agreements", PairingAgreementViewSet, "pairing-agreement"),
    ("volunteer-hours", VolunteerHoursViewSet, "volunteer-hours"),
]

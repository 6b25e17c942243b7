"""A scheme with scores and results for the page tests: branches A and B tie at 90 (优秀),
C has 60 (一般, the band's lower edge); the computed line carries its measure and records."""

import datetime
from decimal import Decimal

from django.utils import timezone

from assessment.models import Score
from assessment.services.results import results_compute
from assessment.tests.support.schemes import give_score, standard_scheme

# the scheme's deadline is 2027-01-15; the page tests run on this day
TODAY = "2027-01-10 10:00 +08:00"
MEASURE = {"measure": Decimal("0.8333"), "numerator": Decimal(5), "denominator": Decimal(6)}


def computed_score(scheme, organization, indicator, value) -> Score:
    return Score.objects.create(
        scheme=scheme,
        organization=organization,
        indicator=indicator,
        value=Decimal(str(value)),
        scored_at=timezone.now(),
        records=f"/activities/compliance/?organization={organization.pk}&year=2026",
        **MEASURE,
    )


def ranked_scheme(world, reviewer):
    """(scheme, computed indicator, reviewed indicator), with results computed."""
    scheme, computed, reviewed = standard_scheme(world.street_committee1, reviewer=reviewer)
    for organization, points in ((world.branch_a, 50), (world.branch_b, 50), (world.branch_c, 30)):
        computed_score(scheme, organization, computed, points)
    give_score(scheme, world.branch_a, reviewed, 40, reason="A支部工作扎实")
    give_score(scheme, world.branch_b, reviewed, 40, reason="B支部工作扎实")
    give_score(scheme, world.branch_c, reviewed, 30, reason="C支部需改进")
    results_compute(scheme=scheme)
    scheme.refresh_from_db()
    return scheme, computed, reviewed


def a_day_after(scheme) -> datetime.date:
    return scheme.scoring_deadline + datetime.timedelta(days=1)

"""Demo data of the residents app, built street by street by ``seed_demo`` (its
``seed_residents`` step, after the activities), a module per topic."""

from residents.demo.facilities import seed_facilities
from residents.demo.households import seed_households
from residents.demo.problems import seed_problems
from residents.demo.visits import seed_household_visits

# run in this order for each street; each step leaves a street that has its data alone
STEPS: list = [seed_households, seed_household_visits, seed_problems, seed_facilities]


def seed_residents(ctx) -> None:
    """The ``seed_residents`` step (``ctx`` is its SeedContext): every step of STEPS in turn."""
    for step in STEPS:
        step(ctx)

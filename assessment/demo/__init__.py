"""Demo data of the assessment app, built street by street by ``seed_demo`` (its
``seed_assessment`` step, after the activities, whose records the metrics read), a module per
topic: the schemes, their scores and results (schemes.py); the responsibility letters
(targets.py); the democratic appraisals (appraisals.py); a flagged weak branch with its
rectification plan (weak.py)."""

from assessment.demo.appraisals import seed_appraisals
from assessment.demo.schemes import seed_schemes
from assessment.demo.targets import seed_targets
from assessment.demo.weak import seed_weak

# run in this order for each street; each step leaves a street that has its data alone
STEPS = [seed_schemes, seed_targets, seed_appraisals, seed_weak]


def seed_assessment(ctx) -> None:
    """The ``seed_demo`` step (``ctx`` is its SeedContext): every step of STEPS in turn."""
    for step in STEPS:
        step(ctx)

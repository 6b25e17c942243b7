"""The models of the assessment app, a module per topic: the scheme (categories, indicators,
grade bands), the scores of its sheets and the results it publishes, and the flags of weak
and lax organizations with their rectification plans."""

from assessment.models.results import Result
from assessment.models.schemes import (
    Category,
    ComputingState,
    GradeBand,
    Indicator,
    IndicatorKind,
    PeriodKind,
    Scheme,
    SchemeLevel,
    SchemeState,
)
from assessment.models.scores import Score, ScoreChange
from assessment.models.weak import (
    FlagState,
    RectificationItem,
    RectificationPlan,
    WeakCriteria,
    WeakFlag,
)

__all__ = [
    "Category",
    "FlagState",
    "ComputingState",
    "GradeBand",
    "Indicator",
    "IndicatorKind",
    "PeriodKind",
    "RectificationItem",
    "RectificationPlan",
    "Result",
    "Scheme",
    "SchemeLevel",
    "SchemeState",
    "Score",
    "ScoreChange",
    "WeakCriteria",
    "WeakFlag",
]

"""The models of the assessment app, a module per topic: the scheme (categories, indicators,
grade bands), the scores of its sheets and the results it publishes."""

from assessment.models.results import CadreResult, Result
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

__all__ = [
    "CadreResult",
    "Category",
    "ComputingState",
    "GradeBand",
    "Indicator",
    "IndicatorKind",
    "PeriodKind",
    "Result",
    "Scheme",
    "SchemeLevel",
    "SchemeState",
    "Score",
    "ScoreChange",
]

"""The models of the assessment app, a module per topic: the scheme (categories, indicators,
grade bands), the scores of its sheets and the results it publishes; the responsibility
letters with their target items (targets.py); the democratic appraisal of members
(appraisals.py); the flags of weak and lax organizations with their rectification plans
(weak.py)."""

from assessment.models.appraisals import (
    Appraisal,
    AppraisalEntry,
    AppraisalFollowUp,
    AppraisalGrade,
    AppraisalState,
)
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
from assessment.models.targets import LetterState, ResponsibilityLetter, TargetItem
from assessment.models.weak import (
    FlagState,
    RectificationItem,
    RectificationPlan,
    WeakCriteria,
    WeakFlag,
)

__all__ = [
    "Appraisal",
    "AppraisalEntry",
    "AppraisalFollowUp",
    "AppraisalGrade",
    "AppraisalState",
    "CadreResult",
    "Category",
    "FlagState",
    "ComputingState",
    "GradeBand",
    "Indicator",
    "IndicatorKind",
    "LetterState",
    "PeriodKind",
    "ResponsibilityLetter",
    "RectificationItem",
    "RectificationPlan",
    "Result",
    "Scheme",
    "SchemeLevel",
    "SchemeState",
    "Score",
    "ScoreChange",
    "TargetItem",
    "WeakCriteria",
    "WeakFlag",
]

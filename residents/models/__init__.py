"""The models of the residents app, a module per topic."""

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

__all__: list[str] = [
    "Problem",
    "ProblemAction",
    "ProblemCategory",
    "ProblemChannel",
    "ProblemEvent",
    "ProblemLevel",
    "ProblemPhoto",
    "ProblemState",
    "Satisfaction",
]

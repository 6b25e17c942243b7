"""The member development pipeline (发展党员): one service per move, each keyword-only,
in its own transaction with the record locked, checking the actor, the stage and the rules
(members/rules.py), and refusing with a RuleError naming the field."""

from members.services.development.activist import (
    add_activist_review,
    make_activist,
    make_candidate,
)
from members.services.development.admission import (
    admit,
    approve_admission,
    record_candidate_training,
    record_political_review,
)
from members.services.development.application import (
    person_errors,
    record_application,
    record_talk,
    withdraw_application,
)
from members.services.development.probation import (
    cancel_probation,
    confirm_full,
    extend_probation,
)

__all__ = [
    "add_activist_review",
    "admit",
    "approve_admission",
    "cancel_probation",
    "confirm_full",
    "extend_probation",
    "make_activist",
    "make_candidate",
    "person_errors",
    "record_application",
    "record_candidate_training",
    "record_political_review",
    "record_talk",
    "withdraw_application",
]

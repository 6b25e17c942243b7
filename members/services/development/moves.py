"""The moves of the pipeline, by the name they carry in URLs: which service makes each,
and when a record offers it. Pages and the API both read this table."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from members.models import DevelopmentRecord, Stage
from members.models.development import PRE_MEMBER_STAGES
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
from members.services.development.application import record_talk, withdraw_application
from members.services.development.probation import (
    cancel_probation,
    confirm_full,
    extend_probation,
)


@dataclass(frozen=True)
class Move:
    name: str
    label: str
    service: Callable
    offered: Callable[[DevelopmentRecord], bool]
    danger: bool = False


def _at(*stages):
    return lambda r: r.stage in stages


MOVES: dict[str, Move] = {
    m.name: m
    for m in (
        Move(
            "talk",
            _("Record the talk"),
            record_talk,
            lambda r: r.stage == Stage.APPLICANT and r.talked_on is None,
        ),
        Move(
            "activist",
            _("Make an activist"),
            make_activist,
            lambda r: r.stage == Stage.APPLICANT and r.talked_on is not None,
        ),
        Move("review", _("Record a review"), add_activist_review, _at(Stage.ACTIVIST)),
        Move("candidate", _("Make a development candidate"), make_candidate, _at(Stage.ACTIVIST)),
        Move(
            "political-review",
            _("Record the political review"),
            record_political_review,
            lambda r: r.stage == Stage.CANDIDATE and r.admitted_on is None,
        ),
        Move(
            "training",
            _("Record the concentrated training"),
            record_candidate_training,
            lambda r: r.stage == Stage.CANDIDATE and r.admitted_on is None,
        ),
        Move(
            "admit",
            _("Record the branch general meeting's vote"),
            admit,
            lambda r: (
                r.stage == Stage.CANDIDATE
                and r.admitted_on is None
                and r.political_review_on is not None
                and r.training_ended_on is not None
            ),
        ),
        Move(
            "approve",
            _("Record the higher committee's approval"),
            approve_admission,
            lambda r: r.stage == Stage.CANDIDATE and r.admitted_on is not None,
        ),
        Move("confirm", _("Make a full member"), confirm_full, _at(Stage.PROBATIONARY)),
        Move(
            "extend",
            _("Extend the probation"),
            extend_probation,
            lambda r: r.stage == Stage.PROBATIONARY and r.extended_until is None,
        ),
        Move(
            "cancel",
            _("Cancel the probationary membership"),
            cancel_probation,
            _at(Stage.PROBATIONARY),
            danger=True,
        ),
        Move(
            "withdraw",
            _("Record a withdrawal"),
            withdraw_application,
            _at(*PRE_MEMBER_STAGES),
            danger=True,
        ),
    )
}


def offered_moves(record: DevelopmentRecord) -> list[Move]:
    return [m for m in MOVES.values() if m.offered(record)]

"""Reminder rules of the score sheets, registered from assessment.apps ``ready()`` with
``register_sheet_rules()``.

- ``assessment.sheets_unfinished``: a scheme open for scoring whose deadline is at most
  REMIND_DAYS_BEFORE_DEADLINE days away (the deadline day included), to each reviewer with a
  score of their indicators still missing: one reminder per reviewer and scheme (period: the
  deadline and the reviewer). It closes when the reviewer's scores are all given, or when the
  deadline has passed and the sheets locked (the next rule takes over).
- ``assessment.deadline_passed``: a scheme still open for scoring after its deadline with
  sheets unfinished, to the street that owns it (period: the deadline). It closes when the
  sheets are finished or the results are published.

Each rule reads a few queries per scheme concerned (the schemes of a deadline week), whatever
the number of organizations and reviewers.
"""

import datetime
from collections import Counter

from django.utils.translation import gettext_lazy as _

from assessment.models import Indicator, IndicatorKind, Scheme, SchemeState, Score
from assessment.selectors.schemes import assessed_organizations
from assessment.selectors.sheets import unfinished_sheets
from policies.registry import define, value
from reminders import registry
from reminders.registry import Due, Rule

REMIND_DAYS_BEFORE_DEADLINE = define(
    "assessment.sheets_remind_days_before_deadline",
    3,
    _("Days before the scoring deadline when reviewers are reminded of unfinished score sheets"),
    minimum=0,
)


def missing_scores_by_reviewer(scheme: Scheme) -> Counter:
    """Reviewer id -> how many scores of the indicators they review are still missing, over
    every organization the scheme assesses (three queries)."""
    reviewers = Indicator.reviewers.through.objects.filter(
        indicator__scheme=scheme, indicator__kind=IndicatorKind.REVIEWED
    ).values_list("indicator_id", "user_id")
    organization_ids = list(assessed_organizations(scheme).values_list("pk", flat=True))
    scored = Counter(
        Score.objects.filter(
            scheme=scheme,
            organization_id__in=organization_ids,
            indicator__kind=IndicatorKind.REVIEWED,
        ).values_list("indicator_id", flat=True)
    )
    missing = Counter()
    for indicator_id, user_id in reviewers:
        missing[user_id] += len(organization_ids) - scored[indicator_id]
    return +missing  # only the reviewers with something missing


def sheets_unfinished_due(today: datetime.date) -> list[Due]:
    horizon = today + datetime.timedelta(days=value(REMIND_DAYS_BEFORE_DEADLINE))
    schemes = Scheme.objects.filter(
        state=SchemeState.OPEN, scoring_deadline__gte=today, scoring_deadline__lte=horizon
    )
    dues = []
    for scheme in schemes:
        deadline = scheme.scoring_deadline.isoformat()
        for reviewer_id, count in sorted(missing_scores_by_reviewer(scheme).items()):
            dues.append(
                Due(
                    subject=scheme,
                    period=f"{deadline}:{reviewer_id}",
                    due_on=scheme.scoring_deadline,
                    organization_id=scheme.organization_id,
                    params={"scheme": scheme.name, "count": count, "deadline": deadline},
                    recipient_id=reviewer_id,
                )
            )
    return dues


def deadline_passed_due(today: datetime.date) -> list[Due]:
    schemes = Scheme.objects.filter(state=SchemeState.OPEN, scoring_deadline__lt=today)
    dues = []
    for scheme in schemes:
        unfinished = unfinished_sheets(scheme)
        if unfinished:
            deadline = scheme.scoring_deadline.isoformat()
            dues.append(
                Due(
                    subject=scheme,
                    period=deadline,
                    due_on=scheme.scoring_deadline,
                    organization_id=scheme.organization_id,
                    params={"scheme": scheme.name, "count": len(unfinished), "deadline": deadline},
                )
            )
    return dues


SHEETS_UNFINISHED = Rule(
    kind="assessment.sheets_unfinished",
    label=_("score sheets not finished before the deadline"),
    message=_(
        "%(count)s of your scores in %(scheme)s are still missing; the scoring deadline is "
        "%(deadline)s."
    ),
    due=sheets_unfinished_due,
    model=Scheme,
)
DEADLINE_PASSED = Rule(
    kind="assessment.deadline_passed",
    label=_("scoring deadline passed with sheets unfinished"),
    message=_(
        "The scoring deadline of %(scheme)s (%(deadline)s) has passed with %(count)s score "
        "sheets unfinished."
    ),
    due=deadline_passed_due,
    model=Scheme,
)
RULES = [SHEETS_UNFINISHED, DEADLINE_PASSED]


def register_sheet_rules() -> None:
    for rule in RULES:
        registry.register(rule)

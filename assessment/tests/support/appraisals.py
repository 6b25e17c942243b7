"""Appraisals built for the tests: a branch with members on its roll, the default grades by
code, an appraisal opened through the service and graded by hand."""

import datetime

from assessment.models import AppraisalGrade
from assessment.models.appraisals import ensure_appraisal_grades
from assessment.services.appraisals import appraisal_open
from members.tests.factories import MemberFactory

# the service tests run on this day (a year's appraisal decided in November)
TODAY = "2026-11-20 10:00 +08:00"
MEETING = datetime.date(2026, 11, 18)


def grades() -> dict[str, AppraisalGrade]:
    ensure_appraisal_grades()
    return {g.code: g for g in AppraisalGrade.objects.all()}


def members(branch, count: int) -> list:
    return [MemberFactory(organization=branch) for _ in range(count)]


def opened(user, branch, count: int = 10, **kwargs):
    """(appraisal, its entries): ``count`` members on the branch's roll, all on the list."""
    members(branch, count)
    appraisal = appraisal_open(user=user, organization=branch, year=2026, **kwargs)
    return appraisal, list(appraisal.entries.order_by("pk"))


def graded(entries, top: int = 0, failing: int = 0) -> dict:
    """{entry id: grade}: ``top`` excellent, ``failing`` unqualified, the rest qualified."""
    by_code = grades()
    result = {}
    for index, entry in enumerate(entries):
        code = (
            "excellent" if index < top else "unqualified" if index < top + failing else "qualified"
        )
        result[entry.pk] = by_code[code]
    return result

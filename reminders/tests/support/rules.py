"""A test rule: due for the organizations whose names a test puts in DUE_NAMES."""

from organizations.models import Organization
from reminders.registry import Due, Rule

DUE_NAMES: set[str] = set()


def _due_branches(today):
    return [
        Due(
            subject=org,
            period=today.strftime("%Y-%m"),
            due_on=today,
            organization_id=org.pk,
            params={"name": org.name},
        )
        for org in Organization.objects.filter(name__in=DUE_NAMES)
    ]


TEST_RULE = Rule(
    kind="test.branch",
    label="test",
    message="%(name)s has something due",
    due=_due_branches,
    model=Organization,
    url=lambda reminder: f"/organizations/{reminder.object_id}/",
)

from django.utils import timezone

from reminders.models import SweepRun
from reminders.registry import rules


def run_sweep() -> SweepRun:
    """Run every registered rule for today. Rules are idempotent, so a rerun after a
    crash creates only what the interrupted run had not created yet."""
    run = SweepRun.objects.create(started_at=timezone.now(), for_date=timezone.localdate())
    details = {}
    for name, rule in sorted(rules().items()):
        details[name] = rule(run.for_date)
    run.details = details
    run.created_count = sum(details.values())
    run.finished_at = timezone.now()
    run.save(update_fields=["details", "created_count", "finished_at"])
    return run

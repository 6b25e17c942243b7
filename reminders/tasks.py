from celery import shared_task

from reminders.services import run_sweep


@shared_task(name="reminders.sweep", acks_late=True)
def sweep() -> int:
    return run_sweep().pk

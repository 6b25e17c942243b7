"""Celery tasks of organizations: thin wrappers around services."""

from celery import shared_task

from organizations.services import access_log_prune


@shared_task(name="organizations.access_log_prune")
def access_log_prune_task() -> int:
    """Prune the access log (for Celery beat, daily); the number of entries deleted."""
    return access_log_prune()

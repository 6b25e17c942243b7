"""Celery tasks of assessment: thin wrappers around services, acknowledged late (a killed
worker's computation runs again from the start)."""

from celery import shared_task

from assessment.services.computing import scheme_compute_run, unsent_computations_send
from assessment.services.weak import weak_flags_refresh_all


@shared_task(name="assessment.scheme_results_compute", acks_late=True)
def scheme_results_compute(scheme_id: int) -> str:
    scheme = scheme_compute_run(scheme_id=scheme_id)
    return scheme.computing_state if scheme is not None else "deleted"


@shared_task(name="assessment.unsent_computations_send")
def send_unsent_computations() -> int:
    """Hand over the computations requested while the task queue was unreachable (for Celery
    beat, every minute)."""
    return unsent_computations_send()


@shared_task(name="assessment.weak_flags_refresh")
def weak_flags_refresh() -> int:
    """Run the detection of weak and lax organizations in every street (for Celery beat, e.g.
    weekly); the number of new flags."""
    return weak_flags_refresh_all()

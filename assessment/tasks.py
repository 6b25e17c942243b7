"""Celery tasks of assessment: thin wrappers around services, acknowledged late (a killed
worker's computation runs again from the start)."""

from celery import shared_task

from assessment.services.computing import scheme_compute_run


@shared_task(name="assessment.scheme_results_compute", acks_late=True)
def scheme_results_compute(scheme_id: int) -> str:
    scheme = scheme_compute_run(scheme_id=scheme_id)
    return scheme.computing_state if scheme is not None else "deleted"

"""Computing a scheme's results in the background: the request that queues it, and the run
the Celery task makes, which records its progress on the scheme as it goes.

The run measures each computed indicator outside any transaction and writes its progress with
one UPDATE after each metric (so that a page polling the scheme sees it move); the scores and
results are then written in one transaction, so that a failure leaves the previous scores and
results as they were, with the state ``failed`` and a short error.

Handing the computation to the task queue is an outbox of one flag: the request records the
scheme as queued *and unsent* in its transaction, and after the commit clears the flag with a
conditional UPDATE (the claim) and publishes. When the broker is unreachable the publish gives
up within a few seconds (CELERY_BROKER_TIMEOUT_SECONDS), the flag is set again and the page says
the computation waits for the queue; ``unsent_computations_send`` (every minute, from beat)
hands such schemes over once the broker is back. The claim makes sure that the request and the
periodic task do not both publish the same computation."""

import datetime
import logging

from celery import signature
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.models import ComputingState, Scheme
from assessment.selectors.schemes import assessed_organizations
from assessment.services.computed import (
    computed_indicators,
    computed_scores_store,
    indicator_scores,
    scheme_locked_unpublished,
)
from assessment.services.results import results_compute
from organizations import scoping

logger = logging.getLogger(__name__)

# the name assessment.tasks registers the task under; sent by name, as services sit below tasks
COMPUTE_TASK = "assessment.scheme_results_compute"
# a computation queued or running for longer is taken for lost (its worker died for good)
STALE_AFTER = datetime.timedelta(hours=1)
ERROR_MAX = 300


def _progress(scheme_id: int, **fields) -> None:
    Scheme.objects.filter(pk=scheme_id).update(
        **{f"computing_{name}": value for name, value in fields.items()}
    )


def _is_stale(scheme: Scheme) -> bool:
    started = scheme.computing_started_at
    return started is not None and timezone.now() - started > STALE_AFTER


def scheme_compute_request(*, user, scheme: Scheme) -> Scheme:
    """Queue the computation of the scheme's results. Only the street that owns the scheme
    asks for it, not once published, and not while a computation is queued or running."""
    with transaction.atomic():
        scheme = Scheme.objects.select_for_update().select_related("organization").get(pk=scheme.pk)
        if not scoping.can_manage_organization(user, scheme.organization):
            raise PermissionDenied(_("Only the street that owns a scheme changes it."))
        if scheme.is_published:
            raise ValidationError(_("The results are published: they are not computed again."))
        if scheme.is_computing and not _is_stale(scheme):
            raise ValidationError(
                _("The results of this scheme are already being computed; wait until it is done.")
            )
        scheme.computing_state = ComputingState.QUEUED
        scheme.computing_started_at = timezone.now()
        scheme.computing_done = 0
        scheme.computing_total = 0
        scheme.computing_error = ""
        scheme.computing_unsent = True
        scheme.save(
            update_fields=[
                "computing_state",
                "computing_started_at",
                "computing_done",
                "computing_total",
                "computing_error",
                "computing_unsent",
            ]
        )
        pk = scheme.pk
        transaction.on_commit(lambda: scheme_compute_send(scheme_id=pk))
    # after the commit (and the hand-over): still unsent when the queue was unreachable
    scheme.refresh_from_db(fields=["computing_unsent"])
    return scheme


def scheme_compute_send(*, scheme_id: int) -> bool:
    """Hand a queued, unsent computation to the task queue. False when the queue was
    unreachable (the scheme stays queued and unsent, for ``unsent_computations_send``); True
    when handed over, or when there was nothing to hand over (sent by someone else meanwhile)."""
    claimed = Scheme.objects.filter(
        pk=scheme_id, computing_state=ComputingState.QUEUED, computing_unsent=True
    ).update(computing_unsent=False)
    if not claimed:
        return True
    try:
        signature(COMPUTE_TASK, args=(scheme_id,)).delay()
    except Exception as error:  # any failure to publish: kept for later, never a server error
        logger.warning(
            "the computation of scheme %s waits for the task queue: %s", scheme_id, error
        )
        Scheme.objects.filter(pk=scheme_id, computing_state=ComputingState.QUEUED).update(
            computing_unsent=True
        )
        return False
    return True


def unsent_computations_send() -> int:
    """Hand over the computations queued while the task queue was unreachable; stops at the
    first that still cannot be handed over. The number handed over."""
    sent = 0
    unsent = Scheme.objects.filter(computing_state=ComputingState.QUEUED, computing_unsent=True)
    for scheme_id in unsent.order_by("computing_started_at").values_list("pk", flat=True):
        if not scheme_compute_send(scheme_id=scheme_id):
            break
        sent += 1
    return sent


def _error_text(error: Exception, step: str) -> str:
    if isinstance(error, ValidationError):
        text = "; ".join(error.messages)
    else:
        text = str(error) or type(error).__name__
    return f"{step}: {text}"[:ERROR_MAX] if step else text[:ERROR_MAX]


def scheme_compute_run(*, scheme_id: int) -> Scheme | None:
    """Fill the computed scores and compute the results of the scheme, recording the
    progress: one step per computed indicator, and one for the results. A failure is recorded
    (state ``failed``, a short error) and nothing of this run is kept. None when the scheme
    was deleted meanwhile."""
    scheme = Scheme.objects.filter(pk=scheme_id).first()
    if scheme is None:
        return None
    indicators = computed_indicators(scheme)
    total = len(indicators) + 1
    _progress(
        scheme_id,
        state=ComputingState.RUNNING,
        started_at=timezone.now(),
        done=0,
        total=total,
        error="",
    )
    step = ""
    try:
        if scheme.is_published:
            raise ValidationError(_("The results are published: they are not computed again."))
        organizations = assessed_organizations(scheme)
        assessed = set(organizations.values_list("pk", flat=True))
        now = timezone.now()
        rows = []
        for done, indicator in enumerate(indicators, start=1):
            step = indicator.name
            rows += indicator_scores(scheme, indicator, organizations, assessed, now)
            _progress(scheme_id, done=done)
        step = ""
        with transaction.atomic():
            locked = scheme_locked_unpublished(scheme)
            computed_scores_store(locked, indicators, rows, now)
            results_compute(scheme=locked)
            _progress(scheme_id, state=ComputingState.IDLE, done=total)
    except ValidationError as error:  # a refusal, recorded for the page
        logger.warning("computing the results of scheme %s refused: %s", scheme_id, error)
        _progress(scheme_id, state=ComputingState.FAILED, error=_error_text(error, step))
    except Exception as error:  # recorded for the page; the worker's log has the traceback
        logger.exception("computing the results of scheme %s failed", scheme_id)
        _progress(scheme_id, state=ComputingState.FAILED, error=_error_text(error, step))
    return Scheme.objects.get(pk=scheme_id)

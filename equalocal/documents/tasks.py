"""Background tasks of the documents app."""

from __future__ import annotations

from django.tasks import task


@task
def process_document(document_id: int) -> None:
    """Run or resume the pipeline for one document (see ``services.pipeline``)."""
    from .services.pipeline import document_process

    document_process(document_id=document_id)


@task
def requeue_stale_documents() -> int:
    """Queue again documents whose worker died, then look again after the stale period.

    A worker restarted within seconds of a crash still sees a fresh heartbeat; this periodic
    check is what takes such a document over once the heartbeat has gone stale.
    """
    from django.conf import settings
    from django.utils import timezone

    from equalocal.core.scheduling import claim_period, minutes_period

    from .services.pipeline import documents_requeue_stale

    try:
        period = minutes_period(timezone.now(), settings.DOCUMENTS_STALE_AFTER_MINUTES)
        if not claim_period("documents.requeue_stale_documents", period):
            return 0
        return documents_requeue_stale()
    finally:
        schedule_stale_check()


def schedule_stale_check() -> bool:
    """Queue the next stale check unless one is waiting; True when queued."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from equalocal.core.scheduling import enqueue_unless_waiting

    run_after = timezone.now() + timedelta(minutes=settings.DOCUMENTS_STALE_AFTER_MINUTES)
    return enqueue_unless_waiting(requeue_stale_documents, run_after=run_after)


def start_stale_watch() -> str | None:
    """At worker start: queue again what a killed worker left, and keep checking for it."""
    from .services.pipeline import documents_requeue_stale

    requeued = documents_requeue_stale()
    schedule_stale_check()
    return f"{requeued} unfinished document(s) queued again." if requeued else None

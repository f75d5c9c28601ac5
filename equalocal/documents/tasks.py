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
    from .services.pipeline import documents_requeue_stale

    try:
        return documents_requeue_stale()
    finally:
        schedule_stale_check()


def schedule_stale_check(*, first: bool = False) -> bool:
    """Queue the next stale check unless one is waiting; True when queued.

    Backends that cannot defer (the immediate backend of the tests) get no next run.
    """
    from datetime import timedelta

    from django.conf import settings
    from django.tasks import TaskResultStatus
    from django.utils import timezone
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = requeue_stale_documents.get_backend()
    if not backend.supports_defer or not isinstance(backend, DatabaseBackend):
        return False
    waiting = DBTaskResult.objects.filter(
        task_path=requeue_stale_documents.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return False
    minutes = 0 if first else settings.DOCUMENTS_STALE_AFTER_MINUTES
    run_after = timezone.now() + timedelta(minutes=minutes, seconds=30)
    requeue_stale_documents.using(run_after=run_after).enqueue()
    return True

"""Tasks that queue their own next run: the daily reminders, the check for stuck documents."""

from __future__ import annotations

from datetime import datetime


def task_waiting(task) -> bool:
    """Whether the database queue holds a run of ``task`` that has not started yet."""
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=task.module_path, status=TaskResultStatus.READY
    ).exists()


def enqueue_unless_waiting(task, *, run_after: datetime | None = None) -> bool:
    """Queue ``task`` (later, at ``run_after``) unless a run is already waiting; True if queued.

    Backends that cannot defer a task (the immediate backend used in tests) get no deferred
    run: it would run at once, and queue itself again, for ever.
    """
    from django_tasks_db.backend import DatabaseBackend

    backend = task.get_backend()
    if run_after is not None and not backend.supports_defer:
        return False
    if isinstance(backend, DatabaseBackend) and task_waiting(task):
        return False
    (task.using(run_after=run_after) if run_after else task).enqueue()
    return True

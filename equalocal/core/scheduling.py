"""Tasks that queue their own next run: the daily reminders, the check for stuck documents."""

from __future__ import annotations

from datetime import datetime, timedelta

# Runs older than this are forgotten: a period is never claimed again that long after.
KEEP_RUNS = timedelta(days=31)


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
    from django.db import transaction
    from django_tasks_db.backend import DatabaseBackend

    backend = task.get_backend()
    if run_after is not None and not backend.supports_defer:
        return False
    if not isinstance(backend, DatabaseBackend):
        (task.using(run_after=run_after) if run_after else task).enqueue()
        return True
    # Two workers finishing a run at once must not both find no run waiting and both queue
    # one: the look and the queueing happen under the task's queue lock.
    with transaction.atomic():
        _lock_queue(task)
        if task_waiting(task):
            return False
        (task.using(run_after=run_after) if run_after else task).enqueue()
    return True


def _lock_queue(task) -> None:
    """Hold ``task``'s queue lock until the transaction ends: its row in the periodic runs,
    updated, which makes a second writer wait (a row lock in PostgreSQL, the database's
    write lock in SQLite)."""
    from django.utils import timezone

    from .models import PeriodicRun

    row, _ = PeriodicRun.objects.get_or_create(name=f"queue:{task.module_path}", period="lock")
    PeriodicRun.objects.filter(pk=row.pk).update(started_at=timezone.now())


def claim_period(name: str, period: str) -> bool:
    """Claim the run of ``name`` for ``period``; False when another worker already has it.

    Two workers may both queue a periodic task (each at its start, or each after its own
    run); the database's unique constraint lets only the first of them do the work.
    """
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    from .models import PeriodicRun

    try:
        with transaction.atomic():
            PeriodicRun.objects.create(name=name, period=period)
    except IntegrityError:
        return False
    PeriodicRun.objects.filter(started_at__lt=timezone.now() - KEEP_RUNS).delete()
    return True


def hour_period(now: datetime) -> str:
    """The hour ``now`` falls in, as a period key (UTC)."""
    from datetime import UTC

    return now.astimezone(UTC).strftime("%Y-%m-%dT%H")


def minutes_period(now: datetime, minutes: int) -> str:
    """The ``minutes``-long slot ``now`` falls in, as a period key."""
    slot = int(now.timestamp()) // (max(minutes, 1) * 60)
    return f"{minutes}m-{slot}"


def seconds_period(now: datetime, seconds: int) -> str:
    """The ``seconds``-long slot ``now`` falls in, as a period key."""
    slot = int(now.timestamp()) // max(seconds, 1)
    return f"{seconds}s-{slot}"

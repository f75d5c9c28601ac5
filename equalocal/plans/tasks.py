"""Background tasks of the plans app."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.tasks import TaskResultStatus, task
from django.utils import timezone

from . import reminders

# Local time at which the daily reminders run: before the working day starts.
DAILY_AT = time(6, 0)


@task
def send_daily_reminders() -> dict:
    """Send today's reminders, then queue the run for the next day."""
    try:
        return reminders.reminders_send_due(today=timezone.localdate()).as_dict()
    finally:
        # Also after a failure, so one bad day does not stop the reminders for good.
        schedule_daily_reminders(run_after=next_daily_run(timezone.localtime()))


def next_daily_run(now: datetime) -> datetime:
    """The next day's run time in the current time zone."""
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, DAILY_AT))


def daily_reminders_pending() -> bool:
    """Whether the database queue already holds a run of the daily reminders that has not started."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=send_daily_reminders.module_path, status=TaskResultStatus.READY
    ).exists()


def schedule_daily_reminders(*, run_after: datetime | None = None) -> bool:
    """Queue the daily reminders unless a run is already waiting; True when queued.

    Backends that cannot defer a task (the immediate backend used in tests) are
    not given a next run: that would run it again at once, for ever.
    """
    from django_tasks_db.backend import DatabaseBackend

    backend = send_daily_reminders.get_backend()
    if run_after is not None and not backend.supports_defer:
        return False
    if isinstance(backend, DatabaseBackend) and daily_reminders_pending():
        return False
    queued = send_daily_reminders.using(run_after=run_after) if run_after else send_daily_reminders
    queued.enqueue()
    return True

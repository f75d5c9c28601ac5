"""Background tasks of the plans app."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.tasks import task
from django.utils import timezone

from equalocal.core.scheduling import claim_period, enqueue_unless_waiting, task_waiting

from . import reminders

# Local time at which the daily reminders run: before the working day starts.
DAILY_AT = time(6, 0)


@task
def send_daily_reminders() -> dict:
    """Send today's reminders, once a day however many workers run, then queue the next day."""
    today = timezone.localdate()
    try:
        if not claim_period("plans.send_daily_reminders", today.isoformat()):
            return {"skipped": "already sent today"}
        return reminders.reminders_send_due(today=today).as_dict()
    finally:
        # Also after a failure, so one bad day does not stop the reminders for good.
        schedule_daily_reminders(run_after=next_daily_run(timezone.localtime()))


def next_daily_run(now: datetime) -> datetime:
    """The next day's run time in the current time zone."""
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, DAILY_AT))


def daily_reminders_pending() -> bool:
    """Whether the database queue already holds a run of the daily reminders that has not started."""
    return task_waiting(send_daily_reminders)


def schedule_daily_reminders(*, run_after: datetime | None = None) -> bool:
    """Queue the daily reminders unless a run is already waiting; True when queued."""
    return enqueue_unless_waiting(send_daily_reminders, run_after=run_after)


def start_daily_reminders() -> str | None:
    """At worker start: begin the daily chain of reminders, once."""
    return "Daily reminders queued." if schedule_daily_reminders() else None

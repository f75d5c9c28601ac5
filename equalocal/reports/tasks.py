"""Background tasks of the reports app."""

from __future__ import annotations

from django.tasks import task


@task
def generate_report(report_id: int) -> None:
    """Read the data, write the snapshot and make the files of one report."""
    from .services import report_generate

    report_generate(report_id=report_id)


@task
def requeue_stale_reports() -> int:
    """Queue again reports whose worker died, once per stale period however many workers
    run; then look again after the stale period."""
    from django.utils import timezone

    from equalocal.core.scheduling import claim_period, seconds_period

    from .services import reports_requeue, stale_after

    try:
        period = seconds_period(timezone.now(), int(stale_after().total_seconds()))
        if not claim_period("reports.requeue_stale_reports", period):
            return 0
        return reports_requeue(queued=False)
    finally:
        schedule_stale_check()


def schedule_stale_check() -> bool:
    """Queue the next stale check unless one is waiting; True when queued."""
    from django.utils import timezone

    from equalocal.core.scheduling import enqueue_unless_waiting

    from .services import stale_after

    return enqueue_unless_waiting(requeue_stale_reports, run_after=timezone.now() + stale_after())


def start_queued() -> str | None:
    """At worker start: generate the reports left queued (the demo's) or left by a dead
    worker, and keep checking for reports a worker dies on."""
    from .services import reports_requeue

    queued = reports_requeue()
    schedule_stale_check()
    return f"{queued} report(s) queued for generation." if queued else None

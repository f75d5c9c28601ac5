"""Background tasks of the indicators app."""

from __future__ import annotations

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from equalocal.core.scheduling import claim_period, enqueue_unless_waiting, hour_period

from . import services

CLEANUP_EVERY = timedelta(hours=1)


@task
def discard_import_previews() -> int:
    """Remove import previews nobody confirmed within a day, then look again in an hour
    (once an hour however many workers run)."""
    try:
        if not claim_period("indicators.discard_import_previews", hour_period(timezone.now())):
            return 0
        return services.import_previews_discard()
    finally:
        schedule_preview_cleanup()


def schedule_preview_cleanup() -> bool:
    return enqueue_unless_waiting(discard_import_previews, run_after=timezone.now() + CLEANUP_EVERY)


def start_preview_cleanup() -> str | None:
    """At worker start: clean up now, and keep doing so every hour."""
    discarded = services.import_previews_discard()
    schedule_preview_cleanup()
    return f"{discarded} unconfirmed import preview(s) removed." if discarded else None


@task
def run_import(batch_id: int) -> None:
    """Import one confirmed file of figures."""
    services.import_run(batch_id=batch_id)


@task
def requeue_stale_imports() -> int:
    """Queue again imports whose worker died, once per stale period however many workers
    run; then look again after the stale period."""
    from equalocal.core.scheduling import seconds_period

    try:
        period = seconds_period(timezone.now(), int(services.stale_after().total_seconds()))
        if not claim_period("indicators.requeue_stale_imports", period):
            return 0
        return services.imports_requeue(queued=False)
    finally:
        schedule_stale_check()


def schedule_stale_check() -> bool:
    """Queue the next stale check unless one is waiting; True when queued."""
    return enqueue_unless_waiting(
        requeue_stale_imports, run_after=timezone.now() + services.stale_after()
    )


def start_queued_imports() -> str | None:
    """At worker start: run the imports left queued or left by a dead worker, and keep
    checking for imports a worker dies on."""
    queued = services.imports_requeue()
    schedule_stale_check()
    return f"{queued} import(s) of figures queued." if queued else None

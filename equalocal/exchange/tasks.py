"""Background tasks of the exchange app."""

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
        if not claim_period("exchange.discard_import_previews", hour_period(timezone.now())):
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
    return f"{discarded} unconfirmed spreadsheet import preview(s) removed." if discarded else None

"""Background tasks of the reports app."""

from __future__ import annotations

from django.tasks import task


@task
def generate_report(report_id: int) -> None:
    """Read the data, write the snapshot and make the files of one report."""
    from .services import report_generate

    report_generate(report_id=report_id)


def start_queued() -> str | None:
    """At worker start: generate the reports left queued (the demo's) or left by a dead worker."""
    from .services import reports_requeue

    queued = reports_requeue()
    return f"{queued} report(s) queued for generation." if queued else None

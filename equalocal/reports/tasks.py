"""Background tasks of the reports app."""

from __future__ import annotations

from django.tasks import task


@task
def generate_report(report_id: int) -> None:
    """Read the data, write the snapshot and make the files of one report."""
    from .services import report_generate

    report_generate(report_id=report_id)

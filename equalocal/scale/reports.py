"""Reports as the report form leaves them: drafts queued for the worker, as the demo's are."""

from __future__ import annotations

from datetime import date

from equalocal.organisations.models import Role
from equalocal.reports.models import Report, ReportKind, ReportState
from equalocal.reports.services import STAGES, default_title

from .run import Run, insert


def build(run: Run) -> None:
    rng = run.rng("reports")
    reports = []
    for plan in run.plans:
        if rng.random() > 0.3 and plan.organisation_id != run.local[0].pk:
            continue
        organisation = plan.organisation
        year = run.today.year - 1
        language = "sv" if organisation.country == "SE" else "en"
        reports.append(
            Report(
                organisation=organisation,
                kind=ReportKind.FOLLOW_UP,
                title=default_title(
                    ReportKind.FOLLOW_UP, organisation, date(year, 12, 31), language
                ),
                plan=plan,
                period_start=date(year, 1, 1),
                period_end=date(year, 12, 31),
                language=language,
                author=run.users[(organisation.pk, Role.EDITOR)],
                summary="The year's work on the action plan.",
                state=ReportState.QUEUED,
                progress_total=len(STAGES),
            )
        )
    insert(run, Report, reports, label="reports")

"""Writes of reports: create, generate (in the worker), change a draft, send, regenerate,
comment.

Generation reads the data into a JSON snapshot and makes the PDF and the DOCX from it; all
three files are kept in private storage. A sent report is frozen: its files and snapshot stay
as they are, and regenerating makes a new version.
"""

from __future__ import annotations

import json
import logging
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError
from equalocal.core.uploads import delete_private, store_private
from equalocal.organisations import permissions
from equalocal.organisations.permissions import Action

from .models import Report, ReportComment, ReportKind, ReportState, ReportStatus

logger = logging.getLogger(__name__)

FOLDER = "reports"
# Generated files are ours, not uploads; the limit only guards against a runaway report.
MAX_FILE_BYTES = 500 * 1024 * 1024
STAGES = ["snapshot", "commitment", "plan", "coverage", "indicators", "html", "pdf", "docx"]


def _enqueue(report: Report) -> None:
    from .tasks import generate_report

    report_id = report.pk
    transaction.on_commit(lambda: generate_report.enqueue(report_id))


def _require_maker(by, organisation) -> None:
    """Reports are made (and regenerated and sent) by the organisation's editors and admins;
    viewers read and export them. ``by=None`` is the system itself (the demo loader)."""
    if by is not None:
        permissions.require(by, organisation, Action.EDIT)


def _check_period(period_start: date, period_end: date) -> None:
    if period_end < period_start:
        raise ApplicationError(_("The period cannot end before it starts."), field="period_end")


def default_title(kind: str, organisation, period_end: date, language: str) -> str:
    with translation.override(language):
        label = str(ReportKind(kind).label)
        return _("%(kind)s %(year)s – %(organisation)s") % {
            "kind": label,
            "year": period_end.year,
            "organisation": organisation.name,
        }


@transaction.atomic
def report_create(
    *,
    organisation,
    kind: str,
    by,
    language: str,
    period_start: date,
    period_end: date,
    title: str = "",
    summary: str = "",
    background: str = "",
    next_steps: str = "",
    plan=None,
    body=None,
    public: bool = False,
    pdf_ua: bool = True,
    enqueue: bool = True,
) -> Report:
    """A draft report, queued for the worker to generate.

    ``enqueue=False`` leaves it queued in the table only (the demo does so): the next worker
    to start picks it up (``reports_requeue``).
    """
    _require_maker(by, organisation)
    _check_period(period_start, period_end)
    report = Report.objects.create(
        organisation=organisation,
        kind=kind,
        title=title.strip()
        or (plan.title if kind == ReportKind.OPERATIONAL_PLAN and plan else "")
        or default_title(kind, organisation, period_end, language),
        plan=plan,
        body=body,
        public=public,
        period_start=period_start,
        period_end=period_end,
        language=language,
        pdf_ua=pdf_ua,
        author=by,
        summary=summary,
        background=background,
        next_steps=next_steps,
        progress_total=len(STAGES),
    )
    if enqueue:
        _enqueue(report)
    return report


def stale_after() -> timedelta:
    """How long a generating report's worker may stay silent before it counts as dead."""
    from django.conf import settings

    return timedelta(seconds=settings.REPORTS_STALE_AFTER_SECONDS)


def reports_requeue(*, queued: bool = True) -> int:
    """Queue again the reports nobody is generating; return how many.

    Those are the running ones whose worker has been silent for :func:`stale_after` (it
    died mid-report: the files it stored before dying are removed) and, with ``queued``,
    the queued ones (left by the demo, or by a queue that was emptied). The periodic check
    leaves queued ones alone: their task is waiting in the queue.
    """
    from .tasks import generate_report

    dead = Q(state=ReportState.RUNNING, updated_at__lt=timezone.now() - stale_after())
    waiting = Report.objects.filter(
        (Q(state=ReportState.QUEUED) | dead) if queued else dead, status=ReportStatus.DRAFT
    )
    ids = []
    for report in waiting:
        # Conditional: a worker that was only slow and spoke meanwhile keeps its report.
        if Report.objects.filter(
            pk=report.pk, state=report.state, updated_at=report.updated_at
        ).update(state=ReportState.QUEUED, updated_at=timezone.now()):
            _discard_unlisted_files(report)
            ids.append(report.pk)
    for report_id in ids:
        generate_report.enqueue(report_id)
    return len(ids)


def _discard_unlisted_files(report: Report) -> None:
    """Remove the files a dead run stored in the report's folder without recording them."""
    folder = f"{FOLDER}/{report.pk}"
    kept = {report.snapshot_file, report.pdf_file, report.docx_file}
    try:
        _dirs, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        if f"{folder}/{name}" not in kept:
            delete_private(f"{folder}/{name}")


def _require_draft(report: Report) -> None:
    if report.is_frozen:
        raise ApplicationError(
            _("This report was sent and is frozen; regenerate it to make a new version.")
        )


@transaction.atomic
def report_update(*, report: Report, by, **fields) -> Report:
    """Change a draft (title, summary, texts, period, language) and generate it again."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    _require_draft(report)
    language = fields.get("language", report.language)
    made_title = default_title(report.kind, report.organisation, report.period_end, report.language)
    if language != report.language and fields.get("title", report.title) == made_title:
        # A title the report made for itself follows its language.
        period_end = fields.get("period_end", report.period_end)
        fields["title"] = default_title(report.kind, report.organisation, period_end, language)
    for name, value in fields.items():
        setattr(report, name, value)
    _check_period(report.period_start, report.period_end)
    report.state = ReportState.QUEUED
    report.progress_current = 0
    report.error = ""
    report.save()
    _enqueue(report)
    return report


@transaction.atomic
def report_send(*, report: Report, by) -> Report:
    """Mark a generated draft as sent: from now on it is frozen."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    _require_maker(by, report.organisation)
    _require_draft(report)
    if not report.is_ready:
        raise ApplicationError(_("Only a generated report can be sent; wait until it is ready."))
    report.status = ReportStatus.SENT
    report.sent_at = timezone.now()
    report.save(update_fields=["status", "sent_at", "updated_at"])
    return report


@transaction.atomic
def report_regenerate(*, report: Report, by) -> Report:
    """A new version of the report from today's data; the report itself is left as it is."""
    latest = Report.objects.select_for_update().get(pk=report.pk)
    _require_maker(by, latest.organisation)
    if hasattr(latest, "next_version"):
        raise ApplicationError(_("A newer version of this report exists; regenerate that one."))
    return _new_version(latest, by)


def _new_version(previous: Report, by) -> Report:
    report = Report.objects.create(
        organisation=previous.organisation,
        kind=previous.kind,
        title=previous.title,
        plan=previous.plan,
        body=previous.body,
        public=previous.public,
        period_start=previous.period_start,
        period_end=previous.period_end,
        language=previous.language,
        pdf_ua=previous.pdf_ua,
        author=by,
        summary=previous.summary,
        background=previous.background,
        next_steps=previous.next_steps,
        version=previous.version + 1,
        previous_version=previous,
        progress_total=len(STAGES),
    )
    _enqueue(report)
    return report


def report_comment_add(*, report: Report, by, text: str) -> ReportComment:
    _require_draft(report)
    text = text.strip()
    if not text:
        raise ApplicationError(_("Write a comment first."), field="text")
    return ReportComment.objects.create(report=report, author=by, text=text)


# Generation (in the worker) ---------------------------------------------------------------------


def _progress(report: Report, stage: str) -> None:
    report.stage = stage
    report.progress_current = STAGES.index(stage) + 1 if stage in STAGES else 0
    Report.objects.filter(pk=report.pk).update(
        stage=report.stage, progress_current=report.progress_current, updated_at=timezone.now()
    )


def _store(report: Report, content: bytes, suffix: str) -> str:
    # One folder per report, so a run that died before recording its files can be cleaned up.
    return store_private(
        ContentFile(content),
        folder=f"{FOLDER}/{report.pk}",
        filename=f"report{suffix}",
        limit=MAX_FILE_BYTES,
    )


def read_snapshot(report: Report) -> dict | None:
    """The data the report was made from, or None before it was generated."""
    if not report.snapshot_file:
        return None
    with default_storage.open(report.snapshot_file, "rb") as handle:
        return json.loads(handle.read().decode("utf-8"))


def report_generate(*, report_id: int) -> Report | None:
    """Make the snapshot and the files of a queued report; idempotent for a ready one.

    A frozen (sent) report is never generated again, and a report another worker is
    generating is left to it. Nothing is stored until the three files are made; a failure
    leaves the report failed with a message and removes the files stored so far. A worker
    killed mid-report leaves the report running with its old files: the periodic check
    (``tasks.requeue_stale_reports``) queues it again once the worker has been silent for
    :func:`stale_after`.
    """
    from .rendering import render_report
    from .snapshots import build_snapshot

    report = (
        Report.objects.select_related("organisation", "author", "plan", "body")
        .filter(pk=report_id)
        .first()
    )
    if report is None or report.is_frozen:
        return report
    # The claim: only one worker moves a queued (or failed) report to running.
    claimed = Report.objects.filter(
        pk=report.pk, state__in=[ReportState.QUEUED, ReportState.FAILED]
    ).update(state=ReportState.RUNNING, error="", updated_at=timezone.now())
    if not claimed:
        return report
    report.state = ReportState.RUNNING
    made: list[str] = []
    try:
        _progress(report, "snapshot")
        with translation.override(report.language):
            snapshot = build_snapshot(report, lambda stage: _progress(report, stage))
        body = json.dumps(snapshot, ensure_ascii=False, indent=1, sort_keys=True).encode()
        _progress(report, "html")
        _html, pdf, docx = render_report(
            snapshot, pdf_ua=report.pdf_ua, progress=lambda stage: _progress(report, stage)
        )
        made.append(_store(report, body, ".json"))
        made.append(_store(report, pdf.content, ".pdf"))
        made.append(_store(report, docx, ".docx"))
    except Exception:
        logger.exception("report %s failed", report.pk)
        for name in made:
            delete_private(name)
        with translation.override(report.language):
            message = _("The report could not be made. Try again; if it fails again, tell us.")
        Report.objects.filter(pk=report.pk).update(state=ReportState.FAILED, error=message)
        report.refresh_from_db()
        return report
    old = [report.snapshot_file, report.pdf_file, report.docx_file]
    # Only a run nobody re-queued meanwhile (a draft changed while it ran) stores its files.
    stored = Report.objects.filter(pk=report.pk, state=ReportState.RUNNING).update(
        snapshot_file=made[0],
        pdf_file=made[1],
        docx_file=made[2],
        page_count=pdf.pages,
        state=ReportState.READY,
        stage="",
        progress_current=report.progress_total,
        generated_at=timezone.now(),
        updated_at=timezone.now(),
    )
    for name in old if stored else made:
        delete_private(name)
    report.refresh_from_db()
    return report

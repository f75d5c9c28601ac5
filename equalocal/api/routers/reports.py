"""Reports: an organisation's generated follow-up and summary reports.

Members see every report of their organisation, as on its reports page; anyone else only the
published ones (public, sent, and the organisation publishes its reports), as on its public
profile. The PDF, DOCX and JSON files are linked to the pages' download views, which apply
the same rule (they read the browser's session, not the API token).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from equalocal.organisations import permissions
from equalocal.organisations.models import Organisation
from equalocal.reports import selectors
from equalocal.reports.models import Report, ReportKind, ReportLanguage, ReportState, ReportStatus

from ..auth import public
from ..errors import ERRORS
from ..inputs import Input, Text
from ..pagination import DEFAULT_LIMIT, MAX_LIMIT, paginate

router = Router(tags=["reports"])

ReportKindName = Literal["follow_up", "signatory_summary", "network_interim", "operational_plan"]
ReportStatusName = Literal["draft", "sent"]
ReportLanguageName = Literal["en", "sv"]
ReportStateName = Literal["queued", "running", "ready", "failed"]

assert set(ReportKindName.__args__) == set(ReportKind.values)
assert set(ReportStatusName.__args__) == set(ReportStatus.values)
assert set(ReportLanguageName.__args__) == set(ReportLanguage.values)
assert set(ReportStateName.__args__) == set(ReportState.values)

FILES = {"pdf": ("pdf_file", "reports:pdf"), "docx": ("docx_file", "reports:docx")}
FILES["snapshot"] = ("snapshot_file", "reports:snapshot")


class ReportFiles(Schema):
    pdf: str | None
    docx: str | None
    snapshot: str | None = Field(description="The data the report was made from (JSON).")


def _files(request, report: Report) -> dict | None:
    """Links to the files once generated; the page's download views check access again."""
    if not report.is_ready:
        return None
    kwargs = {"org": report.organisation.slug, "report": report.pk}
    return {
        name: request.build_absolute_uri(reverse(view, kwargs=kwargs))
        if getattr(report, field)
        else None
        for name, (field, view) in FILES.items()
    }


class ReportListItem(Schema):
    id: int
    title: str
    kind: str
    language: str
    period_start: date
    period_end: date
    version: int
    status: str
    public: bool = Field(description="Marked public: anyone may read it once it is sent.")
    sent_at: datetime | None
    state: str = Field(description="Where the generation of the files stands.")
    generated_at: datetime | None
    page_count: int | None
    files: ReportFiles | None = Field(description="Null until the files are generated.")
    created_at: datetime


class ReportList(Schema):
    items: list[ReportListItem]
    next_cursor: str | None


class ReportFilters(Input):
    kind: ReportKindName | None = None
    status: ReportStatusName | None = None
    language: ReportLanguageName | None = None
    ordering: Literal["-created", "title", "id"] = "-created"
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


REPORT_ORDERINGS = {"-created": "-created_at", "title": "title", "id": "id"}


def _report_item(request, report: Report) -> dict:
    return {
        "id": report.pk,
        "title": report.title,
        "kind": report.kind,
        "language": report.language,
        "period_start": report.period_start,
        "period_end": report.period_end,
        "version": report.version,
        "status": report.status,
        "public": report.public,
        "sent_at": report.sent_at,
        "state": report.state,
        "generated_at": report.generated_at,
        "page_count": report.page_count,
        "files": _files(request, report),
        "created_at": report.created_at,
    }


@router.get(
    "/organisations/{slug}/reports",
    response={200: ReportList, **ERRORS},
    auth=public,
    url_name="reports",
)
def list_reports(request, slug: Text, filters: Query[ReportFilters]):
    """The organisation's reports: all of them for members, the published ones for others."""
    organisation = get_object_or_404(Organisation, slug=slug)
    rows = selectors.reports_for_user(request.user, organisation)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.language:
        rows = rows.filter(language=filters.language)
    page = paginate(
        rows,
        ordering=filters.ordering,
        orderings=REPORT_ORDERINGS,
        cursor=filters.cursor,
        limit=filters.limit,
    )
    return {
        "items": [_report_item(request, r) for r in page.items],
        "next_cursor": page.next_cursor,
    }


class ReportVersion(Schema):
    id: int
    version: int
    status: str
    created_at: datetime


class ReportCommentOut(Schema):
    author: str | None
    text: str
    created_at: datetime


class ReportDetail(Schema):
    id: int
    organisation: str
    title: str
    kind: str
    language: str
    period_start: date
    period_end: date
    version: int
    status: str
    public: bool
    sent_at: datetime | None
    state: str
    progress: int = Field(description="How far the generation is (%).")
    error: str = Field(description="Why the generation failed, when it did.")
    generated_at: datetime | None
    page_count: int | None
    files: ReportFiles | None
    summary: str
    background: str
    next_steps: str
    plan: int | None = Field(description="The plan it follows up; members only.")
    previous_version: int | None = Field(description="Members only.")
    versions: list[ReportVersion] = Field(description="Every version, newest first; members only.")
    comments: list[ReportCommentOut] = Field(description="Members only.")
    page_url: str
    created_at: datetime
    updated_at: datetime


def _author(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.email


@router.get(
    "/organisations/{slug}/reports/{report_id}",
    response={200: ReportDetail, **ERRORS},
    auth=public,
    url_name="report",
)
def get_report(request, slug: Text, report_id: int):
    """One report; members see it all (versions, comments), anyone else only a published
    report, without its comments (404 otherwise)."""
    report = selectors.get_report_for_user(request.user, slug, report_id, public=True)
    member = permissions.can_view_internal(request.user, report.organisation)
    versions = selectors.report_versions(report) if member else []
    comments = report.comments.select_related("author") if member else []
    return {
        **_report_item(request, report),
        "organisation": report.organisation.slug,
        "progress": report.progress_percent,
        "error": report.error,
        "summary": report.summary,
        "background": report.background,
        "next_steps": report.next_steps,
        "plan": report.plan_id if member else None,
        "previous_version": report.previous_version_id if member else None,
        "versions": [
            {"id": v.pk, "version": v.version, "status": v.status, "created_at": v.created_at}
            for v in versions
        ],
        "comments": [
            {"author": _author(c.author), "text": c.text, "created_at": c.created_at}
            for c in comments
        ],
        "page_url": request.build_absolute_uri(report.get_absolute_url()),
        "updated_at": report.updated_at,
    }

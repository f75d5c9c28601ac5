"""Reads of reports, with the access helper: reports are internal to their organisation."""

from __future__ import annotations

from django.db.models import F
from django.shortcuts import get_object_or_404

from equalocal.organisations import permissions
from equalocal.organisations.permissions import Action

from .models import Report, ReportKind, ReportStatus


def get_organisation_for_reports(user, slug: str, *, action: str = Action.VIEW):
    """The organisation whose reports the user reads (members) or, with ``Action.EDIT``,
    makes (editors and admins)."""
    from equalocal.organisations.models import Organisation

    organisation = get_object_or_404(Organisation, slug=slug)
    permissions.require(user, organisation, action)
    return organisation


def get_report_for_user(
    user, org_slug: str, report_pk: int, *, action: str = Action.VIEW, public: bool = False
):
    """A report of the organisation; outsiders get 404, like for every private object.

    ``public=True`` (reading the report and its files) lets anyone read a published report:
    a public one that was sent, of an organisation whose publishing settings make its reports
    public.
    """
    report = get_object_or_404(
        Report.objects.select_related("organisation", "author", "plan", "body", "previous_version"),
        pk=report_pk,
        organisation__slug=org_slug,
    )
    shown = public and report.is_published and publishes_reports(report.organisation)
    permissions.require(user, report.organisation, action, public=shown)
    return report


def publishes_reports(organisation) -> bool:
    """Whether the organisation's publishing settings make its published reports public."""
    return permissions.publishing_of(organisation).reports


def published_reports(organisation):
    """The reports anyone may read: public and sent, where the organisation publishes its
    reports (none otherwise); newest first."""
    if not publishes_reports(organisation):
        return Report.objects.none()
    return Report.objects.filter(
        organisation=organisation, public=True, status=ReportStatus.SENT
    ).select_related("author", "organisation")


def published_reports_of(organisation, *, limit: int = 5) -> list[Report]:
    """At most ``limit`` of the organisation's published reports (``published_reports``)."""
    return list(published_reports(organisation)[:limit])


def reports_for_user(user, organisation):
    """The organisation's reports the user may see: all of them for its members (as on its
    reports page), the published ones for anyone else (as on its public pages)."""
    if permissions.can_view_internal(user, organisation):
        return reports_of(organisation)
    return published_reports(organisation)


def latest_published_follow_up(organisation) -> Report | None:
    """The organisation's latest follow-up report anyone may read, by the day it was sent."""
    if not publishes_reports(organisation):
        return None
    return (
        Report.objects.filter(
            organisation=organisation,
            kind=ReportKind.FOLLOW_UP,
            public=True,
            status=ReportStatus.SENT,
        )
        .order_by(F("sent_at").desc(nulls_last=True), "-pk")
        .first()
    )


def reports_of(organisation, *, limit: int | None = None):
    reports = Report.objects.filter(organisation=organisation).select_related(
        "author", "organisation"
    )
    return list(reports[:limit]) if limit else reports


def report_versions(report: Report) -> list[Report]:
    """Every version of the report, newest first (following the chain both ways)."""
    first = report
    earlier = {first.pk}
    while first.previous_version_id and first.previous_version_id not in earlier:
        first = Report.objects.get(pk=first.previous_version_id)
        earlier.add(first.pk)
    # A separate guard going forward: ``earlier`` holds the later versions too.
    versions = [first]
    seen = {first.pk}
    while True:
        following = Report.objects.filter(previous_version=versions[-1]).first()
        if following is None or following.pk in seen:
            break
        seen.add(following.pk)
        versions.append(following)
    return versions[::-1]

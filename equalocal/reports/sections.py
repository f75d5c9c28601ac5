"""What the reports app shows on other apps' pages (registered in ``apps.py``)."""

from __future__ import annotations

from equalocal.organisations.permissions import Action, allows, can_view_internal

from .selectors import latest_published_follow_up, published_reports_of, reports_of


def organisation_reports(request, organisation) -> dict | None:
    """The latest reports on the organisation's page: all for its members, the published ones
    for everyone else."""
    if can_view_internal(request.user, organisation):
        return {
            "organisation": organisation,
            "reports": reports_of(organisation, limit=5),
            "can_make": allows(request.user, organisation, Action.EDIT),
        }
    published = published_reports_of(organisation)
    if not published:
        return None
    return {"organisation": organisation, "reports": published, "public": True}


def public_profile_report(request, organisation) -> dict | None:
    """On the public profile: the latest published follow-up report, when there is one and
    the organisation's publishing settings make its reports public."""
    report = latest_published_follow_up(organisation)
    if report is None:
        return None
    return {"organisation": organisation, "report": report}

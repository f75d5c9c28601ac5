"""What the documents app shows on other apps' pages (registered in ``apps.py``)."""

from __future__ import annotations

from equalocal.organisations import permissions

from .selectors import provenance_for


def commitment_sources(request, commitment) -> dict | None:
    """The documents and pages a commitment and its steps came from; members only."""
    if not permissions.can_view_internal(request.user, commitment.organisation):
        return None
    items = provenance_for(commitment, *commitment.steps.all())
    return {"provenance": items} if items else None


def activity_sources(request, activity) -> dict | None:
    """The document and page an activity came from; members only."""
    if not permissions.can_view_internal(request.user, activity.plan.organisation):
        return None
    items = provenance_for(activity)
    return {"provenance": items} if items else None

"""What the reports app shows on other apps' pages (registered in ``apps.py``)."""

from __future__ import annotations

from equalocal.organisations.permissions import can_view_internal

from .selectors import reports_of


def organisation_reports(request, organisation) -> dict | None:
    """The latest reports on the organisation's page, for its members."""
    if not can_view_internal(request.user, organisation):
        return None
    return {"organisation": organisation, "reports": reports_of(organisation, limit=5)}

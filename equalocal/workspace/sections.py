"""What the workspace shows on other apps' pages (registered in ``apps.py``)."""

from __future__ import annotations

from django.utils import timezone

from equalocal.organisations import permissions
from equalocal.organisations.models import Role

from .selectors import first_run_checklist


def checklist(request, organisation) -> dict | None:
    """The organisation's first-run checklist, for its members, until every step is done."""
    if organisation is None or not permissions.can_view_internal(request.user, organisation):
        return None
    items = first_run_checklist(organisation, today=timezone.localdate())
    if all(item.done for item in items):
        return None
    allowed = {
        Role.EDITOR: permissions.can_edit(request.user, organisation),
        Role.ADMIN: permissions.can_manage(request.user, organisation),
    }
    return {
        "organisation": organisation,
        "items": items,
        "done": sum(item.done for item in items),
        # The steps this person may do: the others say who does them.
        "doable": {item.key for item in items if allowed[item.role]},
    }

"""What the accounts app shows on other apps' pages (registered in ``apps.py``)."""

from __future__ import annotations

from equalocal.organisations import permissions

from .forms import InvitationForm
from .selectors import open_invitations_for


def organisation_invitations(request, organisation) -> dict | None:
    """The invitation form and the open invitations on the members page; admins only."""
    if not permissions.can_manage(request.user, organisation):
        return None
    return {
        "organisation": organisation,
        "invite_form": InvitationForm(),
        "invitations": open_invitations_for(organisation),
    }

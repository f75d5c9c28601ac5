"""The API's side of the access gate: what the caller may do with a token."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from equalocal.organisations import permissions
from equalocal.organisations.models import Organisation
from equalocal.organisations.permissions import Action


def writing(request) -> None:
    """Writes need a token created with "may change data"; the role is checked by the gate."""
    if not getattr(request.auth, "can_write", False):
        raise PermissionDenied


def organisation(request, slug: str, action: Action = Action.VIEW, *, public=False):
    """An organisation whose internal data is asked for: 404 to outsiders (unless ``public``
    and only read), 403 below ``action``."""
    found = get_object_or_404(Organisation, slug=slug)
    permissions.require(request.user, found, action, public=public)
    if action != Action.VIEW:
        # After the gate: a read-only token must not learn that a private object exists.
        writing(request)
    return found

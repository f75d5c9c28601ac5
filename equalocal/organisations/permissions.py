"""Who may do what with an organisation's data: the rules in one place.

Organisations themselves are a public directory. Everything else an
organisation owns is private to its members: viewers read it, editors change
plans and data, admins also manage members and settings. Site staff may do
everything.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Role

if TYPE_CHECKING:
    from .models import Organisation, Person

_RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.ADMIN: 3}


class Action(StrEnum):
    """What a user wants to do with an organisation's data."""

    VIEW = "view"  # read internal data: members of any role
    EDIT = "edit"  # change plans, people and data: editors and admins
    MANAGE = "manage"  # members, invitations, settings, deletion: admins


def role_in(user, organisation: Organisation) -> Role | None:
    """Return the user's role in the organisation, or None; uses the cached memberships."""
    if not user.is_authenticated:
        return None
    from .selectors import memberships_for_user

    for membership in memberships_for_user(user):
        if membership.organisation_id == organisation.pk:
            return Role(membership.role)
    return None


def _has_at_least(user, organisation: Organisation, role: Role) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    current = role_in(user, organisation)
    if current is None:
        return False
    return _RANK[current] >= _RANK[role]


def can_view_internal(user, organisation: Organisation) -> bool:
    """Members (and staff) read the organisation's internal data."""
    return _has_at_least(user, organisation, Role.VIEWER)


def can_edit(user, organisation: Organisation) -> bool:
    """Editors and admins change plans, people and other data."""
    return _has_at_least(user, organisation, Role.EDITOR)


def can_manage(user, organisation: Organisation) -> bool:
    """Admins manage members, invitations and the organisation's settings."""
    return _has_at_least(user, organisation, Role.ADMIN)


def can_see_contact_details(user, person: Person) -> bool:
    """Contact details are for the person's own organisation, unless the person is public."""
    if person.is_public_contact:
        return True
    return can_view_internal(user, person.organisation)


_ALLOWED = {
    Action.VIEW: can_view_internal,
    Action.EDIT: can_edit,
    Action.MANAGE: can_manage,
}


def allows(user, organisation: Organisation, action: Action) -> bool:
    """Whether the user may do ``action`` with the organisation's internal data."""
    return _ALLOWED[Action(action)](user, organisation)


def require(user, organisation: Organisation, action: Action = Action.VIEW, *, public=False):
    """The access gate: every object of an organisation is reached through it.

    Private data of an organisation the user is not a member of does not exist for them
    (404), unless it is ``public`` and only read; a member below the role ``action`` needs
    gets 403.
    """
    action = Action(action)
    if action == Action.VIEW and public:
        return
    if not can_view_internal(user, organisation):
        raise Http404
    if not allows(user, organisation, action):
        raise PermissionDenied

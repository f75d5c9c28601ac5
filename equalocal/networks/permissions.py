"""Who may do what in a network: the rules in one place.

Coordinators are the network organisation's admins and editors: they manage its
groups, memberships, meetings, plan and matrix. A member organisation's admin may
update their own organisation's seats and see their own row of the dashboard.
Whether every member sees the whole dashboard is the network's choice.
"""

from __future__ import annotations

from equalocal.organisations import permissions as org_permissions

from .models import DashboardVisibility


def can_coordinate(user, network) -> bool:
    return org_permissions.can_edit(user, network)


def member_organisation_ids(user) -> set[int]:
    """Organisations the user belongs to (any role)."""
    from equalocal.organisations.selectors import memberships_for_user

    return {m.organisation_id for m in memberships_for_user(user)}


def admin_organisation_ids(user) -> set[int]:
    from equalocal.organisations.models import Role
    from equalocal.organisations.selectors import memberships_for_user

    return {m.organisation_id for m in memberships_for_user(user) if m.role == Role.ADMIN}


def is_network_member(user, network, current_member_ids: set[int]) -> bool:
    """The user belongs to the network organisation or to one of its current members."""
    if not user.is_authenticated:
        return False
    if user.is_staff or org_permissions.can_view_internal(user, network):
        return True
    return bool(member_organisation_ids(user) & current_member_ids)


def can_see_full_dashboard(user, network, current_member_ids: set[int], visibility: str) -> bool:
    if can_coordinate(user, network):
        return True
    if visibility == DashboardVisibility.COORDINATORS:
        return False
    return is_network_member(user, network, current_member_ids)


def can_edit_seat(user, seat) -> bool:
    """Coordinators, and the admins of the seat's member organisation."""
    if can_coordinate(user, seat.body.network):
        return True
    return seat.member_id in admin_organisation_ids(user)

"""Who may do what with an organisation's data: the access gate, the rules in one place.

Organisations themselves are a public directory. Everything else an organisation owns is
private to its members: viewers read it, editors change plans and data, admins also manage
members and settings. Site staff may do everything.

One organisation reaches another's data only with its consent. What an organisation makes
public anyone sees (``published``). A network sees more of a member only while the member
has accepted its membership, and only what the member chose to share with it
(``network_can_see``). A network never writes a member's data.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import NetworkSharing, Publishing, Role, Shared, SharingStatus

if TYPE_CHECKING:
    from .models import Organisation, Person

_RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.ADMIN: 3}


class Action(StrEnum):
    """What a user wants to do with an organisation's data."""

    VIEW = "view"  # read internal data: members of any role
    EDIT = "edit"  # change plans, people and data: editors and admins
    MANAGE = "manage"  # members, invitations, settings, deletion: admins


def role_in(user, organisation: Organisation | int) -> Role | None:
    """The user's role in the organisation (or organisation id), or None; no query beyond the
    memberships cached for the request."""
    if not user.is_authenticated:
        return None
    from .selectors import memberships_for_user

    pk = organisation if isinstance(organisation, int) else organisation.pk
    for membership in memberships_for_user(user):
        if membership.organisation_id == pk:
            return Role(membership.role)
    return None


def _has_at_least(user, organisation: Organisation | int, role: Role) -> bool:
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
    # By id: a long list of people costs no query per person.
    return _has_at_least(user, person.organisation_id, Role.VIEWER)


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
    # The reasons go to the security log only; the pages say no more than 404 or 403.
    if not can_view_internal(user, organisation):
        raise Http404(f"gate: not a member of organisation {organisation.pk}")
    if not allows(user, organisation, action):
        raise PermissionDenied(
            f"gate: {action} needs a higher role in organisation {organisation.pk}"
        )


# Publishing and sharing between organisations --------------------------------------------------

# What a member shares with a network unless it chooses otherwise (and what it publishes).
DEFAULT_PUBLISHING = Publishing()


def publishing_of(organisation: Organisation) -> Publishing:
    """The organisation's publishing settings; the defaults when none were saved."""
    try:
        return organisation.publishing
    except Publishing.DoesNotExist:
        return DEFAULT_PUBLISHING


def published(organisation: Organisation, what: Shared) -> bool:
    """Whether the organisation makes ``what`` public: anyone may see it."""
    return publishing_of(organisation).publishes(Shared(what))


def publishing_map(organisation_ids) -> dict[int, Publishing]:
    """Each organisation's publishing settings (the defaults where none were saved); one query."""
    saved = {
        row.organisation_id: row
        for row in Publishing.objects.filter(organisation_id__in=set(organisation_ids))
    }
    return {pk: saved.get(pk, DEFAULT_PUBLISHING) for pk in organisation_ids}


def network_visibility(network: Organisation, member_ids) -> dict[int, frozenset[Shared]]:
    """For each member, what ``network`` may see of it: what it publishes, plus what it
    shares with this network while its membership is accepted. Two queries for any number."""
    member_ids = set(member_ids)
    public = publishing_map(member_ids)
    sharing = {
        row.member_id: row
        for row in NetworkSharing.objects.filter(
            network=network, member_id__in=member_ids, status=SharingStatus.ACCEPTED
        )
    }
    visible = {}
    for member_id in member_ids:
        settings = public.get(member_id, DEFAULT_PUBLISHING)
        consent = sharing.get(member_id)
        visible[member_id] = frozenset(
            what
            for what in Shared
            if settings.publishes(what) or (consent is not None and consent.shares(what))
        )
    return visible


def network_can_see(network: Organisation, member: Organisation, what: Shared) -> bool:
    """Whether ``network`` (its coordinators and members) may see ``what`` of ``member``."""
    if network.pk == member.pk:
        return True
    return Shared(what) in network_visibility(network, [member.pk])[member.pk]


def contacts_shared_with(network: Organisation, member_ids) -> frozenset[int]:
    """The members whose contacts ``network``'s pages may show: one query for a whole page."""
    visible = network_visibility(network, member_ids)
    return frozenset(pk for pk, what in visible.items() if Shared.CONTACTS in what)


def can_see_person(user, person: Person, *, shared_with: frozenset[int] = frozenset()) -> bool:
    """The one rule for people's names and contact details, everywhere they appear.

    A person is shown by name to members of their own organisation and to everyone when
    they are a public contact. On a network's pages, ``shared_with`` holds the member
    organisations that share their contacts with that network (``contacts_shared_with``),
    whose people the network's people may see. Everyone else sees the role or unit only:
    pages, filters, exports, reports, e-mails and the API alike.
    """
    if can_see_contact_details(user, person):
        return True
    return person.organisation_id in shared_with

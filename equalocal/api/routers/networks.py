"""Networks: their bodies (working groups), memberships over time, seats and meetings.

As on the pages: a network's members (people of the network or of a current member
organisation) see everything of it; others see what its public pages show: current members,
the bodies with a public page, their seats by role (people only where they are public
contacts) and their upcoming meetings.

Writes are a coordinator's (an editor or admin of the network organisation), through the
services of the members and group pages. Consent holds as there: a network only *asks* an
organisation to become a member, and the organisation's admins answer (on their own pages or
``/organisations/{slug}/network-requests``, where the gate is the organisation's, so a
network's coordinators cannot answer for it); a seat's representative may also be changed by
the member organisation's admins.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from equalocal.networks import permissions as network_permissions
from equalocal.networks import services
from equalocal.networks.models import NetworkMembership, Seat, SeatRole
from equalocal.networks.selectors import (
    bodies_of,
    body_plan,
    current_member_ids,
    current_seats,
    find_body,
    get_body,
    get_membership,
    get_network,
    get_network_for_user,
    get_seat,
    get_seat_for_user,
    get_sharing_for_user,
    meetings_for,
    memberships_of,
    organisation_to_invite,
    pending_requests,
    seat_member,
    sharing_of,
)
from equalocal.organisations.models import NetworkSharing, Person, Shared, SharingStatus
from equalocal.organisations.permissions import Action, can_see_person, contacts_shared_with
from equalocal.organisations.selectors import get_internal_organisation_for_user, person_of

from .. import access
from ..auth import private, public
from ..errors import ERRORS, ApiError
from ..inputs import Input, Text
from ..pagination import DEFAULT_LIMIT, MAX_LIMIT, paginate

router = Router(tags=["networks"])

SeatRoleName = Literal["coordinator", "member", "substitute", "secretary", "contact"]
assert set(SeatRoleName.__args__) == set(SeatRole.values)


def _network(request, slug: str):
    """The network and whether the caller is one of its members (sees its internal pages)."""
    network = get_network(slug)
    member_ids = current_member_ids(network, today=timezone.localdate())
    inside = network_permissions.is_network_member(request.user, network, set(member_ids))
    return network, member_ids, inside


def _body(request, slug: str, body_slug: str):
    """A body of the network: only those with a public page for others than its members."""
    network, member_ids, inside = _network(request, slug)
    return get_body(network, body_slug, public=not inside), network, member_ids, inside


class BodyOut(Schema):
    slug: str
    kind: str
    name: str
    purpose: str
    started_on: date | None
    set_up_by: str
    set_up_on: date | None
    decision_reference: str
    parent: str | None
    plan: int | None = Field(description="The group's plan, when the caller may read it.")
    is_public: bool


class BodyList(Schema):
    network: str
    members_view: bool = Field(description="Whether the caller sees the members' view.")
    items: list[BodyOut]


@router.get(
    "/networks/{slug}/bodies", response={200: BodyList, **ERRORS}, auth=public, url_name="bodies"
)
def list_bodies(request, slug: Text):
    """The network's bodies: those with a public page for everyone, all for its members."""
    network, _ids, inside = _network(request, slug)
    items = []
    for body in bodies_of(network, today=timezone.localdate(), public=not inside):
        plan = body_plan(body, inside=inside)
        items.append(
            {
                "slug": body.slug,
                "kind": body.kind,
                "name": body.name,
                "purpose": body.purpose,
                "started_on": body.started_on,
                "set_up_by": body.set_up_by,
                "set_up_on": body.set_up_on,
                "decision_reference": body.decision_reference,
                "parent": body.parent.slug if body.parent_id else None,
                "plan": plan.pk if plan is not None else None,
                "is_public": body.is_public,
            }
        )
    return {"network": network.slug, "members_view": inside, "items": items}


class MembershipOut(Schema):
    id: int
    member: str
    member_name: str
    body: str | None
    joined_on: date | None
    left_on: date | None
    join_note: str | None = Field(description="Members' view only.")
    leave_reason: str | None = Field(description="Members' view only.")


class MembershipList(Schema):
    items: list[MembershipOut]
    next_cursor: str | None


class MembershipFilters(Input):
    on: date | None = Field(None, description="Memberships that cover this day.")
    body: str | None = Field(None, description="A body's slug; without it, all.")
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


@router.get(
    "/networks/{slug}/memberships",
    response={200: MembershipList, **ERRORS},
    auth=public,
    url_name="memberships",
)
def list_memberships(request, slug: Text, filters: Query[MembershipFilters]):
    """Memberships of the network and its bodies over time (never overwritten: the member
    list at any date is ``on=``). Others than the network's members see the current ones."""
    network, _ids, inside = _network(request, slug)
    rows = memberships_of(
        network,
        inside=inside,
        today=timezone.localdate(),
        on=filters.on,
        body_slug=filters.body or "",
    )
    page = paginate(
        rows, ordering="id", orderings={"id": "id"}, cursor=filters.cursor, limit=filters.limit
    )
    return {
        "items": [_membership(m, inside=inside) for m in page.items],
        "next_cursor": page.next_cursor,
    }


def _membership(m: NetworkMembership, *, inside: bool) -> dict:
    return {
        "id": m.pk,
        "member": m.member.slug,
        "member_name": m.member.name,
        "body": m.body.slug if m.body_id else None,
        "joined_on": m.joined_on,
        "left_on": m.left_on,
        "join_note": m.join_note if inside else None,
        "leave_reason": m.leave_reason if inside else None,
    }


def _coordinating(request, slug: str):
    """The network for a coordinator's change: 404 to non-members, 403 to its other members
    and to read-only tokens."""
    network_access = get_network_for_user(
        request.user, slug, today=timezone.localdate(), action=Action.EDIT
    )
    access.writing(request)
    return network_access.network


def _refused(field: str, message: str) -> ApiError:
    return ApiError(422, "invalid_input", _("The input is not valid."), {field: [message]})


class RequestOut(Schema):
    id: int
    member: str
    member_name: str
    status: str
    groups_only: bool
    joined_on: date | None
    note: str
    created_at: datetime


def _request(sharing: NetworkSharing) -> dict:
    return {
        "id": sharing.pk,
        "member": sharing.member.slug,
        "member_name": sharing.member.name,
        "status": sharing.status,
        "groups_only": sharing.groups_only,
        "joined_on": sharing.joined_on,
        "note": sharing.note,
        "created_at": sharing.created_at,
    }


class RequestList(Schema):
    items: list[RequestOut]


@router.get(
    "/networks/{slug}/requests",
    response={200: RequestList, **ERRORS},
    auth=private,
    url_name="membership-requests",
)
def list_requests(request, slug: Text):
    """The organisations the network asked to become members that have not answered yet
    (coordinators; tens at most, so not paged)."""
    network_access = get_network_for_user(
        request.user, slug, today=timezone.localdate(), action=Action.EDIT
    )
    return {"items": [_request(s) for s in pending_requests(network_access.network)]}


class MembershipAdd(Input):
    member: str = Field(min_length=1, max_length=100, description="The organisation's slug.")
    body: str | None = Field(
        None,
        max_length=100,
        description="A group's slug to place a member in it; without it, the network itself.",
    )
    joined_on: date | None = Field(
        None, description="When it became a member, if known; otherwise the day it accepts."
    )
    groups_only: bool = Field(
        False, description="Ask it to take part in groups only, without joining the network."
    )
    note: str = Field("", max_length=300, description="A message to the organisation.")


class MembershipAdded(Schema):
    outcome: Literal["requested", "recorded"] = Field(
        description=(
            "requested: the organisation was asked, and its admins answer; recorded: a "
            "member that had accepted was placed in the group."
        )
    )
    request: RequestOut | None
    membership: MembershipOut | None


@router.post(
    "/networks/{slug}/memberships",
    response={201: MembershipAdded, **ERRORS},
    auth=private,
    url_name="membership-add",
)
def add_membership(request, slug: Text, payload: MembershipAdd):
    """Add a member, as a coordinator does on the members page: a new organisation is only
    *asked* (its admins are told by e-mail and accept or decline; nothing is recorded
    before they accept); a member that accepted is placed in the group given."""
    network = _coordinating(request, slug)
    member = organisation_to_invite(network, payload.member)
    if member is None:
        raise _refused("member", _("Choose an organisation from the list."))
    body = None
    if payload.body:
        body = find_body(network, payload.body)
        if body is None:
            raise _refused("body", _("Choose a group of the network."))
    outcome = services.membership_invite(
        network=network,
        member=member,
        by=request.user,
        joined_on=payload.joined_on,
        body=body,
        note=payload.note,
        groups_only=payload.groups_only,
        site_url=settings.SITE_URL,
    )
    if isinstance(outcome, NetworkSharing):
        return Status(
            201, {"outcome": "requested", "request": _request(outcome), "membership": None}
        )
    return Status(
        201,
        {"outcome": "recorded", "request": None, "membership": _membership(outcome, inside=True)},
    )


class MembershipLeave(Input):
    left_on: date
    reason: str = Field("", max_length=300)


@router.post(
    "/networks/{slug}/memberships/{membership_id}/leave",
    response={200: MembershipOut, **ERRORS},
    auth=private,
    url_name="membership-leave",
)
def leave_membership(request, slug: Text, membership_id: int, payload: MembershipLeave):
    """Record that a member left the network or a group on ``left_on``; the row stays as
    history. Leaving the network also ends its groups, seats and shared access."""
    network = _coordinating(request, slug)
    membership = get_membership(network, membership_id)
    services.membership_leave(
        membership=membership, left_on=payload.left_on, reason=payload.reason, by=request.user
    )
    return _membership(get_membership(network, membership_id), inside=True)


class SeatOut(Schema):
    id: int
    member: str
    role: str
    vacant: bool
    person: str | None = Field(description="The representative where the caller may see them.")
    person_title: str | None
    from_date: date | None
    to_date: date | None
    lock_version: int = Field(description="Send it back to change the seat.")


class SeatList(Schema):
    items: list[SeatOut]


@router.get(
    "/networks/{slug}/bodies/{body_slug}/seats",
    response={200: SeatList, **ERRORS},
    auth=public,
    url_name="seats",
)
def list_seats(request, slug: Text, body_slug: Text):
    """The body's current seats, coordinators first, vacant ones included (tens per body,
    so not paged)."""
    body, network, _ids, inside = _body(request, slug, body_slug)
    seats = current_seats(body, today=timezone.localdate())
    shared = contacts_shared_with(network, {s.member_id for s in seats}) if inside else frozenset()
    items = []
    for seat in seats:
        person = seat.person
        shown = person is not None and can_see_person(request.user, person, shared_with=shared)
        items.append(
            {
                "id": seat.pk,
                "member": seat.member.slug,
                "role": seat.role,
                "vacant": seat.is_vacant,
                "person": person.name if shown else None,
                "person_title": person.title if person is not None else None,
                "from_date": seat.from_date,
                "to_date": seat.to_date,
                "lock_version": seat.lock_version,
            }
        )
    return {"items": items}


class SeatDetail(Schema):
    id: int
    body: str
    member: str
    role: str
    vacant: bool
    person_id: int | None = Field(description="The representative where the caller may see them.")
    person: str | None = Field(description="The representative where the caller may see them.")
    person_title: str | None
    from_date: date | None
    to_date: date | None
    share_of_time: int | None
    lock_version: int


def _seat_detail(request, seat: Seat) -> dict:
    person = seat.person
    shared = contacts_shared_with(seat.body.network, {seat.member_id})
    shown = person is not None and can_see_person(request.user, person, shared_with=shared)
    return {
        "id": seat.pk,
        "body": seat.body.slug,
        "member": seat.member.slug,
        "role": seat.role,
        "vacant": seat.is_vacant,
        "person_id": person.pk if shown else None,
        "person": person.name if shown else None,
        "person_title": person.title if person is not None else None,
        "from_date": seat.from_date,
        "to_date": seat.to_date,
        "share_of_time": seat.share_of_time,
        "lock_version": seat.lock_version,
    }


def _person_of(member_id: int, person_id: int | None) -> Person | None:
    """The representative, who must work for the member (nothing is said of anyone else)."""
    if person_id is None:
        return None
    person = person_of(member_id, person_id)
    if person is None:
        raise _refused("person", _("Choose a person of the member organisation."))
    return person


class SeatCreate(Input):
    member: str = Field(min_length=1, max_length=100, description="The member's slug.")
    person: int | None = Field(None, description="A person of the member; none for a vacant seat.")
    role: SeatRoleName = "member"
    from_date: date | None = None
    to_date: date | None = None
    share_of_time: int | None = Field(None, ge=0, le=100)


@router.post(
    "/networks/{slug}/bodies/{body_slug}/seats",
    response={201: SeatDetail, **ERRORS},
    auth=private,
    url_name="seat-create",
)
def create_seat(request, slug: Text, body_slug: Text, payload: SeatCreate):
    """Add a seat to a group (coordinators): a member organisation's place, held by one of
    its people or vacant. The member must belong to the network or the group on the seat's
    start."""
    network = _coordinating(request, slug)
    body = get_body(network, body_slug)
    member = seat_member(network, payload.member)
    if member is None:
        raise _refused("member", _("Choose a member organisation of the network."))
    data = payload.dict()
    data["member"] = member
    data["person"] = _person_of(member.pk, data["person"])
    seat = services.seat_save(seat=Seat(body=body, **data), by=request.user)
    return Status(201, _seat_detail(request, get_seat(seat.pk)))


class SeatUpdate(Input):
    lock_version: int = Field(description="The lock_version read with the seat.")
    person: int | None = Field(None, description="null leaves the seat vacant.")
    role: SeatRoleName | None = Field(None, description="Coordinators only.")
    from_date: date | None = None
    to_date: date | None = None
    share_of_time: int | None = Field(None, ge=0, le=100)


@router.patch(
    "/networks/{slug}/bodies/{body_slug}/seats/{seat_id}",
    response={200: SeatDetail, **ERRORS},
    auth=private,
    url_name="seat-update",
)
def update_seat(request, slug: Text, body_slug: Text, seat_id: int, payload: SeatUpdate):
    """Change a seat (coordinators), or its representative and dates (the member
    organisation's admins); ``person: null`` alone leaves it vacant. A stale
    ``lock_version`` gives 409 and changes nothing."""
    network_access = get_network_for_user(request.user, slug, today=timezone.localdate())
    network = network_access.network
    body = get_body(network, body_slug)
    seat = get_seat_for_user(request.user, body, seat_id)
    access.writing(request)
    changes = payload.dict(exclude_unset=True)
    expected = changes.pop("lock_version")
    if "role" in changes:
        if changes["role"] is None:
            raise _refused("role", _("This field cannot be null."))
        if changes["role"] != seat.role and not network_access.can_coordinate:
            raise PermissionDenied
    if "person" in changes:
        changes["person"] = _person_of(seat.member_id, changes["person"])
    vacate_only = changes == {"person": None}
    for name, value in changes.items():
        setattr(seat, name, value)
    save = services.seat_vacate if vacate_only else services.seat_save
    save(seat=seat, by=request.user, expected_lock_version=expected)
    return _seat_detail(request, get_seat(seat.pk))


class MeetingOut(Schema):
    id: int
    date: date
    status: str
    host: str | None
    place: str
    online_url: str | None = Field(description="Members' view only.")
    agenda: str | None = Field(description="Members' view only.")
    minutes: str | None = Field(description="Members' view only.")
    minutes_url: str | None = Field(description="Members' view only.")


class MeetingList(Schema):
    items: list[MeetingOut]
    next_cursor: str | None


class MeetingFilters(Input):
    ordering: Literal["date", "-date"] = "-date"
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


@router.get(
    "/networks/{slug}/bodies/{body_slug}/meetings",
    response={200: MeetingList, **ERRORS},
    auth=public,
    url_name="meetings",
)
def list_meetings(request, slug: Text, body_slug: Text, filters: Query[MeetingFilters]):
    """The body's meetings: all with agenda and minutes for the network's members, the
    upcoming ones that are not cancelled for others."""
    body, *_rest, inside = _body(request, slug, body_slug)
    page = paginate(
        meetings_for(body, inside=inside, today=timezone.localdate()),
        ordering=filters.ordering,
        orderings={"date": "date", "-date": "-date"},
        cursor=filters.cursor,
        limit=filters.limit,
    )
    return {
        "items": [
            {
                "id": m.pk,
                "date": m.date,
                "status": m.status,
                "host": m.host.slug if m.host_id else None,
                "place": m.place,
                "online_url": m.online_url if inside else None,
                "agenda": m.agenda if inside else None,
                "minutes": m.minutes if inside else None,
                "minutes_url": m.minutes_url if inside else None,
            }
            for m in page.items
        ],
        "next_cursor": page.next_cursor,
    }


# The member's side: answering a network's request ------------------------------------------------

SharedName = Literal["commitment", "progress", "figures", "contacts"]
assert set(SharedName.__args__) == set(Shared.values)


class NetworkRequestOut(Schema):
    id: int
    network: str
    network_name: str
    status: str
    groups_only: bool = Field(description="Asked to take part in groups only, not to join.")
    joined_on: date | None
    note: str = Field(description="The network's message with the request.")
    created_at: datetime
    answered_at: datetime | None
    shares: list[str] = Field(description="What the network sees besides what is public.")


class NetworkRequestList(Schema):
    items: list[NetworkRequestOut]


def _network_request(sharing: NetworkSharing) -> dict:
    return {
        "id": sharing.pk,
        "network": sharing.network.slug,
        "network_name": sharing.network.name,
        "status": sharing.status,
        "groups_only": sharing.groups_only,
        "joined_on": sharing.joined_on,
        "note": sharing.note,
        "created_at": sharing.created_at,
        "answered_at": sharing.answered_at,
        "shares": [what.value for what in Shared if sharing.shares(what)],
    }


@router.get(
    "/organisations/{slug}/network-requests",
    response={200: NetworkRequestList, **ERRORS},
    auth=private,
    url_name="network-requests",
)
def list_network_requests(request, slug: Text):
    """Networks' requests to the organisation that wait for its answer (its members read
    them; a handful at most, so not paged)."""
    organisation = get_internal_organisation_for_user(request.user, slug)
    pending = sharing_of(organisation, status=SharingStatus.PENDING)
    return {"items": [_network_request(s) for s in pending]}


class NetworkRequestAnswer(Input):
    answer: Literal["accept", "decline"]
    shares: list[SharedName] = Field(
        default_factory=lambda: ["commitment"],
        max_length=4,
        description=(
            "On accepting: what the network may see besides what the organisation makes "
            "public (by default its commitment status); changed later on its pages."
        ),
    )


@router.post(
    "/organisations/{slug}/network-requests/{request_id}/answer",
    response={200: NetworkRequestOut, **ERRORS},
    auth=private,
    url_name="network-request-answer",
)
def answer_network_request(request, slug: Text, request_id: int, payload: NetworkRequestAnswer):
    """Accept or decline a network's request, as the organisation's admins do on its
    networks page: accepting records the membership (from the day the network gave, or
    today) and what it shares; declining records only the answer. A request answered
    already gives 409 (``state_conflict``, its status in ``fields``) and changes nothing.
    The network's coordinators cannot answer for the organisation (404 unless they are its
    admins)."""
    sharing = get_sharing_for_user(request.user, slug, request_id, action=Action.MANAGE)
    access.writing(request)
    answered = services.membership_answer(
        sharing=sharing,
        accept=payload.answer == "accept",
        by=request.user,
        shares=payload.shares,
        today=timezone.localdate(),
    )
    return _network_request(answered)

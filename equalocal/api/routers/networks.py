"""Networks: their bodies (working groups), memberships over time, seats and meetings.

As on the pages: a network's members (people of the network or of a current member
organisation) see everything of it; others see what its public pages show: current members,
the bodies with a public page, their seats by role (people only where they are public
contacts) and their upcoming meetings.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from equalocal.networks import permissions as network_permissions
from equalocal.networks.models import Body, Meeting, MeetingStatus, NetworkMembership, Seat
from equalocal.networks.selectors import active_on, current_member_ids, get_network
from equalocal.organisations.permissions import can_see_person, contacts_shared_with

from ..auth import public
from ..errors import ERRORS
from ..pagination import DEFAULT_LIMIT, MAX_LIMIT, paginate

router = Router(tags=["networks"])


def _network(request, slug: str):
    """The network and whether the caller is one of its members (sees its internal pages)."""
    network = get_network(slug)
    member_ids = current_member_ids(network, today=timezone.localdate())
    inside = network_permissions.is_network_member(request.user, network, set(member_ids))
    return network, member_ids, inside


def _body(request, slug: str, body_slug: str):
    network, member_ids, inside = _network(request, slug)
    bodies = Body.objects.filter(network=network)
    if not inside:
        bodies = bodies.filter(is_public=True)
    return get_object_or_404(bodies, slug=body_slug), network, member_ids, inside


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
def list_bodies(request, slug: str):
    """The network's bodies: those with a public page for everyone, all for its members."""
    network, _ids, inside = _network(request, slug)
    bodies = Body.objects.filter(network=network).select_related("parent", "plan")
    if not inside:
        bodies = bodies.filter(is_public=True)
    items = []
    for body in bodies.order_by("kind", "name"):
        plan = body.plan
        readable = plan is not None and plan.deleted_at is None and (inside or plan.is_published)
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
                "plan": plan.pk if readable else None,
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


class MembershipFilters(Schema):
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
def list_memberships(request, slug: str, filters: Query[MembershipFilters]):
    """Memberships of the network and its bodies over time (never overwritten: the member
    list at any date is ``on=``). Others than the network's members see the current ones."""
    network, _ids, inside = _network(request, slug)
    rows = NetworkMembership.objects.filter(network=network).select_related("member", "body")
    if not inside:
        rows = active_on(rows, timezone.localdate()).filter(
            Q(body__isnull=True) | Q(body__is_public=True)
        )
    if filters.on is not None:
        rows = active_on(rows, filters.on)
    if filters.body:
        rows = rows.filter(body__slug=filters.body)
    page = paginate(
        rows, ordering="id", orderings={"id": "id"}, cursor=filters.cursor, limit=filters.limit
    )
    return {
        "items": [
            {
                "id": m.pk,
                "member": m.member.slug,
                "member_name": m.member.name,
                "body": m.body.slug if m.body_id else None,
                "joined_on": m.joined_on,
                "left_on": m.left_on,
                "join_note": m.join_note if inside else None,
                "leave_reason": m.leave_reason if inside else None,
            }
            for m in page.items
        ],
        "next_cursor": page.next_cursor,
    }


class SeatOut(Schema):
    id: int
    member: str
    role: str
    vacant: bool
    person: str | None = Field(description="The representative where the caller may see them.")
    person_title: str | None
    from_date: date | None
    to_date: date | None


class SeatList(Schema):
    items: list[SeatOut]


@router.get(
    "/networks/{slug}/bodies/{body_slug}/seats",
    response={200: SeatList, **ERRORS},
    auth=public,
    url_name="seats",
)
def list_seats(request, slug: str, body_slug: str):
    """The body's current seats, vacant ones included (tens per body, so not paged)."""
    body, network, _ids, inside = _body(request, slug, body_slug)
    today = timezone.localdate()
    seats = list(
        Seat.objects.filter(body=body)
        .filter(Q(to_date__isnull=True) | Q(to_date__gte=today))
        .select_related("member", "person")
        .order_by("role", "member__name", "pk")
    )
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
            }
        )
    return {"items": items}


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


class MeetingFilters(Schema):
    ordering: Literal["date", "-date"] = "-date"
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


@router.get(
    "/networks/{slug}/bodies/{body_slug}/meetings",
    response={200: MeetingList, **ERRORS},
    auth=public,
    url_name="meetings",
)
def list_meetings(request, slug: str, body_slug: str, filters: Query[MeetingFilters]):
    """The body's meetings: all with agenda and minutes for the network's members, the
    upcoming ones that are not cancelled for others."""
    body, *_rest, inside = _body(request, slug, body_slug)
    rows = Meeting.objects.filter(body=body).select_related("host")
    if not inside:
        rows = rows.filter(date__gte=timezone.localdate()).exclude(status=MeetingStatus.CANCELLED)
    page = paginate(
        rows,
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

"""Reads of networks: the access helpers, the member dashboard, groups, meetings, the
membership history and the responsibility matrix."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, F, Max, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from equalocal.charters.deadlines import DeadlineState
from equalocal.charters.models import Commitment, CommitmentStatus
from equalocal.charters.selectors import CommitmentDeadline, commitment_deadline
from equalocal.charters.standing import Standing, counting_commitments, standing
from equalocal.core.fragments import fragment_key, remembered, version_rows
from equalocal.organisations import permissions as org_permissions
from equalocal.organisations.models import (
    NetworkSharing,
    Organisation,
    OrganisationKind,
    Person,
    Publishing,
    Shared,
    SharingStatus,
)
from equalocal.organisations.permissions import Action
from equalocal.plans.models import ActionPlan, Activity, PlanKind, PlanStatus, ProgressUpdate
from equalocal.plans.selectors import weighted_progress

from . import permissions
from .models import Body, Meeting, MeetingStatus, NetworkMembership, Seat, SeatRole

NETWORK_KINDS = (OrganisationKind.NETWORK, OrganisationKind.NATIONAL_ASSOCIATION)


# Access helpers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkAccess:
    """A network as the current user may use it."""

    network: Organisation
    member_ids: frozenset[int]
    can_coordinate: bool
    can_manage: bool


def get_network(slug: str) -> Organisation:
    """A network or association by slug; 404 for other organisations."""
    return get_object_or_404(Organisation, slug=slug, kind__in=NETWORK_KINDS)


def active_on(queryset: QuerySet, day: date) -> QuerySet:
    """Memberships (or seats' dates) that cover ``day``; an open start or end counts as covering."""
    return queryset.filter(Q(joined_on__isnull=True) | Q(joined_on__lte=day)).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=day)
    )


def current_member_ids(network: Organisation, *, today: date) -> frozenset[int]:
    """Organisations that are members of the network, or of one of its bodies, on ``today``."""
    memberships = active_on(NetworkMembership.objects.filter(network=network), today)
    return frozenset(memberships.values_list("member_id", flat=True))


def sharing_of(member: Organisation, *, status: str = "") -> list[NetworkSharing]:
    """The member's answers to networks: requests waiting, memberships, and past ones
    (only those in ``status`` when given)."""
    order = {SharingStatus.PENDING: 0, SharingStatus.ACCEPTED: 1}
    rows = NetworkSharing.objects.filter(member=member).select_related("network", "requested_by")
    if status:
        rows = rows.filter(status=status)
    rows = list(rows)
    return sorted(rows, key=lambda row: (order.get(row.status, 2), row.network.name))


def get_sharing_for_user(user, org_slug: str, pk: int, *, action=Action.MANAGE) -> NetworkSharing:
    """A network's request to (or membership of) an organisation, for that organisation's
    people: the gate is the member organisation's, not the network's."""
    sharing = get_object_or_404(
        NetworkSharing.objects.select_related("network", "member"), pk=pk, member__slug=org_slug
    )
    org_permissions.require(user, sharing.member, action)
    return sharing


def pending_requests(network: Organisation) -> list[NetworkSharing]:
    """Organisations the network asked, which have not answered yet."""
    return list(
        NetworkSharing.objects.filter(network=network, status=SharingStatus.PENDING)
        .select_related("member")
        .order_by("member__name")
    )


def network_member_ids(network: Organisation, *, today: date) -> frozenset[int]:
    """Organisations that are members of the network itself on ``today``, not of its groups
    only: those every page counts and lists as its members. (An organisation that takes part
    in a group only reaches the network's pages, :func:`current_member_ids`, but is no member.)"""
    memberships = active_on(NetworkMembership.objects.filter(network=network, body=None), today)
    return frozenset(memberships.values_list("member_id", flat=True))


def network_member_count(network: Organisation, *, today: date) -> int:
    """How many organisations are members of the network itself now (not of its groups only)."""
    return len(network_member_ids(network, today=today))


def networks_of(organisation: Organisation, *, today: date) -> list[Organisation]:
    """The networks an organisation works in now: itself if it is one, then those it is a
    current member of, by name."""
    member_of = active_on(NetworkMembership.objects.filter(member=organisation), today)
    networks = list(
        Organisation.objects.filter(
            pk__in=member_of.values("network_id"), kind__in=NETWORK_KINDS
        ).order_by("name")
    )
    if organisation.kind in NETWORK_KINDS:
        networks.insert(0, organisation)
    return networks


def network_nav_url(request) -> str | None:
    """The main navigation's link to the networks of the organisation the user works in:
    the network's own pages when it works in one, the list of them when it works in
    several (the organisation's networks page), none when it works in none."""
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return None
    if not hasattr(request, "_equalocal_networks"):
        request._equalocal_networks = networks_of(organisation, today=timezone.localdate())
    networks = request._equalocal_networks
    if not networks:
        return None
    if len(networks) == 1:
        return reverse("networks:overview", kwargs={"org": networks[0].slug})
    return reverse("memberships:index", kwargs={"org": organisation.slug})


def get_network_for_user(
    user, slug: str, *, today: date, action: str = Action.VIEW
) -> NetworkAccess:
    """A network for its members' pages.

    Non-members get 404; members get 403 when the action needs a coordinator
    (Action.EDIT) or an admin of the network organisation (Action.MANAGE).
    """
    network = get_network(slug)
    member_ids = current_member_ids(network, today=today)
    if not permissions.is_network_member(user, network, member_ids):
        raise Http404
    access = NetworkAccess(
        network=network,
        member_ids=member_ids,
        can_coordinate=permissions.can_coordinate(user, network),
        can_manage=org_permissions.can_manage(user, network),
    )
    if action == Action.EDIT and not access.can_coordinate:
        raise PermissionDenied
    if action == Action.MANAGE and not access.can_manage:
        raise PermissionDenied
    return access


def dashboard_scope(user, access: NetworkAccess, visibility: str) -> frozenset[int] | None:
    """The member organisations whose rows the user sees: None for every row.

    A member organisation's admin who may not see the full dashboard sees their own
    row; everyone else who may not see it gets 404 (an organisation in a group only has
    no row: the dashboard shows the network's members).
    """
    network, member_ids = access.network, access.member_ids
    if permissions.can_see_full_dashboard(user, network, set(member_ids), visibility):
        return None
    members = network_member_ids(network, today=timezone.localdate())
    own = frozenset(permissions.admin_organisation_ids(user) & member_ids & members)
    if not own:
        raise Http404
    return own


def get_body(network: Organisation, slug: str, *, public: bool = False) -> Body:
    """A body of the network by slug; with ``public``, only bodies with a public page."""
    bodies = Body.objects.select_related("network", "parent", "plan__organisation")
    if public:
        bodies = bodies.filter(is_public=True)
    return get_object_or_404(bodies, network=network, slug=slug)


def get_seat_for_user(user, body: Body, seat_pk: int) -> Seat:
    """A seat of the body for changing it: coordinators and the member's admins (403 for others)."""
    seat = get_object_or_404(
        Seat.objects.select_related("body__network", "member", "person"), pk=seat_pk, body=body
    )
    if not permissions.can_edit_seat(user, seat):
        raise PermissionDenied
    return seat


def get_meeting(body: Body, meeting_pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("host", "body__network"), pk=meeting_pk, body=body
    )


def get_seat(seat_pk: int) -> Seat:
    """A seat with its body, network, member and representative (after a change to it)."""
    return Seat.objects.select_related("body__network", "member", "person").get(pk=seat_pk)


def find_body(network: Organisation, slug: str) -> Body | None:
    """A body of the network by slug, or None (an input to check, not a page to show)."""
    return Body.objects.filter(network=network, slug=slug).first()


def organisation_to_invite(network: Organisation, slug: str) -> Organisation | None:
    """An organisation the network may ask to become a member: any but itself."""
    return organisations_to_invite(network).filter(slug=slug).first()


def organisations_to_invite(network: Organisation) -> QuerySet:
    return Organisation.objects.exclude(pk=network.pk).order_by("name")


def seat_member(network: Organisation, slug: str) -> Organisation | None:
    """An organisation that is or was a member of the network or one of its bodies; the
    seat's service checks that it was one on the seat's start."""
    return (
        Organisation.objects.filter(network_memberships__network=network, slug=slug)
        .distinct()
        .first()
    )


def get_membership(network: Organisation, membership_pk: int) -> NetworkMembership:
    return get_object_or_404(
        NetworkMembership.objects.select_related("member", "body"),
        pk=membership_pk,
        network=network,
    )


# The member dashboard ---------------------------------------------------------------------------


@dataclass
class DashboardRow:
    """A member as the network may see it: what the member does not share is None, and
    ``shared`` says what was shared, so the page can tell "not shared" from "none"."""

    organisation: Organisation
    joined_on: date | None
    commitment: Commitment | None
    # The deadline that binds (from the decision or signature): flags, counts and standing.
    deadline: DeadlineState | None
    # Where it stands with the Charter, as every page shows it; None when not shared.
    standing: Standing | None
    plan: ActionPlan | None
    progress: int | None
    last_update: date | None
    shared: frozenset = frozenset(Shared)
    # The deadline as every page shows it (``charters.selectors.commitment_deadline``):
    # before a decision, the provisional one counted from the recommendation to sign.
    due: CommitmentDeadline | None = None

    @property
    def shares_commitment(self) -> bool:
        return Shared.COMMITMENT in self.shared

    @property
    def shares_progress(self) -> bool:
        return Shared.PROGRESS in self.shared

    @property
    def status(self) -> str:
        return self.commitment.status if self.commitment else ""

    @property
    def no_plan(self) -> bool:
        """Known to have no plan: a member that does not share its progress is not counted."""
        return self.shares_progress and self.plan is None

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline.overdue


@dataclass
class DashboardCounts:
    members: int
    signed: int
    with_plan: int
    overdue: int


def _current_plan(plans: list[ActionPlan]) -> ActionPlan | None:
    """The plan an organisation works with now, as plans.selectors.current_plan chooses it.

    ``plans`` come newest adoption first, then newest period, then newest version.
    """
    adopted = [p for p in plans if p.status == PlanStatus.ADOPTED and p.kind == PlanKind.CHARTER]
    current = [p for p in plans if p.status != PlanStatus.SUPERSEDED]
    return (adopted or current or plans or [None])[0]


def network_dashboard(
    network: Organisation,
    *,
    today: date,
    only: frozenset[int] | None = None,
    own: frozenset[int] = frozenset(),
) -> list[DashboardRow]:
    """Every current member of the network itself (not of its groups only) with its
    commitment, deadline, plan progress and last update,
    as far as the member lets the network see them (the access gate's ``network_visibility``):
    what it makes public, and what it shares with this network. Rows of ``own`` organisations
    (the viewer's own) are shown whole.

    A fixed number of queries whatever the number of members: one each for the
    memberships, what they share, commitments, plans, the current plans' activities and
    the last progress updates. ``only`` limits the rows to these member organisations.
    """
    # Members of the network itself (network_member_ids), not organisations in a group only.
    memberships = active_on(
        NetworkMembership.objects.filter(network=network, body=None).select_related("member"),
        today,
    ).order_by("member__name", F("joined_on").asc(nulls_first=True))
    if only is not None:
        memberships = memberships.filter(member_id__in=only)
    members: dict[int, tuple[Organisation, date | None]] = {}
    for membership in memberships:
        members.setdefault(membership.member_id, (membership.member, membership.joined_on))
    ids = list(members)
    visible = org_permissions.network_visibility(network, ids)
    publishing = org_permissions.publishing_map(ids)
    for org_id in own:
        visible[org_id] = frozenset(Shared)
    # Plans of a member that shares no progress are read only when they are published.
    private_plans = {org_id for org_id in ids if Shared.PROGRESS not in visible[org_id]}

    # The commitment that counts, as on the public pages (``charters.standing``).
    # With the latest recommendation to sign, from which a provisional deadline counts.
    commitments = counting_commitments(
        Commitment.objects.filter(organisation_id__in=ids)
        .exclude(status=CommitmentStatus.WITHDRAWN)
        .select_related("charter")
        .annotate(
            recommended_on=Max("steps__date", filter=Q(steps__status=CommitmentStatus.RECOMMENDED))
        )
        .order_by("organisation_id", "-charter__year")
    )

    plans_by_org: dict[int, list[ActionPlan]] = {}
    for plan in (
        ActionPlan.objects.alive()
        .filter(organisation_id__in=ids)
        .exclude(organisation_id__in=private_plans, is_published=False)
        .only(
            "id",
            "organisation_id",
            "title",
            "kind",
            "status",
            "adopted_on",
            "period_start",
            "version_number",
        )
        .order_by(
            "organisation_id",
            F("adopted_on").desc(nulls_last=True),
            F("period_start").desc(nulls_last=True),
            "-version_number",
        )
    ):
        plans_by_org.setdefault(plan.organisation_id, []).append(plan)
    current = {org_id: _current_plan(plans) for org_id, plans in plans_by_org.items()}

    activities_by_plan: dict[int, list[Activity]] = {}
    for activity in Activity.objects.filter(
        plan_id__in=[plan.pk for plan in current.values() if plan]
    ).only("id", "plan_id", "status", "progress", "weight"):
        activities_by_plan.setdefault(activity.plan_id, []).append(activity)

    last_updates = dict(
        ProgressUpdate.objects.filter(
            activity__plan__organisation_id__in=[i for i in ids if i not in private_plans],
            activity__plan__deleted_at=None,
        )
        .values_list("activity__plan__organisation_id")
        .annotate(latest=Max("date"))
        .order_by()
    )

    rows = []
    for org_id, (organisation, joined_on) in members.items():
        shared = visible[org_id]
        progress_public = Shared.PROGRESS in shared or publishing[org_id].progress
        commitment = commitments.get(org_id) if Shared.COMMITMENT in shared else None
        plan = current.get(org_id) if progress_public else None
        deadline = None
        due = None
        status = None
        if commitment is not None:
            adopted = [
                p.adopted_on
                for p in plans_by_org.get(org_id, [])
                if p.kind == PlanKind.CHARTER and p.adopted_on
            ]
            due = commitment_deadline(
                commitment,
                plan_adopted_on=min(adopted, default=None),
                today=today,
                recommended_on=commitment.recommended_on,
            )
            deadline = due.state
            if due.provisional:
                # Nothing binds before the decision: no overdue flag, no "plan overdue".
                deadline = DeadlineState(
                    deadline=None, plan_adopted_on=due.state.plan_adopted_on, today=today
                )
            status = standing(commitment, deadline, has_plan=bool(adopted))
        rows.append(
            DashboardRow(
                organisation=organisation,
                joined_on=joined_on,
                commitment=commitment,
                deadline=deadline,
                standing=status,
                plan=plan,
                progress=weighted_progress(activities_by_plan.get(plan.pk, [])) if plan else None,
                last_update=last_updates.get(org_id),
                shared=shared | ({Shared.PROGRESS} if progress_public else set()),
                due=due,
            )
        )
    return rows


def network_version(network: Organisation) -> str:
    """A fingerprint of what the member dashboard reads, in one query: it changes when a
    membership, a member organisation, what members publish or share with the network, a
    commitment, a plan or an activity of a member is added, changed or removed (services
    save each object: ``updated_at``, ``lock_version``, history dates). A progress update is
    recorded with a save of its activity, so the activities stand for them: reading the
    progress updates of 500 members' plans cost three times the rest of the query.

    Plain SQL over the models' own tables, as plans.selectors.plan_version."""
    quote = connection.ops.quote_name
    table = {
        "membership": NetworkMembership._meta.db_table,
        "organisation": Organisation._meta.db_table,
        "publishing": Publishing.history.model._meta.db_table,
        "sharing": NetworkSharing._meta.db_table,
        "commitment": Commitment._meta.db_table,
        "plan": ActionPlan._meta.db_table,
        "activity": Activity._meta.db_table,
    }
    table = {name: quote(value) for name, value in table.items()}
    members = "SELECT member_id FROM {membership} WHERE network_id = %s".format(**table)  # noqa: S608
    # Only table names go into the text; the network's id is a parameter. No column of the
    # first rows is a bare NULL: PostgreSQL would take it for text.
    sql = (  # noqa: S608
        "SELECT 1, COUNT(*), MAX(updated_at), 0 FROM {membership} WHERE network_id = %s"
        " UNION ALL SELECT 2, COUNT(*), MAX(updated_at), 0 FROM {organisation}"
        " WHERE id IN ({members})"
        " UNION ALL SELECT 3, COUNT(*), MAX(history_date), 0 FROM {publishing}"
        " WHERE organisation_id IN ({members})"
        " UNION ALL SELECT 4, COUNT(*), MAX(updated_at), 0 FROM {sharing} WHERE network_id = %s"
        " UNION ALL SELECT 5, COUNT(*), MAX(updated_at), SUM(lock_version) FROM {commitment}"
        " WHERE organisation_id IN ({members})"
        " UNION ALL SELECT 6, COUNT(*), MAX(updated_at), SUM(lock_version) FROM {plan}"
        " WHERE organisation_id IN ({members})"
        " UNION ALL SELECT 7, COUNT(*), MAX(a.updated_at), SUM(a.lock_version) FROM {activity} a"
        " JOIN {plan} p ON p.id = a.plan_id WHERE p.organisation_id IN ({members})"
    ).format(members=members, **table)
    rows = version_rows(sql, [network.pk] * 7)
    return "|".join(":".join(map(str, row)) for row in rows)


def network_dashboard_kept(
    network: Organisation,
    *,
    version: str,
    today: date,
    only: frozenset[int] | None = None,
    own: frozenset[int] = frozenset(),
) -> list[DashboardRow]:
    """:func:`network_dashboard`'s rows, computed once for each ``version`` of the members'
    data (:func:`network_version`), day and viewer's scope, and kept in the cache."""
    scope = sorted(only) if only is not None else "all"
    # The rows' shape is part of the name: rows kept before ``due`` was added do not fit.
    key = fragment_key("network-dashboard-rows-3", network.pk, version, today, scope, sorted(own))
    return remembered(key, lambda: network_dashboard(network, today=today, only=only, own=own))


def dashboard_counts(rows: list[DashboardRow]) -> DashboardCounts:
    return DashboardCounts(
        members=len(rows),
        signed=sum(1 for row in rows if row.status == CommitmentStatus.SIGNED),
        with_plan=sum(1 for row in rows if row.plan is not None),
        overdue=sum(1 for row in rows if row.overdue),
    )


DASHBOARD_SORTS = {
    "name": lambda row: row.organisation.name.casefold(),
    "country": lambda row: str(row.organisation.country),
    "status": lambda row: row.status,
    "deadline": lambda row: row.due.state.deadline if row.due else None,
    "progress": lambda row: row.progress,
    "update": lambda row: row.last_update,
}


def filter_dashboard(
    rows: list[DashboardRow], *, status: str = "", flag: str = "", country: str = "", sort="name"
) -> list[DashboardRow]:
    """The rows matching the filters, sorted; empty values sort last either way."""
    if status == "none":
        rows = [row for row in rows if row.commitment is None]
    elif status:
        rows = [row for row in rows if row.status == status]
    if flag == "no_plan":
        rows = [row for row in rows if row.no_plan]
    elif flag == "overdue":
        rows = [row for row in rows if row.overdue]
    if country:
        rows = [row for row in rows if row.organisation.country == country]
    descending = sort.startswith("-")
    key = DASHBOARD_SORTS.get(sort.lstrip("-"), DASHBOARD_SORTS["name"])
    by_name = sorted(rows, key=DASHBOARD_SORTS["name"])
    present = [row for row in by_name if key(row) is not None]
    missing = [row for row in by_name if key(row) is None]
    return sorted(present, key=key, reverse=descending) + missing


def dashboard_countries(rows: list[DashboardRow]) -> list[str]:
    return sorted({str(row.organisation.country) for row in rows if row.organisation.country})


# Overview, groups and meetings ------------------------------------------------------------------


def bodies_of(network: Organisation, *, today: date, public: bool = False) -> list[Body]:
    """The network's bodies with their numbers of current members, seats and vacancies."""
    current_members = Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gte=today)
    current_seats = Q(seats__to_date__isnull=True) | Q(seats__to_date__gte=today)
    bodies = (
        network.bodies.select_related("parent", "plan")
        .annotate(
            member_count=Count("memberships", filter=current_members, distinct=True),
            seat_count=Count("seats", filter=current_seats, distinct=True),
            vacancy_count=Count(
                "seats", filter=current_seats & Q(seats__person__isnull=True), distinct=True
            ),
        )
        .order_by("kind", "name")
    )
    if public:
        bodies = bodies.filter(is_public=True)
    return list(bodies)


def body_plan(body: Body, *, inside: bool) -> ActionPlan | None:
    """The group's plan as the viewer may read it: the network's members while it is not
    deleted, others when it is published (:func:`public_plan`)."""
    if not inside:
        return public_plan(body)
    plan = body.plan
    return plan if plan is not None and plan.deleted_at is None else None


def memberships_of(
    network: Organisation,
    *,
    inside: bool,
    today: date,
    on: date | None = None,
    body_slug: str = "",
) -> QuerySet:
    """Memberships of the network and its bodies over time for its members (``inside``);
    for others the current ones of the network and its public bodies, as its public page
    shows them. ``on`` keeps those covering that day, ``body_slug`` one body's."""
    rows = NetworkMembership.objects.filter(network=network).select_related("member", "body")
    if not inside:
        rows = active_on(rows, today).filter(Q(body__isnull=True) | Q(body__is_public=True))
    if on is not None:
        rows = active_on(rows, on)
    if body_slug:
        rows = rows.filter(body__slug=body_slug)
    return rows


def current_seats(body: Body, *, today: date) -> list[Seat]:
    """The body's seats that have not ended, coordinators first; vacant seats included."""
    role_order = {role: index for index, role in enumerate(SeatRole.values)}
    seats = list(
        body.seats.filter(Q(to_date__isnull=True) | Q(to_date__gte=today)).select_related(
            "member", "person__organisation"
        )
    )
    seats.sort(key=lambda seat: (role_order.get(seat.role, 99), seat.member.name, seat.pk))
    return seats


@dataclass(frozen=True)
class SeatView:
    """A seat as the current user may see it: contact details only where allowed."""

    seat: Seat
    show_details: bool


def seats_for_user(
    user, seats: list[Seat], *, contacts_shared: frozenset[int] = frozenset()
) -> list[SeatView]:
    """Each seat with whether the user may see its person (the gate's ``can_see_person``)."""
    return [
        SeatView(
            seat=seat,
            show_details=seat.person is not None
            and org_permissions.can_see_person(user, seat.person, shared_with=contacts_shared),
        )
        for seat in seats
    ]


def shown_person(
    user, person: Person, *, contacts_shared: frozenset[int] = frozenset(), fallback: str = ""
) -> str:
    """The person as ``user`` may see them on the network's pages, forms and exports: by name
    where the gate's ``can_see_person`` allows it (``contacts_shared``: the members that share
    their contacts with the network), otherwise by their title only, as the group page does.

    Without a user (``None``), as the public sees them.
    """
    viewer = user if user is not None else AnonymousUser()
    if org_permissions.can_see_person(viewer, person, shared_with=contacts_shared):
        return person.name
    return person.title or fallback or _("Staff member")


def meetings_of(body: Body, *, today: date) -> tuple[list[Meeting], list[Meeting]]:
    """Upcoming meetings (soonest first) and past ones (newest first)."""
    meetings = list(body.meetings.select_related("host").order_by("date", "pk"))
    upcoming = [m for m in meetings if m.date >= today]
    past = [m for m in reversed(meetings) if m.date < today]
    return upcoming, past


def body_memberships(body: Body, *, today: date) -> list[NetworkMembership]:
    return list(active_on(body.memberships.select_related("member"), today))


def meeting_details(meeting: Meeting) -> tuple[list[Seat], list]:
    attendees = list(
        meeting.attendees.select_related("member", "person").order_by("member__name", "pk")
    )
    decisions = list(meeting.decisions.select_related("activity__plan").order_by("pk"))
    return attendees, decisions


# Membership history -----------------------------------------------------------------------------


@dataclass
class MembershipEvent:
    day: date
    joined: bool
    membership: NetworkMembership


@dataclass
class TimelineBar:
    membership: NetworkMembership
    offset: float
    width: float


@dataclass
class MembershipHistory:
    memberships: list[NetworkMembership]
    events: list[MembershipEvent]
    bars: list[TimelineBar] = field(default_factory=list)
    first: date | None = None
    last: date | None = None


def membership_history(network: Organisation, *, today: date) -> MembershipHistory:
    """Every membership of the network and its bodies, the joins and leaves in date order,
    and bars on a common scale from the first join to today (or the last leave)."""
    memberships = list(
        NetworkMembership.objects.filter(network=network)
        .select_related("member", "body")
        .order_by("member__name", F("joined_on").asc(nulls_first=True), "pk")
    )
    events = []
    for membership in memberships:
        if membership.joined_on:
            events.append(MembershipEvent(membership.joined_on, True, membership))
        if membership.left_on:
            events.append(MembershipEvent(membership.left_on, False, membership))
    events.sort(key=lambda event: (event.day, event.membership.member.name), reverse=True)
    history = MembershipHistory(memberships=memberships, events=events)
    days = [m.joined_on for m in memberships if m.joined_on]
    if not days:
        return history
    first = min(days)
    last = max([today, *[m.left_on for m in memberships if m.left_on]])
    span = (last - first).days or 1
    for membership in memberships:
        start = membership.joined_on or first
        end = membership.left_on or last
        width = max((end - start).days / span * 100, 1)
        offset = min((start - first).days / span * 100, 100 - width)
        history.bars.append(TimelineBar(membership, round(offset, 2), round(width, 2)))
    history.first, history.last = first, last
    return history


def members_on(network: Organisation, day: date) -> list[NetworkMembership]:
    """The memberships that were current on ``day``: the member list at any date."""
    return list(
        active_on(NetworkMembership.objects.filter(network=network), day)
        .select_related("member", "body")
        .order_by("member__name", "pk")
    )


# The responsibility matrix ----------------------------------------------------------------------


@dataclass
class Matrix:
    """Rows are the network's other bodies, columns the group's seats."""

    group: Body
    rows: list[Body]
    seats: list[Seat]
    cells: dict[tuple[int, int], str]
    version: int

    def lines(self) -> list[tuple[Body, list[tuple[Seat, str]]]]:
        """Each row with the role of every seat ('' where none)."""
        return [
            (row, [(seat, self.cells.get((row.pk, seat.pk), "")) for seat in self.seats])
            for row in self.rows
        ]

    @property
    def is_empty(self) -> bool:
        return not self.cells


def group_matrix(group: Body, *, today: date) -> Matrix:
    version = Body.objects.values_list("matrix_version", flat=True).get(pk=group.pk)
    rows = list(
        Body.objects.filter(network_id=group.network_id).exclude(pk=group.pk).order_by("name")
    )
    seats = current_seats(group, today=today)
    cells = {
        (row_id, seat_id): role
        for row_id, seat_id, role in group.matrix_cells.values_list("row_id", "seat_id", "role")
    }
    return Matrix(group=group, rows=rows, seats=seats, cells=cells, version=version)


# Public pages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicSeat:
    """A seat for the public page: the person only when they are a public contact."""

    role: str
    role_label: str
    member: Organisation
    contact: object | None
    vacant: bool


def public_seats(seats: list[Seat]) -> list[PublicSeat]:
    return [
        PublicSeat(
            role=seat.role,
            role_label=seat.get_role_display(),
            member=seat.member,
            contact=seat.person if seat.person and seat.person.is_public_contact else None,
            vacant=seat.is_vacant,
        )
        for seat in seats
    ]


def public_plan(body: Body) -> ActionPlan | None:
    """The group's plan when it is published and not deleted."""
    plan = body.plan
    if plan is None or not plan.is_published or plan.deleted_at is not None:
        return None
    return plan


def meetings_for(body: Body, *, inside: bool, today: date) -> QuerySet:
    """The body's meetings: all of them for the network's members (``inside``), the
    upcoming ones that are not cancelled for others."""
    meetings = body.meetings.select_related("host")
    if not inside:
        meetings = meetings.filter(date__gte=today).exclude(status=MeetingStatus.CANCELLED)
    return meetings


def upcoming_public_meetings(body: Body, *, today: date) -> list[Meeting]:
    return list(meetings_for(body, inside=False, today=today).order_by("date"))


def network_public_members(network: Organisation, *, today: date) -> list[Organisation]:
    """The members of the network itself, for its public page."""
    ids = network_member_ids(network, today=today)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def public_group_participants(network: Organisation, *, today: date) -> list[Organisation]:
    """Organisations that take part in one of the network's public groups without being a
    member of the network (Örnsköldsvik in Umeåregionen's group): named apart, not counted."""
    in_groups = active_on(
        NetworkMembership.objects.filter(network=network, body__is_public=True), today
    ).values("member_id")
    members = network_member_ids(network, today=today)
    return list(
        Organisation.objects.filter(pk__in=in_groups).exclude(pk__in=members).order_by("name")
    )


def public_coordinators(network: Organisation, *, today: date) -> list[PublicSeat]:
    """Coordinators of the network's public bodies, for its public page."""
    seats = (
        Seat.objects.filter(body__network=network, body__is_public=True, role=SeatRole.COORDINATOR)
        .filter(Q(to_date__isnull=True) | Q(to_date__gte=today))
        .select_related("member", "person")
        .order_by("member__name")
    )
    return public_seats(list(seats))


def personal_data_of(person: Person) -> dict:
    """For a person's export: the seats they hold or held in networks' bodies, with the
    meetings they attended in them."""
    seats = (
        Seat.objects.filter(person=person)
        .select_related("body__network", "member")
        .prefetch_related("meetings")
        .order_by("body__network__name", "body__name", "pk")
    )
    return {
        "seats": [
            {
                "network": seat.body.network.name,
                "body": seat.body.name,
                "member_organisation": seat.member.name,
                "role": seat.role,
                "from": seat.from_date.isoformat() if seat.from_date else None,
                "to": seat.to_date.isoformat() if seat.to_date else None,
                "meetings_attended": sorted(
                    meeting.date.isoformat() for meeting in seat.meetings.all()
                ),
            }
            for seat in seats
        ]
    }

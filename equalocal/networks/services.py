"""Writes for networks: bodies, memberships, seats, meetings and the responsibility matrix.

Views, the API, management commands and the demo all call these.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError, ConcurrentEditError, StateConflictError
from equalocal.core.locking import claim_lock
from equalocal.core.mail import send_templated_email
from equalocal.core.spreadsheets import Sheet, xlsx_bytes
from equalocal.organisations.models import (
    Membership,
    NetworkSharing,
    OrganisationKind,
    Role,
    Shared,
    SharingStatus,
)
from equalocal.organisations.permissions import contacts_shared_with

from . import selectors
from .models import (
    Body,
    MatrixCell,
    MatrixRole,
    Meeting,
    MeetingDecision,
    NetworkMembership,
    NetworkSettings,
    Seat,
)

NETWORK_KINDS = {OrganisationKind.NETWORK, OrganisationKind.NATIONAL_ASSOCIATION}


def _attribute_to(instance, by) -> None:
    if by is not None:
        instance._history_user = by


def _validate(instance) -> None:
    """Run the model's validation; a ValidationError carries the field messages to the form."""
    instance.full_clean()


def _day(value: date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _active_on(day: date) -> Q:
    """Membership rows in force on ``day``; an unknown join date counts as "always"."""
    return (Q(joined_on__isnull=True) | Q(joined_on__lte=day)) & (
        Q(left_on__isnull=True) | Q(left_on__gte=day)
    )


def _is_member_on(*, network, member, day: date, body: Body | None = None) -> bool:
    """``member`` belongs to ``network`` on ``day`` — or, when ``body`` is given, to that body."""
    scope = Q(body__isnull=True)
    if body is not None:
        scope |= Q(body=body)
    return (
        NetworkMembership.objects.filter(network=network, member=member)
        .filter(scope)
        .filter(_active_on(day))
        .exists()
    )


def _seat_active_on(seat: Seat, day: date) -> bool:
    return (seat.from_date is None or seat.from_date <= day) and (
        seat.to_date is None or seat.to_date >= day
    )


def _person_seen_by(by, person, network) -> str:
    """The person as ``by`` may see them on ``network``'s pages: a message must not name
    someone the page itself would show by title only (``selectors.shown_person``)."""
    shared = contacts_shared_with(network, [person.organisation_id])
    return selectors.shown_person(by, person, contacts_shared=shared, fallback=_("representative"))


def _seat_label(seat: Seat, *, by, network) -> str:
    if seat.person_id is None:
        return _("the vacant seat of %(organisation)s") % {"organisation": seat.member}
    return _("%(person)s (%(organisation)s)") % {
        "person": _person_seen_by(by, seat.person, network),
        "organisation": seat.member,
    }


# Bodies ---------------------------------------------------------------------------------------


def _unique_slug(body: Body) -> str:
    base = slugify(body.name)[:70] or "group"
    taken = set(
        Body.objects.filter(network_id=body.network_id, slug__startswith=base)
        .exclude(pk=body.pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def body_save(*, body: Body, by=None) -> Body:
    """Create or update a working group, commission or other body of a network.

    An empty slug is made from the name, unique within the network. The network must
    be an organisation of kind network or association; the parent body must belong to
    the same network, and the group's plan must be one of the network's own plans.
    """
    network = body.network
    if network.kind not in NETWORK_KINDS:
        raise ApplicationError(
            _("%(organisation)s is not a network or association, so it cannot have groups.")
            % {"organisation": network},
            field="network",
        )
    if body.parent_id is not None:
        if body.parent.network_id != body.network_id:
            raise ApplicationError(
                _("%(parent)s belongs to another network.") % {"parent": body.parent},
                field="parent",
            )
        if body.pk is not None and body.parent_id == body.pk:
            raise ApplicationError(_("A body cannot be under itself."), field="parent")
    if body.plan_id is not None and body.plan.organisation_id != body.network_id:
        raise ApplicationError(
            _("“%(plan)s” is not a plan of %(network)s.") % {"plan": body.plan, "network": network},
            field="plan",
        )
    if not body.slug:
        body.slug = _unique_slug(body)
    _validate(body)
    _attribute_to(body, by)
    body.save()
    return body


def network_settings_for(network) -> NetworkSettings:
    """The network's settings, created with the defaults on first use."""
    settings, _created = NetworkSettings.objects.get_or_create(network=network)
    return settings


# Memberships ----------------------------------------------------------------------------------


# Consent: a network asks, the member answers ------------------------------------------------


def open_sharing(*, network, member, lock: bool = False) -> NetworkSharing | None:
    """The pending or accepted consent between ``network`` and ``member``, if any."""
    rows = NetworkSharing.objects.filter(
        network=network,
        member=member,
        status__in=[SharingStatus.PENDING, SharingStatus.ACCEPTED],
    )
    return (rows.select_for_update() if lock else rows).first()


@transaction.atomic
def membership_request(
    *,
    network,
    member,
    by,
    joined_on: date | None = None,
    note: str = "",
    groups_only: bool = False,
    site_url: str = "",
) -> NetworkSharing:
    """Ask ``member`` to become a member of ``network`` (or to take part in its groups only).

    The request gives the network no rights: the member's admins accept or decline it
    (``membership_answer``), and only then is the membership recorded. They are told by
    e-mail, in their language, with a link to answer.
    """
    if network.kind not in NETWORK_KINDS:
        raise ApplicationError(_("Only a network or an association can have members."))
    if member.pk == network.pk:
        raise ApplicationError(_("A network cannot be a member of itself."), field="member")
    existing = open_sharing(network=network, member=member, lock=True)
    if existing is not None:
        message = (
            _("%(member)s has not answered the request to join %(network)s yet.")
            if existing.status == SharingStatus.PENDING
            else _("%(member)s is already a member of %(network)s.")
        )
        raise ApplicationError(message % {"member": member, "network": network}, field="member")
    sharing = NetworkSharing(
        network=network,
        member=member,
        requested_by=by,
        joined_on=joined_on,
        note=note[:500],
        groups_only=groups_only,
    )
    _validate(sharing)
    _attribute_to(sharing, by)
    sharing.save()
    if site_url:
        transaction.on_commit(lambda: _tell_member_admins(sharing, site_url=site_url))
    return sharing


@transaction.atomic
def membership_invite(
    *,
    network,
    member,
    by,
    joined_on: date | None = None,
    body: Body | None = None,
    note: str = "",
    groups_only: bool = False,
    site_url: str = "",
) -> NetworkSharing | NetworkMembership:
    """What a coordinator's "add a member" does: ask a new organisation, place a member.

    An organisation that has accepted membership is placed in ``body`` at once; any other
    gets a request its admins answer (``membership_request``), and nothing is recorded
    before they accept.
    """
    consent = open_sharing(network=network, member=member)
    if consent is not None and consent.status == SharingStatus.ACCEPTED:
        if body is None:
            raise ApplicationError(
                _("%(member)s is already a member of %(network)s.")
                % {"member": member, "network": network},
                field="member",
            )
        return membership_join(
            network=network,
            member=member,
            joined_on=joined_on,
            body=body,
            note=note,
            by=by,
            outside_member=consent.groups_only,
        )
    return membership_request(
        network=network,
        member=member,
        by=by,
        joined_on=joined_on,
        note=note,
        groups_only=groups_only,
        site_url=site_url,
    )


def _tell_member_admins(sharing: NetworkSharing, *, site_url: str) -> None:
    from django.urls import reverse

    link = site_url.rstrip("/") + reverse("memberships:index", kwargs={"org": sharing.member.slug})
    for membership in Membership.objects.filter(
        organisation=sharing.member, role=Role.ADMIN, user__is_active=True
    ).select_related("user"):
        user = membership.user
        if not user.email:
            continue
        send_templated_email(
            template="networks/email/membership_request",
            to=user.email,
            context={"user": user, "sharing": sharing, "link": link},
            language=user.language or "en",
        )


@transaction.atomic
def membership_answer(
    *,
    sharing: NetworkSharing,
    accept: bool,
    by,
    shares: Iterable[str] = (Shared.COMMITMENT,),
    today: date | None = None,
) -> NetworkSharing:
    """The member's answer to a network's request.

    Accepting records the membership (from the date the network gave, or today) and what the
    member shares with the network besides what it makes public; declining leaves nothing
    but the answer. Only a request still waiting can be answered: any other raises
    StateConflictError (two admins answering at once: the second is told).
    """
    current = NetworkSharing.objects.select_for_update().get(pk=sharing.pk)
    if current.status != SharingStatus.PENDING:
        raise StateConflictError(_("This request has been answered already."), state=current.status)
    current.answered_by = by
    current.answered_at = timezone.now()
    if not accept:
        current.status = SharingStatus.DECLINED
        _attribute_to(current, by)
        current.save()
        return current
    current.status = SharingStatus.ACCEPTED
    _set_shares(current, shares)
    current.joined_on = current.joined_on or today or timezone.localdate()
    _attribute_to(current, by)
    current.save()
    if not current.groups_only:
        membership_join(
            network=current.network, member=current.member, joined_on=current.joined_on, by=by
        )
    return current


def _set_shares(sharing: NetworkSharing, shares: Iterable[str]) -> None:
    chosen = {Shared(what) for what in shares}
    for what in Shared:
        setattr(sharing, what.value, what in chosen)


@transaction.atomic
def sharing_update(*, sharing: NetworkSharing, shares: Iterable[str], by) -> NetworkSharing:
    """The member changes what it shares with a network it belongs to; effective at once."""
    current = NetworkSharing.objects.select_for_update().get(pk=sharing.pk)
    if current.status != SharingStatus.ACCEPTED:
        raise ApplicationError(_("Only a current membership has sharing choices."))
    _set_shares(current, shares)
    _attribute_to(current, by)
    current.save()
    return current


@transaction.atomic
def network_leave(
    *, sharing: NetworkSharing, by, left_on: date, reason: str = ""
) -> NetworkSharing:
    """The member leaves the network: from now on the network sees only what is public.

    Every open membership of the network and its groups closes on ``left_on`` (the rows stay
    as history), and the member's seats there end.
    """
    current = NetworkSharing.objects.select_for_update().get(pk=sharing.pk)
    if current.status != SharingStatus.ACCEPTED:
        raise ApplicationError(_("This organisation is not a member of the network."))
    open_rows = NetworkMembership.objects.filter(
        network_id=current.network_id, member_id=current.member_id, left_on__isnull=True
    ).order_by(F("body_id").asc(nulls_first=True))
    for row in open_rows:
        row.refresh_from_db()
        if row.left_on is None:
            membership_leave(membership=row, left_on=left_on, reason=reason, by=by)
    current.refresh_from_db()
    if current.status == SharingStatus.ENDED:
        return current
    current.status = SharingStatus.ENDED
    current.ended_at = timezone.now()
    _attribute_to(current, by)
    current.save()
    return current


@transaction.atomic
def membership_join(
    *,
    network,
    member,
    joined_on: date | None,
    body: Body | None = None,
    note: str = "",
    by=None,
    outside_member: bool = False,
) -> NetworkMembership:
    """Record that ``member`` joined the network, or one of its bodies, on ``joined_on``.

    Only an organisation that accepted the network's request (``membership_answer``) can be
    recorded as a member: a network never makes an organisation its member on its own.

    ``joined_on`` may be None when the source does not give the date. A membership that
    overlaps one already recorded for the same network or body is refused: a return
    after leaving is a new row from a later date, so history is never overwritten.
    Joining a body needs membership of the network on that date, unless
    ``outside_member`` says the body takes in an organisation from outside the network.
    """
    if body is not None and body.network_id != network.pk:
        raise ApplicationError(
            _("%(body)s is not a body of %(network)s.") % {"body": body, "network": network},
            field="body",
        )
    consent = open_sharing(network=network, member=member)
    if consent is None or consent.status != SharingStatus.ACCEPTED:
        raise ApplicationError(
            _(
                "%(member)s has not accepted membership of %(network)s: ask it first, its "
                "admins answer."
            )
            % {"member": member, "network": network},
            field="member",
        )
    where = body or network
    rows = NetworkMembership.objects.select_for_update().filter(
        network=network, body=body, member=member
    )
    if rows.filter(left_on__isnull=True).exists():
        raise ApplicationError(
            _("%(member)s is already a member of %(where)s.") % {"member": member, "where": where},
            field="member",
        )
    overlapping = rows if joined_on is None else rows.filter(left_on__gte=joined_on)
    if overlapping.exists():
        raise ApplicationError(
            _(
                "%(member)s was a member of %(where)s until %(date)s; a new membership starts "
                "after that date."
            )
            % {
                "member": member,
                "where": where,
                "date": _day(overlapping.order_by("-left_on").first().left_on),
            },
            field="joined_on",
        )
    if body is not None and not outside_member:
        day = joined_on or timezone.localdate()
        if not _is_member_on(network=network, member=member, day=day):
            raise ApplicationError(
                _("%(member)s is not a member of %(network)s on %(date)s.")
                % {"member": member, "network": network, "date": _day(day)},
                field="member",
            )
    membership = NetworkMembership(
        network=network, body=body, member=member, joined_on=joined_on, join_note=note
    )
    _validate(membership)
    _attribute_to(membership, by)
    membership.save()
    return membership


def _end_seats(*, seats, left_on: date, by) -> None:
    for seat in seats.filter(to_date__isnull=True).filter(
        Q(from_date__isnull=True) | Q(from_date__lte=left_on)
    ):
        seat.to_date = left_on
        claim_lock(Seat, seat, None)
        _attribute_to(seat, by)
        seat.save()


@transaction.atomic
def membership_leave(
    *, membership: NetworkMembership, left_on: date, reason: str = "", by=None
) -> NetworkMembership:
    """Close the membership on ``left_on`` with a reason; the row stays as history.

    Leaving a network also closes the member's open memberships of its bodies, and
    leaving either ends the member's open seats there on the same date.
    """
    current = NetworkMembership.objects.select_for_update().get(pk=membership.pk)
    if current.left_on is not None:
        raise ApplicationError(
            _("%(member)s already left on %(date)s.")
            % {"member": current.member, "date": _day(current.left_on)},
            field="left_on",
        )
    if left_on is None:
        raise ApplicationError(_("Give the date of leaving."), field="left_on")
    if current.joined_on is not None and left_on < current.joined_on:
        raise ApplicationError(
            _("%(member)s cannot leave on %(left)s, before joining on %(joined)s.")
            % {"member": current.member, "left": _day(left_on), "joined": _day(current.joined_on)},
            field="left_on",
        )
    membership.left_on = left_on
    membership.leave_reason = reason
    _validate(membership)
    _attribute_to(membership, by)
    membership.save()

    seats = Seat.objects.filter(member_id=membership.member_id)
    if membership.body_id is None:
        for row in NetworkMembership.objects.filter(
            network_id=membership.network_id,
            member_id=membership.member_id,
            body__isnull=False,
            left_on__isnull=True,
        ).filter(Q(joined_on__isnull=True) | Q(joined_on__lte=left_on)):
            row.left_on = left_on
            row.leave_reason = reason
            _attribute_to(row, by)
            row.save()
        seats = seats.filter(body__network_id=membership.network_id)
        # Leaving the network ends its access to the member's shared data at once.
        for consent in NetworkSharing.objects.filter(
            network_id=membership.network_id,
            member_id=membership.member_id,
            status=SharingStatus.ACCEPTED,
            groups_only=False,
        ):
            consent.status = SharingStatus.ENDED
            consent.ended_at = timezone.now()
            _attribute_to(consent, by)
            consent.save()
    else:
        seats = seats.filter(body_id=membership.body_id)
    _end_seats(seats=seats, left_on=left_on, by=by)
    return membership


# Seats ----------------------------------------------------------------------------------------


@transaction.atomic
def seat_save(*, seat: Seat, by=None, expected_lock_version: int | None = None) -> Seat:
    """Create or update a seat; a seat without a person is a vacant seat.

    The person must work for the member organisation, and the member must belong to
    the body's network, or to the body itself, on the seat's start date (today when
    the start is not known). Optimistic locking when ``expected_lock_version`` is given.
    A refusal names the person only where ``by`` may see them (``selectors.shown_person``).
    """
    if seat.person_id is not None and seat.person.organisation_id != seat.member_id:
        raise ApplicationError(
            _("%(person)s works for %(organisation)s, not for %(member)s.")
            % {
                "person": _person_seen_by(by, seat.person, seat.body.network),
                "organisation": seat.person.organisation,
                "member": seat.member,
            },
            field="person",
        )
    day = seat.from_date or timezone.localdate()
    network = seat.body.network
    if not _is_member_on(network=network, member=seat.member, day=day, body=seat.body):
        raise ApplicationError(
            _("%(member)s is not a member of %(network)s on %(date)s.")
            % {"member": seat.member, "network": network, "date": _day(day)},
            field="member",
        )
    _validate(seat)
    claim_lock(Seat, seat, expected_lock_version)
    _attribute_to(seat, by)
    seat.save()
    return seat


@transaction.atomic
def seat_vacate(*, seat: Seat, by=None, expected_lock_version: int | None = None) -> Seat:
    """Leave the seat without a representative; the seat stays, shown as vacant."""
    seat.person = None
    claim_lock(Seat, seat, expected_lock_version)
    _attribute_to(seat, by)
    seat.save()
    return seat


# Meetings -------------------------------------------------------------------------------------


@transaction.atomic
def meeting_save(*, meeting: Meeting, attendees: Iterable[Seat] | None = None, by=None) -> Meeting:
    """Create or update a meeting and, when given, set who attended.

    Attendees are seats of the meeting's body, held by a person on the meeting date.
    The host city is optional: a place in words or an online link will do. A refusal names
    an attendee only where ``by`` may see them (``selectors.shown_person``).
    """
    _validate(meeting)
    network = meeting.body.network
    if attendees is not None:
        attendees = list(attendees)
        for seat in attendees:
            if seat.body_id != meeting.body_id:
                raise ApplicationError(
                    _("%(seat)s is not a representative in %(body)s.")
                    % {"seat": _seat_label(seat, by=by, network=network), "body": meeting.body},
                    field="attendees",
                )
            if seat.person_id is None:
                raise ApplicationError(
                    _("%(seat)s cannot attend: nobody holds it.")
                    % {"seat": _seat_label(seat, by=by, network=network)},
                    field="attendees",
                )
            if not _seat_active_on(seat, meeting.date):
                raise ApplicationError(
                    _("%(seat)s was not a representative in %(body)s on %(date)s.")
                    % {
                        "seat": _seat_label(seat, by=by, network=network),
                        "body": meeting.body,
                        "date": _day(meeting.date),
                    },
                    field="attendees",
                )
    _attribute_to(meeting, by)
    meeting.save()
    if attendees is not None:
        meeting.attendees.set(attendees)
    return meeting


def meeting_add_decision(*, meeting: Meeting, text: str, activity=None, by=None) -> MeetingDecision:
    """Record a decision taken at the meeting, optionally linked to a plan activity.

    The activity must be in the body's plan or in one of the network's plans.
    """
    text = (text or "").strip()
    if not text:
        raise ApplicationError(_("Write the decision."), field="text")
    body = meeting.body
    if activity is not None:
        in_body_plan = body.plan_id is not None and activity.plan_id == body.plan_id
        in_network_plan = activity.plan.organisation_id == body.network_id
        if not (in_body_plan or in_network_plan):
            raise ApplicationError(
                _("“%(activity)s” is not in a plan of %(body)s or %(network)s.")
                % {"activity": activity, "body": body, "network": body.network},
                field="activity",
            )
    decision = MeetingDecision(meeting=meeting, text=text, activity=activity)
    _validate(decision)
    _attribute_to(decision, by)
    decision.save()
    return decision


# Responsibility matrix ------------------------------------------------------------------------


def _matrix_wanted(group: Body, cells) -> dict[tuple[int, int], str]:
    row_ids = set(
        Body.objects.filter(network_id=group.network_id)
        .exclude(pk=group.pk)
        .values_list("pk", flat=True)
    )
    seat_ids = set(group.seats.values_list("pk", flat=True))
    wanted: dict[tuple[int, int], str] = {}
    for row_id, seat_id, role in cells:
        row_id, seat_id, role = int(row_id), int(seat_id), role or ""
        if row_id not in row_ids:
            raise ApplicationError(
                _("Rows of the matrix are the other bodies of %(network)s.")
                % {"network": group.network},
                field="cells",
            )
        if seat_id not in seat_ids:
            raise ApplicationError(
                _("Columns of the matrix are the seats of %(group)s.") % {"group": group},
                field="cells",
            )
        if role and role not in MatrixRole.values:
            raise ApplicationError(_("Unknown role: %(role)s.") % {"role": role}, field="cells")
        if wanted.get((row_id, seat_id), role) != role:
            raise ApplicationError(_("The same cell was given two different roles."), field="cells")
        wanted[(row_id, seat_id)] = role
    return {key: role for key, role in wanted.items() if role}


@transaction.atomic
def matrix_save(
    *,
    group: Body,
    cells: list[tuple[int, int, str]],
    expected_version: int,
    by=None,
) -> int:
    """Replace the group's matrix with ``cells`` (row body id, seat id, role or "").

    An empty role empties the cell. ``group.matrix_version`` is an optimistic lock:
    when another coordinator saved since ``expected_version`` was read, nothing is
    changed and ConcurrentEditError carries the current group. Returns the new version.
    """
    wanted = _matrix_wanted(group, cells)
    claimed = Body.objects.filter(pk=group.pk, matrix_version=expected_version).update(
        matrix_version=F("matrix_version") + 1
    )
    if not claimed:
        raise ConcurrentEditError(
            _(
                "Another coordinator changed the matrix since you opened it, so nothing was saved. "
                "The form now shows their matrix with your changes on top: check it and save again."
            ),
            current=Body.objects.get(pk=group.pk),
        )
    group.matrix_version = expected_version + 1
    # Cell by cell rather than in bulk, so every change is in the history.
    for cell in MatrixCell.objects.filter(group=group):
        role = wanted.pop((cell.row_id, cell.seat_id), None)
        _attribute_to(cell, by)
        if role is None:
            cell.delete()
        elif role != cell.role:
            cell.role = role
            cell.save()
    for (row_id, seat_id), role in wanted.items():
        cell = MatrixCell(group=group, row_id=row_id, seat_id=seat_id, role=role)
        _attribute_to(cell, by)
        cell.save()
    return group.matrix_version


def _seat_person(seat: Seat, user, contacts_shared: frozenset[int]) -> str:
    if seat.person is None:
        return _("vacant")
    return selectors.shown_person(
        user, seat.person, contacts_shared=contacts_shared, fallback=_("representative")
    )


def matrix_export_xlsx(
    *, group: Body, user, contacts_shared: frozenset[int] = frozenset()
) -> bytes:
    """The group's responsibility matrix as an XLSX workbook: bodies × seats, with roles.

    People appear by name only where ``user`` may see them (the gate's ``can_see_person``,
    with the members that share their contacts with the network); otherwise by their title.
    Every text goes through the shared ``safe_cell`` (``xlsx_bytes``), so no name or note
    can run as a formula.
    """
    seats = list(group.seats.select_related("member", "person").order_by("member__name", "pk"))
    rows = list(Body.objects.filter(network_id=group.network_id).exclude(pk=group.pk))
    cells = {(cell.row_id, cell.seat_id): cell for cell in MatrixCell.objects.filter(group=group)}
    header = [_("Body")] + [
        f"{seat.member} – {_seat_person(seat, user, contacts_shared)}" for seat in seats
    ]
    lines = []
    for row in rows:
        values = [row.name]
        for seat in seats:
            cell = cells.get((row.pk, seat.pk))
            if cell is None:
                values.append("")
            elif cell.note:
                values.append(f"{cell.get_role_display()} ({cell.note})")
            else:
                values.append(str(cell.get_role_display()))
        lines.append(values)
    title = slugify(group.name) or "matrix"
    return xlsx_bytes([Sheet(title=title, header=header, rows=lines, widths=[36])])

"""Networks: consent rows as the request-and-answer flow leaves them, memberships, working
groups with seats and meetings."""

from __future__ import annotations

from datetime import time, timedelta

from equalocal.networks.models import (
    Body,
    BodyKind,
    Meeting,
    MeetingDecision,
    MeetingStatus,
    NetworkMembership,
    NetworkSettings,
    Seat,
    SeatRole,
)
from equalocal.organisations.models import NetworkSharing, Role, SharingStatus

from .run import Run, insert, insert_links

SHOWCASE_MEMBERS = 500
SCORECARD_MEMBERS = 50


def _members_of(run: Run, rng) -> dict[int, list]:
    """Who each network asks: the showcase networks take the first municipalities."""
    local = run.local
    chosen = {}
    for index, network in enumerate(run.networks):
        if index == 0:
            chosen[network.pk] = local[:SHOWCASE_MEMBERS]
        elif index == 1:
            chosen[network.pk] = local[:SCORECARD_MEMBERS]
        else:
            size = min(len(local), rng.randint(10, 60))
            chosen[network.pk] = rng.sample(local, size)
    return chosen


def build(run: Run) -> None:
    rng = run.rng("networks")
    sharings, memberships = [], []
    for index, network in enumerate(run.networks):
        coordinator = run.users[(network.pk, Role.ADMIN)]
        showcase = index < 2
        current = []
        for position, member in enumerate(_members_of(run, rng)[network.pk]):
            # The showcase networks' members all accepted; elsewhere some are still asked,
            # some declined and some left.
            roll = 0.0 if showcase else rng.random()
            requested = run.days_ago(rng, 30, 3000)
            answered = min(requested + timedelta(days=rng.randint(1, 60)), run.today)
            member_admin = run.users[(member.pk, Role.ADMIN)]
            sharing = NetworkSharing(
                network=network,
                member=member,
                requested_by=coordinator,
                note="Welcome to the network.",
            )
            if roll < 0.85:
                sharing.status = SharingStatus.ACCEPTED
                sharing.answered_by, sharing.answered_at = member_admin, run.stamp(answered)
                sharing.joined_on = answered
                sharing.commitment = True
                # The showcase networks' members share their figures, but every eighth
                # keeps them to itself (and publishes none): the scorecard shows the gate.
                sharing.figures = position % 8 != 7 if showcase else rng.random() < 0.6
                sharing.progress = rng.random() < (0.8 if showcase else 0.6)
                sharing.contacts = rng.random() < 0.3
                memberships.append(
                    NetworkMembership(network=network, member=member, joined_on=answered)
                )
                current.append(member)
            elif roll < 0.90:
                sharing.status = SharingStatus.PENDING
            elif roll < 0.95:
                sharing.status = SharingStatus.DECLINED
                sharing.answered_by, sharing.answered_at = member_admin, run.stamp(answered)
            else:
                left = min(answered + timedelta(days=rng.randint(30, 900)), run.today)
                sharing.status = SharingStatus.ENDED
                sharing.answered_by, sharing.answered_at = member_admin, run.stamp(answered)
                sharing.joined_on = answered
                sharing.ended_at = run.stamp(left)
                memberships.append(
                    NetworkMembership(
                        network=network,
                        member=member,
                        joined_on=answered,
                        left_on=left,
                        leave_reason="Left the network.",
                    )
                )
            sharings.append(sharing)
        run.members[network.pk] = current
    insert(run, NetworkSharing, sharings, label="network consents")
    insert(run, NetworkMembership, memberships, label="network memberships")
    insert(run, NetworkSettings, [NetworkSettings(network=n) for n in run.networks])
    run.showcase.network_members = len(run.members[run.networks[0].pk])
    run.showcase.scorecard_members = len(run.members[run.networks[1].pk])
    _groups(run, rng)


def _groups(run: Run, rng) -> None:
    bodies = []
    for network in run.networks:
        for n in range(1, rng.randint(1, 3) + 1):
            bodies.append(
                Body(
                    network=network,
                    kind=BodyKind.WORKING_GROUP if n > 1 else BodyKind.COMMISSION,
                    name=f"Working group {n}" if n > 1 else "Commission on equality",
                    slug=f"group-{n}",
                    purpose="Exchange experience and follow up the members' action plans.",
                    started_on=run.days_ago(rng, 400, 3000),
                )
            )
    bodies = insert(run, Body, bodies, label="working groups")
    body_memberships, seats = [], []
    for body in bodies:
        members = run.members[body.network_id]
        for position, member in enumerate(rng.sample(members, min(len(members), 12))):
            joined = body.started_on
            body_memberships.append(
                NetworkMembership(network_id=body.network_id, body=body, member=member)
            )
            person = rng.choice(run.people[member.pk]) if rng.random() < 0.85 else None
            seats.append(
                Seat(
                    body=body,
                    member=member,
                    person=person,
                    role=SeatRole.COORDINATOR if position == 0 else SeatRole.MEMBER,
                    from_date=joined,
                    share_of_time=rng.choice([None, 5, 10, 20]),
                )
            )
    insert(run, NetworkMembership, body_memberships, label="group memberships")
    seats = insert(run, Seat, seats, label="seats")
    seats_of: dict[int, list] = {}
    for seat in seats:
        seats_of.setdefault(seat.body_id, []).append(seat)
    meetings = []
    for body in bodies:
        for n in range(rng.randint(2, 6)):
            day = run.today + timedelta(days=90 * (n - 4) + rng.randint(-20, 20))
            past = day < run.today
            meetings.append(
                Meeting(
                    body=body,
                    date=day,
                    start_time=time(10, 0),
                    end_time=time(12, 0),
                    place="Town hall",
                    status=MeetingStatus.HELD if past and n % 7 else MeetingStatus.PLANNED,
                    agenda="1. Opening\n2. The members' plans\n3. Next meeting",
                    minutes="The group discussed the members' progress." if past else "",
                )
            )
    meetings = insert(run, Meeting, meetings, label="meetings")
    attendees, decisions = [], []
    for meeting in meetings:
        if meeting.status != MeetingStatus.HELD:
            continue
        for seat in seats_of.get(meeting.body_id, []):
            if seat.person_id and rng.random() < 0.7:
                attendees.append({"meeting_id": meeting.pk, "seat_id": seat.pk})
        decisions.append(
            MeetingDecision(meeting=meeting, text="The group adopted its work plan for the year.")
        )
    insert_links(Meeting.attendees.through, attendees)
    insert(run, MeetingDecision, decisions, label="decisions")

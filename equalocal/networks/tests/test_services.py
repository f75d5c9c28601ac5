"""The network services: memberships over time, seats, meetings, decisions and the matrix."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from equalocal.core.errors import ApplicationError, ConcurrentEditError
from equalocal.core.spreadsheets import safe_cell
from equalocal.networks.models import (
    Body,
    BodyKind,
    DashboardVisibility,
    MatrixCell,
    Meeting,
    MeetingStatus,
    NetworkMembership,
    Seat,
    SeatRole,
)
from equalocal.networks.services import (
    body_save,
    matrix_export_xlsx,
    matrix_save,
    meeting_add_decision,
    meeting_save,
    membership_join,
    membership_leave,
    network_settings_for,
    seat_save,
    seat_vacate,
)
from equalocal.organisations.models import NetworkSharing, Role
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    MatrixCellFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkSharingFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

JOINED = date(2016, 1, 1)


@pytest.fixture
def network():
    return NetworkFactory(name="Union of Baltic Cities", slug="ubc")


@pytest.fixture
def group(network):
    return body_save(body=Body(network=network, name="Gender Equality Working Group"))


@pytest.fixture
def kotka(network):
    """A city that accepted the network's request to become a member."""
    city = OrganisationFactory(name="Kotka", slug="kotka")
    NetworkSharingFactory(network=network, member=city)
    return city


@pytest.fixture
def gdansk(network):
    city = OrganisationFactory(name="Gdańsk", slug="gdansk")
    NetworkSharingFactory(network=network, member=city)
    return city


def _consent_again(network, organisation):
    """After leaving, a return starts with a new request the member accepts."""
    NetworkSharingFactory(network=network, member=organisation)


def _member(network, organisation, *, body=None, joined_on=JOINED):
    if (
        body is not None
        and not NetworkMembership.objects.filter(
            network=network, member=organisation, body=None
        ).exists()
    ):
        membership_join(network=network, member=organisation, joined_on=joined_on)
    return membership_join(network=network, member=organisation, joined_on=joined_on, body=body)


def _seat(group, organisation, *, role=SeatRole.MEMBER, from_date=JOINED, person=True):
    person = PersonFactory(organisation=organisation) if person else None
    return seat_save(
        seat=Seat(body=group, member=organisation, person=person, role=role, from_date=from_date)
    )


def _message(excinfo) -> str:
    return excinfo.value.message


# Bodies ---------------------------------------------------------------------------------------


def test_body_gets_a_slug_unique_in_its_network(network):
    first = body_save(body=Body(network=network, name="Safe Cities", kind=BodyKind.COMMISSION))
    second = body_save(body=Body(network=network, name="Safe Cities", kind=BodyKind.COMMISSION))
    other_network = NetworkFactory()
    third = body_save(body=Body(network=other_network, name="Safe Cities"))
    assert (first.slug, second.slug, third.slug) == ("safe-cities", "safe-cities-2", "safe-cities")
    assert first.history.count() == 1


def test_body_parent_must_be_of_the_same_network(network):
    board = body_save(body=Body(network=network, name="Board", kind=BodyKind.BOARD))
    elsewhere = NetworkFactory()
    with pytest.raises(ApplicationError) as excinfo:
        body_save(body=Body(network=elsewhere, name="Group", parent=board))
    assert excinfo.value.field == "parent"
    assert not Body.objects.filter(network=elsewhere).exists()


def test_body_of_an_organisation_that_is_not_a_network_is_refused(kotka):
    with pytest.raises(ApplicationError) as excinfo:
        body_save(body=Body(network=kotka, name="Group"))
    assert "is not a network" in _message(excinfo)


def test_body_plan_must_be_the_networks_own(network, kotka, group):
    group.plan = ActionPlanFactory(organisation=kotka, title="Kotka's plan")
    with pytest.raises(ApplicationError) as excinfo:
        body_save(body=group)
    assert excinfo.value.field == "plan"
    group.plan = ActionPlanFactory(organisation=network, title="Action Plan 2016")
    assert body_save(body=group).plan.title == "Action Plan 2016"


def test_body_kind_is_validated(network):
    with pytest.raises(ValidationError):
        body_save(body=Body(network=network, name="Group", kind="club"))


def test_settings_are_created_once_with_the_default(network):
    settings = network_settings_for(network)
    assert settings.dashboard_visibility == DashboardVisibility.MEMBERS
    assert network_settings_for(network).pk == settings.pk


# Memberships ----------------------------------------------------------------------------------


def test_join_and_leave_keep_the_history(network, kotka):
    user = UserFactory()
    membership = membership_join(network=network, member=kotka, joined_on=JOINED, by=user)
    membership_leave(
        membership=membership, left_on=date(2016, 6, 15), reason="Kotka has left", by=user
    )
    _consent_again(network, kotka)
    again = membership_join(network=network, member=kotka, joined_on=date(2018, 1, 1))
    rows = list(NetworkMembership.objects.filter(member=kotka).order_by("joined_on"))
    assert [(r.joined_on, r.left_on, r.leave_reason) for r in rows] == [
        (JOINED, date(2016, 6, 15), "Kotka has left"),
        (date(2018, 1, 1), None, ""),
    ]
    assert rows[1] == again
    assert membership.history.first().history_user == user


def test_member_list_at_a_date_is_derived_from_the_history(network, kotka, gdansk):
    orebro = OrganisationFactory(name="Örebro")
    NetworkSharingFactory(network=network, member=orebro)
    membership_join(network=network, member=gdansk, joined_on=JOINED)
    leaving = membership_join(network=network, member=kotka, joined_on=JOINED)
    membership_leave(membership=leaving, left_on=date(2016, 6, 15))
    membership_join(network=network, member=orebro, joined_on=date(2016, 3, 1), note="New member")
    rows = list(NetworkMembership.objects.filter(network=network, body=None))

    def members_on(day):
        return sorted(r.member.name for r in rows if r.active_on(day))

    assert members_on(date(2016, 2, 1)) == ["Gdańsk", "Kotka"]
    assert members_on(date(2016, 4, 1)) == ["Gdańsk", "Kotka", "Örebro"]
    assert members_on(date(2016, 7, 1)) == ["Gdańsk", "Örebro"]


def test_joining_twice_is_refused(network, kotka):
    membership_join(network=network, member=kotka, joined_on=JOINED)
    with pytest.raises(ApplicationError) as excinfo:
        membership_join(network=network, member=kotka, joined_on=date(2017, 1, 1))
    assert "already a member" in _message(excinfo)
    assert NetworkMembership.objects.filter(member=kotka).count() == 1


def test_rejoining_inside_a_closed_period_is_refused(network, kotka):
    membership = membership_join(network=network, member=kotka, joined_on=JOINED)
    membership_leave(membership=membership, left_on=date(2016, 6, 15))
    _consent_again(network, kotka)
    with pytest.raises(ApplicationError) as excinfo:
        membership_join(network=network, member=kotka, joined_on=date(2016, 5, 1))
    assert excinfo.value.field == "joined_on"


def test_joining_a_body_needs_membership_of_the_network_at_that_date(network, group, kotka):
    with pytest.raises(ApplicationError) as excinfo:
        membership_join(network=network, member=kotka, joined_on=JOINED, body=group)
    assert _message(excinfo) == "Kotka is not a member of Union of Baltic Cities on 1 January 2016."
    membership_join(network=network, member=kotka, joined_on=JOINED)
    joined = membership_join(network=network, member=kotka, joined_on=JOINED, body=group)
    assert joined.body == group
    # The open group membership is the one refused now, not the network's.
    with pytest.raises(ApplicationError):
        membership_join(network=network, member=kotka, joined_on=JOINED, body=group)


def test_an_outside_member_may_join_a_body_when_said_explicitly(network, group, kotka):
    membership = membership_join(
        network=network, member=kotka, joined_on=None, body=group, outside_member=True
    )
    assert membership.joined_on is None
    assert not NetworkMembership.objects.filter(member=kotka, body=None).exists()


def test_joining_a_body_of_another_network_is_refused(group, kotka):
    other = NetworkFactory()
    with pytest.raises(ApplicationError) as excinfo:
        membership_join(network=other, member=kotka, joined_on=JOINED, body=group)
    assert excinfo.value.field == "body"


def test_leaving_before_joining_is_refused_and_nothing_is_lost(network, kotka):
    membership = membership_join(network=network, member=kotka, joined_on=JOINED)
    with pytest.raises(ApplicationError) as excinfo:
        membership_leave(membership=membership, left_on=date(2015, 12, 31), reason="Oops")
    assert excinfo.value.field == "left_on"
    assert "before joining" in _message(excinfo)
    membership.refresh_from_db()
    assert (membership.left_on, membership.leave_reason) == (None, "")


def test_leaving_twice_is_refused(network, kotka):
    membership = membership_join(network=network, member=kotka, joined_on=JOINED)
    membership_leave(membership=membership, left_on=date(2016, 6, 15))
    with pytest.raises(ApplicationError) as excinfo:
        membership_leave(membership=membership, left_on=date(2017, 1, 1))
    assert "already left" in _message(excinfo)
    membership.refresh_from_db()
    assert membership.left_on == date(2016, 6, 15)


def test_leaving_the_network_closes_its_groups_and_ends_the_seats(network, group, kotka):
    membership = _member(network, kotka)
    _member(network, kotka, body=group)
    seat = _seat(group, kotka)
    membership_leave(membership=membership, left_on=date(2016, 6, 15), reason="Kotka has left")
    group_row = NetworkMembership.objects.get(member=kotka, body=group)
    assert (group_row.left_on, group_row.leave_reason) == (date(2016, 6, 15), "Kotka has left")
    seat.refresh_from_db()
    assert seat.to_date == date(2016, 6, 15)


# Seats ----------------------------------------------------------------------------------------


def test_representative_of_a_non_member_at_that_date_is_refused(network, group, kotka):
    membership = _member(network, kotka)
    membership_leave(membership=membership, left_on=date(2016, 6, 15))
    with pytest.raises(ApplicationError) as excinfo:
        _seat(group, kotka, from_date=date(2016, 9, 1))
    assert excinfo.value.field == "member"
    assert (
        _message(excinfo) == "Kotka is not a member of Union of Baltic Cities on 1 September 2016."
    )
    assert not Seat.objects.exists()
    assert _seat(group, kotka, from_date=date(2016, 2, 1)).pk


def test_membership_of_the_body_alone_allows_a_seat(network, group, kotka):
    membership_join(network=network, member=kotka, joined_on=None, body=group, outside_member=True)
    assert _seat(group, kotka, from_date=None).pk


def test_representative_must_work_for_the_member(network, group, kotka, gdansk):
    _member(network, kotka)
    with pytest.raises(ApplicationError) as excinfo:
        seat_save(seat=Seat(body=group, member=kotka, person=PersonFactory(organisation=gdansk)))
    assert excinfo.value.field == "person"
    assert "works for Gdańsk, not for Kotka" in _message(excinfo)


def test_a_vacant_seat_is_kept_as_a_row(network, group, kotka):
    _member(network, kotka)
    seat = _seat(group, kotka)
    vacant = seat_save(seat=Seat(body=group, member=kotka, person=None))
    assert vacant.is_vacant
    seat_vacate(seat=seat, by=UserFactory())
    seat.refresh_from_db()
    assert seat.is_vacant and Seat.objects.filter(body=group).count() == 2
    assert seat.history.count() == 2


def test_seat_edits_of_the_same_version_do_not_overwrite_each_other(network, group, kotka):
    _member(network, kotka)
    seat = _seat(group, kotka)
    first, second = Seat.objects.get(pk=seat.pk), Seat.objects.get(pk=seat.pk)
    first.role = SeatRole.COORDINATOR
    seat_save(seat=first, expected_lock_version=seat.lock_version)
    second.role = SeatRole.SECRETARY
    with pytest.raises(ConcurrentEditError) as excinfo:
        seat_save(seat=second, expected_lock_version=seat.lock_version)
    assert excinfo.value.current.role == SeatRole.COORDINATOR
    seat.refresh_from_db()
    assert seat.role == SeatRole.COORDINATOR


# Meetings -------------------------------------------------------------------------------------


def test_meeting_with_attendees_of_the_body(network, group, kotka, gdansk):
    _member(network, kotka)
    _member(network, gdansk)
    seats = [_seat(group, kotka), _seat(group, gdansk, role=SeatRole.COORDINATOR)]
    meeting = meeting_save(
        meeting=Meeting(body=group, date=date(2016, 2, 14), host=gdansk, status=MeetingStatus.HELD),
        attendees=seats,
    )
    assert set(meeting.attendees.all()) == set(seats)
    no_host = meeting_save(meeting=Meeting(body=group, date=date(2016, 6, 15), place="Berlin"))
    assert no_host.host is None and no_host.place == "Berlin"


def test_attendee_who_is_not_a_representative_is_refused(network, group, kotka):
    _member(network, kotka)
    other_group = body_save(body=Body(network=network, name="Safe Cities"))
    outsider = _seat(other_group, kotka)
    kotka_admin = UserFactory()
    MembershipFactory(user=kotka_admin, organisation=kotka, role=Role.ADMIN)
    with pytest.raises(ApplicationError) as excinfo:
        meeting_save(
            meeting=Meeting(body=group, date=date(2016, 2, 14)),
            attendees=[outsider],
            by=kotka_admin,
        )
    assert excinfo.value.field == "attendees"
    assert f"{outsider.person.name} (Kotka) is not a representative in" in _message(excinfo)
    assert not Meeting.objects.exists()


def test_a_refused_attendee_is_named_only_where_the_user_may_see_them(network, group, kotka):
    """Kotka shares its commitment, not its contacts: the network's coordinator is told the
    representative's title; once Kotka shares its contacts, their name."""
    _member(network, kotka)
    seat = _seat(group, kotka)
    seat.to_date = date(2016, 3, 1)
    seat_save(seat=seat)
    coordinator = UserFactory()
    MembershipFactory(user=coordinator, organisation=network, role=Role.EDITOR)
    meeting = Meeting(body=group, date=date(2016, 6, 15))
    for by in [coordinator, None]:
        with pytest.raises(ApplicationError) as excinfo:
            meeting_save(meeting=meeting, attendees=[seat], by=by)
        assert seat.person.name not in _message(excinfo)
        assert "Jämställdhetsstrateg (Kotka) was not a representative" in _message(excinfo)
    NetworkSharing.objects.filter(network=network, member=kotka).update(contacts=True)
    with pytest.raises(ApplicationError) as excinfo:
        meeting_save(meeting=meeting, attendees=[seat], by=coordinator)
    assert f"{seat.person.name} (Kotka) was not a representative" in _message(excinfo)


def test_a_refused_representative_is_named_only_where_the_user_may_see_them(
    network, group, kotka, gdansk
):
    """The API reaches this refusal with any person's id: it must not name a person of a
    member that does not share its contacts."""
    _member(network, kotka)
    coordinator = UserFactory()
    MembershipFactory(user=coordinator, organisation=network, role=Role.EDITOR)
    person = PersonFactory(organisation=gdansk, title="Personalspecialist")
    with pytest.raises(ApplicationError) as excinfo:
        seat_save(seat=Seat(body=group, member=kotka, person=person), by=coordinator)
    assert _message(excinfo) == "Personalspecialist works for Gdańsk, not for Kotka."
    NetworkSharing.objects.filter(network=network, member=gdansk).update(contacts=True)
    with pytest.raises(ApplicationError) as excinfo:
        seat_save(seat=Seat(body=group, member=kotka, person=person), by=coordinator)
    assert _message(excinfo) == f"{person.name} works for Gdańsk, not for Kotka."


def test_attendee_whose_seat_had_ended_is_refused(network, group, kotka):
    _member(network, kotka)
    seat = _seat(group, kotka)
    seat.to_date = date(2016, 3, 1)
    seat_save(seat=seat)
    with pytest.raises(ApplicationError) as excinfo:
        meeting_save(meeting=Meeting(body=group, date=date(2016, 6, 15)), attendees=[seat])
    assert "was not a representative" in _message(excinfo)


def test_a_vacant_seat_cannot_attend(network, group, kotka):
    _member(network, kotka)
    vacant = _seat(group, kotka, person=False)
    with pytest.raises(ApplicationError) as excinfo:
        meeting_save(meeting=Meeting(body=group, date=date(2016, 6, 15)), attendees=[vacant])
    assert "vacant seat of Kotka" in _message(excinfo)


def test_decision_links_only_to_activities_of_the_groups_or_networks_plans(network, group, kotka):
    meeting = meeting_save(meeting=Meeting(body=group, date=date(2016, 2, 14)))
    ours = ActivityFactory(plan__organisation=network, title="Invitation letter")
    theirs = ActivityFactory(plan__organisation=kotka)
    decision = meeting_add_decision(meeting=meeting, text="  Send the letter ", activity=ours)
    assert (decision.text, decision.activity) == ("Send the letter", ours)
    with pytest.raises(ApplicationError) as excinfo:
        meeting_add_decision(meeting=meeting, text="Adopt", activity=theirs)
    assert excinfo.value.field == "activity"
    with pytest.raises(ApplicationError):
        meeting_add_decision(meeting=meeting, text="   ")
    assert meeting.decisions.count() == 1


# Matrix ---------------------------------------------------------------------------------------


@pytest.fixture
def matrix(network, group, kotka, gdansk):
    _member(network, kotka)
    _member(network, gdansk)
    rows = [
        body_save(body=Body(network=network, name=name, kind=BodyKind.COMMISSION))
        for name in ("Safe Cities", "Culture")
    ]
    seats = [_seat(group, kotka), _seat(group, gdansk)]
    return rows, seats


def test_matrix_save_replaces_the_cells_and_bumps_the_version(group, matrix):
    (safe, culture), (kotka_seat, gdansk_seat) = matrix
    version = matrix_save(
        group=group,
        cells=[(safe.pk, kotka_seat.pk, "responsible"), (culture.pk, gdansk_seat.pk, "contact")],
        expected_version=1,
    )
    assert version == 2 == Body.objects.get(pk=group.pk).matrix_version
    version = matrix_save(
        group=group,
        cells=[(safe.pk, kotka_seat.pk, "contact"), (culture.pk, gdansk_seat.pk, "")],
        expected_version=version,
    )
    assert version == 3
    assert list(MatrixCell.objects.values_list("row", "seat", "role")) == [
        (safe.pk, kotka_seat.pk, "contact")
    ]


def test_overlapping_matrix_edits_are_refused_and_nothing_is_lost(group, matrix):
    (safe, culture), (kotka_seat, gdansk_seat) = matrix
    opened = Body.objects.get(pk=group.pk).matrix_version
    matrix_save(
        group=group, cells=[(safe.pk, kotka_seat.pk, "responsible")], expected_version=opened
    )
    with pytest.raises(ConcurrentEditError) as excinfo:
        matrix_save(
            group=group, cells=[(culture.pk, gdansk_seat.pk, "contact")], expected_version=opened
        )
    assert "Another coordinator changed the matrix" in _message(excinfo)
    assert excinfo.value.current.matrix_version == opened + 1
    assert list(MatrixCell.objects.values_list("row", "seat", "role")) == [
        (safe.pk, kotka_seat.pk, "responsible")
    ]


@pytest.mark.parametrize("bad", ["group row", "other seat", "role", "conflict"])
def test_matrix_cells_outside_the_group_are_refused(network, group, matrix, bad):
    (safe, _culture), (kotka_seat, _gdansk_seat) = matrix
    other_seat = _seat(safe, kotka_seat.member)
    cells = {
        "group row": [(group.pk, kotka_seat.pk, "responsible")],
        "other seat": [(safe.pk, other_seat.pk, "responsible")],
        "role": [(safe.pk, kotka_seat.pk, "boss")],
        "conflict": [(safe.pk, kotka_seat.pk, "responsible"), (safe.pk, kotka_seat.pk, "contact")],
    }[bad]
    with pytest.raises(ApplicationError) as excinfo:
        matrix_save(group=group, cells=cells, expected_version=1)
    assert excinfo.value.field == "cells"
    assert Body.objects.get(pk=group.pk).matrix_version == 1
    assert not MatrixCell.objects.exists()


def test_matrix_export_has_rows_columns_and_roles(group, matrix):
    (safe, _culture), (kotka_seat, gdansk_seat) = matrix
    matrix_save(group=group, cells=[(safe.pk, gdansk_seat.pk, "contact")], expected_version=1)
    sheet = load_workbook(
        BytesIO(matrix_export_xlsx(group=group, user=UserFactory(is_staff=True)))
    ).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == [
        "Body",
        f"Gdańsk – {gdansk_seat.person.name}",
        f"Kotka – {kotka_seat.person.name}",
    ]
    assert ["Culture", None, None] in values
    assert ["Safe Cities", "Contact", None] in values


def test_matrix_export_stores_formulas_as_text(network, group, matrix):
    (safe, _culture), (kotka_seat, _gdansk_seat) = matrix
    body_save(body=Body(network=network, name="=1+1", slug="formula"))
    person = kotka_seat.person
    person.name = "@SUM(A1)"
    person.save()
    cell = MatrixCellFactory(group=group, row=safe, seat=kotka_seat, note="+cmd")
    assert cell.pk
    workbook = load_workbook(
        BytesIO(matrix_export_xlsx(group=group, user=UserFactory(is_staff=True)))
    )
    sheet = workbook.active
    texts = [cell for row in sheet.iter_rows() for cell in row if cell.value]
    assert all(cell.data_type == "s" for cell in texts)
    values = [cell.value for cell in texts]
    assert "'=1+1" in values
    assert "Kotka – @SUM(A1)" in values
    assert "Responsible (+cmd)" in values


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+46 90 16", "'+46 90 16"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Gdańsk", "Gdańsk"),
        ("a\x01b", "ab"),
        (3, 3),
        (None, None),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected

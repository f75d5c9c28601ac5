"""The network selectors: access helpers, the dashboard roll-up, history, matrix, public seats."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from equalocal.charters.models import CharterText, CommitmentStatus
from equalocal.networks import selectors
from equalocal.networks.models import (
    DashboardVisibility,
    SeatRole,
)
from equalocal.organisations.models import NetworkSharing, Role
from equalocal.organisations.permissions import Action
from equalocal.plans.models import ActivityStatus, PlanKind, PlanStatus
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    BodyFactory,
    CommitmentFactory,
    MatrixCellFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SeatFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 1)


def _shares_everything(network, organisation):
    """These tests are about the dashboard's figures: the members share all with the network."""
    NetworkSharing.objects.filter(network=network, member=organisation).update(
        progress=True, figures=True, contacts=True
    )


@pytest.fixture
def network(personas):
    network = NetworkFactory(slug="net")
    NetworkMembershipFactory(network=network, member=personas.org_a, joined_on=date(2020, 1, 1))
    _shares_everything(network, personas.org_a)
    return network


def _member(network, name, **dates):
    organisation = OrganisationFactory(name=name)
    NetworkMembershipFactory(network=network, member=organisation, **dates)
    _shares_everything(network, organisation)
    return organisation


# Access -----------------------------------------------------------------------------------------


def test_current_members_leave_out_former_and_future_members(personas, network):
    gone = _member(network, "Gone", joined_on=date(2010, 1, 1), left_on=date(2020, 1, 1))
    later = _member(network, "Later", joined_on=date(2030, 1, 1))
    open_start = _member(network, "Unknown start")
    ids = selectors.current_member_ids(network, today=TODAY)
    assert personas.org_a.pk in ids
    assert open_start.pk in ids
    assert gone.pk not in ids
    assert later.pk not in ids


def test_a_membership_counts_on_the_day_of_leaving(network):
    leaving = _member(network, "Leaving", joined_on=date(2010, 1, 1), left_on=TODAY)
    assert leaving.pk in selectors.current_member_ids(network, today=TODAY)


@pytest.mark.parametrize(
    ("persona", "action", "outcome"),
    [
        ("anonymous", "view", Http404),
        ("outsider", "view", Http404),
        ("viewer", "view", None),
        ("admin", "view", None),
        ("admin", Action.EDIT, PermissionDenied),
        ("admin", Action.MANAGE, PermissionDenied),
        ("staff", Action.MANAGE, None),
    ],
)
def test_get_network_for_user(personas, network, persona, action, outcome):
    from django.contrib.auth.models import AnonymousUser

    user = personas.user(persona) or AnonymousUser()
    if outcome is None:
        access = selectors.get_network_for_user(user, "net", today=TODAY, action=action)
        assert access.network == network
    else:
        with pytest.raises(outcome):
            selectors.get_network_for_user(user, "net", today=TODAY, action=action)


def test_network_editor_coordinates_but_does_not_manage(network):
    user = UserFactory()
    MembershipFactory(user=user, organisation=network, role=Role.EDITOR)
    access = selectors.get_network_for_user(user, "net", today=TODAY, action=Action.EDIT)
    assert access.can_coordinate
    assert not access.can_manage


def test_only_networks_have_network_pages(personas):
    with pytest.raises(Http404):
        selectors.get_network(personas.org_a.slug)


def test_dashboard_scope(personas, network):
    access = selectors.get_network_for_user(personas.user("admin"), "net", today=TODAY)
    members, coordinators = DashboardVisibility.MEMBERS, DashboardVisibility.COORDINATORS
    assert selectors.dashboard_scope(personas.user("admin"), access, members) is None
    own = selectors.dashboard_scope(personas.user("admin"), access, coordinators)
    assert own == {personas.org_a.pk}
    with pytest.raises(Http404):
        selectors.dashboard_scope(personas.user("viewer"), access, coordinators)
    assert selectors.dashboard_scope(personas.user("staff"), access, coordinators) is None


# The dashboard roll-up --------------------------------------------------------------------------


def _commit(
    organisation, *, status=CommitmentStatus.DECIDED, decided_on=date(2022, 1, 1), code="2022"
):
    return CommitmentFactory(
        organisation=organisation,
        charter=CharterText.objects.get(code=code),
        status=status,
        decided_on=decided_on,
    )


def test_dashboard_flags_an_overdue_member_without_a_plan(network):
    late = _member(network, "Late", joined_on=date(2020, 1, 1))
    _commit(late, decided_on=date(2022, 1, 1))
    row = next(
        r for r in selectors.network_dashboard(network, today=TODAY) if r.organisation == late
    )
    assert row.deadline.deadline == date(2024, 1, 1)
    assert row.overdue
    assert row.no_plan
    assert row.progress is None


def test_an_adopted_charter_plan_meets_the_deadline_and_is_the_current_plan(network):
    member = _member(network, "Good", joined_on=date(2020, 1, 1))
    _commit(member, decided_on=date(2022, 1, 1))
    ActionPlanFactory(organisation=member, title="Newer draft", period_start=date(2025, 1, 1))
    adopted = ActionPlanFactory(
        organisation=member,
        title="Adopted",
        kind=PlanKind.CHARTER,
        status=PlanStatus.ADOPTED,
        adopted_on=date(2023, 6, 1),
    )
    ActivityFactory(plan=adopted, title="A", status=ActivityStatus.DONE, progress=100)
    ActivityFactory(plan=adopted, title="B", status=ActivityStatus.PLANNED, progress=0)
    ActivityFactory(plan=adopted, title="C", status=ActivityStatus.CANCELLED, progress=0, weight=5)
    row = next(
        r for r in selectors.network_dashboard(network, today=TODAY) if r.organisation == member
    )
    assert row.plan == adopted
    assert row.progress == 50
    assert row.deadline.met
    assert not row.overdue


def test_a_withdrawn_commitment_is_passed_over(network):
    member = _member(network, "Switched", joined_on=date(2020, 1, 1))
    _commit(member, status=CommitmentStatus.SIGNED, code="2006", decided_on=date(2010, 1, 1))
    _commit(member, status=CommitmentStatus.WITHDRAWN)
    row = next(
        r for r in selectors.network_dashboard(network, today=TODAY) if r.organisation == member
    )
    assert row.status == CommitmentStatus.SIGNED


def test_dashboard_only_limits_the_rows(personas, network):
    _member(network, "Other", joined_on=date(2020, 1, 1))
    rows = selectors.network_dashboard(network, today=TODAY, only=frozenset({personas.org_a.pk}))
    assert [row.organisation for row in rows] == [personas.org_a]


def test_a_member_of_the_network_and_a_group_has_one_row(personas, network):
    body = BodyFactory(network=network)
    NetworkMembershipFactory(
        network=network, body=body, member=personas.org_a, joined_on=date(2021, 1, 1)
    )
    rows = selectors.network_dashboard(network, today=TODAY)
    assert len(rows) == 1
    assert rows[0].joined_on == date(2020, 1, 1)


def test_sorting_puts_missing_values_last_both_ways(personas, network):
    with_plan = _member(network, "B with plan", joined_on=date(2020, 1, 1))
    without = _member(network, "A without plan", joined_on=date(2020, 1, 1))
    plan = ActionPlanFactory(organisation=with_plan, title="P")
    ActivityFactory(plan=plan, title="A", status=ActivityStatus.DONE, progress=100)
    rows = selectors.network_dashboard(network, today=TODAY)
    ascending = [row.organisation for row in selectors.filter_dashboard(rows, sort="progress")]
    descending = [row.organisation for row in selectors.filter_dashboard(rows, sort="-progress")]
    assert ascending == [personas.org_a, with_plan, without]
    assert descending == [with_plan, personas.org_a, without]
    names = [row.organisation.name for row in selectors.filter_dashboard(rows, sort="-name")]
    assert names == sorted(names, key=str.casefold, reverse=True)


def test_counts(network):
    signed = _member(network, "Signed", joined_on=date(2020, 1, 1))
    _commit(signed, status=CommitmentStatus.SIGNED, decided_on=date(2024, 1, 1))
    counts = selectors.dashboard_counts(selectors.network_dashboard(network, today=TODAY))
    assert (counts.members, counts.signed, counts.with_plan) == (2, 1, 1)


# History, matrix, public seats ------------------------------------------------------------------


def test_membership_history_lists_joins_and_leaves_newest_first(network):
    _member(network, "Kotka", joined_on=date(2015, 1, 1), left_on=date(2023, 6, 30))
    history = selectors.membership_history(network, today=TODAY)
    assert [(event.day, event.joined) for event in history.events] == [
        (date(2023, 6, 30), False),
        (date(2020, 1, 1), True),
        (date(2015, 1, 1), True),
    ]
    assert history.first == date(2015, 1, 1)
    assert history.last == TODAY
    assert all(0 <= bar.offset <= 100 and bar.offset + bar.width <= 100.01 for bar in history.bars)


def test_members_on_a_past_date(personas, network):
    kotka = _member(network, "Kotka", joined_on=date(2015, 1, 1), left_on=date(2019, 6, 30))
    assert [m.member for m in selectors.members_on(network, date(2016, 1, 1))] == [kotka]


def test_group_matrix_lines(personas, network):
    group = BodyFactory(network=network)
    commission = BodyFactory(network=network)
    seat = SeatFactory(body=group, member=personas.org_a)
    MatrixCellFactory(group=group, row=commission, seat=seat, role="responsible")
    matrix = selectors.group_matrix(group, today=TODAY)
    assert matrix.lines() == [(commission, [(seat, "responsible")])]
    assert matrix.version == 1


def test_public_seats_show_only_public_contacts(personas, network):
    group = BodyFactory(network=network)
    private = PersonFactory(organisation=personas.org_a, is_public_contact=False)
    public = PersonFactory(organisation=personas.org_a, is_public_contact=True)
    seats = [
        SeatFactory(body=group, member=personas.org_a, person=private, role="coordinator"),
        SeatFactory(body=group, member=personas.org_a, person=public),
        SeatFactory(body=group, member=personas.org_a),
    ]
    shown = selectors.public_seats(selectors.current_seats(group, today=TODAY))
    assert [(s.role, s.contact, s.vacant) for s in shown] == [
        (SeatRole.COORDINATOR, None, False),
        (SeatRole.MEMBER, public, False),
        (SeatRole.MEMBER, None, True),
    ]
    assert len(seats) == 3


def test_ended_seats_are_not_current(personas, network):
    group = BodyFactory(network=network)
    SeatFactory(body=group, member=personas.org_a, to_date=date(2020, 1, 1))
    assert selectors.current_seats(group, today=TODAY) == []


def test_shown_person_names_people_only_where_the_gate_allows(personas):
    """The forms' and messages' rule is the group page's: the own organisation, a member that
    shares its contacts and public contacts by name; anyone else by title."""
    org = personas.org_b
    person = PersonFactory(organisation=org, name="Katarina Strachman", title="Personalspecialist")
    untitled = PersonFactory(organisation=org, name="Nils Namnlös", title="")
    viewer = personas.user("viewer")
    shown = selectors.shown_person
    assert shown(viewer, person) == "Personalspecialist"
    assert shown(viewer, untitled) == "Staff member"
    assert shown(viewer, untitled, fallback="representative") == "representative"
    assert shown(None, person) == "Personalspecialist"
    assert shown(viewer, person, contacts_shared=frozenset({org.pk})) == "Katarina Strachman"
    assert shown(personas.user("outsider"), person) == "Katarina Strachman"
    person.is_public_contact = True
    assert shown(viewer, person) == "Katarina Strachman"
    assert shown(None, person) == "Katarina Strachman"

"""Every factory makes valid objects, so a factory cannot rot while no test happens to use it."""

import inspect

import pytest
from factory.django import DjangoModelFactory

from tests import factories

pytestmark = pytest.mark.django_db

FACTORIES = [
    value
    for name, value in vars(factories).items()
    if inspect.isclass(value) and issubclass(value, DjangoModelFactory) and name.endswith("Factory")
]


def test_the_factories_are_found():
    assert len(FACTORIES) >= 30


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda factory: factory.__name__)
def test_factory_makes_two_valid_objects(factory):
    for instance in factory.create_batch(2):
        instance.full_clean()


def test_an_activity_of_a_goal_is_in_the_goals_plan():
    goal = factories.GoalFactory()
    assert factories.ActivityFactory(goal=goal).plan == goal.plan


def test_a_seat_held_by_a_person_belongs_to_their_organisation():
    person = factories.PersonFactory()
    assert factories.SeatFactory(person=person).member == person.organisation


def test_a_group_membership_is_of_the_groups_network():
    body = factories.BodyFactory()
    assert factories.NetworkMembershipFactory(body=body).network == body.network


def test_a_matrix_cell_joins_a_body_and_a_seat_of_the_group():
    cell = factories.MatrixCellFactory()
    assert cell.row.network == cell.group.network
    assert cell.row != cell.group
    assert cell.seat.body == cell.group


def test_meeting_attendees_are_recorded():
    seat = factories.SeatFactory()
    meeting = factories.MeetingFactory(body=seat.body, attendees=[seat])
    assert list(meeting.attendees.all()) == [seat]


def test_figures_of_an_owned_indicator_are_the_owners():
    indicator = factories.IndicatorFactory(owner=factories.OrganisationFactory())
    assert factories.MeasurementFactory(indicator=indicator).organisation == indicator.owner
    assert factories.TargetFactory(indicator=indicator).organisation == indicator.owner
    assert factories.ScorecardItemFactory().indicator.owner is not None


def test_a_figure_marked_confidential_has_no_value():
    measurement = factories.MeasurementFactory(status="confidential")
    assert measurement.value is None
    measurement.full_clean()


def test_a_parity_target_has_no_value_to_reach():
    target = factories.TargetFactory(kind="parity", parity_points=5)
    assert target.value is None
    target.full_clean()


def test_organisation_codes_stay_valid_however_many_a_run_makes():
    """The persona walk alone makes about 10,000 organisations in one process: the 9,000th
    and later got five-digit codes, which a Swedish municipality may not have, and a later
    test saving such an organisation through a form failed."""
    factories.OrganisationFactory.reset_sequence(9_500)
    try:
        organisation = factories.OrganisationFactory()
        organisation.full_clean()
        assert len(organisation.official_code) == 4
    finally:
        factories.OrganisationFactory.reset_sequence(force=True)

"""A person's personal-data export holds what every app keeps about them: the person and
their history, and through core/registry.py their seats (with the meetings attended), the
plans they are the contact for and the activities they are responsible for."""

import json
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from equalocal.core.registry import personal_data_for
from equalocal.organisations import services
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    BodyFactory,
    GoalFactory,
    MeetingFactory,
    PersonFactory,
    SeatFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def linda(personas):
    """A person of org A with a seat, a plan to be the contact for (and one in the bin) and
    an activity to answer for; beside her, a colleague with nothing of the kind."""
    person = PersonFactory(organisation=personas.org_a, name="Linda Gustafsson")
    body = BodyFactory(name="Jämställdhetsgruppen")
    seat = SeatFactory(body=body, person=person, from_date=date(2024, 1, 1))
    MeetingFactory(body=body, date=date(2025, 3, 4), attendees=[seat])
    MeetingFactory(body=body, date=date(2025, 9, 9))
    plan = ActionPlanFactory(
        organisation=personas.org_a, title="Handlingsplan 2026", contact=person
    )
    ActionPlanFactory(
        organisation=personas.org_a, title="Gammal plan", contact=person, deleted_at=timezone.now()
    )
    goal = GoalFactory(plan=plan, title="Lika lön")
    ActivityFactory(
        goal=goal,
        title="Lönekartläggning",
        responsible_person=person,
        start_date=date(2026, 1, 1),
        end_date=date(2026, 6, 30),
    )
    ActivityFactory(goal=goal, title="Någon annans insats")
    return person


def test_the_export_lists_seats_plans_and_activities(linda):
    data = services.personal_data_export(person=linda)
    seats = data["networks"]["seats"]
    assert [(s["body"], s["member_organisation"], s["from"]) for s in seats] == [
        ("Jämställdhetsgruppen", "Org A kommun", "2024-01-01")
    ]
    assert seats[0]["meetings_attended"] == ["2025-03-04"]
    plans = data["plans"]["plans_as_contact"]
    assert [(p["plan"], p["in_bin"]) for p in plans] == [
        ("Gammal plan", True),
        ("Handlingsplan 2026", False),
    ]
    activities = data["plans"]["activities_responsible"]
    assert [(a["activity"], a["plan"], a["goal"]) for a in activities] == [
        ("Lönekartläggning", "Handlingsplan 2026", "Lika lön")
    ]
    assert activities[0]["end_date"] == "2026-06-30"
    json.dumps(data)


def test_someone_else_gets_none_of_it(personas, linda):
    colleague = PersonFactory(organisation=personas.org_a)
    assert personal_data_for(colleague) == {
        "networks": {"seats": []},
        "plans": {"plans_as_contact": [], "activities_responsible": []},
    }


def test_the_admin_downloads_it_uncached(client, personas, linda, django_assert_max_num_queries):
    client.force_login(personas.user("admin"))
    url = reverse("organisations:person-export", kwargs={"org": "org-a", "person": linda.pk})
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["person"]["name"] == "Linda Gustafsson"
    assert data["plans"]["activities_responsible"][0]["activity"] == "Lönekartläggning"
    assert data["networks"]["seats"][0]["body"] == "Jämställdhetsgruppen"


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "peer"])
def test_nobody_else_reaches_it(client, personas, linda, persona):
    user = personas.user(persona)
    if user is not None:
        client.force_login(user)
    url = reverse("organisations:person-export", kwargs={"org": "org-a", "person": linda.pk})
    assert client.get(url).status_code == 404

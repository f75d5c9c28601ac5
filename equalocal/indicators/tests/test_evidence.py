import pytest
from django.urls import reverse

from equalocal.indicators.models import Indicator
from equalocal.plans.models import ActionPlan, Goal
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def test_editor_links_an_indicator_to_a_plan_goal_and_the_plan_shows_it(client, personas):
    plan = ActionPlan.objects.get(pk=personas.objects["plan"])
    goal = Goal.objects.get(pk=personas.objects["goal"])
    client.force_login(personas.user("editor"))
    response = client.post(
        reverse("indicators:create", kwargs={"org": personas.org_a.slug}),
        {
            "code": "EV-1",
            "title_en": "Andel kvinnliga chefer",
            "direction": "parity",
            "by_gender": "on",
            "goals": [goal.pk],
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="EV-1")
    assert list(indicator.goals.all()) == [goal]
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Evidence: indicators" in page
    assert "EV-1 Andel kvinnliga chefer" in page


def test_goals_of_other_organisations_cannot_be_linked(client, personas):
    other_goal = GoalFactory(plan__organisation=personas.org_b)
    client.force_login(personas.user("editor"))
    response = client.post(
        reverse("indicators:create", kwargs={"org": personas.org_a.slug}),
        {"code": "EV-2", "title_en": "X", "direction": "parity", "goals": [other_goal.pk]},
    )
    assert response.status_code == 200
    assert "goals" in response.context["form"].errors

import pytest
from django.urls import reverse

from equalocal.core.errors import ApplicationError
from equalocal.plans import services
from equalocal.plans.models import GoalSet, ReferenceGoal
from tests.factories import GoalSetFactory

pytestmark = pytest.mark.django_db


def _url(name, personas, **kwargs):
    return reverse(f"plans:{name}", kwargs={"org": personas.org_a.slug, **kwargs})


def test_goal_set_save_numbers_goals_in_order(personas):
    goal_set = services.goal_set_save(
        goal_set=GoalSet(owner=personas.org_a, title_en="Regionens mål"),
        goal_titles=["Utveckla regionen", "", "Effektivisera förvaltningen"],
    )
    assert list(goal_set.goals.values_list("number", "title_en")) == [
        (1, "Utveckla regionen"),
        (2, "Effektivisera förvaltningen"),
    ]
    assert goal_set.code.startswith("org-a-")


def test_goal_set_save_refuses_removing_a_goal_in_use(personas):
    goal_set = GoalSet.objects.get(pk=personas.objects["goal_set"])
    services.goal_set_save(goal_set=goal_set, goal_titles=["Utveckla regionen", "Nytt mål"])
    plan = personas.org_a.plans.get(pk=personas.objects["plan"])
    plan.reference_goals.add(goal_set.goals.get(number=2))
    with pytest.raises(ApplicationError, match="used by a plan"):
        services.goal_set_save(goal_set=goal_set, goal_titles=["Utveckla regionen"])
    assert goal_set.goals.count() == 2


def test_goal_set_save_needs_a_goal(personas):
    with pytest.raises(ApplicationError, match="at least one goal"):
        services.goal_set_save(
            goal_set=GoalSet(owner=personas.org_a, title_en="X"), goal_titles=[" "]
        )


def test_editor_creates_a_goal_set_through_the_form(client, personas):
    client.force_login(personas.user("editor"))
    response = client.post(
        _url("goal-set-create", personas),
        {"title_en": "Tre mål", "title_sv": "Tre mål", "goals": "Ett\nTvå\nTre"},
    )
    assert response.status_code == 302
    goal_set = GoalSet.objects.get(title_en="Tre mål")
    assert goal_set.owner == personas.org_a
    assert ReferenceGoal.objects.filter(goal_set=goal_set).count() == 3
    page = client.get(_url("goal-sets", personas))
    assert "Tre mål" in page.content.decode()


def test_empty_goal_list_gets_a_message_not_a_500(client, personas):
    client.force_login(personas.user("editor"))
    response = client.post(_url("goal-set-create", personas), {"title_en": "Tomt", "goals": " \n "})
    assert response.status_code == 200
    assert not GoalSet.objects.filter(title_en="Tomt").exists()


def test_other_organisations_goal_set_is_not_found(client, personas):
    foreign = GoalSetFactory(owner=personas.org_b)
    client.force_login(personas.user("editor"))
    response = client.get(_url("goal-set-edit", personas, goal_set=foreign.pk))
    assert response.status_code == 404

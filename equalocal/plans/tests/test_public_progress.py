"""Progress of a published plan is public only where the organisation publishes progress.

The publishing setting "progress of published plans" is off by default; the API and the
public profile follow it (``plans`` API: status and progress null). The plan's own pages,
which anyone may read once the plan is published, show it regardless: a known hole, kept
here as a strict expected failure until those pages follow the rule.
"""

import pytest
from django.urls import reverse

from tests.factories import ActionPlanFactory, ActivityFactory, PublishingFactory

HOLE = (
    "The plan pages show a published plan's progress to anyone even when the organisation "
    "keeps progress private (Publishing.progress is False)."
)


def _published_plan(organisation):
    plan = ActionPlanFactory(organisation=organisation, is_published=True)
    activity = ActivityFactory(plan=plan, status="in_progress", progress=73)
    return plan, activity


def _pages(plan, activity):
    org = plan.organisation.slug
    return {
        "list": reverse("plans:list", kwargs={"org": org}),
        "detail": reverse("plans:detail", kwargs={"org": org, "plan": plan.pk}),
        "activity": reverse(
            "plans:activity", kwargs={"org": org, "plan": plan.pk, "activity": activity.pk}
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["list", "detail", "activity"])
def test_members_and_the_public_under_published_progress_see_it(client, personas, page):
    PublishingFactory(organisation=personas.org_a, progress=True)
    plan, activity = _published_plan(personas.org_a)
    response = client.get(_pages(plan, activity)[page])
    assert response.status_code == 200
    assert "73 %" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.xfail(strict=True, reason=HOLE)
@pytest.mark.parametrize("page", ["list", "detail", "activity"])
def test_private_progress_stays_off_a_published_plans_pages(client, personas, page):
    plan, activity = _published_plan(personas.org_a)
    api = client.get(f"/api/v1/organisations/{plan.organisation.slug}/plans/{plan.pk}")
    assert api.json()["progress"] is None  # the API follows the rule
    response = client.get(_pages(plan, activity)[page])
    assert response.status_code == 200
    assert "73 %" not in response.content.decode()

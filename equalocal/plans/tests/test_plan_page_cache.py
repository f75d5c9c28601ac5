"""The plan page keeps its activity rows in the cache for a version of the plan's data: read
once while nothing changes, shown anew after any change, never another viewer's rows or
CSRF token."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from equalocal.core.fragments import CSRF_PLACEHOLDER
from equalocal.organisations.models import Role
from equalocal.organisations.services import person_delete, person_save
from equalocal.plans import services
from equalocal.plans.models import Activity, ActivityStatus
from equalocal.plans.selectors import organisation_plans_version, plan_version
from tests.factories import MembershipFactory, UserFactory
from tests.signin import sign_in

from .test_views import MAX_QUERIES, articles, fill_plan, signed_in, the_plan, url

pytestmark = pytest.mark.django_db

ROW_TITLES = '"plans_activity"."title"'


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def page(client, personas, plan, **query):
    response = client.get(url("detail", personas, plan=plan.pk), query)
    assert response.status_code == 200
    return response.content.decode()


def row(html, activity) -> str:
    match = re.search(rf'<tr id="activity-{activity.pk}">.*?</tr>', html, re.S)
    assert match, f"no row for activity {activity.pk}"
    return match.group(0)


def test_rows_are_read_once_while_the_plan_is_unchanged(
    client, personas, django_assert_max_num_queries
):
    plan = the_plan(personas)
    fill_plan(plan, 200)
    signed_in(client, personas, "editor")
    first = page(client, personas, plan)
    with (
        CaptureQueriesContext(connection) as queries,
        django_assert_max_num_queries(MAX_QUERIES),
    ):
        second = page(client, personas, plan)
    assert not [q["sql"] for q in queries if ROW_TITLES in q["sql"]]
    assert second.count('<tr id="activity-') == first.count('<tr id="activity-') == 201


def test_the_version_changes_with_every_kind_of_change_the_rows_show(personas):
    plan = the_plan(personas)
    goals = fill_plan(plan, 6)
    activity = plan.activities.filter(responsible_person__isnull=False).first()
    person = activity.responsible_person
    seen = {plan_version(plan)}

    def changed():
        version = plan_version(plan)
        assert version not in seen
        seen.add(version)

    services.activity_set_progress(activity=activity, status=ActivityStatus.DELAYED, progress=5)
    changed()
    goals[0].title = "Renamed goal"
    services.goal_save(goal=goals[0])
    changed()
    person.name = "Renamed Person"
    person_save(person=person)
    changed()
    person_delete(person=person)
    changed()
    services.activity_save(activity=Activity.objects.get(pk=activity.pk), articles=articles(7))
    changed()
    services.goal_delete(goal=goals[1])
    changed()
    services.activity_delete(activity=Activity.objects.get(pk=activity.pk))
    changed()


def test_rows_show_each_change_at_once(client, personas):
    plan = the_plan(personas)
    goals = fill_plan(plan, 6)
    signed_in(client, personas, "editor")
    activity = plan.activities.filter(responsible_person__isnull=False).first()
    page(client, personas, plan)

    services.activity_set_progress(activity=activity, status=ActivityStatus.DELAYED, progress=7)
    assert 'value="7"' in row(page(client, personas, plan), activity)

    goal = activity.goal
    goal.title = "A goal with a new name"
    services.goal_save(goal=goal)
    assert "A goal with a new name" in row(page(client, personas, plan), activity)

    person = activity.responsible_person
    person.name = "Ada Renamed"
    person_save(person=person)
    assert "Ada Renamed" in row(page(client, personas, plan), activity)

    activity = Activity.objects.get(pk=activity.pk)
    services.activity_save(activity=activity, articles=articles(22))
    assert "Art. 22" in row(page(client, personas, plan), activity)

    services.activity_delete(activity=Activity.objects.get(pk=activity.pk))
    assert f'id="activity-{activity.pk}"' not in page(client, personas, plan)

    services.goal_delete(goal=goals[2])
    assert goals[2].title not in page(client, personas, plan)


def test_each_viewer_gets_rows_for_their_role_and_language(client, personas):
    plan = the_plan(personas)
    fill_plan(plan, 5)
    editor_html = page(signed_in(client, personas, "editor"), personas, plan)
    assert 'name="progress"' in editor_html
    viewer_html = page(signed_in(Client(), personas, "viewer"), personas, plan)
    assert 'name="progress"' not in viewer_html
    assert 'name="activities"' not in viewer_html
    with translation.override("sv"):
        swedish = Client(headers={"Accept-Language": "sv"})
        sign_in(swedish, personas.user("editor"))
        html = swedish.get(url("detail", personas, plan=plan.pk), headers={"Accept-Language": "sv"})
    assert "Uppdatera" in html.content.decode()


def test_private_names_stay_private_after_a_member_saw_them(client, personas):
    plan = the_plan(personas)
    plan.is_published = True
    plan.save()
    fill_plan(plan, 4)
    activity = plan.activities.filter(responsible_person__isnull=False).first()
    name = activity.responsible_person.name
    assert name in row(page(signed_in(client, personas, "viewer"), personas, plan), activity)
    outsider = signed_in(Client(), personas, "outsider")
    assert name not in row(page(outsider, personas, plan), activity)


def test_the_rows_carry_this_requests_csrf_token(personas):
    plan = the_plan(personas)
    fill_plan(plan, 3)
    activity = plan.activities.first()
    other = UserFactory()
    MembershipFactory(user=other, organisation=plan.organisation, role=Role.EDITOR)
    for user in (personas.user("editor"), other):
        client = Client(enforce_csrf_checks=True)
        sign_in(client, user)
        html = page(client, personas, plan)
        tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
        # The bulk form (outside the kept rows) and every row's form carry valid tokens of
        # this session; the placeholder never reaches the page.
        assert tokens and CSRF_PLACEHOLDER not in html
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', row(html, activity)).group(
            1
        )
        response = client.post(
            url("activity-progress", personas, plan=plan.pk, activity=activity.pk),
            {
                "csrfmiddlewaretoken": token,
                "status": ActivityStatus.IN_PROGRESS,
                "progress": 30,
                "lock_version": Activity.objects.get(pk=activity.pk).lock_version,
            },
        )
        assert response.status_code == 302, response.status_code


# The organisation's dashboard ---------------------------------------------------------------


def test_dashboard_figures_are_computed_once_while_nothing_changes(
    client, personas, django_assert_max_num_queries
):
    plan = the_plan(personas)
    fill_plan(plan, 200)
    signed_in(client, personas, "viewer")
    first = client.get(url("dashboard", personas)).content.decode()
    with (
        CaptureQueriesContext(connection) as queries,
        django_assert_max_num_queries(MAX_QUERIES),
    ):
        second = client.get(url("dashboard", personas)).content.decode()
    assert not [q["sql"] for q in queries if ROW_TITLES in q["sql"]]
    assert first.count("was due") == second.count("was due") > 0


def test_dashboard_version_changes_with_every_kind_of_change_it_shows(personas):
    from equalocal.charters.models import Commitment, CommitmentStatus
    from equalocal.charters.services import commitment_save

    organisation = personas.org_a
    plan = the_plan(personas)
    goals = fill_plan(plan, 4)
    activity = plan.activities.filter(responsible_person__isnull=False).first()
    seen = {organisation_plans_version(organisation)}

    def changed():
        organisation.refresh_from_db()
        version = organisation_plans_version(organisation)
        assert version not in seen
        seen.add(version)

    services.activity_set_progress(activity=activity, status=ActivityStatus.DONE, progress=100)
    changed()
    services.consultation_add(plan=plan, date=plan.created_at.date(), consulted="Youth council")
    changed()
    services.goal_save(goal=goals[0], articles=articles(9))
    changed()
    commitment = Commitment.objects.get(organisation=organisation)
    commitment.status = CommitmentStatus.SIGNED
    commitment.signed_on = commitment.decided_on
    commitment_save(commitment=commitment)
    changed()
    person = activity.responsible_person
    person.name = "Renamed"
    person_save(person=person)
    changed()
    services.activity_delete(activity=Activity.objects.get(pk=activity.pk))
    changed()


def test_dashboard_shows_each_change_at_once(client, personas):
    plan = the_plan(personas)
    fill_plan(plan, 8)
    signed_in(client, personas, "viewer")
    overdue = next(a for a in plan.activities.all() if a.is_overdue(timezone.localdate()))
    assert overdue.title in client.get(url("dashboard", personas)).content.decode()
    services.activity_set_progress(activity=overdue, status=ActivityStatus.DONE, progress=100)
    html = client.get(url("dashboard", personas)).content.decode()
    assert f">{overdue.title}</a> · was due" not in html


def test_dashboard_kept_for_an_editor_is_not_shown_to_a_viewer(client, personas):
    plan = the_plan(personas)
    fill_plan(plan, 3)
    editor_html = signed_in(client, personas, "editor").get(url("dashboard", personas)).text
    viewer_html = signed_in(Client(), personas, "viewer").get(url("dashboard", personas)).text
    create = url("create", personas)
    assert f'href="{create}"' in editor_html
    assert f'href="{create}"' not in viewer_html
    assert "Charter checklist" in viewer_html


def test_dashboard_kept_in_english_is_shown_in_swedish_to_a_swedish_reader(client, personas):
    plan = the_plan(personas)
    fill_plan(plan, 3)
    english = signed_in(client, personas, "viewer").get(url("dashboard", personas)).text
    assert "Plan adopted within two years" in english
    swedish = Client(headers={"Accept-Language": "sv"})
    sign_in(swedish, personas.user("viewer"))
    with translation.override("sv"):
        html = swedish.get(url("dashboard", personas), headers={"Accept-Language": "sv"}).text
    assert "Handlingsplan antagen inom två år" in html
    assert "Plan adopted within two years" not in html

"""Progress of a published plan is public only where the organisation publishes progress.

The publishing setting "progress of published plans" is off by default. The API, the public
profile and the plan's own pages follow one rule (``plans.selectors.progress_visible``):
members of the organisation (any role) and staff see the activities' statuses and progress;
anyone else, a member of another organisation or of the same network included, sees them
only where the organisation publishes them. Where progress is hidden, the pages say so and
show no figure, status, count per status or overdue mark, and no filter or sort by them.
"""

import csv
import io
import re
from datetime import date

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from equalocal.organisations.services import publishing_update
from equalocal.plans.selectors import progress_visible
from tests.factories import ActionPlanFactory, ActivityFactory, PublishingFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

NOT_PUBLISHED = "Progress is not published."
SEES = ["admin", "editor", "viewer", "staff"]
DOES_NOT_SEE = ["outsider", "peer", "anonymous"]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _published_plan(organisation):
    plan = ActionPlanFactory(
        organisation=organisation,
        is_published=True,
        period_start=date(2024, 1, 1),
        period_end=date(2026, 12, 31),
    )
    # Dated and past its end: drawn on the timeline, and overdue for whoever sees statuses.
    activity = ActivityFactory(
        plan=plan,
        order=1,
        title="Kartläggning",
        status="in_progress",
        progress=73,
        start_date=date(2024, 2, 1),
        end_date=date(2024, 6, 30),
    )
    return plan, activity


def _pages(plan, activity):
    org = plan.organisation.slug
    return {
        "list": reverse("plans:list", kwargs={"org": org}),
        "detail": reverse("plans:detail", kwargs={"org": org, "plan": plan.pk}),
        "activity": reverse(
            "plans:activity", kwargs={"org": org, "plan": plan.pk, "activity": activity.pk}
        ),
        "timeline": reverse("plans:timeline", kwargs={"org": org, "plan": plan.pk}),
    }


def _as(client, personas, persona):
    user = personas.user(persona)
    if user is not None:
        sign_in(client, user)
    return client


def _get(client, address, **query) -> str:
    response = client.get(address, query)
    assert response.status_code == 200
    return response.content.decode()


def _shows_no_progress(html: str) -> None:
    assert "73 %" not in html
    assert "In progress" not in html  # the status, as a badge, a count or a filter choice
    assert "status-" not in html  # status badges and coloured timeline bars
    assert "overdue" not in html  # "not done yet" is a status too
    assert NOT_PUBLISHED in html


@pytest.mark.parametrize("page", ["list", "detail", "activity"])
def test_members_and_the_public_under_published_progress_see_it(client, personas, page):
    PublishingFactory(organisation=personas.org_a, progress=True)
    plan, activity = _published_plan(personas.org_a)
    response = client.get(_pages(plan, activity)[page])
    assert response.status_code == 200
    assert "73 %" in response.content.decode()


@pytest.mark.parametrize("page", ["list", "detail", "activity"])
def test_private_progress_stays_off_a_published_plans_pages(client, personas, page):
    plan, activity = _published_plan(personas.org_a)
    api = client.get(f"/api/v1/organisations/{plan.organisation.slug}/plans/{plan.pk}")
    assert api.json()["progress"] is None  # the API follows the rule
    response = client.get(_pages(plan, activity)[page])
    assert response.status_code == 200
    assert "73 %" not in response.content.decode()


# By persona -------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", SEES)
def test_members_of_any_role_and_staff_see_private_progress(client, personas, persona):
    plan, activity = _published_plan(personas.org_a)
    pages = _pages(plan, activity)
    _as(client, personas, persona)
    assert progress_visible(personas.user(persona), personas.org_a)
    for page in ("list", "detail", "activity"):
        html = _get(client, pages[page])
        assert "73 %" in html, page
        assert NOT_PUBLISHED not in html, page
    detail = _get(client, pages["detail"])
    assert 'class="badge status-in_progress">In progress</span>' in detail  # row and counts
    assert 'name="status"' in detail  # the status filter
    timeline = _get(client, pages["timeline"])
    assert "status-in_progress" in timeline and "overdue" in timeline


@pytest.mark.parametrize("persona", DOES_NOT_SEE)
@pytest.mark.parametrize("page", ["list", "detail", "activity", "timeline"])
def test_outsiders_peers_and_the_public_see_no_private_progress(client, personas, persona, page):
    plan, activity = _published_plan(personas.org_a)
    user = personas.user(persona)
    if user is not None:
        assert not progress_visible(user, personas.org_a)
    html = _get(_as(client, personas, persona), _pages(plan, activity)[page])
    assert "Kartläggning" in html or page == "list"  # the plan itself is public
    _shows_no_progress(html)


@pytest.mark.parametrize("persona", DOES_NOT_SEE)
def test_outsiders_peers_and_the_public_see_published_progress(client, personas, persona):
    publishing_update(organisation=personas.org_a, by=None, progress=True)
    plan, activity = _published_plan(personas.org_a)
    pages = _pages(plan, activity)
    _as(client, personas, persona)
    for page in ("list", "detail", "activity"):
        html = _get(client, pages[page])
        assert "73 %" in html and NOT_PUBLISHED not in html, page
    assert "status-in_progress" in _get(client, pages["timeline"])


def test_hidden_progress_neither_filters_nor_sorts_the_activities(client, personas):
    """A status filter or a sort by progress in the address must not reveal the statuses:
    the filter is not offered and is ignored, the order stays the plan's."""
    plan, first = _published_plan(personas.org_a)
    ActivityFactory(plan=plan, order=2, title="Utbildning", status="planned", progress=5)
    address = _pages(plan, first)["detail"]

    def titles(html):
        found = re.findall(r"Kartläggning|Utbildning", html.split('id="activities"')[1])
        return list(dict.fromkeys(found))  # in order of first mention

    anonymous = _get(client, address, status="planned", sort="progress")
    assert titles(anonymous) == ["Kartläggning", "Utbildning"]
    assert 'name="status"' not in anonymous
    table = anonymous.split('id="activities"')[1]
    assert "sort=-progress" not in table and "sort=status" not in table  # no such columns
    sign_in(client, personas.user("viewer"))
    assert titles(_get(client, address, status="planned")) == ["Utbildning"]
    assert titles(_get(client, address, sort="progress")) == ["Utbildning", "Kartläggning"]


@pytest.mark.parametrize("persona", ["outsider", "peer"])
def test_comparing_versions_is_for_members_only_even_when_progress_is_published(
    client, personas, persona
):
    """The comparison shows the activities' statuses and progress (and earlier versions may
    be drafts): others get 404 on a published plan, published progress or not."""
    publishing_update(organisation=personas.org_a, by=None, progress=True)
    previous, _activity = _published_plan(personas.org_a)
    plan = ActionPlanFactory(
        organisation=personas.org_a, is_published=True, previous_version=previous
    )
    address = reverse("plans:compare", kwargs={"org": "org-a", "plan": plan.pk})
    query = {"other": previous.pk}
    assert client.get(address, query).status_code == 302  # anonymous: to sign in
    sign_in(client, personas.user(persona))
    assert client.get(address, query).status_code == 404
    sign_in(client, personas.user("viewer"))
    assert client.get(address, query).status_code == 200


def test_the_plan_export_leaves_out_private_progress(client, personas):
    plan, _activity = _published_plan(personas.org_a)
    address = reverse(
        "exchange:plan-export", kwargs={"org": "org-a", "plan": plan.pk, "fmt": "csv"}
    )

    def row(response):
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        return next(r for r in rows if "Kartläggning" in r)

    anonymous = row(client.get(address))
    assert "73" not in anonymous and "In progress" not in anonymous
    sign_in(client, personas.user("viewer"))
    member = row(client.get(address))
    assert "73" in member and "In progress" in member


# The plan page's cached parts ---------------------------------------------------------------------


def test_a_members_cached_rows_are_never_shown_to_the_public(client, personas):
    plan, activity = _published_plan(personas.org_a)
    address = _pages(plan, activity)["detail"]
    sign_in(client, personas.user("viewer"))
    assert "73 %" in _get(client, address)
    client.logout()
    _shows_no_progress(_get(client, address))


def test_rows_kept_while_progress_was_published_go_when_it_no_longer_is(client, personas):
    """Publishing changes no data the plan's version reads: the viewer's visibility is in
    the key of the kept rows, so an anonymous visitor's rows from before do not leak."""
    publishing_update(organisation=personas.org_a, by=None, progress=True)
    plan, activity = _published_plan(personas.org_a)
    address = _pages(plan, activity)["detail"]
    assert "73 %" in _get(client, address)
    publishing_update(organisation=personas.org_a, by=None, progress=False)
    _shows_no_progress(_get(client, address))


def test_the_note_is_in_swedish_too(client, personas):
    plan, activity = _published_plan(personas.org_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    html = _get(client, _pages(plan, activity)["detail"])
    assert 'lang="sv"' in html
    assert "Framstegen publiceras inte." in html and "73 %" not in html

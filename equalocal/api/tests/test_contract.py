"""The API's contract: error objects, ETags, cursor pages, bounded queries, locks, publishing."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from equalocal.organisations.models import Role
from equalocal.plans.models import Activity, ProgressUpdate
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    CommitmentStepFactory,
    DocumentFactory,
    ExtractedItemFactory,
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ProgressUpdateFactory,
    PublishingFactory,
    ScorecardFactory,
    ScorecardItemFactory,
)

ROWS = 200


def _plan_url(personas, suffix=""):
    return f"/organisations/org-a/plans/{personas.objects['plan']}{suffix}"


def _activity_url(personas, suffix=""):
    return _plan_url(personas, f"/activities/{personas.objects['activity']}{suffix}")


# ETags ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_etag_and_if_none_match_give_304(api_as, personas):
    api = api_as("viewer")
    first = api.get(_plan_url(personas))
    etag = first["ETag"]
    assert etag.startswith('"')
    again = api.get(_plan_url(personas), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert "Authorization" in again["Vary"]


@pytest.mark.django_db
def test_etag_changes_when_the_data_changes(api_as, personas):
    api = api_as("editor")
    etag = api.get(_activity_url(personas))["ETag"]
    lock = Activity.objects.get(pk=personas.objects["activity"]).lock_version
    assert (
        api.patch(_activity_url(personas), {"lock_version": lock, "comment": "Ny"}).status_code
        == 200
    )
    changed = api.get(_activity_url(personas), headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


# Cursor pages and bounded queries ---------------------------------------------------------------


@pytest.mark.django_db
def test_cursor_pages_walk_every_row_once(api_as, personas):
    plan = ActionPlanFactory(organisation=personas.org_a)
    ActivityFactory.create_batch(ROWS, plan=plan)
    api = api_as("viewer")
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 50, "ordering": "title"}
        if cursor:
            params["cursor"] = cursor
        body = api.get(f"/organisations/org-a/plans/{plan.pk}/activities", **params).json()
        seen += [item["title"] for item in body["items"]]
        cursor, pages = body["next_cursor"], pages + 1
        if not cursor:
            break
    assert pages == 4
    assert len(seen) == len(set(seen)) == ROWS
    assert seen == sorted(seen)


@pytest.mark.django_db
def test_a_cursor_of_another_ordering_or_a_forged_one_is_refused(api_as, personas):
    plan = ActionPlanFactory(organisation=personas.org_a)
    ActivityFactory.create_batch(3, plan=plan)
    api = api_as("viewer")
    url = f"/organisations/org-a/plans/{plan.pk}/activities"
    cursor = api.get(url, limit=1, ordering="title").json()["next_cursor"]
    for bad in [cursor, "bm9wZQ", "!!!"]:
        response = api.get(url, limit=1, ordering="order", cursor=bad)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_cursor"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind",
    [
        "organisations",
        "plans",
        "goals",
        "activities",
        "progress",
        "measurements",
        "indicators",
        "scorecards",
        "commitments",
        "items",
    ],
)
def test_list_queries_do_not_grow_with_rows(api_as, personas, django_assert_max_num_queries, kind):
    organisation = personas.org_a
    plan = ActionPlanFactory(organisation=organisation)
    if kind == "organisations":
        OrganisationFactory.create_batch(ROWS)
        url = "/organisations"
    elif kind == "plans":
        ActionPlanFactory.create_batch(ROWS, organisation=organisation)
        url = "/organisations/org-a/plans"
    elif kind == "goals":
        from equalocal.charters.models import Article

        articles = list(Article.objects.filter(charter__code="2022")[:3])
        for goal in GoalFactory.create_batch(ROWS, plan=plan):
            goal.articles.set(articles)
        url = f"/organisations/org-a/plans/{plan.pk}/goals"
    elif kind == "scorecards":
        for scorecard in ScorecardFactory.create_batch(ROWS, owner=organisation):
            ScorecardItemFactory(scorecard=scorecard)
        url = "/organisations/org-a/scorecards"
    elif kind == "commitments":
        from equalocal.charters.models import Commitment

        commitment = Commitment.objects.get(pk=personas.objects["commitment"])
        CommitmentStepFactory.create_batch(ROWS, commitment=commitment)
        url = "/organisations/org-a/commitments"
    elif kind == "activities":
        people = PersonFactory.create_batch(5, organisation=organisation)
        for number in range(ROWS):
            ActivityFactory(plan=plan, responsible_person=people[number % 5])
        url = f"/organisations/org-a/plans/{plan.pk}/activities"
    elif kind == "measurements":
        indicator = IndicatorFactory(owner=organisation)
        for number in range(ROWS):
            MeasurementFactory(
                indicator=indicator, organisation=organisation, period=str(1800 + number)
            )
        url = "/organisations/org-a/measurements"
    elif kind == "indicators":
        IndicatorFactory.create_batch(ROWS, owner=organisation)
        url = "/organisations/org-a/indicators"
    elif kind == "items":
        document = DocumentFactory(organisation=organisation)
        ExtractedItemFactory.create_batch(ROWS, document=document)
        url = f"/organisations/org-a/documents/{document.pk}/items"
    else:
        activity = ActivityFactory(plan=plan)
        ProgressUpdateFactory.create_batch(ROWS, activity=activity)
        url = f"/organisations/org-a/plans/{plan.pk}/activities/{activity.pk}/progress"
    api = api_as("viewer")
    # token, memberships, organisation and plan, the page, its prefetches, last use
    with django_assert_max_num_queries(10):
        response = api.get(url, limit=200)
    assert response.status_code == 200
    items = response.json()["items"]
    if kind == "commitments":
        items = items[0]["steps"]
    assert len(items) >= ROWS - 10


# Errors, locks and services ---------------------------------------------------------------------


@pytest.mark.django_db
def test_invalid_input_names_its_fields(api_as, personas):
    response = api_as("editor").post(
        _plan_url(personas, "/activities"), {"title": "", "progress": 101}
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert set(error["fields"]) >= {"title", "progress"}


@pytest.mark.django_db
def test_model_rules_come_back_as_field_errors(api_as, personas):
    response = api_as("editor").post(
        _plan_url(personas, "/activities"), {"title": "Klar", "status": "done", "progress": 40}
    )
    assert response.status_code == 422
    assert "progress" in response.json()["error"]["fields"]


NO_TIMETABLE = "Give the activity a start or end date, or its timing as written"


@pytest.mark.django_db
def test_an_activity_with_only_a_title_is_refused_naming_its_dates(api_as, personas):
    api = api_as("editor")
    response = api.post(_plan_url(personas, "/activities"), {"title": "Bara titel"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["start_date"][0].startswith(NO_TIMETABLE)
    swedish = api.post(
        _plan_url(personas, "/activities"), {"title": "Bara titel"}, {"Accept-Language": "sv"}
    )
    assert swedish.json()["error"]["fields"]["start_date"][0].startswith("Ange aktivitetens")
    assert not Activity.objects.filter(title="Bara titel").exists()
    for enough in (
        {"start_date": "2025-03-01"},
        {"timing_note": "hösten 2025"},
        {"timing": "ongoing"},
    ):
        created = api.post(_plan_url(personas, "/activities"), {"title": "Med tid", **enough})
        assert created.status_code == 201, created.json()


@pytest.mark.django_db
def test_an_activity_cannot_end_before_it_starts_in_the_api(api_as, personas):
    response = api_as("editor").post(
        _plan_url(personas, "/activities"),
        {"title": "Baklänges", "start_date": "2025-06-01", "end_date": "2025-01-01"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["end_date"] == [
        "The activity cannot end before it starts."
    ]


@pytest.mark.django_db
def test_patch_that_leaves_a_dated_activity_without_dates_is_refused(api_as, personas):
    api = api_as("editor")
    activity = ActivityFactory(
        plan_id=personas.objects["plan"], timing="ongoing", start_date=date(2025, 2, 1)
    )
    url = _plan_url(personas, f"/activities/{activity.pk}")
    lock = activity.lock_version
    cleared = api.patch(url, {"lock_version": lock, "timing": "dated", "start_date": None})
    assert cleared.status_code == 422
    assert cleared.json()["error"]["fields"]["start_date"][0].startswith(NO_TIMETABLE)
    backwards = api.patch(url, {"lock_version": lock, "end_date": "2025-01-01"})
    assert backwards.status_code == 422
    assert "end_date" in backwards.json()["error"]["fields"]
    activity.refresh_from_db()
    assert (activity.timing, activity.start_date, activity.end_date) == (
        "ongoing",
        date(2025, 2, 1),
        None,
    )
    assert api.patch(url, {"lock_version": lock, "timing": "dated"}).status_code == 200


@pytest.mark.django_db
def test_an_older_activity_without_dates_can_still_record_progress(api_as, personas):
    """The dates rule applies when the timing changes: other edits of older rows still save."""
    api = api_as("editor")
    lock = api.get(_activity_url(personas)).json()["lock_version"]
    assert (
        api.patch(_activity_url(personas), {"lock_version": lock, "comment": "Ny"}).status_code
        == 200
    )
    progress = api.post(_activity_url(personas, "/progress"), {"status": "in_progress"})
    assert progress.status_code == 201


@pytest.mark.django_db
def test_stale_lock_version_gives_409_and_changes_nothing(api_as, personas):
    api = api_as("editor")
    lock = api.get(_activity_url(personas)).json()["lock_version"]
    assert (
        api.patch(_activity_url(personas), {"lock_version": lock, "comment": "Först"}).status_code
        == 200
    )
    response = api.patch(_activity_url(personas), {"lock_version": lock, "comment": "Sen"})
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "conflict"
    assert error["fields"]["lock_version"] == [str(lock + 1)]
    assert Activity.objects.get(pk=personas.objects["activity"]).comment == "Först"


@pytest.mark.django_db
def test_plan_update_uses_the_same_lock(api_as, personas):
    api = api_as("editor")
    lock = api.get(_plan_url(personas)).json()["lock_version"]
    assert (
        api.patch(_plan_url(personas), {"lock_version": lock, "title": "Ny titel"}).status_code
        == 200
    )
    assert api.patch(_plan_url(personas), {"lock_version": lock, "title": "x"}).status_code == 409


@pytest.mark.django_db
def test_an_adopted_plan_needs_its_adoption_date_through_the_api(api_as, personas):
    api = api_as("editor")
    lock = api.get(_plan_url(personas)).json()["lock_version"]
    refused = api.patch(_plan_url(personas), {"lock_version": lock, "status": "adopted"})
    assert refused.status_code == 422
    assert "adopted_on" in refused.json()["error"]["fields"]
    created = api.post("/organisations/org-a/plans", {"title": "Antagen", "status": "adopted"})
    assert created.status_code == 422
    assert "adopted_on" in created.json()["error"]["fields"]
    dated = {"lock_version": lock, "status": "adopted", "adopted_on": "2026-03-02"}
    assert api.patch(_plan_url(personas), dated).status_code == 200


@pytest.mark.django_db
def test_recording_progress_adds_an_update_by_the_tokens_user(api_as, personas):
    response = api_as("editor").post(
        _activity_url(personas, "/progress"),
        {"status": "in_progress", "progress": 40, "note": "Utbildning hållen"},
    )
    assert response.status_code == 201
    assert response.json()["progress"] == 40
    update = ProgressUpdate.objects.get(activity_id=personas.objects["activity"])
    assert update.text == "Utbildning hållen"
    assert update.by == personas.user("editor")
    listed = api_as("viewer").get(_activity_url(personas, "/progress")).json()["items"]
    assert listed[0]["text"] == "Utbildning hållen"


@pytest.mark.django_db
def test_progress_cannot_be_dated_in_the_future(api_as, personas):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = api_as("editor").post(
        _activity_url(personas, "/progress"), {"status": "in_progress", "on": tomorrow}
    )
    assert response.status_code == 422
    assert "on" in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_an_activity_cannot_join_a_goal_of_another_plan(api_as, personas):
    other = ActionPlanFactory(organisation=personas.org_a)
    response = api_as("editor").post(
        f"/organisations/org-a/plans/{other.pk}/activities",
        {"title": "x", "goal": personas.objects["goal"]},
    )
    assert response.status_code == 422
    assert "goal" in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_created_plan_goal_and_activity_are_readable(api_as, personas):
    api = api_as("editor")
    plan = api.post("/organisations/org-a/plans", {"title": "Plan 2027", "kind": "operational"})
    assert plan.status_code == 201
    plan_id = plan.json()["id"]
    goal = api.post(f"/organisations/org-a/plans/{plan_id}/goals", {"title": "Lika lön"})
    assert goal.status_code == 201
    activity = api.post(
        f"/organisations/org-a/plans/{plan_id}/activities",
        {
            "title": "Lönekartläggning",
            "goal": goal.json()["id"],
            "status": "in_progress",
            "start_date": "2027-02-01",
        },
    )
    assert activity.status_code == 201
    assert activity.json()["progress"] == 50  # the status's default
    listed = api_as("viewer").get(f"/organisations/org-a/plans/{plan_id}/activities").json()
    assert [a["title"] for a in listed["items"]] == ["Lönekartläggning"]


# Publishing -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_published_plans_are_public_but_progress_only_when_published(api_as, personas):
    plan = ActionPlanFactory(organisation=personas.org_a, is_published=True, status="adopted")
    ActivityFactory(plan=plan, status="in_progress", progress=60)
    url = f"/organisations/org-a/plans/{plan.pk}"
    anonymous = api_as("anonymous")
    assert [p["id"] for p in anonymous.get("/organisations/org-a/plans").json()["items"]] == [
        plan.pk
    ]
    assert anonymous.get(url).json()["progress"] is None
    activity = anonymous.get(url + "/activities").json()["items"][0]
    assert activity["progress"] is None and activity["status"] is None
    # Nor when it changed: the time and version of the last change stay private too.
    assert activity["updated_at"] is None and activity["lock_version"] is None
    first = ActivityFactory(plan=plan)
    assert anonymous.get(url + f"/activities/{first.pk}/progress").status_code == 404
    PublishingFactory(organisation=personas.org_a, progress=True)
    assert anonymous.get(url).json()["progress"] == 30
    assert anonymous.get(url + f"/activities/{first.pk}/progress").status_code == 200


@pytest.mark.django_db
def test_commitments_are_private_when_not_published(api_as, personas):
    CommitmentStepFactory(commitment_id=personas.objects["commitment"])
    PublishingFactory(organisation=personas.org_a, commitment=False)
    url = "/organisations/org-a/commitments"
    for persona in ("anonymous", "outsider", "peer"):
        assert api_as(persona).get(url).status_code == 404
    body = api_as("viewer").get(url).json()
    assert len(body["items"][0]["steps"]) == 1


@pytest.mark.django_db
def test_names_of_responsible_people_follow_the_person_rule(api_as, personas):
    plan = ActionPlanFactory(organisation=personas.org_a, is_published=True)
    hidden = PersonFactory(organisation=personas.org_a, name="Anna Andersson")
    ActivityFactory(plan=plan, responsible_person=hidden, responsible_unit="HR")
    url = f"/organisations/org-a/plans/{plan.pk}/activities"
    public = api_as("anonymous").get(url).json()["items"][0]
    assert public["responsible_person"] is None
    assert public["responsible_unit"] == "HR"
    assert b"Anna Andersson" not in api_as("outsider").get(url).content
    assert api_as("viewer").get(url).json()["items"][0]["responsible_person"] == "Anna Andersson"


@pytest.mark.django_db
def test_staff_and_other_members_reach_only_through_their_roles(api_as, personas):
    other = OrganisationFactory(slug="org-x")
    MembershipFactory(user=personas.user("viewer"), organisation=other, role=Role.EDITOR)
    api = api_as("viewer")
    assert api.post("/organisations/org-x/plans", {"title": "Egen"}).status_code == 201
    assert api.post("/organisations/org-a/plans", {"title": "Nej"}).status_code == 403


@pytest.mark.django_db
def test_figures_are_public_only_when_published(api_as, personas):
    url = "/organisations/org-a/measurements"
    assert api_as("anonymous").get(url).status_code == 404
    assert api_as("viewer").get(url).json()["items"][0]["gender"] == "women"
    PublishingFactory(organisation=personas.org_a, figures=True)
    body = api_as("anonymous").get(url, gender="women").json()
    assert [m["value"] for m in body["items"]] == ["42.0000"]
    assert api_as("anonymous").get(url, gender="men").json()["items"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("ordering", ["-updated", "id", "title"])
def test_every_plan_ordering_pages_without_gaps(api_as, personas, ordering):
    ActionPlanFactory.create_batch(7, organisation=personas.org_a)
    api = api_as("viewer")
    seen, cursor = [], None
    for _ in range(10):
        params = {"limit": 3, "ordering": ordering, **({"cursor": cursor} if cursor else {})}
        body = api.get("/organisations/org-a/plans", **params).json()
        seen += [plan["id"] for plan in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    everything = api.get("/organisations/org-a/plans", limit=200, ordering=ordering).json()
    assert seen == [plan["id"] for plan in everything["items"]]
    assert len(seen) == len(set(seen)) == 8


# The front door ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_api_address_answers_with_an_index_of_links(api_as):
    response = api_as("anonymous").get("/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert (body["name"], body["version"]) == ("equalocal API", "1")
    links = body["links"]
    assert links["openapi"] == "http://testserver/api/v1/openapi.json"
    assert links["docs"] == "http://testserver/api/v1/docs"
    assert links["organisations"] == "http://testserver/api/v1/organisations"
    assert {"practices", "publications", "events"} <= set(links)
    assert api_as("anonymous").get("/organisations").status_code == 200

"""The plans pages through the test client: roles, forms, bad input, htmx fragments, queries."""

import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from equalocal.charters.models import (
    Article,
    CharterText,
    Commitment,
    CommitmentStatus,
)
from equalocal.plans.models import (
    ActionPlan,
    Activity,
    ActivityStatus,
    Goal,
    PlanStatus,
    ProgressUpdate,
    ReferenceGoal,
)
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    CommitmentFactory,
    CommitmentStepFactory,
    ConsultationFactory,
    GoalFactory,
    PersonFactory,
    ProgressUpdateFactory,
)
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


def url(name, personas, **kwargs):
    return reverse(f"plans:{name}", kwargs={"org": personas.objects["org"], **kwargs})


def signed_in(client, personas, persona):
    user = personas.user(persona)
    if user is not None:
        sign_in(client, user)
    return client


def the_plan(personas) -> ActionPlan:
    return ActionPlan.objects.get(pk=personas.objects["plan"])


def articles(*numbers, code="2022"):
    return list(Article.objects.filter(charter__code=code, number__in=numbers))


def fill_plan(plan, count, *, goals=3):
    """``count`` activities spread over goals, people, statuses, articles and dates."""
    goal_objects = [GoalFactory(plan=plan, order=n + 2, title=f"Goal {n}") for n in range(goals)]
    people = [PersonFactory(organisation=plan.organisation) for _ in range(3)]
    statuses = [
        ActivityStatus.PLANNED,
        ActivityStatus.IN_PROGRESS,
        ActivityStatus.DONE,
        ActivityStatus.DELAYED,
    ]
    progress = {
        ActivityStatus.PLANNED: 0,
        ActivityStatus.IN_PROGRESS: 40,
        ActivityStatus.DONE: 100,
        ActivityStatus.DELAYED: 20,
    }
    Activity.objects.bulk_create(
        Activity(
            plan=plan,
            goal=goal_objects[n % goals],
            order=n + 2,
            title=f"Activity {n:03d}",
            responsible_person=people[n % 3] if n % 2 else None,
            responsible_unit="" if n % 2 else f"Unit {n % 4}",
            status=statuses[n % 4],
            progress=progress[statuses[n % 4]],
            start_date=date(2025, 1 + n % 12, 1),
            end_date=date(2025, 1 + n % 12, 28),
            next_review_on=date(2025, 6, 1),
        )
        for n in range(count)
    )
    article_list = articles(1, 2, 3, 11, 22)
    through = Activity.articles.through
    through.objects.bulk_create(
        through(activity_id=activity.pk, article_id=article_list[n % len(article_list)].pk)
        for n, activity in enumerate(plan.activities.order_by("pk"))
    )
    for goal in goal_objects:
        goal.articles.set(article_list[:2])
    plan.priorities.set(article_list)
    return goal_objects


def progress_post(activity, **overrides):
    data = {
        "status": activity.status,
        "progress": activity.progress,
        "lock_version": activity.lock_version,
    }
    data.update(overrides)
    return data


def activity_post(activity, **overrides):
    data = {
        "order": activity.order,
        "title": activity.title,
        "description": activity.description,
        "goal": activity.goal_id or "",
        "responsible_unit": activity.responsible_unit,
        "responsible_person": activity.responsible_person_id or "",
        "partners": activity.partners,
        "timing": activity.timing,
        "timing_note": activity.timing_note,
        "start_date": activity.start_date or "",
        "end_date": activity.end_date or "",
        "resources": activity.resources,
        "status": activity.status,
        "progress": activity.progress,
        "weight": activity.weight,
        "completed_on": activity.completed_on or "",
        "next_review_on": activity.next_review_on or "",
        "comment": activity.comment,
        "note": "",
        "lock_version": activity.lock_version,
    }
    data.update(overrides)
    return data


def plan_post(plan, **overrides):
    data = {
        "title": plan.title,
        "kind": plan.kind,
        "status": plan.status,
        "period_start": plan.period_start or "",
        "period_end": plan.period_end or "",
        "commitment": plan.commitment_id or "",
        "adopted_by": plan.adopted_by,
        "adopted_on": plan.adopted_on or "",
        "adoption_case_number": plan.adoption_case_number,
        "contact": plan.contact_id or "",
        "purpose": plan.purpose,
        "resources": plan.resources,
        "budget": plan.budget if plan.budget is not None else "",
        "currency": plan.currency,
        "lock_version": plan.lock_version,
    }
    if plan.is_published:
        data["is_published"] = "on"
    data.update(overrides)
    return data


# The plan page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [10, 200])
@pytest.mark.parametrize("persona", ["editor", "viewer"])
def test_plan_page_runs_a_bounded_number_of_queries(
    client, personas, django_assert_max_num_queries, count, persona
):
    plan = the_plan(personas)
    fill_plan(plan, count)
    ConsultationFactory(plan=plan, date=date(2025, 2, 1), consulted="Council")
    signed_in(client, personas, persona)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url("detail", personas, plan=plan.pk))
    assert response.status_code == 200
    assert response.content.decode().count('<tr id="activity-') == count + 1


def test_plan_page_with_filters_stays_bounded(client, personas, django_assert_max_num_queries):
    plan = the_plan(personas)
    goals = fill_plan(plan, 200)
    signed_in(client, personas, "editor")
    query = {"status": "in_progress", "goal": goals[1].pk, "article": 2, "sort": "-progress"}
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url("detail", personas, plan=plan.pk), query)
    assert response.status_code == 200


def test_viewer_sees_the_plan_without_edit_controls(client, personas):
    plan = the_plan(personas)
    fill_plan(plan, 3)
    html = (
        signed_in(client, personas, "viewer")
        .get(url("detail", personas, plan=plan.pk))
        .content.decode()
    )
    assert "<h1>Handlingsplan</h1>" in html
    assert 'id="bulk-form"' not in html
    assert "row-form" not in html
    assert "Edit plan" not in html
    assert 'type="checkbox"' not in html


def test_editor_sees_inline_forms_with_labels_and_bulk_checkboxes(client, personas):
    plan = the_plan(personas)
    activity = Activity.objects.get(pk=personas.objects["activity"])
    html = (
        signed_in(client, personas, "editor")
        .get(url("detail", personas, plan=plan.pk))
        .content.decode()
    )
    assert (
        f'<label class="visually-hidden" for="select-{activity.pk}">Select “Aktivitet 1”</label>'
        in html
    )
    assert 'form="bulk-form"' in html
    assert f'for="status-{activity.pk}"' in html and f'for="progress-{activity.pk}"' in html
    assert 'hx-target="closest tr"' in html
    assert html.count("<h1>") == 1


def test_plan_page_filters_by_status_goal_article_and_responsible(client, personas):
    plan = the_plan(personas)
    goals = fill_plan(plan, 24)
    signed_in(client, personas, "viewer")
    detail = url("detail", personas, plan=plan.pk)

    def titles(**query):
        html = client.get(detail, query).content.decode()
        return re.findall(r'<a href="[^"]+/activities/\d+/">([^<]+)</a>', html)

    assert len(titles(status="done")) == 6
    assert all(title.startswith("Activity") for title in titles(goal=goals[0].pk))
    assert len(titles(goal=goals[0].pk)) == 8
    assert len(titles(article=22)) == 5
    assert titles(responsible="Unit 2") == [
        "Activity 002",
        "Activity 006",
        "Activity 010",
        "Activity 014",
        "Activity 018",
        "Activity 022",
    ]
    # A value that is not a choice is ignored, not an error.
    assert len(titles(status="nonsense", goal="x")) == 25


def test_plan_page_sorts_by_column(client, personas):
    plan = the_plan(personas)
    fill_plan(plan, 5)
    signed_in(client, personas, "viewer")
    html = client.get(url("detail", personas, plan=plan.pk), {"sort": "-progress"}).content.decode()
    titles = re.findall(r'<a href="[^"]+/activities/\d+/">([^<]+)</a>', html)
    assert titles[0] == "Activity 002"  # done, 100 %
    assert 'aria-sort="descending"' in html
    assert "sort=progress" in html  # the header link now sorts the other way


def test_plan_page_htmx_filter_returns_only_the_table(client, personas):
    plan = the_plan(personas)
    fill_plan(plan, 8)
    signed_in(client, personas, "editor")
    response = client.get(
        url("detail", personas, plan=plan.pk), {"status": "done"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<h1>" not in html
    assert "2 of 9 activities match the filters" in html
    assert html.count('<tr id="activity-') == 2


def test_plan_progress_fragment_for_htmx(client, personas):
    plan = the_plan(personas)
    signed_in(client, personas, "viewer")
    response = client.get(
        url("detail", personas, plan=plan.pk),
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="plan-progress",
    )
    html = response.content.decode()
    assert "<progress" in html and "<table" not in html


def test_progress_per_goal_refreshes_after_an_inline_update(client, personas):
    """The goals list listens for planChanged, which the inline update sends, and reloads."""
    plan = the_plan(personas)
    fill_plan(plan, 4, goals=2)
    activity = plan.activities.filter(goal__isnull=False, status=ActivityStatus.PLANNED).first()
    signed_in(client, personas, "editor")
    page = client.get(url("detail", personas, plan=plan.pk)).content.decode()
    assert 'id="plan-goals"' in page and 'hx-trigger="planChanged from:body"' in page
    response = client.post(
        reverse(
            "plans:activity-progress",
            kwargs={"org": "org-a", "plan": plan.pk, "activity": activity.pk},
        ),
        {"status": "done", "progress": "100", "lock_version": activity.lock_version},
        HTTP_HX_REQUEST="true",
    )
    assert "planChanged" in response["HX-Trigger"]
    fragment = client.get(
        url("detail", personas, plan=plan.pk), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="plan-goals"
    ).content.decode()
    assert "<table" not in fragment and "<h1>" not in fragment
    from equalocal.plans.selectors import plan_summary

    row = next(r for r in plan_summary(plan, today=date.today()).goals if r.goal == activity.goal)
    assert row.progress > 0
    assert f'value="{row.progress}" aria-label="Progress of {activity.goal.title}"' in fragment


def test_published_plan_is_public_and_hides_private_contact(client, personas):
    plan = the_plan(personas)
    person = PersonFactory(
        organisation=personas.org_a, name="Private Person", is_public_contact=False
    )
    plan.is_published = True
    plan.contact = person
    plan.save()
    for persona in ["anonymous", "outsider"]:
        client.logout()
        response = signed_in(client, personas, persona).get(url("detail", personas, plan=plan.pk))
        assert response.status_code == 200
        assert "Private Person" not in response.content.decode()
        assert client.get(url("timeline", personas, plan=plan.pk)).status_code == 200
        assert client.get(url("coverage", personas, plan=plan.pk)).status_code == 200


@pytest.mark.parametrize("persona", ["anonymous", "outsider"])
def test_draft_plan_is_404_for_non_members(client, personas, persona):
    response = signed_in(client, personas, persona).get(
        url("detail", personas, plan=personas.objects["plan"])
    )
    assert response.status_code == 404


def test_budget_is_formatted_in_the_users_language(client, personas):
    plan = the_plan(personas)
    plan.budget = 1250000
    plan.currency = "SEK"
    plan.save()
    signed_in(client, personas, "viewer")
    assert "1,250,000 SEK" in client.get(url("detail", personas, plan=plan.pk)).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    html = client.get(url("detail", personas, plan=plan.pk)).content.decode()
    assert "1\xa0250\xa0000 SEK" in html or "1 250 000 SEK" in html


# Inline progress -------------------------------------------------------------------------------


def test_progress_plain_post_saves_and_redirects_back_to_the_filtered_page(client, personas):
    activity = Activity.objects.get(pk=personas.objects["activity"])
    back = url("detail", personas, plan=activity.plan_id) + "?status=planned"
    response = signed_in(client, personas, "editor").post(
        url("activity-progress", personas, plan=activity.plan_id, activity=activity.pk),
        {
            **progress_post(activity, status="in_progress", progress=30, note="Started"),
            "next": back,
        },
    )
    assert response.status_code == 302
    assert response.url == f"{back}#activity-{activity.pk}"
    activity.refresh_from_db()
    assert (activity.status, activity.progress) == ("in_progress", 30)
    update = ProgressUpdate.objects.get(activity=activity)
    assert (update.text, update.by) == ("Started", personas.user("editor"))


def test_progress_ignores_a_next_url_on_another_site(client, personas):
    activity = Activity.objects.get(pk=personas.objects["activity"])
    response = signed_in(client, personas, "editor").post(
        url("activity-progress", personas, plan=activity.plan_id, activity=activity.pk),
        {
            **progress_post(activity, status="in_progress", progress=""),
            "next": "https://evil.example/",
        },
    )
    assert response.url.startswith(url("detail", personas, plan=activity.plan_id))
    activity.refresh_from_db()
    assert activity.progress == 50  # the status's usual figure


def test_progress_htmx_post_returns_the_row_and_triggers_a_refresh(client, personas):
    activity = Activity.objects.get(pk=personas.objects["activity"])
    response = signed_in(client, personas, "editor").post(
        url("activity-progress", personas, plan=activity.plan_id, activity=activity.pk),
        progress_post(activity, status="done", progress=100),
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith(f'<tr id="activity-{activity.pk}">')
    assert "Saved" in html and 'value="done" selected' in html
    assert "planChanged" in response.headers["HX-Trigger"]
    activity.refresh_from_db()
    assert activity.status == "done" and activity.completed_on == timezone.localdate()
    assert f'name="lock_version" value="{activity.lock_version}"' in html


@pytest.mark.parametrize(
    ("status", "progress", "message"),
    [
        ("in_progress", 150, "Progress is a percentage from 0 to 100."),
        ("done", 40, "A done activity has 100 % progress"),
        ("planned", 30, "A planned activity has not started"),
        ("nonsense", 10, "Select a valid choice"),
    ],
)
@pytest.mark.parametrize("htmx", [True, False])
def test_progress_bad_input_shows_the_error_and_saves_nothing(
    client, personas, status, progress, message, htmx
):
    activity = Activity.objects.get(pk=personas.objects["activity"])
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = signed_in(client, personas, "editor").post(
        url("activity-progress", personas, plan=activity.plan_id, activity=activity.pk),
        progress_post(activity, status=status, progress=progress),
        **extra,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert ("<h1>" in html) is not htmx
    activity.refresh_from_db()
    assert (activity.status, activity.progress) == ("planned", 0)
    assert not ProgressUpdate.objects.filter(activity=activity).exists()


def test_progress_with_a_stale_version_is_refused_and_shows_the_current_state(client, personas):
    activity = Activity.objects.get(pk=personas.objects["activity"])
    stale = activity.lock_version
    from equalocal.plans import services

    services.activity_set_progress(
        activity=activity, status="in_progress", progress=60, by=personas.user("admin")
    )
    signed_in(client, personas, "editor")
    target = url("activity-progress", personas, plan=activity.plan_id, activity=activity.pk)
    response = client.post(
        target, {"status": "delayed", "progress": 10, "lock_version": stale}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "Someone else saved this in the meantime" in html
    assert "In progress" in html  # the other person's status is shown in the row
    activity.refresh_from_db()
    assert (activity.status, activity.progress) == ("in_progress", 60)
    # The form now carries the current version, so submitting again saves.
    fresh = re.search(r'name="lock_version" value="(\d+)"', html).group(1)
    client.post(
        target, {"status": "delayed", "progress": 10, "lock_version": fresh}, HTTP_HX_REQUEST="true"
    )
    activity.refresh_from_db()
    assert (activity.status, activity.progress) == ("delayed", 10)


def test_progress_page_works_without_javascript(client, personas):
    activity = Activity.objects.get(pk=personas.objects["activity"])
    signed_in(client, personas, "editor")
    target = url("activity-progress", personas, plan=activity.plan_id, activity=activity.pk)
    html = client.get(target).content.decode()
    assert '<label for="id_status">' in html and '<label for="id_note">' in html


def test_viewer_cannot_update_progress(client, personas):
    activity = Activity.objects.get(pk=personas.objects["activity"])
    response = signed_in(client, personas, "viewer").post(
        url("activity-progress", personas, plan=activity.plan_id, activity=activity.pk),
        progress_post(activity, status="done", progress=100),
    )
    assert response.status_code == 403


# Bulk status -------------------------------------------------------------------------------------


def test_bulk_status_changes_the_selected_activities_only(client, personas):
    plan = the_plan(personas)
    fill_plan(plan, 6)
    chosen = list(
        plan.activities.filter(status=ActivityStatus.PLANNED).values_list("pk", flat=True)
    )
    other = plan.activities.filter(status=ActivityStatus.IN_PROGRESS).first()
    response = signed_in(client, personas, "editor").post(
        url("bulk-status", personas, plan=plan.pk),
        {"activities": chosen, "status": "delayed"},
        follow=True,
    )
    assert f"The status of {len(chosen)} activities was changed." in response.content.decode()
    assert set(plan.activities.filter(pk__in=chosen).values_list("status", flat=True)) == {
        "delayed"
    }
    other.refresh_from_db()
    assert other.status == ActivityStatus.IN_PROGRESS


def test_bulk_status_without_a_selection_explains(client, personas):
    plan = the_plan(personas)
    response = signed_in(client, personas, "editor").post(
        url("bulk-status", personas, plan=plan.pk), {"status": "done"}, follow=True
    )
    assert "Select at least one activity." in response.content.decode()


def test_bulk_status_rejects_activities_of_another_plan(client, personas):
    plan = the_plan(personas)
    foreign = ActivityFactory(plan__organisation=personas.org_a)
    signed_in(client, personas, "editor").post(
        url("bulk-status", personas, plan=plan.pk), {"activities": [foreign.pk], "status": "done"}
    )
    foreign.refresh_from_db()
    assert foreign.status == ActivityStatus.PLANNED


def test_viewer_cannot_bulk_update(client, personas):
    plan = the_plan(personas)
    response = signed_in(client, personas, "viewer").post(
        url("bulk-status", personas, plan=plan.pk),
        {"activities": [personas.objects["activity"]], "status": "done"},
    )
    assert response.status_code == 403


# Plans: create, edit, delete, restore, versions ---------------------------------------------------


def test_new_plan_form_preselects_the_only_commitment(client, personas):
    commitment = Commitment.objects.get(pk=personas.objects["commitment"])
    signed_in(client, personas, "editor")
    html = client.get(url("create", personas)).text
    assert re.search(rf'<option value="{commitment.pk}" selected>', html)
    CommitmentFactory(organisation=personas.org_a, charter=CharterText.objects.get(code="2006"))
    html = client.get(url("create", personas)).text
    assert not re.search(r'<option value="\d+" selected>Charter', html)


def test_editor_creates_a_plan_with_priorities_and_reference_goals(client, personas):
    goal = ReferenceGoal.objects.get(number=2)
    response = signed_in(client, personas, "editor").post(
        url("create", personas),
        {
            "title": "Handlingsplan 2026–2028",
            "kind": "charter",
            "status": "draft",
            "period_start": "2026-01-01",
            "period_end": "2028-12-31",
            "priorities": [a.pk for a in articles(11, 22)],
            "reference_goals": [goal.pk],
            "budget": "125000",
            "currency": "sek",
        },
    )
    plan = ActionPlan.objects.get(title="Handlingsplan 2026–2028")
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert plan.organisation == personas.org_a and plan.currency == "SEK"
    assert sorted(plan.priorities.values_list("number", flat=True)) == [11, 22]
    assert list(plan.reference_goals.all()) == [goal]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"period_start": "2026-01-01", "period_end": "2025-01-01"},
            "The period cannot end before it starts.",
        ),
        (
            {"adopted_on": "2026-01-01", "status": "draft"},
            "A plan with an adoption date is adopted",
        ),
        (
            {"status": "adopted"},
            "An adopted plan needs its adoption date; give the date.",
        ),
        ({"budget": "-5"}, "The budget cannot be negative."),
        ({"currency": "SE1"}, "three-letter currency code"),
        ({"currency": "kronor"}, "at most 3 characters"),
        ({"period_start": "31/31/2025"}, "Enter a valid date."),
    ],
)
def test_plan_form_bad_input_is_explained_and_nothing_saved(client, personas, overrides, message):
    data = {
        "title": "Bad plan",
        "kind": "charter",
        "status": "draft",
        "currency": "SEK",
        **overrides,
    }
    response = signed_in(client, personas, "editor").post(url("create", personas), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ActionPlan.objects.filter(title="Bad plan").exists()


def test_plan_priorities_must_belong_to_the_commitments_charter_text(client, personas):
    old_text = CharterText.objects.get(code="2006")
    commitment = CommitmentFactory(
        organisation=personas.org_a, charter=old_text, status=CommitmentStatus.SIGNED
    )
    data = {
        "title": "Mixed",
        "kind": "charter",
        "status": "draft",
        "currency": "SEK",
        "commitment": commitment.pk,
        "priorities": [a.pk for a in articles(22)],
    }
    response = signed_in(client, personas, "editor").post(url("create", personas), data)
    assert "Choose articles of the Charter text of the plan (2006)." in response.content.decode()
    data["priorities"] = [a.pk for a in articles(12, code="2006")]
    assert client.post(url("create", personas), data).status_code == 302


def test_plan_edit_with_a_stale_version_shows_both_values_and_loses_nothing(client, personas):
    plan = the_plan(personas)
    stale = plan.lock_version
    signed_in(client, personas, "editor")
    assert (
        client.post(
            url("edit", personas, plan=plan.pk), plan_post(plan, title="Their title")
        ).status_code
        == 302
    )
    response = client.post(
        url("edit", personas, plan=plan.pk), plan_post(plan, title="My title", lock_version=stale)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this in the meantime" in html
    assert "Your changes and the current version" in html
    assert "<td>My title</td><td>Their title</td>" in html
    assert 'value="My title"' in html  # the form keeps the person's own changes
    plan.refresh_from_db()
    assert plan.title == "Their title"
    fresh = re.search(r'name="lock_version" value="(\d+)"', html).group(1)
    client.post(
        url("edit", personas, plan=plan.pk), plan_post(plan, title="My title", lock_version=fresh)
    )
    plan.refresh_from_db()
    assert plan.title == "My title"


def test_delete_asks_with_counts_then_moves_to_the_bin_and_admin_restores(client, personas):
    plan = the_plan(personas)
    signed_in(client, personas, "editor")
    html = client.get(url("delete", personas, plan=plan.pk)).content.decode()
    assert "The plan holds 1 goal" in html and "and 1 activity." in html
    response = client.post(url("delete", personas, plan=plan.pk))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.deleted_at is not None and plan.deleted_by == personas.user("editor")
    assert client.get(url("detail", personas, plan=plan.pk)).status_code == 404
    assert client.post(url("restore", personas, plan=plan.pk)).status_code == 403
    client.force_login(personas.user("admin"))
    html = client.get(url("bin", personas)).content.decode()
    assert "Handlingsplan" in html and "Can be restored until" in html
    response = client.post(url("restore", personas, plan=plan.pk))
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    plan.refresh_from_db()
    assert plan.deleted_at is None


def test_plan_deleted_more_than_30_days_ago_cannot_be_restored(client, personas):
    deleted = ActionPlan.objects.get(pk=personas.objects["deleted_plan"])
    deleted.deleted_at = timezone.now() - timedelta(days=31)
    deleted.save()
    signed_in(client, personas, "admin")
    assert "It can no longer be restored." in client.get(url("bin", personas)).content.decode()
    response = client.post(url("restore", personas, plan=deleted.pk), follow=True)
    assert "can no longer be" in response.content.decode()
    deleted.refresh_from_db()
    assert deleted.deleted_at is not None


def test_new_version_and_comparison(client, personas):
    plan = the_plan(personas)
    plan.priorities.set(articles(1))
    signed_in(client, personas, "editor")
    response = client.post(url("new-version", personas, plan=plan.pk))
    copy = ActionPlan.objects.get(previous_version=plan)
    assert response.status_code == 302 and response.url == copy.get_absolute_url()
    assert copy.version_number == 2 and copy.status == PlanStatus.DRAFT
    copy.title = "Handlingsplan v2"
    copy.save()
    copy.priorities.set(articles(1, 22))
    GoalFactory(plan=copy, title="New goal")
    changed = copy.activities.get(title="Aktivitet 1")
    changed.end_date = date(2026, 5, 31)
    changed.save()
    ActivityFactory(plan=plan, title="Dropped")

    html = client.get(url("compare", personas, plan=copy.pk), {"other": plan.pk}).content.decode()
    assert "Changes from version 1 to version 2." in html
    assert "Handlingsplan v2" in html
    assert "1, 22" in html  # priorities
    assert "New goal" in html and "Dropped" in html
    assert (
        ("Aktivitet 1" in html and "31/05/2026" in html)
        or "31 May 2026" in html
        or "2026-05-31" in html
    )
    # A second new version from the same plan is refused with a message.
    response = client.post(url("new-version", personas, plan=plan.pk), follow=True)
    assert "already has a newer version" in response.content.decode()


def test_compare_lists_the_versions_and_rejects_unrelated_plans(client, personas):
    plan = the_plan(personas)
    unrelated = ActionPlanFactory(organisation=personas.org_a)
    signed_in(client, personas, "viewer")
    html = client.get(url("compare", personas, plan=plan.pk)).content.decode()
    assert "only one version" in html
    response = client.get(url("compare", personas, plan=plan.pk), {"other": unrelated.pk})
    assert response.status_code == 200


# Timeline and coverage -------------------------------------------------------------------------


def test_timeline_draws_bars_with_text_and_lists_ongoing_activities(client, personas):
    plan = the_plan(personas)
    ActivityFactory(
        plan=plan, title="Mapping", start_date=date(2025, 1, 1), end_date=date(2025, 12, 31)
    )
    ActivityFactory(
        plan=plan, title="Late one", start_date=date(2027, 3, 1), end_date=date(2027, 4, 1)
    )
    ActivityFactory(
        plan=plan, title="Network meetings", timing="recurring", timing_note="every month"
    )
    signed_in(client, personas, "viewer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    html = client.get(url("timeline", personas, plan=plan.pk)).content.decode()
    bars = re.findall(
        r'<rect x="([\d.]+)%" y="4" width="([\d.]+)%" height="16" rx="3" class="gantt-bar', html
    )
    assert len(bars) == 2
    for left, width in bars:
        assert float(left) >= 0 and float(left) + float(width) <= 100.01
    assert "Network meetings" in html.split('id="undated-heading"')[1]
    assert "<table>" in html  # the table fallback
    assert 'style="' not in html.split('class="gantt"')[1].split("</ol>")[0]


def test_timeline_shows_years_marks_overdue_and_draws_only_dated_activities(client, personas):
    plan = the_plan(personas)  # 2025–2026
    ActivityFactory(
        plan=plan,
        title="Kartläggning",
        start_date=date(2025, 1, 1),
        end_date=date(2025, 3, 31),
        status="in_progress",
    )
    ActivityFactory(plan=plan, title="Pågående stöd", timing="ongoing", start_date=date(2025, 2, 1))
    signed_in(client, personas, "viewer")
    html = client.get(url("timeline", personas, plan=plan.pk)).content.decode()
    assert re.search(r'class="gantt-year">2025</text>', html)
    assert re.search(r'class="gantt-year">2026</text>', html)
    # Every month is labelled; on a narrow screen only the quarters (the others are "minor").
    labels = re.findall(r'class="gantt-month( gantt-month-minor)?">(\d+)</text>', html)
    assert len(labels) == 24
    assert [int(n) for minor, n in labels if not minor] == [1, 4, 7, 10] * 2
    chart = html.split('class="gantt"')[1].split("</ol>")[0]
    assert "Pågående stöd" not in chart  # ongoing: listed, not drawn
    assert "Pågående stöd" in html.split('id="undated-heading"')[1]
    assert "Every activity" not in html
    row = chart[chart.index("Kartläggning") :]
    assert "overdue" in row[: row.index("</li>")]


def test_coverage_flags_prioritised_articles_without_activities(client, personas):
    plan = the_plan(personas)
    plan.priorities.set(articles(11, 22))
    activity = Activity.objects.get(pk=personas.objects["activity"])
    activity.articles.set(articles(11))
    signed_in(client, personas, "viewer")
    html = client.get(url("coverage", personas, plan=plan.pk)).content.decode()
    assert "1 prioritised article has no activity" in html
    gap_row = re.search(r'<tr class="gap">(.*?)</tr>', html, re.S).group(1)
    assert "22." in gap_row
    assert html.count("<tr") == 1 + 39


# Goals, activities, consultations ----------------------------------------------------------------


def test_goal_create_edit_and_delete(client, personas):
    plan = the_plan(personas)
    signed_in(client, personas, "editor")
    html = client.get(url("goal-create", personas, plan=plan.pk)).content.decode()
    assert 'name="order" value="2"' in html  # the next number
    assert "Swedish gender equality policy sub-goals" in html
    response = client.post(
        url("goal-create", personas, plan=plan.pk),
        {
            "order": 2,
            "title": "Equal pay",
            "articles": [a.pk for a in articles(11)],
            "reference_goals": [ReferenceGoal.objects.get(number=2).pk],
        },
    )
    assert response.status_code == 302
    goal = plan.goals.get(title="Equal pay")
    assert [a.number for a in goal.articles.all()] == [11]
    response = client.post(
        url("goal-edit", personas, plan=plan.pk, goal=goal.pk),
        {"order": 2, "title": "Equal pay for equal work"},
    )
    goal.refresh_from_db()
    assert goal.title == "Equal pay for equal work" and not goal.articles.exists()
    assert client.post(url("goal-delete", personas, plan=plan.pk, goal=goal.pk)).status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()


def test_goal_of_another_plan_is_404(client, personas):
    goal = GoalFactory(plan__organisation=personas.org_a)
    response = signed_in(client, personas, "editor").get(
        url("goal-edit", personas, plan=personas.objects["plan"], goal=goal.pk)
    )
    assert response.status_code == 404


def test_activity_create_with_all_fields(client, personas):
    plan = the_plan(personas)
    person = PersonFactory(organisation=personas.org_a)
    signed_in(client, personas, "editor")
    data = {
        "order": 2,
        "title": "Gender equality training",
        "description": "For managers",
        "goal": personas.objects["goal"],
        "responsible_unit": "HR",
        "responsible_person": person.pk,
        "partners": "Region",
        "timing": "dated",
        "timing_note": "spring 2025",
        "start_date": "2025-02-01",
        "end_date": "2025-05-31",
        "resources": "50 000 SEK",
        "status": "in_progress",
        "progress": "",
        "weight": 2,
        "articles": [a.pk for a in articles(11, 13)],
        "next_review_on": "2025-04-01",
        "comment": "",
        "note": "Kick-off held",
    }
    response = client.post(url("activity-create", personas, plan=plan.pk), data)
    activity = plan.activities.get(title="Gender equality training")
    assert response.status_code == 302 and response.url == activity.get_absolute_url()
    assert activity.progress == 50  # the status's usual figure
    assert activity.responsible_person == person and activity.weight == 2
    assert ProgressUpdate.objects.get(activity=activity).text == "Kick-off held"
    html = client.get(activity.get_absolute_url()).content.decode()
    assert "Kick-off held" in html and "Progress timeline" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"start_date": "2025-06-01", "end_date": "2025-01-01"},
            "The activity cannot end before it starts.",
        ),
        ({"progress": 150}, "Progress is a percentage from 0 to 100."),
        ({"status": "done", "progress": 40}, "A done activity has 100 % progress"),
        ({"weight": 0}, "Ensure this value is greater than or equal to 1."),
    ],
)
def test_activity_bad_input_is_explained_and_nothing_saved(client, personas, overrides, message):
    activity = Activity.objects.get(pk=personas.objects["activity"])
    response = signed_in(client, personas, "editor").post(
        url("activity-edit", personas, plan=activity.plan_id, activity=activity.pk),
        activity_post(activity, title="Changed", **overrides),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    activity.refresh_from_db()
    assert activity.title == "Aktivitet 1"


def test_a_dated_activity_without_dates_is_refused_by_the_form(client, personas):
    plan = the_plan(personas)
    signed_in(client, personas, "editor")
    data = {"order": 5, "title": "Utan tid", "timing": "dated", "status": "planned", "weight": 1}
    response = client.post(url("activity-create", personas, plan=plan.pk), data)
    assert response.status_code == 200
    assert "Give the activity a start or end date" in response.content.decode()
    assert not Activity.objects.filter(title="Utan tid").exists()
    saved = client.post(
        url("activity-create", personas, plan=plan.pk), {**data, "timing": "ongoing"}
    )
    assert saved.status_code == 302


def test_activity_edit_conflict_shows_the_other_change(client, personas):
    activity = Activity.objects.get(pk=personas.objects["activity"])
    stale = activity.lock_version
    signed_in(client, personas, "editor")
    target = url("activity-edit", personas, plan=activity.plan_id, activity=activity.pk)
    assert (
        client.post(target, activity_post(activity, responsible_unit="Their unit")).status_code
        == 302
    )
    response = client.post(
        target, activity_post(activity, responsible_unit="My unit", lock_version=stale)
    )
    html = response.content.decode()
    assert "<td>My unit</td><td>Their unit</td>" in html
    activity.refresh_from_db()
    assert activity.responsible_unit == "Their unit"


def test_activity_delete(client, personas):
    activity = Activity.objects.get(pk=personas.objects["activity"])
    signed_in(client, personas, "editor")
    target = url("activity-delete", personas, plan=activity.plan_id, activity=activity.pk)
    assert "Delete the activity “Aktivitet 1”?" in client.get(target).content.decode()
    assert client.post(target).status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_activity_page_of_a_published_plan_hides_history_from_the_public(client, personas):
    plan = the_plan(personas)
    plan.is_published = True
    plan.save()
    activity = Activity.objects.get(pk=personas.objects["activity"])
    html = client.get(activity.get_absolute_url()).content.decode()
    assert "<h1>Aktivitet 1</h1>" in html
    assert "Progress timeline" not in html and "History" not in html


def test_consultation_is_recorded_and_shown_on_the_plan(client, personas):
    plan = the_plan(personas)
    signed_in(client, personas, "editor")
    response = client.post(
        url("consultation-add", personas, plan=plan.pk),
        {"date": "2025-03-10", "consulted": "Pensioners' council", "summary": "Supportive"},
    )
    assert response.status_code == 302
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "Pensioners&#x27; council" in html
    response = client.post(
        url("consultation-add", personas, plan=plan.pk), {"date": "", "consulted": ""}
    )
    assert response.status_code == 200 and "This field is required." in response.content.decode()


# Dashboard and list ------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [10, 200])
def test_dashboard_shows_deadline_progress_attention_and_checklist(
    client, personas, django_assert_max_num_queries, count
):
    plan = the_plan(personas)
    fill_plan(plan, count)
    signed_in(client, personas, "viewer")
    # The first-run checklist adds a fixed handful of existence checks.
    with django_assert_max_num_queries(MAX_QUERIES + 10):
        response = client.get(url("dashboard", personas))
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"(due in|overdue by) \d+ days?", html)
    assert "Overdue activities" in html and "Activity 000" in html
    assert "Charter checklist" in html and "Consultation recorded" in html
    assert '<span class="badge danger">No</span>' in html
    assert f'href="/organisations/org-a/plans/{plan.pk}/coverage/"' in html


def test_dashboard_shows_a_provisional_deadline_for_a_recommended_commitment(client, personas):
    commitment = Commitment.objects.get(pk=personas.objects["commitment"])
    commitment.status = CommitmentStatus.RECOMMENDED
    commitment.decided_on = None
    commitment.save()
    CommitmentStepFactory(
        commitment=commitment,
        status=CommitmentStatus.RECOMMENDED,
        date=timezone.localdate() - timedelta(days=10),
    )
    html = signed_in(client, personas, "viewer").get(url("dashboard", personas)).content.decode()
    # The same words as the commitment page (charters/includes/deadline.html).
    assert re.search(r"Provisional deadline [^<]+, in 7[12][0-9] days\.", html)


def test_dashboard_and_commitment_page_say_the_same_of_a_passed_provisional_deadline(
    client, personas
):
    """Ragunda's case: recommended more than two years ago, not yet decided."""
    commitment = Commitment.objects.get(pk=personas.objects["commitment"])
    commitment.status = CommitmentStatus.RECOMMENDED
    commitment.decided_on = None
    commitment.save()
    CommitmentStepFactory(
        commitment=commitment,
        status=CommitmentStatus.RECOMMENDED,
        date=timezone.localdate() - timedelta(days=730 + 65),
    )
    client = signed_in(client, personas, "viewer")
    dashboard = client.get(url("dashboard", personas)).content.decode()
    page = client.get(commitment.get_absolute_url()).content.decode()
    for html in (dashboard, page):
        assert re.search(r"Provisional deadline [^<]+, passed 6[0-9] days ago\.", html)
        # The badge does not repeat the sentence's first word.
        assert '<span class="badge warn">Decision pending</span>' in html
        assert not re.search(r"Provisional</span>\s*Provisional", html)
        assert "The checklist applies once the decision to sign is taken" in html
        assert "due in" not in html


def test_dashboard_lists_progress_updates_newest_date_first(client, personas):
    plan = the_plan(personas)
    today = timezone.localdate()
    # Recorded in another order than their dates: a late record of an old update.
    for title, days_ago in [("Middle", 5), ("Newest", 1), ("Oldest", 30), ("Also newest", 1)]:
        ProgressUpdateFactory(
            activity=ActivityFactory(plan=plan, title=title), date=today - timedelta(days_ago)
        )
    html = signed_in(client, personas, "viewer").get(url("dashboard", personas)).text
    section = html.split('id="updates-heading"')[1]
    titles = re.findall(r'<a href="[^"]+/activities/\d+/">([^<]+)</a>', section)
    assert titles[:4] == ["Also newest", "Newest", "Middle", "Oldest"]


def test_dashboard_is_for_members_only(client, personas):
    assert (
        signed_in(client, personas, "outsider").get(url("dashboard", personas)).status_code == 404
    )


def test_list_shows_published_plans_to_the_public_and_tools_by_role(client, personas):
    ActionPlanFactory(organisation=personas.org_a, title="Published plan", is_published=True)
    html = client.get(url("list", personas)).content.decode()
    assert "Published plan" in html and "Handlingsplan" not in html and "New plan" not in html
    signed_in(client, personas, "editor")
    html = client.get(url("list", personas)).content.decode()
    assert "Handlingsplan" in html and "New plan" in html and "Deleted plans" not in html
    assert "Borttagen plan" not in html
    client.force_login(personas.user("admin"))
    assert "Deleted plans" in client.get(url("list", personas)).content.decode()


@pytest.mark.parametrize(
    "name", ["list", "dashboard", "detail", "timeline", "coverage", "edit", "create"]
)
def test_pages_render_in_swedish(client, personas, name):
    kwargs = (
        {"plan": personas.objects["plan"]}
        if name in {"detail", "timeline", "coverage", "edit"}
        else {}
    )
    signed_in(client, personas, "editor")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    response = client.get(url(name, personas, **kwargs))
    assert response.status_code == 200
    assert 'lang="sv"' in response.content.decode()


def test_empty_choices_are_translated(client, personas):
    signed_in(client, personas, "editor")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    html = client.get(url("create", personas)).content.decode()
    assert '<option value="">Välj …</option>' in html
    assert "Select an option" not in html


def test_edit_page_keeps_the_saved_title_in_heading_and_breadcrumbs_on_errors(client, personas):
    plan = the_plan(personas)
    response = signed_in(client, personas, "editor").post(
        url("edit", personas, plan=plan.pk), plan_post(plan, title="")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Edit Handlingsplan</h1>" in html
    assert "This field is required." in html


def test_dashboard_without_a_commitment_or_plan(client, personas):
    Commitment.objects.all().delete()
    ActionPlan.objects.all().delete()
    html = signed_in(client, personas, "editor").get(url("dashboard", personas)).content.decode()
    assert "No Charter commitment is recorded" in html
    assert "There is no plan yet." in html


def test_filtered_table_fragment_carries_the_bulk_forms_way_back(client, personas):
    plan = the_plan(personas)
    signed_in(client, personas, "editor")
    response = client.get(
        url("detail", personas, plan=plan.pk), {"status": "planned"}, HTTP_HX_REQUEST="true"
    )
    expected = (
        f'name="next" value="/organisations/org-a/plans/{plan.pk}/?status=planned" form="bulk-form"'
    )
    assert expected in response.content.decode()


def test_new_activity_form_preselects_the_goal_and_the_next_number(client, personas):
    plan = the_plan(personas)
    html = (
        signed_in(client, personas, "editor")
        .get(url("activity-create", personas, plan=plan.pk), {"goal": personas.objects["goal"]})
        .content.decode()
    )
    assert f'<option value="{personas.objects["goal"]}" selected>' in html
    assert 'name="order" value="2"' in html
    assert 'type="date"' in html


def _article_groups(html: str) -> list[tuple[str, list[str]]]:
    """(legend, [article ids]) of the "articles" field's groups, in page order."""
    field = html[html.index('id="id_articles"') :]
    field = field[: re.search(r"</fieldset>\s*</fieldset>", field).end()]
    groups = []
    for part in field.split('<fieldset class="choice-group">')[1:]:
        legend = re.search(r"<legend>(.*?)</legend>", part).group(1)
        groups.append((legend, re.findall(r'name="articles" value="(\d+)"', part)))
    return groups


@pytest.mark.parametrize("form", ["activity-create", "goal-create"])
def test_the_article_choices_show_the_plans_priorities_first(client, personas, form):
    plan = the_plan(personas)
    charter = plan.commitment.charter
    priorities = list(Article.objects.filter(charter=charter, number__in=[7, 3]))
    plan.priorities.set(priorities)
    html = (
        signed_in(client, personas, "editor")
        .get(url(form, personas, plan=plan.pk))
        .content.decode()
    )
    groups = _article_groups(html)
    legend, first = groups[0]
    assert legend == "The plan&#x27;s priorities"
    assert first == [str(a.pk) for a in sorted(priorities, key=lambda a: a.number)]
    rest = [pk for _legend, pks in groups[1:] for pk in pks]
    # Every other article of the plan's Charter text follows, once, by section.
    assert set(first).isdisjoint(rest)
    assert len(first) + len(rest) == Article.objects.filter(charter=charter).count()
    assert all(legend != "The plan&#x27;s priorities" for legend, _pks in groups[1:])


def test_without_priorities_the_article_choices_are_by_section_only(client, personas):
    plan = the_plan(personas)
    plan.priorities.clear()
    html = (
        signed_in(client, personas, "editor")
        .get(url("activity-create", personas, plan=plan.pk))
        .content.decode()
    )
    assert "The plan&#x27;s priorities" not in html
    first_article = Article.objects.filter(charter=plan.commitment.charter).order_by("number")[0]
    assert _article_groups(html)[0][1][0] == str(first_article.pk)


def test_a_priority_article_chosen_first_is_saved_with_the_activity(client, personas):
    plan = the_plan(personas)
    priority = Article.objects.get(charter=plan.commitment.charter, number=3)
    plan.priorities.set([priority])
    signed_in(client, personas, "editor")
    response = client.post(
        url("activity-create", personas, plan=plan.pk),
        {
            "order": 9,
            "title": "Prioriterad aktivitet",
            "timing": "ongoing",
            "status": "planned",
            "weight": 1,
            "articles": [priority.pk],
        },
    )
    assert response.status_code == 302
    assert list(Activity.objects.get(title="Prioriterad aktivitet").articles.all()) == [priority]


def test_viewer_cannot_open_the_progress_form(client, personas):
    response = signed_in(client, personas, "viewer").get(
        url(
            "activity-progress",
            personas,
            plan=personas.objects["plan"],
            activity=personas.objects["activity"],
        )
    )
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "peer"])
def test_a_published_plan_shows_no_private_names_in_the_table_or_the_filter(
    client, personas, persona
):
    """Vulnerability 2: "Erik Editor", not a public contact, stood in the Responsible column
    and in the Responsible filter of a published plan for anonymous visitors."""
    plan = the_plan(personas)
    plan.is_published = True
    plan.save()
    erik = PersonFactory(organisation=personas.org_a, name="Erik Editor", title="Utvecklare")
    ActivityFactory(plan=plan, title="Heltid som norm", responsible_person=erik)
    html = signed_in(client, personas, persona).get(url("detail", personas, plan=plan.pk))
    html = html.content.decode()
    assert "Heltid som norm" in html
    assert "Erik Editor" not in html
    assert "Utvecklare" in html  # the role stands in for the name
    # The hidden name is no choice of the filter, and searching it finds nothing.
    from equalocal.plans.selectors import activity_list

    assert not activity_list(plan, responsible="Erik", names_visible=False).exists()
    assert activity_list(plan, responsible="Erik", names_visible=True).exists()


def test_members_see_the_responsible_person_by_name(client, personas):
    plan = the_plan(personas)
    erik = PersonFactory(organisation=personas.org_a, name="Erik Editor", title="Utvecklare")
    ActivityFactory(plan=plan, title="Heltid som norm", responsible_person=erik)
    html = signed_in(client, personas, "viewer").get(url("detail", personas, plan=plan.pk))
    assert "Erik Editor" in html.content.decode()


def test_the_plan_form_offers_the_articles_of_the_commitments_charter_only(client, personas):
    plan = the_plan(personas)
    signed_in(client, personas, "editor")
    html = client.get(url("edit", personas, plan=plan.pk)).content.decode()
    checkboxes = html.count('name="priorities"')
    assert checkboxes == Article.objects.filter(charter=plan.commitment.charter).count()
    assert checkboxes < Article.objects.count()


def test_version_choices_tell_versions_apart(client, personas):
    plan = the_plan(personas)
    signed_in(client, personas, "editor")
    client.post(reverse("plans:new-version", kwargs={"org": "org-a", "plan": plan.pk}))
    newer = ActionPlan.objects.filter(previous_version=plan).get()
    html = client.get(url("compare", personas, plan=newer.pk)).content.decode()
    assert f"{plan.title} · version 1 · " in html and "2025–2026" in html


def test_an_activity_outside_the_plan_period_is_saved_with_a_warning(client, personas):
    plan = the_plan(personas)  # 2025-01-01 – 2026-12-31
    signed_in(client, personas, "editor")
    response = client.post(
        url("activity-create", personas, plan=plan.pk),
        {
            "order": 5,
            "title": "Efter planen",
            "timing": "dated",
            "start_date": "2027-02-01",
            "end_date": "2027-03-01",
            "status": "planned",
            "weight": 1,
        },
        follow=True,
    )
    assert Activity.objects.filter(title="Efter planen").exists()
    assert "fall outside the plan&#x27;s period" in response.content.decode()

"""Action plans, goals, activities and their progress updates.

Reads follow the pages: drafts are private to members, published plans are public, and
their activities' status and progress are public only when the organisation publishes its
progress. Writes call the same services as the forms, with the same optimistic locks.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from equalocal.organisations import permissions
from equalocal.organisations.permissions import Action
from equalocal.organisations.selectors import get_organisation_for_user
from equalocal.plans import services
from equalocal.plans.models import (
    DEFAULT_PROGRESS,
    ActionPlan,
    Activity,
    ActivityStatus,
    Goal,
    PlanKind,
    PlanStatus,
    ProgressUpdate,
    Timing,
)
from equalocal.plans.selectors import (
    activity_list,
    get_activity_for_user,
    get_goal_for_user,
    get_plan_for_user,
    goal_of,
    goals_of,
    plan_priorities,
    plan_progress,
    plans_of,
    progress_updates_of,
    progress_visible,
)

from .. import access
from ..auth import private, public
from ..errors import ERRORS, ApiError
from ..inputs import Input, Text
from ..pagination import DEFAULT_LIMIT, MAX_LIMIT, paginate

router = Router(tags=["plans"])

PlanKindName = Literal["charter", "operational", "other"]
PlanStatusName = Literal["draft", "consultation", "adopted", "superseded"]
ActivityStatusName = Literal["planned", "in_progress", "done", "delayed", "cancelled"]
TimingName = Literal["dated", "ongoing", "recurring"]

assert set(PlanKindName.__args__) == set(PlanKind.values)
assert set(PlanStatusName.__args__) == set(PlanStatus.values)
assert set(ActivityStatusName.__args__) == set(ActivityStatus.values)
assert set(TimingName.__args__) == set(Timing.values)


def _plan(request, slug: str, plan_id: int, action: Action = Action.VIEW) -> ActionPlan:
    plan = get_plan_for_user(request.user, slug, plan_id, action=action)
    if action != Action.VIEW:
        access.writing(request)
    return plan


def _progress_visible(request, plan: ActionPlan) -> bool:
    """Members see progress; others only where the organisation publishes it (the rule
    the plan pages follow too: ``plans.selectors.progress_visible``)."""
    return progress_visible(request.user, plan.organisation)


# Plans --------------------------------------------------------------------------------------


class PlanListItem(Schema):
    id: int
    title: str
    kind: str
    status: str
    version_number: int
    period_start: date | None
    period_end: date | None
    adopted_on: date | None
    is_published: bool
    updated_at: datetime


class PlanList(Schema):
    items: list[PlanListItem]
    next_cursor: str | None


class PlanFilters(Input):
    status: PlanStatusName | None = None
    kind: PlanKindName | None = None
    ordering: Literal["title", "-updated", "id"] = "id"
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


PLAN_ORDERINGS = {"title": "title", "-updated": "-updated_at", "id": "id"}


def _plan_item(plan: ActionPlan) -> dict:
    return {
        "id": plan.pk,
        "title": plan.title,
        "kind": plan.kind,
        "status": plan.status,
        "version_number": plan.version_number,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "adopted_on": plan.adopted_on,
        "is_published": plan.is_published,
        "updated_at": plan.updated_at,
    }


@router.get(
    "/organisations/{slug}/plans", response={200: PlanList, **ERRORS}, auth=public, url_name="plans"
)
def list_plans(request, slug: Text, filters: Query[PlanFilters]):
    """The organisation's plans: all of them for members, the published ones for others."""
    organisation = get_organisation_for_user(request.user, slug)
    rows = plans_of(
        organisation, user=request.user, status=filters.status or "", kind=filters.kind or ""
    )
    page = paginate(
        rows,
        ordering=filters.ordering,
        orderings=PLAN_ORDERINGS,
        cursor=filters.cursor,
        limit=filters.limit,
    )
    return {"items": [_plan_item(p) for p in page.items], "next_cursor": page.next_cursor}


class PlanDetail(Schema):
    id: int
    organisation: str
    title: str
    kind: str
    status: str
    version_number: int
    previous_version: int | None
    period_start: date | None
    period_end: date | None
    commitment: int | None
    adopted_by: str
    adopted_on: date | None
    adoption_case_number: str
    purpose: str
    resources: str
    budget: Decimal | None
    currency: str
    is_published: bool
    priorities: list[str]
    progress: int | None = Field(description="Weighted progress (%); null when not shown.")
    lock_version: int
    updated_at: datetime


def _plan_detail(request, plan: ActionPlan) -> dict:
    return {
        **_plan_item(plan),
        "organisation": plan.organisation.slug,
        "previous_version": plan.previous_version_id,
        "commitment": plan.commitment_id,
        "adopted_by": plan.adopted_by,
        "adoption_case_number": plan.adoption_case_number,
        "purpose": plan.purpose,
        "resources": plan.resources,
        "budget": plan.budget,
        "currency": plan.currency,
        "priorities": [f"{a.charter.code}:{a.number}" for a in plan_priorities(plan)],
        "progress": plan_progress(plan) if _progress_visible(request, plan) else None,
        "lock_version": plan.lock_version,
    }


@router.get(
    "/organisations/{slug}/plans/{plan_id}",
    response={200: PlanDetail, **ERRORS},
    auth=public,
    url_name="plan",
)
def get_plan(request, slug: Text, plan_id: int):
    """One plan; drafts and unpublished plans are private to members (404 for others)."""
    return _plan_detail(request, _plan(request, slug, plan_id))


class PlanCreate(Input):
    title: str = Field(min_length=1, max_length=300)
    kind: PlanKindName = "charter"
    status: PlanStatusName = "draft"
    period_start: date | None = None
    period_end: date | None = None
    adopted_by: str = Field("", max_length=200)
    adopted_on: date | None = None
    adoption_case_number: str = Field("", max_length=60)
    purpose: str = ""
    resources: str = ""
    budget: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: str = Field("SEK", max_length=3)
    is_published: bool = False


@router.post(
    "/organisations/{slug}/plans",
    response={201: PlanDetail, **ERRORS},
    auth=private,
    url_name="plan-create",
)
def create_plan(request, slug: Text, payload: PlanCreate):
    """Create a plan (editors and admins, with a token that may change data)."""
    organisation = access.organisation(request, slug, Action.EDIT)
    plan = ActionPlan(organisation=organisation, **payload.dict())
    services.plan_save(plan=plan, by=request.user)
    return Status(201, _plan_detail(request, _plan(request, slug, plan.pk)))


class PlanUpdate(Input):
    lock_version: int = Field(description="The lock_version read with the plan.")
    title: str | None = Field(None, min_length=1, max_length=300)
    kind: PlanKindName | None = None
    status: PlanStatusName | None = None
    period_start: date | None = None
    period_end: date | None = None
    adopted_by: str | None = Field(None, max_length=200)
    adopted_on: date | None = None
    adoption_case_number: str | None = Field(None, max_length=60)
    purpose: str | None = None
    resources: str | None = None
    budget: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: str | None = Field(None, max_length=3)
    is_published: bool | None = None


NOT_NULL_PLAN = {"title", "kind", "status", "adopted_by", "adoption_case_number", "purpose"}
NOT_NULL_PLAN |= {"resources", "currency", "is_published"}


def _apply(instance, changes: dict, not_null: set[str]) -> None:
    for name, value in changes.items():
        if value is None and name in not_null:
            raise ApiError(
                422,
                "invalid_input",
                _("The input is not valid."),
                {name: [_("This field cannot be null.")]},
            )
        setattr(instance, name, value)


@router.patch(
    "/organisations/{slug}/plans/{plan_id}",
    response={200: PlanDetail, **ERRORS},
    auth=private,
    url_name="plan-update",
)
def update_plan(request, slug: Text, plan_id: int, payload: PlanUpdate):
    """Change a plan; a stale ``lock_version`` gives 409 and changes nothing."""
    plan = _plan(request, slug, plan_id, Action.EDIT)
    changes = payload.dict(exclude_unset=True)
    expected = changes.pop("lock_version")
    _apply(plan, changes, NOT_NULL_PLAN)
    services.plan_save(plan=plan, by=request.user, expected_lock_version=expected)
    return _plan_detail(request, _plan(request, slug, plan.pk))


# Goals --------------------------------------------------------------------------------------


class GoalOut(Schema):
    id: int
    order: int
    title: str
    description: str
    articles: list[str]


class GoalList(Schema):
    items: list[GoalOut]


def _goal(goal: Goal) -> dict:
    return {
        "id": goal.pk,
        "order": goal.order,
        "title": goal.title,
        "description": goal.description,
        "articles": [f"{a.charter.code}:{a.number}" for a in goal.articles.all()],
    }


@router.get(
    "/organisations/{slug}/plans/{plan_id}/goals",
    response={200: GoalList, **ERRORS},
    auth=public,
    url_name="goals",
)
def list_goals(request, slug: Text, plan_id: int):
    """The plan's goals in order (tens per plan at most, so not paged)."""
    plan = _plan(request, slug, plan_id)
    return {"items": [_goal(g) for g in goals_of(plan)]}


class GoalCreate(Input):
    title: str = Field(min_length=1, max_length=400)
    description: str = ""
    order: int = Field(0, ge=0, le=32767, description="0 appends the goal after the others.")


@router.post(
    "/organisations/{slug}/plans/{plan_id}/goals",
    response={201: GoalOut, **ERRORS},
    auth=private,
    url_name="goal-create",
)
def create_goal(request, slug: Text, plan_id: int, payload: GoalCreate):
    """Add a goal to the plan."""
    plan = _plan(request, slug, plan_id, Action.EDIT)
    goal = services.goal_save(goal=Goal(plan=plan, **payload.dict()), by=request.user)
    return Status(201, _goal(get_goal_for_user(request.user, plan, goal.pk)))


# Activities ---------------------------------------------------------------------------------


class ActivityOut(Schema):
    id: int
    goal: int | None
    order: int
    title: str
    description: str
    responsible_unit: str
    responsible_person: str | None = Field(
        description="The person's name where the caller may see it, else null."
    )
    partners: str
    timing: str
    timing_note: str
    start_date: date | None
    end_date: date | None
    resources: str
    status: str | None = Field(description="Null when the organisation keeps progress private.")
    progress: int | None
    weight: int
    completed_on: date | None
    next_review_on: date | None
    comment: str
    articles: list[str]
    lock_version: int | None = Field(
        description="To send back with a change; null when the organisation keeps progress private."
    )
    updated_at: datetime | None = Field(
        description="Null when the organisation keeps progress private: it would tell when "
        "progress was recorded."
    )


class ActivityList(Schema):
    items: list[ActivityOut]
    next_cursor: str | None


def _activity(request, activity: Activity, *, progress_visible: bool) -> dict:
    person = activity.responsible_person
    return {
        "id": activity.pk,
        "goal": activity.goal_id,
        "order": activity.order,
        "title": activity.title,
        "description": activity.description,
        "responsible_unit": activity.responsible_unit,
        "responsible_person": (
            person.name if person and permissions.can_see_person(request.user, person) else None
        ),
        "partners": activity.partners,
        "timing": activity.timing,
        "timing_note": activity.timing_note,
        "start_date": activity.start_date,
        "end_date": activity.end_date,
        "resources": activity.resources,
        "status": activity.status if progress_visible else None,
        "progress": activity.progress if progress_visible else None,
        "weight": activity.weight,
        "completed_on": activity.completed_on if progress_visible else None,
        "next_review_on": activity.next_review_on,
        "comment": activity.comment,
        "articles": [f"{a.charter.code}:{a.number}" for a in activity.articles.all()],
        "lock_version": activity.lock_version if progress_visible else None,
        "updated_at": activity.updated_at if progress_visible else None,
    }


class ActivityFilters(Input):
    status: ActivityStatusName | None = None
    goal: int | None = None
    ordering: Literal["order", "title", "-updated", "id"] = "order"
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


ACTIVITY_ORDERINGS = {"order": "order", "title": "title", "-updated": "-updated_at", "id": "id"}


@router.get(
    "/organisations/{slug}/plans/{plan_id}/activities",
    response={200: ActivityList, **ERRORS},
    auth=public,
    url_name="activities",
)
def list_activities(request, slug: Text, plan_id: int, filters: Query[ActivityFilters]):
    """The plan's activities; filter by status (where progress is visible) and goal."""
    plan = _plan(request, slug, plan_id)
    visible = _progress_visible(request, plan)
    rows = activity_list(
        plan,
        status=filters.status or "",
        goal=filters.goal,
        status_visible=visible,
    )
    # Ordered by last change, a private plan would tell which activities moved lately.
    ordering = filters.ordering if visible or filters.ordering != "-updated" else "order"
    page = paginate(
        rows,
        ordering=ordering,
        orderings=ACTIVITY_ORDERINGS,
        cursor=filters.cursor,
        limit=filters.limit,
    )
    return {
        "items": [_activity(request, a, progress_visible=visible) for a in page.items],
        "next_cursor": page.next_cursor,
    }


def _get_activity(request, plan: ActionPlan, activity_id: int) -> Activity:
    return get_activity_for_user(request.user, plan, activity_id)


@router.get(
    "/organisations/{slug}/plans/{plan_id}/activities/{activity_id}",
    response={200: ActivityOut, **ERRORS},
    auth=public,
    url_name="activity",
)
def get_activity(request, slug: Text, plan_id: int, activity_id: int):
    """One activity of the plan."""
    plan = _plan(request, slug, plan_id)
    activity = _get_activity(request, plan, activity_id)
    return _activity(request, activity, progress_visible=_progress_visible(request, plan))


class ActivityCreate(Input):
    title: str = Field(min_length=1, max_length=400)
    goal: int | None = None
    description: str = ""
    responsible_unit: str = Field("", max_length=200)
    partners: str = Field("", max_length=300)
    timing: TimingName = "dated"
    timing_note: str = Field("", max_length=120)
    start_date: date | None = None
    end_date: date | None = None
    resources: str = Field("", max_length=300)
    status: ActivityStatusName = "planned"
    progress: int | None = Field(
        None, ge=0, le=100, description="Without it, the status's default progress."
    )
    weight: int = Field(1, ge=1, le=100)
    next_review_on: date | None = None
    comment: str = ""
    note: str = Field("", description="A note for the first progress update.")


def _goal_of(plan: ActionPlan, goal_id: int | None) -> Goal | None:
    if goal_id is None:
        return None
    goal = goal_of(plan, goal_id)
    if goal is None:
        raise ApiError(
            422,
            "invalid_input",
            _("The input is not valid."),
            {"goal": [_("The goal belongs to another plan.")]},
        )
    return goal


@router.post(
    "/organisations/{slug}/plans/{plan_id}/activities",
    response={201: ActivityOut, **ERRORS},
    auth=private,
    url_name="activity-create",
)
def create_activity(request, slug: Text, plan_id: int, payload: ActivityCreate):
    """Add an activity to the plan; its first progress update is recorded as on the page."""
    plan = _plan(request, slug, plan_id, Action.EDIT)
    data = payload.dict()
    note = data.pop("note")
    data["goal"] = _goal_of(plan, data.pop("goal"))
    if data["progress"] is None:
        data["progress"] = DEFAULT_PROGRESS[ActivityStatus(data["status"])]
    activity = services.activity_save(
        activity=Activity(plan=plan, **data), by=request.user, note=note
    )
    return Status(
        201, _activity(request, _get_activity(request, plan, activity.pk), progress_visible=True)
    )


class ActivityUpdate(Input):
    lock_version: int = Field(description="The lock_version read with the activity.")
    title: str | None = Field(None, min_length=1, max_length=400)
    goal: int | None = None
    description: str | None = None
    responsible_unit: str | None = Field(None, max_length=200)
    partners: str | None = Field(None, max_length=300)
    timing: TimingName | None = None
    timing_note: str | None = Field(None, max_length=120)
    start_date: date | None = None
    end_date: date | None = None
    resources: str | None = Field(None, max_length=300)
    status: ActivityStatusName | None = None
    progress: int | None = Field(None, ge=0, le=100)
    weight: int | None = Field(None, ge=1, le=100)
    next_review_on: date | None = None
    comment: str | None = None
    note: str = Field("", description="A note for the progress update this change records.")


NOT_NULL_ACTIVITY = {
    "title",
    "description",
    "responsible_unit",
    "partners",
    "timing",
    "timing_note",
    "resources",
    "status",
    "progress",
    "weight",
    "comment",
}


@router.patch(
    "/organisations/{slug}/plans/{plan_id}/activities/{activity_id}",
    response={200: ActivityOut, **ERRORS},
    auth=private,
    url_name="activity-update",
)
def update_activity(request, slug: Text, plan_id: int, activity_id: int, payload: ActivityUpdate):
    """Change an activity; a stale ``lock_version`` gives 409 and changes nothing. A new
    status without a progress figure takes the status's default progress."""
    plan = _plan(request, slug, plan_id, Action.EDIT)
    activity = _get_activity(request, plan, activity_id)
    changes = payload.dict(exclude_unset=True)
    expected = changes.pop("lock_version")
    note = changes.pop("note", "")
    if "goal" in changes:
        changes["goal"] = _goal_of(plan, changes["goal"])
    status = changes.get("status")
    if status and status != activity.status and "progress" not in changes:
        changes["progress"] = DEFAULT_PROGRESS[ActivityStatus(status)]
    _apply(activity, changes, NOT_NULL_ACTIVITY)
    services.activity_save(
        activity=activity, by=request.user, expected_lock_version=expected, note=note
    )
    return _activity(request, _get_activity(request, plan, activity.pk), progress_visible=True)


# Progress updates ---------------------------------------------------------------------------


class ProgressOut(Schema):
    id: int
    date: date
    status: str
    progress: int
    text: str
    created_at: datetime


class ProgressList(Schema):
    items: list[ProgressOut]
    next_cursor: str | None


class ProgressFilters(Input):
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def _update(update: ProgressUpdate) -> dict:
    return {
        "id": update.pk,
        "date": update.date,
        "status": update.status,
        "progress": update.progress,
        "text": update.text,
        "created_at": update.created_at,
    }


@router.get(
    "/organisations/{slug}/plans/{plan_id}/activities/{activity_id}/progress",
    response={200: ProgressList, **ERRORS},
    auth=public,
    url_name="progress",
)
def list_progress(
    request, slug: Text, plan_id: int, activity_id: int, filters: Query[ProgressFilters]
):
    """The activity's progress updates, newest first; private unless progress is published."""
    plan = _plan(request, slug, plan_id)
    if not _progress_visible(request, plan):
        raise ApiError(404, "not_found", _("Not found."))
    activity = _get_activity(request, plan, activity_id)
    page = paginate(
        progress_updates_of(activity),
        ordering="-created",
        orderings={"-created": "-created_at"},
        cursor=filters.cursor,
        limit=filters.limit,
    )
    return {"items": [_update(u) for u in page.items], "next_cursor": page.next_cursor}


class ProgressCreate(Input):
    status: ActivityStatusName
    progress: int | None = Field(
        None, ge=0, le=100, description="Without it, the status's default progress."
    )
    note: str = ""
    on: date | None = Field(None, description="The follow-up's date; today by default.")
    lock_version: int | None = Field(
        None, description="The activity's lock_version; when given, a stale one gives 409."
    )


@router.post(
    "/organisations/{slug}/plans/{plan_id}/activities/{activity_id}/progress",
    response={201: ActivityOut, **ERRORS},
    auth=private,
    url_name="progress-create",
)
def record_progress(request, slug: Text, plan_id: int, activity_id: int, payload: ProgressCreate):
    """Record progress: the activity's new status and progress, with a note."""
    plan = _plan(request, slug, plan_id, Action.EDIT)
    activity = _get_activity(request, plan, activity_id)
    services.activity_set_progress(
        activity=activity,
        status=payload.status,
        progress=payload.progress,
        note=payload.note,
        on=payload.on,
        by=request.user,
        expected_lock_version=payload.lock_version,
    )
    return Status(
        201, _activity(request, _get_activity(request, plan, activity.pk), progress_visible=True)
    )

"""Reads of plans and activities, their roll-ups and coverage, and the access helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import F, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from equalocal.charters.models import Article
from equalocal.organisations import permissions
from equalocal.organisations.selectors import EDIT, MANAGE, VIEW

from .models import Activity, ActivityStatus, ActionPlan, Goal, PlanKind, ProgressUpdate

_CHECKS = {VIEW: permissions.can_view_internal, EDIT: permissions.can_edit, MANAGE: permissions.can_manage}


def _check(user, organisation, action, *, published: bool = False):
    if action == VIEW and published:
        return
    if not permissions.can_view_internal(user, organisation):
        raise Http404
    if not _CHECKS[action](user, organisation):
        raise PermissionDenied


def get_plan_for_user(user, org_slug: str, plan_pk: int, *, action: str = VIEW, deleted: bool = False) -> ActionPlan:
    """A plan of the organisation: drafts are private to members (404 for others);
    published plans can be read by anyone; changing needs EDIT (403 below it)."""
    plans = ActionPlan.objects.deleted() if deleted else ActionPlan.objects.alive()
    plan = get_object_or_404(
        plans.select_related("organisation", "commitment__charter", "contact", "previous_version"),
        pk=plan_pk,
        organisation__slug=org_slug,
    )
    _check(user, plan.organisation, action, published=plan.is_published and not deleted)
    return plan


def get_goal_for_user(user, plan: ActionPlan, goal_pk: int) -> Goal:
    return get_object_or_404(Goal, pk=goal_pk, plan=plan)


def get_activity_for_user(user, plan: ActionPlan, activity_pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.select_related("goal", "responsible_person", "plan__organisation"),
        pk=activity_pk,
        plan=plan,
    )


def plans_of(organisation, *, user=None) -> QuerySet:
    """The organisation's live plans, newest first; only published ones for non-members."""
    plans = organisation.plans.alive().select_related("commitment__charter")
    if user is not None and not permissions.can_view_internal(user, organisation):
        plans = plans.filter(is_published=True)
    return plans.order_by("-period_start", "-version_number", "title")


def deleted_plans_of(organisation) -> QuerySet:
    return organisation.plans.deleted().order_by("-deleted_at")


# Progress roll-up -----------------------------------------------------------------------------


def weighted_progress(activities) -> int | None:
    """Weighted mean progress of the activities that count (cancelled ones do not)."""
    counted = [a for a in activities if a.status != ActivityStatus.CANCELLED]
    total_weight = sum(a.weight for a in counted)
    if not total_weight:
        return None
    return round(sum(a.progress * a.weight for a in counted) / total_weight)


@dataclass
class GoalProgress:
    goal: Goal | None
    activities: list = field(default_factory=list)

    @property
    def progress(self):
        return weighted_progress(self.activities)


@dataclass
class PlanSummary:
    plan: ActionPlan
    goals: list[GoalProgress]
    activities: list
    today: date

    @property
    def progress(self):
        return weighted_progress(self.activities)

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        counts = {value: 0 for value in ActivityStatus.values}
        for activity in self.activities:
            counts[activity.status] += 1
        return [(value, label, counts[value]) for value, label in ActivityStatus.choices]

    @property
    def overdue(self):
        return [a for a in self.activities if a.is_overdue(self.today)]

    @property
    def due_for_review(self):
        horizon = self.today + timedelta(days=14)
        return [a for a in self.activities if a.next_review_on and a.next_review_on <= horizon
                and a.status not in {ActivityStatus.DONE, ActivityStatus.CANCELLED}]


def plan_summary(plan: ActionPlan, *, today: date) -> PlanSummary:
    """Goals with their activities and roll-ups, in a fixed number of queries."""
    activities = list(
        plan.activities.select_related("goal", "responsible_person").prefetch_related("articles")
    )
    goals = list(plan.goals.prefetch_related("articles", "reference_goals"))
    by_goal = {goal.pk: GoalProgress(goal=goal) for goal in goals}
    loose = GoalProgress(goal=None)
    for activity in activities:
        by_goal.get(activity.goal_id, loose).activities.append(activity)
    rows = list(by_goal.values()) + ([loose] if loose.activities else [])
    return PlanSummary(plan=plan, goals=rows, activities=activities, today=today)


# The plan page's activity list ------------------------------------------------------------------

SORTS = {
    "order": ("order", "pk"),
    "title": ("title", "pk"),
    "status": ("status", "order"),
    "end": ("end_date", "order"),
    "-end": ("-end_date", "order"),
    "progress": ("progress", "order"),
    "-progress": ("-progress", "order"),
    "responsible": ("responsible_unit", "responsible_person__name", "order"),
}


def activity_list(plan: ActionPlan, *, status="", goal=None, article=None, responsible="", sort="order") -> QuerySet:
    """Activities of the plan, filtered and sorted; a fixed number of queries."""
    activities = plan.activities.select_related("goal", "responsible_person").prefetch_related(
        Prefetch("articles", queryset=Article.objects.only("id", "number"))
    )
    if status:
        activities = activities.filter(status=status)
    if goal:
        activities = activities.filter(goal_id=goal)
    if article:
        activities = activities.filter(articles__number=article)
    if responsible:
        activities = activities.filter(
            Q(responsible_unit__icontains=responsible) | Q(responsible_person__name__icontains=responsible)
        )
    return activities.order_by(*SORTS.get(sort, SORTS["order"])).distinct()


def responsible_names(plan: ActionPlan) -> list[str]:
    names = set(plan.activities.exclude(responsible_unit="").values_list("responsible_unit", flat=True))
    names |= set(plan.activities.filter(responsible_person__isnull=False).values_list("responsible_person__name", flat=True))
    return sorted(names)


# Coverage -----------------------------------------------------------------------------------------


@dataclass
class CoverageRow:
    article: Article
    prioritised: bool
    goals: list
    activities: list

    @property
    def gap(self) -> bool:
        """A priority article that no activity works on."""
        return self.prioritised and not self.activities


def plan_coverage(plan: ActionPlan, summary: PlanSummary | None = None) -> list[CoverageRow]:
    """Charter articles against the plan's goals and activities (the plan's Charter text)."""
    summary = summary or plan_summary(plan, today=date.today())
    priorities = set(plan.priorities.values_list("pk", flat=True))
    charter_id = plan.commitment.charter_id if plan.commitment_id else None
    articles = Article.objects.order_by("number")
    if charter_id:
        articles = articles.filter(charter_id=charter_id)
    else:
        articles = articles.filter(charter__is_current=True)
    goals_by_article, activities_by_article = {}, {}
    for row in summary.goals:
        if row.goal is not None:
            for article in row.goal.articles.all():
                goals_by_article.setdefault(article.number, []).append(row.goal)
    for activity in summary.activities:
        for article in activity.articles.all():
            activities_by_article.setdefault(article.number, []).append(activity)
    priority_numbers = set(Article.objects.filter(pk__in=priorities).values_list("number", flat=True))
    return [
        CoverageRow(
            article=article,
            prioritised=article.number in priority_numbers,
            goals=goals_by_article.get(article.number, []),
            activities=activities_by_article.get(article.number, []),
        )
        for article in articles
    ]


# Timeline -----------------------------------------------------------------------------------------


@dataclass
class TimelineBar:
    activity: Activity
    offset: float  # percent of the period from the left
    width: float


def plan_timeline(plan: ActionPlan, activities) -> tuple[date | None, date | None, list[TimelineBar], list[date]]:
    """Bars for dated activities across the plan's period (or the activities' span), by month."""
    dated = [a for a in activities if a.start_date or a.end_date]
    starts = [a.start_date or a.end_date for a in dated]
    ends = [a.end_date or a.start_date for a in dated]
    # The range covers the plan's period and every activity, so no bar falls outside it.
    first = min([d for d in [plan.period_start, *starts] if d], default=None)
    last = max([d for d in [plan.period_end, *ends] if d], default=None)
    if first is None or last is None or last <= first:
        return first, last, [], []
    span = (last - first).days or 1
    bars = []
    for activity in dated:
        start = max(activity.start_date or activity.end_date, first)
        end = min(activity.end_date or activity.start_date, last)
        width = min(max((end - start).days / span * 100, 1.5), 100)
        # A short bar at the very end keeps its minimum width inside the range.
        offset = min((start - first).days / span * 100, 100 - width)
        bars.append(TimelineBar(activity=activity, offset=round(offset, 2), width=round(width, 2)))
    months, cursor = [], date(first.year, first.month, 1)
    while cursor <= last and len(months) < 60:
        months.append(cursor)
        cursor = date(cursor.year + (cursor.month // 12), cursor.month % 12 + 1, 1)
    return first, last, bars, months


# Dashboard -------------------------------------------------------------------------------------


def current_plan(organisation) -> ActionPlan | None:
    """The plan the organisation works with now: the newest adopted Charter plan, else the newest."""
    plans = list(
        organisation.plans.alive().order_by(
            F("adopted_on").desc(nulls_last=True), F("period_start").desc(nulls_last=True), "-version_number"
        )[:20]
    )
    adopted = [p for p in plans if p.status == "adopted" and p.kind == PlanKind.CHARTER]
    return (adopted or [p for p in plans if p.status != "superseded"] or plans or [None])[0]


def recent_updates(organisation, *, limit: int = 8):
    return list(
        ProgressUpdate.objects.filter(activity__plan__organisation=organisation, activity__plan__deleted_at=None)
        .select_related("activity__plan", "by")
        .order_by("-created_at")[:limit]
    )


def last_progress_on(plans) -> date | None:
    return ProgressUpdate.objects.filter(activity__plan__in=plans).aggregate(latest=Max("date"))["latest"]


@dataclass
class Dashboard:
    organisation: object
    commitment: object
    deadline: object
    checklist: list
    plan: ActionPlan | None
    summary: PlanSummary | None
    coverage: list
    updates: list


def organisation_dashboard(organisation, *, today: date) -> Dashboard:
    """Everything the organisation's dashboard shows, in a bounded number of queries."""
    from equalocal.charters.compliance import compliance_checklist
    from equalocal.charters.deadlines import DeadlineState
    from equalocal.charters.selectors import active_commitment

    commitment = active_commitment(organisation)
    charter_plans = list(
        organisation.plans.alive()
        .filter(kind=PlanKind.CHARTER)
        .prefetch_related("goals", "activities", "consultations")
        .order_by(F("adopted_on").desc(nulls_last=True), F("period_start").desc(nulls_last=True))
    )
    plan = current_plan(organisation)
    summary = plan_summary(plan, today=today) if plan else None
    deadline = checklist = None
    if commitment is not None:
        adopted = [p.adopted_on for p in charter_plans if p.adopted_on]
        deadline = DeadlineState(
            deadline=commitment.plan_deadline, plan_adopted_on=min(adopted) if adopted else None, today=today
        )
        checklist = compliance_checklist(
            commitment=commitment,
            plans=charter_plans,
            last_progress_on=last_progress_on(charter_plans),
            today=today,
        )
    return Dashboard(
        organisation=organisation,
        commitment=commitment,
        deadline=deadline,
        checklist=checklist or [],
        plan=plan,
        summary=summary,
        coverage=plan_coverage(plan, summary) if plan else [],
        updates=recent_updates(organisation),
    )

"""Reads of plans and activities, their roll-ups and coverage, and the access helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection
from django.db.models import F, Max, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from equalocal.charters.compliance import CharterPlans
from equalocal.charters.models import Article
from equalocal.charters.selectors import CommitmentOverview, active_commitment, commitment_overview
from equalocal.core.fragments import version_rows
from equalocal.core.values import instance_value
from equalocal.organisations import permissions
from equalocal.organisations.models import Person, Shared
from equalocal.organisations.permissions import Action

from .models import (
    ACTIVITY_EDITABLE_FIELDS,
    PLAN_EDITABLE_FIELDS,
    ActionPlan,
    Activity,
    ActivityStatus,
    Goal,
    PlanKind,
    ProgressUpdate,
    Timing,
)

# Articles as "code:number" need their Charter text: one query for all of them.
ARTICLES = Prefetch("articles", queryset=Article.objects.select_related("charter"))


def _check(user, organisation, action, *, published: bool = False):
    permissions.require(user, organisation, action, public=published)


def get_plan_for_user(
    user, org_slug: str, plan_pk: int, *, action: str = Action.VIEW, deleted: bool = False
) -> ActionPlan:
    """A plan of the organisation: drafts are private to members (404 for others);
    published plans can be read by anyone; changing needs Action.EDIT (403 below it)."""
    plans = ActionPlan.objects.deleted() if deleted else ActionPlan.objects.alive()
    plan = get_object_or_404(
        plans.select_related("organisation", "commitment__charter", "contact", "previous_version"),
        pk=plan_pk,
        organisation__slug=org_slug,
    )
    _check(user, plan.organisation, action, published=plan.is_published and not deleted)
    return plan


def progress_published(organisation) -> bool:
    """Whether the organisation makes the progress of its published plans public (its
    publishing setting, off by default): what anyone, signed in or not, may see."""
    return permissions.published(organisation, Shared.PROGRESS)


def progress_visible(user, organisation) -> bool:
    """The one rule for plan progress: the activities' statuses and progress, their roll-ups
    and everything derived from them (counts per status, overdue, completion dates).

    Members of the organisation (any role) and staff see it; anyone else, a member of
    another organisation or of the same network included, only where the organisation
    publishes it (``progress_published``). Pages, exports and the API alike.
    """
    if permissions.can_view_internal(user, organisation):
        return True
    return progress_published(organisation)


def get_goal_for_user(user, plan: ActionPlan, goal_pk: int) -> Goal:
    return get_object_or_404(Goal.objects.prefetch_related(ARTICLES), pk=goal_pk, plan=plan)


def get_activity_for_user(user, plan: ActionPlan, activity_pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.select_related(
            "goal", "responsible_person", "plan__organisation"
        ).prefetch_related(ARTICLES),
        pk=activity_pk,
        plan=plan,
    )


def goal_of(plan: ActionPlan, goal_pk: int) -> Goal | None:
    """A goal of the plan, or None (an input to check: another plan's goal is refused)."""
    return plan.goals.filter(pk=goal_pk).first()


def goals_of(plan: ActionPlan) -> QuerySet:
    """The plan's goals in order, with their articles."""
    return plan.goals.prefetch_related(ARTICLES).order_by("order", "pk")


def plan_priorities(plan: ActionPlan) -> list[Article]:
    """The articles the plan gives priority to, with their Charter text."""
    return list(plan.priorities.select_related("charter"))


def plan_progress(plan: ActionPlan | None) -> int | None:
    """The plan's weighted progress (None without a plan or activities)."""
    if plan is None:
        return None
    return weighted_progress(plan.activities.only("id", "status", "progress", "weight"))


def progress_updates_of(activity: Activity) -> QuerySet:
    """The activity's progress updates."""
    return activity.updates.all()


def plans_of(organisation, *, user=None, status: str = "", kind: str = "") -> QuerySet:
    """The organisation's live plans, newest first; only published ones for non-members.
    ``status`` and ``kind`` keep the plans in them."""
    plans = organisation.plans.alive().select_related("commitment__charter")
    if user is not None and not permissions.can_view_internal(user, organisation):
        plans = plans.filter(is_published=True)
    if status:
        plans = plans.filter(status=status)
    if kind:
        plans = plans.filter(kind=kind)
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
        counts = dict.fromkeys(ActivityStatus.values, 0)
        for activity in self.activities:
            counts[activity.status] += 1
        return [(value, label, counts[value]) for value, label in ActivityStatus.choices]

    @property
    def overdue(self):
        return [a for a in self.activities if a.is_overdue(self.today)]

    @property
    def due_for_review(self):
        horizon = self.today + timedelta(days=14)
        return [
            a
            for a in self.activities
            if a.next_review_on
            and a.next_review_on <= horizon
            and a.status not in {ActivityStatus.DONE, ActivityStatus.CANCELLED}
        ]


# What the roll-ups read of an activity (plan_summary with ``details=False``).
ROLL_UP_FIELDS = ("id", "plan_id", "goal_id", "status", "progress", "weight", "end_date")
ROLL_UP_FIELDS += ("next_review_on",)


def plan_summary(
    plan: ActionPlan, *, today: date, reference_goals: bool = True, details: bool = True
) -> PlanSummary:
    """Goals with their activities and roll-ups, in a fixed number of queries.

    ``reference_goals=False`` leaves out the goals' higher-level goals, and
    ``details=False`` reads of the activities only what the roll-ups need (no goal,
    person or articles), for pages that do not show them.
    """
    activities = plan.activities.all()
    if details:
        activities = activities.select_related("goal", "responsible_person").prefetch_related(
            "articles"
        )
    else:
        activities = activities.only(*ROLL_UP_FIELDS)
    activities = list(activities)
    goals = plan.goals.prefetch_related("articles")
    if reference_goals:
        goals = goals.prefetch_related("reference_goals")
    goals = list(goals)
    by_goal = {goal.pk: GoalProgress(goal=goal) for goal in goals}
    loose = GoalProgress(goal=None)
    for activity in activities:
        by_goal.get(activity.goal_id, loose).activities.append(activity)
    rows = list(by_goal.values()) + ([loose] if loose.activities else [])
    return PlanSummary(plan=plan, goals=rows, activities=activities, today=today)


def plan_version(plan: ActionPlan) -> str:
    """A fingerprint of what the plan's activity rows show, in one query: it changes when
    an activity, a goal, an activity's articles or a responsible person is added, changed or
    removed (services save each object: ``updated_at``, ``lock_version``, history dates).

    Plain SQL over the models' own tables: built with the ORM, the query took longer to
    compose than to run, on every view of the page."""
    table = {
        "activity": Activity._meta.db_table,
        "goal": Goal._meta.db_table,
        "goal_history": Goal.history.model._meta.db_table,
        "links": Activity.articles.through._meta.db_table,
        "person": Person._meta.db_table,
    }
    table = {name: connection.ops.quote_name(value) for name, value in table.items()}
    # Only table names go into the text; the plan's id is a parameter.
    sql = (  # noqa: S608
        "SELECT 1, COUNT(*), MAX(updated_at), SUM(lock_version) FROM {activity} WHERE plan_id = %s"
        " UNION ALL SELECT 2, COUNT(*), NULL, NULL FROM {goal} WHERE plan_id = %s"
        " UNION ALL SELECT 3, COUNT(*), MAX(history_date), NULL FROM {goal_history}"
        " WHERE plan_id = %s"
        " UNION ALL SELECT 4, COUNT(*), NULL, NULL FROM {links} l JOIN {activity} a"
        " ON a.id = l.activity_id WHERE a.plan_id = %s"
        " UNION ALL SELECT 5, COUNT(*), MAX(updated_at), NULL FROM {person} WHERE id IN"
        " (SELECT responsible_person_id FROM {activity} WHERE plan_id = %s)"
    ).format(**table)
    rows = version_rows(sql, [plan.pk] * 5)
    return "|".join([str(plan.updated_at)] + [":".join(map(str, row)) for row in rows])


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

# The sorts that would reveal the statuses or progress the viewer may not see.
PROGRESS_SORTS = frozenset({"status", "progress", "-progress"})


def activity_list(
    plan: ActionPlan,
    *,
    status="",
    goal=None,
    article=None,
    responsible="",
    sort="order",
    names_visible: bool = True,
    status_visible: bool = True,
) -> QuerySet:
    """Activities of the plan, filtered and sorted; a fixed number of queries.

    Where the viewer may not see progress (``status_visible`` false), a status filter
    matches nothing and sorting by status or progress keeps the plan's order: filtering or
    sorting must not reveal the statuses.
    """
    activities = plan.activities.select_related("goal", "responsible_person").prefetch_related(
        ARTICLES
    )
    if status and not status_visible:
        return activities.none()
    if status:
        activities = activities.filter(status=status)
    if goal:
        activities = activities.filter(goal_id=goal)
    if article:
        activities = activities.filter(articles__number=article)
    if responsible:
        # Names are searched only where they may be seen: a filter must not reveal them.
        person_match = Q(responsible_person__name__icontains=responsible)
        if not names_visible:
            person_match &= Q(responsible_person__is_public_contact=True)
        activities = activities.filter(Q(responsible_unit__icontains=responsible) | person_match)
    if not status_visible and sort in PROGRESS_SORTS:
        sort = "order"
    order = SORTS.get(sort, SORTS["order"])
    if not names_visible:
        # Sorting by hidden names would reveal their order.
        order = tuple(key for key in order if key != "responsible_person__name")
    return activities.order_by(*order).distinct()


def responsible_names(plan: ActionPlan, *, user) -> list[str]:
    """The units and people responsible for the plan's activities, for the filter.

    People appear by name only where the user may see them (the gate's ``can_see_person``):
    members of the plan's organisation see every name, others only public contacts'.
    """
    names = set(
        plan.activities.exclude(responsible_unit="").values_list("responsible_unit", flat=True)
    )
    people = Person.objects.filter(activities__plan=plan).distinct()
    names |= {person.name for person in people if permissions.can_see_person(user, person)}
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
    priority_numbers = set(plan.priorities.values_list("number", flat=True))
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


def plan_timeline(
    plan: ActionPlan, activities
) -> tuple[date | None, date | None, list[TimelineBar], list[date]]:
    """Bars for dated activities across the plan's period (or the activities' span), by month.

    Only activities timed by dates get a bar; ongoing and recurring ones are listed apart,
    even when they carry dates (those say when they started, not a span of work).
    """
    dated = [a for a in activities if a.timing == Timing.DATED and (a.start_date or a.end_date)]
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
        organisation.plans.alive()
        .select_related("commitment")
        .order_by(
            F("adopted_on").desc(nulls_last=True),
            F("period_start").desc(nulls_last=True),
            "-version_number",
        )[:20]
    )
    adopted = [p for p in plans if p.status == "adopted" and p.kind == PlanKind.CHARTER]
    return (adopted or [p for p in plans if p.status != "superseded"] or plans or [None])[0]


def recent_updates(organisation, *, limit: int = 8):
    return list(
        ProgressUpdate.objects.filter(
            activity__plan__organisation=organisation, activity__plan__deleted_at=None
        )
        .select_related("activity__plan", "by")
        .order_by("-date", "-created_at", "-pk")[:limit]
    )


def last_progress_on(plans) -> date | None:
    return ProgressUpdate.objects.filter(activity__plan__in=plans).aggregate(latest=Max("date"))[
        "latest"
    ]


@dataclass
class Dashboard:
    organisation: object
    commitment: object
    overview: CommitmentOverview | None  # the commitment's deadline and Part II checklist
    plan: ActionPlan | None
    summary: PlanSummary | None
    coverage: list
    updates: list
    today: date | None = None

    @property
    def coverage_counts(self) -> dict[str, int]:
        """Articles covered by a goal or activity, prioritised, and prioritised without an activity."""
        return {
            "covered": sum(1 for row in self.coverage if row.activities or row.goals),
            "prioritised": sum(1 for row in self.coverage if row.prioritised),
            "gaps": sum(1 for row in self.coverage if row.gap),
        }


def charter_plans(organisation) -> CharterPlans:
    """The organisation's live Charter action plans with what the checklist reads (provided to
    the charters app through ``core.registry``, registered in ``apps.py``)."""
    plans = list(
        organisation.plans.alive()
        .filter(kind=PlanKind.CHARTER)
        .prefetch_related("goals", "activities", "consultations")
        .order_by(
            F("adopted_on").desc(nulls_last=True), F("period_start").desc(nulls_last=True), "-pk"
        )
    )
    return CharterPlans(plans=plans, last_progress_on=last_progress_on(plans) if plans else None)


def organisation_plans_version(organisation) -> str:
    """A fingerprint of what the organisation's dashboard reads, in one query: it changes when
    one of its plans, goals, activities (and their articles), progress updates,
    consultations, commitments and their steps, or people is added, changed or removed.
    Plain SQL over the models' own tables, as :func:`plan_version`."""
    from equalocal.charters.models import Commitment, CommitmentStep

    from .models import Consultation

    quote = connection.ops.quote_name
    table = {
        "plan": ActionPlan._meta.db_table,
        "activity": Activity._meta.db_table,
        "goal": Goal._meta.db_table,
        "goal_history": Goal.history.model._meta.db_table,
        "activity_links": Activity.articles.through._meta.db_table,
        "goal_links": Goal.articles.through._meta.db_table,
        "update": ProgressUpdate._meta.db_table,
        "consultation": Consultation.history.model._meta.db_table,
        "commitment": Commitment._meta.db_table,
        "step": CommitmentStep._meta.db_table,
        "person": Person._meta.db_table,
    }
    table = {name: quote(value) for name, value in table.items()}
    plans = "SELECT id FROM {plan} WHERE organisation_id = %s".format(**table)  # noqa: S608
    activities = f"SELECT id FROM {table['activity']} WHERE plan_id IN ({plans})"  # noqa: S608
    # Only table names go into the text; the organisation's id is a parameter.
    parts = [
        "SELECT 1, COUNT(*), MAX(updated_at), SUM(lock_version) FROM {plan}"
        " WHERE organisation_id = %s",
        "SELECT 2, COUNT(*), MAX(updated_at), SUM(lock_version) FROM {activity}"
        " WHERE plan_id IN ({plans})",
        "SELECT 3, COUNT(*), MAX(history_date), NULL FROM {goal_history} WHERE plan_id IN ({plans})",
        "SELECT 4, COUNT(*), NULL, NULL FROM {activity_links} WHERE activity_id IN ({activities})",
        "SELECT 5, COUNT(*), NULL, NULL FROM {goal_links} WHERE goal_id IN"
        " (SELECT id FROM {goal} WHERE plan_id IN ({plans}))",
        "SELECT 11, COUNT(*), NULL, NULL FROM {goal} WHERE plan_id IN ({plans})",
        "SELECT 6, COUNT(*), MAX(created_at), NULL FROM {update}"
        " WHERE activity_id IN ({activities})",
        "SELECT 7, COUNT(*), MAX(history_date), NULL FROM {consultation}"
        " WHERE plan_id IN ({plans})",
        "SELECT 8, COUNT(*), MAX(updated_at), SUM(lock_version) FROM {commitment}"
        " WHERE organisation_id = %s",
        "SELECT 9, COUNT(*), NULL, MAX(id) FROM {step} WHERE commitment_id IN"
        " (SELECT id FROM {commitment} WHERE organisation_id = %s)",
        "SELECT 10, COUNT(*), MAX(updated_at), NULL FROM {person} WHERE organisation_id = %s",
    ]
    sql = " UNION ALL ".join(parts).format(plans=plans, activities=activities, **table)
    rows = version_rows(sql, [organisation.pk] * sql.count("%s"))
    return "|".join([str(organisation.updated_at)] + [":".join(map(str, row)) for row in rows])


def organisation_dashboard(organisation, *, today: date) -> Dashboard:
    """Everything the organisation's dashboard shows, in a bounded number of queries."""
    commitment = active_commitment(organisation)
    plan = current_plan(organisation)
    summary = plan_summary(plan, today=today, reference_goals=False) if plan else None
    overview = (
        commitment_overview(commitment, today=today, plans=charter_plans(organisation))
        if commitment is not None
        else None
    )
    return Dashboard(
        organisation=organisation,
        commitment=commitment,
        overview=overview,
        plan=plan,
        summary=summary,
        coverage=plan_coverage(plan, summary) if plan else [],
        updates=recent_updates(organisation),
        today=today,
    )


# Views of the plan: timeline months, coverage matrix, list progress ------------------------------


@dataclass
class TimelineMonth:
    start: date
    offset: float  # percent of the range from the left
    width: float

    @property
    def starts_quarter(self) -> bool:
        """January, April, July or October: the months labelled on a narrow screen."""
        return self.start.month % 3 == 1


def timeline_years(months: list[TimelineMonth]) -> list[TimelineMonth]:
    """The years the months fall in, each spanning its months: the row above the months."""
    years: list[TimelineMonth] = []
    for month in months:
        if years and years[-1].start.year == month.start.year:
            years[-1].width = round(years[-1].width + month.width, 2)
        else:
            years.append(TimelineMonth(start=month.start, offset=month.offset, width=month.width))
    return years


def timeline_months(
    first: date | None, last: date | None, months: list[date]
) -> list[TimelineMonth]:
    """The month columns of the timeline, placed on the same scale as its bars."""
    if not months or first is None or last is None or last <= first:
        return []
    span = (last - first).days or 1
    columns = []
    for index, month in enumerate(months):
        following = months[index + 1] if index + 1 < len(months) else last
        start, end = max(month, first), min(following, last)
        columns.append(
            TimelineMonth(
                start=month,
                offset=round((start - first).days / span * 100, 2),
                width=round(max((end - start).days, 0) / span * 100, 2),
            )
        )
    return columns


@dataclass
class CoverageCell:
    goal: Goal
    linked: bool  # the goal itself names the article
    activities: list


def coverage_matrix(
    rows: list[CoverageRow], goals: list[Goal]
) -> list[tuple[CoverageRow, list[CoverageCell]]]:
    """Each coverage row with one cell per goal: the goal names the article, and its activities that do."""
    matrix = []
    for row in rows:
        goal_ids = {goal.pk for goal in row.goals}
        cells = [
            CoverageCell(
                goal=goal,
                linked=goal.pk in goal_ids,
                activities=[a for a in row.activities if a.goal_id == goal.pk],
            )
            for goal in goals
        ]
        matrix.append((row, cells))
    return matrix


def plans_with_progress(plans) -> list[tuple[ActionPlan, int | None, int]]:
    """Plans with their rolled-up progress and number of activities, in two queries."""
    plans = list(
        plans.prefetch_related(
            Prefetch(
                "activities",
                queryset=Activity.objects.only("id", "plan_id", "status", "progress", "weight"),
            )
        )
    )
    return [
        (plan, weighted_progress(plan.activities.all()), len(plan.activities.all()))
        for plan in plans
    ]


def plan_articles(plan: ActionPlan) -> QuerySet:
    """Articles the plan's goals and activities can name: its commitment's Charter text, else the current one."""
    articles = Article.objects.select_related("section", "charter").order_by("number")
    if plan.commitment_id:
        return articles.filter(charter_id=plan.commitment.charter_id)
    return articles.filter(charter__is_current=True)


def charter_articles(charter) -> QuerySet:
    """The articles of one Charter text (the current text when ``charter`` is None)."""
    articles = Article.objects.select_related("section", "charter").order_by("number")
    if charter is None:
        return articles.filter(charter__is_current=True)
    return articles.filter(charter=charter)


def reference_goals_for(organisation) -> QuerySet:
    """Shared reference goals (national sub-goals) and the organisation's own goal sets."""
    from .models import ReferenceGoal

    return (
        ReferenceGoal.objects.select_related("goal_set")
        .filter(Q(goal_set__owner__isnull=True) | Q(goal_set__owner=organisation))
        .order_by("goal_set__code", "number")
    )


# Versions and their comparison ------------------------------------------------------------------


def plan_versions(plan: ActionPlan) -> list[ActionPlan]:
    """The live versions of the plan's chain, oldest first (one query per version)."""
    chain, seen = [plan], {plan.pk}
    cursor = plan
    while cursor.previous_version_id and cursor.previous_version_id not in seen:
        cursor = ActionPlan.objects.filter(pk=cursor.previous_version_id).first()
        if cursor is None:
            break
        seen.add(cursor.pk)
        chain.insert(0, cursor)
    cursor = plan
    while True:
        cursor = ActionPlan.objects.filter(previous_version=cursor).first()
        if cursor is None or cursor.pk in seen:
            break
        seen.add(cursor.pk)
        chain.append(cursor)
    return [version for version in chain if version.deleted_at is None]


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class ItemChange:
    title: str
    fields: list[FieldChange]


@dataclass
class PlanComparison:
    old: ActionPlan
    new: ActionPlan
    fields: list[FieldChange]
    goals_added: list[Goal]
    goals_removed: list[Goal]
    goals_changed: list[ItemChange]
    activities_added: list[Activity]
    activities_removed: list[Activity]
    activities_changed: list[ItemChange]

    @property
    def has_changes(self) -> bool:
        return any(
            [
                self.fields,
                self.goals_added,
                self.goals_removed,
                self.goals_changed,
                self.activities_added,
                self.activities_removed,
                self.activities_changed,
            ]
        )


PLAN_COMPARED = PLAN_EDITABLE_FIELDS
GOAL_COMPARED = ["description", "articles", "reference_goals"]
ACTIVITY_COMPARED = [name for name in ACTIVITY_EDITABLE_FIELDS if name not in ("order", "title")]


def _field_changes(old, new, names) -> list[FieldChange]:
    changes = []
    for name in names:
        before, after = instance_value(old, name), instance_value(new, name)
        if before != after:
            label = str(type(old)._meta.get_field(name).verbose_name)
            changes.append(FieldChange(label=label[:1].upper() + label[1:], old=before, new=after))
    return changes


def _match_by_title(old_items, new_items, names):
    """Pair items with the same title (in order when titles repeat); the rest are added or removed."""
    unmatched: dict[str, list] = {}
    for item in old_items:
        unmatched.setdefault(item.title.strip().casefold(), []).append(item)
    added, changed = [], []
    for item in new_items:
        candidates = unmatched.get(item.title.strip().casefold())
        if not candidates:
            added.append(item)
            continue
        fields = _field_changes(candidates.pop(0), item, names)
        if fields:
            changed.append(ItemChange(title=item.title, fields=fields))
    removed = [item for items in unmatched.values() for item in items]
    return added, removed, changed


def plan_comparison(plan: ActionPlan, other: ActionPlan) -> PlanComparison:
    """What changed from the older of two versions to the newer: fields, goals and activities."""
    old, new = sorted([plan, other], key=lambda version: (version.version_number, version.pk))
    goal_query = Goal.objects.prefetch_related("articles", "reference_goals")
    activity_query = Activity.objects.select_related("goal", "responsible_person").prefetch_related(
        "articles"
    )
    goals = {version.pk: list(goal_query.filter(plan=version)) for version in (old, new)}
    activities = {version.pk: list(activity_query.filter(plan=version)) for version in (old, new)}
    goals_added, goals_removed, goals_changed = _match_by_title(
        goals[old.pk], goals[new.pk], GOAL_COMPARED
    )
    activities_added, activities_removed, activities_changed = _match_by_title(
        activities[old.pk], activities[new.pk], ACTIVITY_COMPARED
    )
    return PlanComparison(
        old=old,
        new=new,
        fields=_field_changes(old, new, PLAN_COMPARED),
        goals_added=goals_added,
        goals_removed=goals_removed,
        goals_changed=goals_changed,
        activities_added=activities_added,
        activities_removed=activities_removed,
        activities_changed=activities_changed,
    )


def activity_history(activity: Activity, *, limit: int = 20) -> list[tuple[object, list[str]]]:
    """The activity's audit trail, newest first, each entry with the labels of the fields it changed."""
    records = list(
        activity.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    entries = []
    for record, previous in zip(records, [*records[1:], None], strict=True):
        labels = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(
                previous, excluded_fields=["articles", "lock_version", "updated_at"]
            )
            labels = [
                str(Activity._meta.get_field(change.field).verbose_name) for change in delta.changes
            ]
        entries.append((record, labels))
    return entries[:limit]


def goal_sets_of(organisation) -> list:
    """The organisation's own goal sets and the shared national ones, with their goals."""
    from .models import GoalSet

    return list(
        GoalSet.objects.filter(Q(owner=organisation) | Q(owner__isnull=True))
        .prefetch_related("goals")
        .order_by("owner_id", "code")
    )


def get_goal_set_for_user(user, organisation, goal_set_pk: int):
    """One of the organisation's own goal sets, for editing (shared national sets are staff's)."""
    from .models import GoalSet

    return get_object_or_404(GoalSet, pk=goal_set_pk, owner=organisation)


def personal_data_of(person: Person) -> dict:
    """For a person's export: the plans they are the contact for and the activities they are
    responsible for, plans in the bin included (they are still held)."""
    plans = ActionPlan.objects.filter(contact=person).order_by("title", "pk")
    activities = (
        Activity.objects.filter(responsible_person=person)
        .select_related("plan", "goal")
        .order_by("plan__title", "order", "pk")
    )
    return {
        "plans_as_contact": [
            {
                "plan": plan.title,
                "status": plan.status,
                "period_start": _iso(plan.period_start),
                "period_end": _iso(plan.period_end),
                "in_bin": plan.deleted_at is not None,
            }
            for plan in plans
        ],
        "activities_responsible": [
            {
                "activity": activity.title,
                "plan": activity.plan.title,
                "goal": activity.goal.title if activity.goal_id else None,
                "responsible_unit": activity.responsible_unit,
                "status": activity.status,
                "progress": activity.progress,
                "start_date": _iso(activity.start_date),
                "end_date": _iso(activity.end_date),
            }
            for activity in activities
        ],
    }


def _iso(value) -> str | None:
    return value.isoformat() if value else None

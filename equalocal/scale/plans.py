"""Action plans (with earlier versions), goals, activities and their progress histories."""

from __future__ import annotations

from datetime import date, timedelta

from equalocal.charters.models import CommitmentStatus
from equalocal.organisations.models import Role
from equalocal.plans.models import (
    ActionPlan,
    Activity,
    ActivityStatus,
    Goal,
    PlanKind,
    PlanStatus,
    ProgressUpdate,
    ReferenceGoal,
)

from .run import Run, insert, insert_links, split
from .words import ACTIVITY_OBJECTS, ACTIVITY_VERBS, GOAL_TITLES, UNITS

SHOWCASE_ACTIVITIES = 200
SHOWCASE_GOALS = 10


def _plans(run: Run, rng) -> list[tuple[ActionPlan, ActionPlan | None]]:
    """(current plan, its previous version or None) for each organisation that has one."""
    made = []
    for index, organisation in enumerate(run.local):
        commitment = run.commitments.get(organisation.pk)
        status = commitment.status if commitment else None
        if status in (CommitmentStatus.DECIDED, CommitmentStatus.SIGNED):
            adopted = True
        elif status in (CommitmentStatus.RECOMMENDED, CommitmentStatus.CONSIDERING):
            if rng.random() > 0.3:
                continue
            adopted = False
        else:
            continue
        start = date(run.today.year - rng.randint(0, 2), 1, 1)
        plan = ActionPlan(
            organisation=organisation,
            title=f"Action plan for equality {start.year}–{start.year + 3}",
            kind=PlanKind.CHARTER,
            status=PlanStatus.ADOPTED if adopted else PlanStatus.DRAFT,
            period_start=start,
            period_end=date(start.year + 3, 12, 31),
            commitment=commitment,
            adopted_by="Municipal council" if adopted else "",
            adopted_on=start - timedelta(days=rng.randint(10, 60)) if adopted else None,
            purpose="The plan turns the Charter's articles into work in every department.",
            budget=rng.choice([None, 250_000, 1_000_000]),
            contact=run.people[organisation.pk][0],
            # The first municipality's plan stays private: the access tests rely on it.
            is_published=index != 0 and rng.random() < 0.4,
        )
        previous = None
        if adopted and index != 0 and rng.random() < 0.3:
            previous = ActionPlan(
                organisation=organisation,
                title=f"Action plan for equality {start.year - 4}–{start.year - 1}",
                kind=PlanKind.CHARTER,
                status=PlanStatus.SUPERSEDED,
                period_start=date(start.year - 4, 1, 1),
                period_end=date(start.year - 1, 12, 31),
                commitment=commitment,
                adopted_by="Municipal council",
                adopted_on=date(start.year - 4, 1, 1) - timedelta(days=30),
                version_number=1,
                is_published=plan.is_published,
            )
            plan.version_number = 2
        made.append((plan, previous))
    return made


def build(run: Run) -> None:
    rng = run.rng("plans")
    pairs = _plans(run, rng)
    previous = insert(
        run, ActionPlan, [p for _c, p in pairs if p is not None], label="earlier plan versions"
    )
    previous_iter = iter(previous)
    for plan, earlier in pairs:
        if earlier is not None:
            plan.previous_version = next(previous_iter)
    current = insert(run, ActionPlan, [plan for plan, _p in pairs], label="plans")
    run.plans = current
    everything = current + previous
    _links(run, rng, everything)

    # Activities: the showcase plan gets its 200, the rest are spread over the other plans.
    total = run.spec.activities
    showcase = current[0] if current and current[0].organisation_id == run.local[0].pk else None
    fixed = min(total, SHOWCASE_ACTIVITIES) if showcase else 0
    others = [plan for plan in everything if plan is not showcase]
    weights = [
        (0.5 if plan.status == PlanStatus.SUPERSEDED else 1.0) * rng.uniform(0.3, 1.7)
        for plan in others
    ]
    counts = dict(zip([p.pk for p in others], split(total - fixed, weights), strict=True))
    if showcase:
        counts[showcase.pk] = fixed
        run.showcase.plan_id = showcase.pk
        run.showcase.private_plan_id = showcase.pk
        run.showcase.plan_activities = fixed
    goals = []
    for plan in everything:
        number = SHOWCASE_GOALS if plan is showcase else max(1, min(8, counts[plan.pk] // 8))
        for order in range(1, number + 1):
            goals.append(
                Goal(plan=plan, order=order, title=GOAL_TITLES[(order - 1) % len(GOAL_TITLES)])
            )
    goals = insert(run, Goal, goals, label="goals")
    goals_of: dict[int, list] = {}
    for goal in goals:
        goals_of.setdefault(goal.plan_id, []).append(goal)
    articles = {charter: [a.pk for a in found] for charter, found in run.articles.items()}
    insert_links(
        Goal.articles.through,
        (
            {"goal_id": goal.pk, "article_id": article}
            for goal in goals
            for article in rng.sample(_articles_of(run, goal.plan, articles), 2)
        ),
    )
    _activities(run, rng, everything, counts, goals_of, articles)


def _articles_of(run, plan, articles) -> list[int]:
    commitment = run.commitments.get(plan.organisation_id)
    found = articles.get(commitment.charter_id) if commitment else None
    return found or next(iter(articles.values()))


def _links(run: Run, rng, plans) -> None:
    articles = {charter: [a.pk for a in found] for charter, found in run.articles.items()}
    insert_links(
        ActionPlan.priorities.through,
        (
            {"actionplan_id": plan.pk, "article_id": article}
            for plan in plans
            for article in rng.sample(_articles_of(run, plan, articles), 4)
        ),
    )
    national = list(ReferenceGoal.objects.filter(goal_set__owner__isnull=True).order_by("pk"))
    if national:
        swedish = {o.pk for o in run.local if o.country == "SE"}
        insert_links(
            ActionPlan.reference_goals.through,
            (
                {"actionplan_id": plan.pk, "referencegoal_id": goal.pk}
                for plan in plans
                if plan.organisation_id in swedish
                for goal in rng.sample(national, min(3, len(national)))
            ),
        )


def _status(rng, activity: Activity, today: date, superseded: bool) -> tuple[str, int]:
    if activity.end_date < today or superseded:
        status = rng.choices(
            [
                ActivityStatus.DONE,
                ActivityStatus.DELAYED,
                ActivityStatus.CANCELLED,
                ActivityStatus.IN_PROGRESS,
            ],
            [60, 20, 10, 10],
        )[0]
    elif activity.start_date <= today:
        status = rng.choices(
            [ActivityStatus.IN_PROGRESS, ActivityStatus.DELAYED, ActivityStatus.PLANNED],
            [70, 15, 15],
        )[0]
    else:
        status = ActivityStatus.PLANNED
    progress = {
        ActivityStatus.DONE: 100,
        ActivityStatus.PLANNED: 0,
        ActivityStatus.IN_PROGRESS: rng.randint(1, 9) * 10,
        ActivityStatus.DELAYED: rng.randint(1, 6) * 10,
        ActivityStatus.CANCELLED: rng.randint(0, 5) * 10,
    }[status]
    return status, progress


def _activities(run: Run, rng, plans, counts, goals_of, articles) -> None:
    today = run.today
    activities = []
    for plan in plans:
        plan_goals = goals_of.get(plan.pk, [])
        people = run.people[plan.organisation_id]
        draft = plan.status == PlanStatus.DRAFT
        superseded = plan.status == PlanStatus.SUPERSEDED
        span = (plan.period_end - plan.period_start).days
        for order in range(1, counts[plan.pk] + 1):
            start = plan.period_start + timedelta(days=rng.randint(0, max(0, span - 60)))
            activity = Activity(
                plan=plan,
                goal=plan_goals[(order - 1) % len(plan_goals)] if plan_goals else None,
                order=order,
                title=f"{rng.choice(ACTIVITY_VERBS)} {rng.choice(ACTIVITY_OBJECTS)}",
                responsible_unit=rng.choice(UNITS),
                responsible_person=rng.choice(people) if rng.random() < 0.4 else None,
                start_date=start,
                end_date=min(start + timedelta(days=rng.randint(30, 400)), plan.period_end),
                weight=rng.choice([1, 1, 1, 2, 3]),
            )
            if draft:
                activity.status, activity.progress = ActivityStatus.PLANNED, 0
            else:
                activity.status, activity.progress = _status(rng, activity, today, superseded)
            if activity.status == ActivityStatus.DONE:
                activity.completed_on = min(activity.end_date, today)
            elif activity.status in (ActivityStatus.IN_PROGRESS, ActivityStatus.DELAYED):
                activity.next_review_on = today + timedelta(days=rng.randint(10, 120))
            activities.append(activity)
    activities = insert(run, Activity, activities, label="activities")
    run.activities = activities
    links = []
    for activity in activities:
        if rng.random() < 0.6:
            pool = _articles_of(run, activity.plan, articles)
            links.append({"activity_id": activity.pk, "article_id": rng.choice(pool)})
    insert_links(Activity.articles.through, links)
    updates = []
    for activity in activities:
        if activity.status == ActivityStatus.PLANNED:
            continue
        editor = run.users.get((activity.plan.organisation_id, Role.EDITOR))
        first = activity.start_date
        last = min(today, activity.completed_on or today)
        steps = rng.randint(1, 3)
        for step in range(1, steps + 1):
            final = step == steps
            day = first + timedelta(days=max(0, (last - first).days) * step // steps)
            updates.append(
                ProgressUpdate(
                    activity=activity,
                    date=min(day, today),
                    status=activity.status if final else ActivityStatus.IN_PROGRESS,
                    progress=activity.progress
                    if final
                    else max(0, activity.progress * step // (steps + 1)),
                    text="Work continues as planned." if not final else "Status updated.",
                    by=editor,
                )
            )
    insert(run, ProgressUpdate, updates, label="progress updates")

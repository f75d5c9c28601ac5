"""Writes for action plans, goals, activities and progress; views, API and commands call these."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError
from equalocal.core.locking import claim_lock

from .models import (
    DEFAULT_PROGRESS,
    ActionPlan,
    Activity,
    ActivityStatus,
    Consultation,
    Goal,
    GoalSet,
    PlanGoalText,
    PlanStatus,
    ProgressUpdate,
    ReferenceGoal,
    Timing,
)


def _attribute_to(instance, by) -> None:
    if by is not None:
        instance._history_user = by


def _validate(instance) -> None:
    """Run the model's validation; a ValidationError carries the field messages to the form."""
    instance.full_clean()


# Plans --------------------------------------------------------------------------------------


@transaction.atomic
def plan_save(
    *,
    plan: ActionPlan,
    by=None,
    priorities: Iterable | None = None,
    reference_goals: Iterable | None = None,
    expected_lock_version: int | None = None,
    goal_texts: dict[int, str] | None = None,
) -> ActionPlan:
    """Create or update a plan (optimistic locking when ``expected_lock_version`` is given).

    ``goal_texts`` maps a higher-level goal's id to what the plan does for it; texts of goals
    the plan no longer works for, and empty texts, are removed.
    """
    _validate(plan)
    claim_lock(ActionPlan, plan, expected_lock_version)
    _attribute_to(plan, by)
    plan.save()
    if priorities is not None:
        plan.priorities.set(priorities)
    if reference_goals is not None:
        plan.reference_goals.set(reference_goals)
    if goal_texts is not None or reference_goals is not None:
        _set_goal_texts(plan, goal_texts)
    return plan


def _set_goal_texts(plan: ActionPlan, texts: dict[int, str] | None) -> None:
    linked = set(plan.reference_goals.values_list("pk", flat=True))
    plan.goal_texts.exclude(reference_goal_id__in=linked).delete()
    for goal_id, text in (texts or {}).items():
        if goal_id not in linked:
            continue
        if text.strip():
            PlanGoalText.objects.update_or_create(
                plan=plan, reference_goal_id=goal_id, defaults={"text": text.strip()}
            )
        else:
            plan.goal_texts.filter(reference_goal_id=goal_id).delete()


@transaction.atomic
def plan_new_version(*, plan: ActionPlan, by=None) -> ActionPlan:
    """Copy the plan with its goals, activities and consultations into a new draft version.

    The previous version stays as it is and readable; the copy links back to it.
    """
    if ActionPlan.objects.filter(previous_version=plan).exists():
        raise ApplicationError(_("This version already has a newer version."))
    priorities = list(plan.priorities.all())
    reference_goals = list(plan.reference_goals.all())
    goals = list(plan.goals.prefetch_related("articles", "reference_goals"))
    activities = list(plan.activities.prefetch_related("articles"))
    consultations = list(plan.consultations.all())
    goal_texts = list(plan.goal_texts.all())

    copy = ActionPlan.objects.get(pk=plan.pk)
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy.previous_version = plan
    copy.version_number = plan.version_number + 1
    copy.status = PlanStatus.DRAFT
    copy.adopted_on = None
    copy.adopted_by = ""
    copy.adoption_case_number = ""
    copy.is_published = False
    copy.lock_version = 1
    _attribute_to(copy, by)
    copy.save()
    copy.priorities.set(priorities)
    copy.reference_goals.set(reference_goals)

    goal_map = {}
    for goal in goals:
        articles, refs = list(goal.articles.all()), list(goal.reference_goals.all())
        old_pk = goal.pk
        goal.pk = None
        goal.plan = copy
        goal._state.adding = True
        _attribute_to(goal, by)
        goal.save()
        goal.articles.set(articles)
        goal.reference_goals.set(refs)
        goal_map[old_pk] = goal
    for activity in activities:
        articles = list(activity.articles.all())
        activity.pk = None
        activity.plan = copy
        activity.goal = goal_map.get(activity.goal_id)
        activity.lock_version = 1
        activity._state.adding = True
        _attribute_to(activity, by)
        activity.save()
        activity.articles.set(articles)
    Consultation.objects.bulk_create(
        Consultation(plan=copy, date=c.date, consulted=c.consulted, summary=c.summary)
        for c in consultations
    )
    PlanGoalText.objects.bulk_create(
        PlanGoalText(plan=copy, reference_goal_id=t.reference_goal_id, text=t.text)
        for t in goal_texts
    )
    return copy


@transaction.atomic
def plan_delete(*, plan: ActionPlan, by) -> None:
    """Move the plan to the bin; an admin can restore it for 30 days."""
    plan.deleted_at = timezone.now()
    plan.deleted_by = by
    _attribute_to(plan, by)
    plan.save(update_fields=["deleted_at", "deleted_by", "updated_at"])


@transaction.atomic
def plan_restore(*, plan: ActionPlan, by) -> None:
    if not plan.can_be_restored:
        raise ApplicationError(
            _("Deleted plans can be restored for 30 days; this one can no longer be.")
        )
    plan.deleted_at = None
    plan.deleted_by = None
    _attribute_to(plan, by)
    plan.save(update_fields=["deleted_at", "deleted_by", "updated_at"])


def consultation_add(
    *, plan: ActionPlan, date, consulted: str, summary: str = "", by=None
) -> Consultation:
    consultation = Consultation(plan=plan, date=date, consulted=consulted, summary=summary)
    _validate(consultation)
    _attribute_to(consultation, by)
    consultation.save()
    return consultation


# Goals ----------------------------------------------------------------------------------------


@transaction.atomic
def goal_save(
    *,
    goal: Goal,
    by=None,
    articles: Iterable | None = None,
    reference_goals: Iterable | None = None,
) -> Goal:
    if goal.pk is None and not goal.order:
        goal.order = (goal.plan.goals.aggregate(last=Max("order"))["last"] or 0) + 1
    _validate(goal)
    _attribute_to(goal, by)
    goal.save()
    if articles is not None:
        goal.articles.set(articles)
    if reference_goals is not None:
        goal.reference_goals.set(reference_goals)
    return goal


def goal_delete(*, goal: Goal, by=None) -> None:
    _attribute_to(goal, by)
    goal.delete()


# Activities -----------------------------------------------------------------------------------


def _record_progress(
    activity: Activity, *, previous: tuple | None, text: str, by, on: date | None = None
) -> None:
    if previous is None or previous != (activity.status, activity.progress) or text:
        ProgressUpdate.objects.create(
            activity=activity,
            status=activity.status,
            progress=activity.progress,
            text=text,
            by=by,
            date=on or timezone.localdate(),
        )


# What says when an activity runs: checked when an activity is added or any of these change.
TIMING_FIELDS = ("timing", "start_date", "end_date", "timing_note")


def activity_validate(
    *, activity: Activity, stored: dict | None = None, exclude: Iterable[str] = ()
) -> None:
    """Check an activity as ``activity_save`` does, without saving it; raise ValidationError.

    Besides the model's rules, an activity timed by dates needs a start or end date, or its
    timing as written (the plan's timetable); a cancelled one may have none. That rule applies to a new activity
    (``stored`` None) and to a change of its timing fields; an older activity that lacks
    dates can still have its status or other fields changed. The form, the API, the
    spreadsheet import and the commands all come through here.
    """
    errors: dict[str, list] = {}
    try:
        activity.full_clean(exclude=list(exclude) or None)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    timing_changed = stored is None or any(
        stored.get(name) != getattr(activity, name) for name in TIMING_FIELDS
    )
    if (
        timing_changed
        and activity.timing == Timing.DATED
        and activity.status != ActivityStatus.CANCELLED
        and not (activity.start_date or activity.end_date or activity.timing_note.strip())
        and "start_date" not in errors
    ):
        errors["start_date"] = [
            ValidationError(
                _(
                    "Give the activity a start or end date, or its timing as written; "
                    "or choose “Ongoing” or “Recurring” as its timing."
                ),
                code="no_timetable",
            )
        ]
    if errors:
        raise ValidationError(errors)


def _complete(activity: Activity) -> None:
    """A done activity gets today's completion date unless one was given; reopening clears it."""
    if activity.status == ActivityStatus.DONE:
        activity.completed_on = activity.completed_on or timezone.localdate()
    else:
        activity.completed_on = None


@transaction.atomic
def activity_save(
    *,
    activity: Activity,
    by=None,
    articles: Iterable | None = None,
    expected_lock_version: int | None = None,
    note: str = "",
    on: date | None = None,
) -> Activity:
    """Create or update an activity; a change of status or progress adds a progress update.

    ``on`` dates that update (today by default): a past follow-up can be recorded late, a
    future one cannot.
    """
    if on is not None and on > timezone.localdate():
        raise ApplicationError(_("A progress update cannot be dated in the future."), field="on")
    previous = stored = None
    if activity.pk is not None:
        stored = (
            Activity.objects.filter(pk=activity.pk)
            .values("status", "progress", *TIMING_FIELDS)
            .first()
        )
        previous = (stored["status"], stored["progress"]) if stored else None
    elif not activity.order:
        activity.order = (activity.plan.activities.aggregate(last=Max("order"))["last"] or 0) + 1
    _complete(activity)
    activity_validate(activity=activity, stored=stored)
    claim_lock(Activity, activity, expected_lock_version)
    _attribute_to(activity, by)
    activity.save()
    if articles is not None:
        activity.articles.set(articles)
    _record_progress(activity, previous=previous, text=note, by=by, on=on)
    return activity


@transaction.atomic
def activity_set_progress(
    *,
    activity: Activity,
    status: str,
    progress: int | None = None,
    note: str = "",
    by=None,
    expected_lock_version: int | None = None,
    on: date | None = None,
) -> Activity:
    """Change status and progress; without a progress figure, the status's default is used.

    ``on`` is the date of the follow-up (today by default; see ``activity_save``).
    """
    if status not in ActivityStatus.values:
        raise ApplicationError(
            _("Unknown status: %(status)s.") % {"status": status}, field="status"
        )
    if progress is None:
        progress = (
            DEFAULT_PROGRESS[ActivityStatus(status)]
            if status != activity.status
            else activity.progress
        )
    if not 0 <= progress <= 100:
        raise ApplicationError(_("Progress is a percentage from 0 to 100."), field="progress")
    activity.status = status
    activity.progress = progress
    return activity_save(
        activity=activity, by=by, expected_lock_version=expected_lock_version, note=note, on=on
    )


@transaction.atomic
def activities_bulk_set_status(
    *, plan: ActionPlan, activity_ids: Iterable[int], status: str, by=None
) -> int:
    """Set the status (and its default progress) of several activities of one plan."""
    if status not in ActivityStatus.values:
        raise ApplicationError(
            _("Unknown status: %(status)s.") % {"status": status}, field="status"
        )
    activities = list(plan.activities.select_for_update().filter(pk__in=list(activity_ids)))
    if not activities:
        raise ApplicationError(_("Select at least one activity."))
    for activity in activities:
        activity_set_progress(activity=activity, status=status, by=by)
    return len(activities)


def activity_delete(*, activity: Activity, by=None) -> None:
    _attribute_to(activity, by)
    activity.delete()


# Goal sets ------------------------------------------------------------------------------------


@transaction.atomic
def goal_set_save(*, goal_set: GoalSet, goal_titles: list[str], by=None) -> GoalSet:
    """Save an organisation's own set of higher-level goals, numbered in the given order.

    Goals keep their number, so plans and goals that refer to them stay linked; a goal
    that is removed while a plan or goal still refers to it is refused.
    """
    titles = [title.strip() for title in goal_titles if title.strip()]
    if not titles:
        raise ApplicationError(_("Give at least one goal, one per line."), field="goals")
    if goal_set.pk is None and not goal_set.code:
        base = slugify(f"{goal_set.owner.slug}-{goal_set.title_en}")[:50] or "goals"
        code, number = base, 2
        while GoalSet.objects.filter(code=code).exists():
            code, number = f"{base}-{number}", number + 1
        goal_set.code = code
    goal_set.full_clean()
    _attribute_to(goal_set, by)
    goal_set.save()
    existing = {goal.number: goal for goal in goal_set.goals.all()}
    for number, title in enumerate(titles, start=1):
        goal = existing.pop(number, None) or ReferenceGoal(goal_set=goal_set, number=number)
        if goal.title_en != title or goal.title_sv != title:
            goal.title_en = goal.title_sv = title
            _attribute_to(goal, by)
            goal.save()
    for goal in existing.values():
        if goal.plans.exists() or goal.goals.exists():
            raise ApplicationError(
                _("“%(goal)s” is used by a plan or goal and cannot be removed.")
                % {"goal": goal.title_en},
                field="goals",
            )
        _attribute_to(goal, by)
        goal.delete()
    return goal_set

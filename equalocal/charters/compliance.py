"""The Charter Part II checklist, computed from the data: yes or no, each with its reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .deadlines import DeadlineState


@dataclass(frozen=True)
class CharterPlans:
    """What the checklist and the deadline need to know of an organisation's Charter plans.

    The plans app provides it (``core.registry.provide("charter_plans", organisation)``):
    ``plans`` are the live Charter action plans, newest adoption first, with goals,
    activities and consultations prefetched; ``last_progress_on`` is the latest progress
    update on their activities.
    """

    plans: list
    last_progress_on: date | None

    @property
    def first_adopted_on(self) -> date | None:
        """When the first of the plans was adopted: the date that meets the deadline."""
        return min((plan.adopted_on for plan in self.plans if plan.adopted_on), default=None)


@dataclass(frozen=True)
class CheckLine:
    label: str
    ok: bool | None  # None: cannot be known yet
    reason: str


def _d(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def compliance_checklist(
    *, commitment, plans: list, last_progress_on: date | None, today: date
) -> list[CheckLine]:
    """Check a signatory against the duties of Part II.

    ``plans`` are the organisation's live Charter action plans (newest first) with
    goals, activities and consultations prefetched; ``last_progress_on`` is the date
    of the latest progress update on their activities.
    """
    adopted = [plan for plan in plans if plan.adopted_on]
    first_adopted = min((plan.adopted_on for plan in adopted), default=None)
    state = DeadlineState(
        deadline=commitment.plan_deadline, plan_adopted_on=first_adopted, today=today
    )
    current = adopted[0] if adopted else (plans[0] if plans else None)
    lines = []

    if not state.known:
        lines.append(
            CheckLine(
                _("Plan adopted within two years"),
                None,
                _("No decision or signature date is recorded, so the deadline is unknown."),
            )
        )
    elif state.met:
        lines.append(
            CheckLine(
                _("Plan adopted within two years"),
                state.met_in_time,
                _("Plan adopted %(adopted)s; deadline %(deadline)s.")
                % {"adopted": _d(first_adopted), "deadline": _d(state.deadline)},
            )
        )
    else:
        lines.append(
            CheckLine(
                _("Plan adopted within two years"),
                False if state.overdue else None,
                _("No adopted plan yet; deadline %(deadline)s.") % {"deadline": _d(state.deadline)},
            )
        )

    if current is None:
        lines.append(
            CheckLine(
                _("Objectives, measures, resources and timetable"), False, _("There is no plan.")
            )
        )
    else:
        goals = len(current.goals.all())
        activities = list(current.activities.all())
        has_resources = bool(current.resources.strip()) or current.budget is not None
        has_timetable = bool(activities) and all(
            a.start_date
            or a.end_date
            or a.timing != "dated"
            or a.timing_note
            or a.status == "cancelled"
            for a in activities
        )
        missing = [
            label
            for label, present in [
                (_("objectives"), goals > 0),
                (_("measures"), bool(activities)),
                (_("resources"), has_resources),
                (_("timetable"), has_timetable),
            ]
            if not present
        ]
        lines.append(
            CheckLine(
                _("Objectives, measures, resources and timetable"),
                not missing,
                _("“%(plan)s” has %(goals)s and %(activities)s.")
                % {
                    "plan": current.title,
                    "goals": ngettext("%(count)d goal", "%(count)d goals", goals)
                    % {"count": goals},
                    "activities": ngettext(
                        "%(count)d activity", "%(count)d activities", len(activities)
                    )
                    % {"count": len(activities)},
                }
                + (
                    ""
                    if not missing
                    else " " + _("Missing: %(missing)s.") % {"missing": ", ".join(missing)}
                ),
            )
        )

    consultations = [c for plan in plans for c in plan.consultations.all()]
    lines.append(
        CheckLine(
            _("Consultation recorded"),
            bool(consultations),
            _("Latest consultation %(date)s.") % {"date": _d(max(c.date for c in consultations))}
            if consultations
            else _("No consultation is recorded on the plan."),
        )
    )

    published = [plan for plan in adopted if plan.is_published]
    lines.append(
        CheckLine(
            _("Plan published"),
            bool(published),
            _("“%(plan)s” is published.") % {"plan": published[0].title}
            if published
            else _("No adopted plan is marked as published."),
        )
    )

    recent = last_progress_on is not None and last_progress_on >= today - timedelta(days=365)
    lines.append(
        CheckLine(
            _("Progress reported in the last 12 months"),
            recent,
            _("Latest progress update %(date)s.") % {"date": _d(last_progress_on)}
            if last_progress_on
            else _("No progress has been recorded on the plan's activities."),
        )
    )

    ended = [plan for plan in adopted if plan.period_end and plan.period_end < today]
    if not ended:
        lines.append(
            CheckLine(
                _("Plan revised or followed by a new one"),
                None,
                _("No adopted plan's period has ended yet."),
            )
        )
    else:
        followed = all(
            any(
                other.previous_version_id == plan.pk
                or (other.period_start and other.period_start >= plan.period_end)
                for other in plans
                if other.pk != plan.pk
            )
            for plan in ended
        )
        lines.append(
            CheckLine(
                _("Plan revised or followed by a new one"),
                followed,
                _("Every plan whose period ended has a successor.")
                if followed
                else _("A plan's period ended without a new version or a following plan."),
            )
        )

    lines.append(
        CheckLine(
            _("CEMR informed"),
            commitment.cemr_informed_on is not None,
            _("CEMR informed %(date)s.") % {"date": _d(commitment.cemr_informed_on)}
            if commitment.cemr_informed_on
            else _("No date is recorded for informing CEMR."),
        )
    )
    return lines

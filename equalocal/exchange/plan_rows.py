"""An action plan as a table: the export's columns, and reading such a table back.

The same columns serve the export (one row per activity, under its goal; a goal without
activities has a row of its own) and the import, which also recognises the headings of a
typical municipal plan spreadsheet (åtgärd/aktivitet, mål, ansvarig, start, slut, tidplan,
status, kommentar, artikel).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from equalocal.organisations import permissions
from equalocal.plans.models import DEFAULT_PROGRESS, Activity, ActivityStatus, Timing
from equalocal.plans.selectors import progress_visible
from equalocal.plans.services import activity_validate

from .columns import (
    Column,
    RowErrors,
    choice_words,
    find_header,
    heading_key,
    label_of,
    parse_date,
)

PLAN_COLUMNS = [
    Column("goal", gettext_lazy("Goal"), ("mål", "målsättning", "objective", "aim", "delmål")),
    Column(
        "activity",
        gettext_lazy("Activity"),
        ("åtgärd", "åtgärder", "aktivitet", "aktiviteter", "action", "insats", "title"),
    ),
    Column("description", gettext_lazy("Description"), ("beskrivning",)),
    Column("responsible", gettext_lazy("Responsible"), ("ansvarig", "ansvar", "responsibility")),
    Column(
        "responsible_unit",
        gettext_lazy("Responsible unit"),
        ("ansvarig enhet", "ansvarig förvaltning", "enhet", "förvaltning", "unit", "department"),
    ),
    Column("partners", gettext_lazy("Partners"), ("samarbetspartner", "i samverkan med")),
    Column("start", gettext_lazy("Start"), ("start date", "startdatum", "från", "from")),
    Column("end", gettext_lazy("End"), ("slut", "end date", "slutdatum", "till", "to", "klart")),
    Column(
        "timing_note",
        gettext_lazy("Timetable"),
        ("tidplan", "tidsplan", "timing", "schedule", "when", "när"),
    ),
    Column("timing", gettext_lazy("Kind of timing"), ()),
    Column("status", gettext_lazy("Status"), ("läge",)),
    Column("progress", gettext_lazy("Progress (%)"), ("progress", "framsteg", "genomfört")),
    Column(
        "completed_on",
        gettext_lazy("Completed on"),
        ("completion date", "klar den", "genomförd den", "slutförd den"),
    ),
    Column(
        "next_review_on",
        gettext_lazy("Next review"),
        ("next review date", "review date", "nästa uppföljning", "uppföljning den"),
    ),
    Column("weight", gettext_lazy("Weight"), ("vikt",)),
    Column(
        "articles",
        gettext_lazy("Charter articles"),
        ("artikel", "artiklar", "article", "articles", "charter article"),
    ),
    Column("resources", gettext_lazy("Resources"), ("resurser",)),
    Column("comment", gettext_lazy("Comment"), ("kommentar", "kommentarer", "note", "anteckning")),
]

# Words municipal sheets use for an activity's status, besides the labels in both languages.
STATUS_WORDS = {
    "ej påbörjad": ActivityStatus.PLANNED,
    "ej startad": ActivityStatus.PLANNED,
    "not started": ActivityStatus.PLANNED,
    "planerad": ActivityStatus.PLANNED,
    "pågående": ActivityStatus.IN_PROGRESS,
    "påbörjad": ActivityStatus.IN_PROGRESS,
    "ongoing": ActivityStatus.IN_PROGRESS,
    "started": ActivityStatus.IN_PROGRESS,
    "klar": ActivityStatus.DONE,
    "klart": ActivityStatus.DONE,
    "genomförd": ActivityStatus.DONE,
    "avslutad": ActivityStatus.DONE,
    "completed": ActivityStatus.DONE,
    "finished": ActivityStatus.DONE,
    "försenad": ActivityStatus.DELAYED,
    "late": ActivityStatus.DELAYED,
    "inställd": ActivityStatus.CANCELLED,
    "avbruten": ActivityStatus.CANCELLED,
    "struken": ActivityStatus.CANCELLED,
}


# Export ---------------------------------------------------------------------------------------


def plan_export_rows(plan, *, user) -> list[list]:
    """One row per activity under its goal, in the plan's order; goals without activities
    get a row of their own. People are named, and statuses and progress given, only where
    ``user`` may see them (``progress_visible``: a published plan's progress stays private
    unless the organisation publishes it)."""
    visible = progress_visible(user, plan.organisation)
    goals = list(plan.goals.all())
    activities = list(
        plan.activities.select_related("responsible_person").prefetch_related("articles")
    )
    by_goal: dict[int | None, list[Activity]] = {}
    for activity in activities:
        by_goal.setdefault(activity.goal_id, []).append(activity)
    rows = []
    for goal in goals:
        rows += [_activity_row(goal.title, a, user, visible) for a in by_goal.get(goal.pk, [])]
        if goal.pk not in by_goal:
            rows.append([goal.title] + [None] * (len(PLAN_COLUMNS) - 1))
    rows += [_activity_row("", a, user, visible) for a in by_goal.get(None, [])]
    return rows


def _responsible(activity: Activity, user) -> str:
    person = activity.responsible_person
    if person is None:
        return activity.responsible_unit
    if permissions.can_see_person(user, person):
        return person.name
    return activity.responsible_unit or person.title


def _activity_row(goal_title: str, activity: Activity, user, show_progress: bool) -> list:
    return [
        goal_title,
        activity.title,
        activity.description,
        _responsible(activity, user),
        activity.responsible_unit,
        activity.partners,
        activity.start_date,
        activity.end_date,
        activity.timing_note,
        str(activity.get_timing_display()),
        str(activity.get_status_display()) if show_progress else None,
        activity.progress if show_progress else None,
        activity.completed_on if show_progress else None,
        activity.next_review_on if show_progress else None,
        activity.weight,
        ", ".join(str(a.number) for a in sorted(activity.articles.all(), key=lambda a: a.number)),
        activity.resources,
        activity.comment,
    ]


# Import ---------------------------------------------------------------------------------------


@dataclass
class PlanRows(RowErrors):
    """What a plan table holds: goals in order, activities (JSON-ready dicts) and errors."""

    goals: list[str] = field(default_factory=list)
    activities: list[dict] = field(default_factory=list)


def _label(key: str) -> str:
    return label_of(PLAN_COLUMNS, key)


def _whole_number(value, low: int, high: int) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        number = float(value)
    else:
        number = float(str(value).replace("%", "").replace(",", ".").strip())
    if not number.is_integer() or not low <= number <= high:
        raise ValueError(value)
    return int(number)


def read_plan_rows(rows: list[tuple[int, list]], *, articles: dict[int, int], people) -> PlanRows:
    """Check a plan table and turn it into goals and activities; nothing is written.

    ``articles`` maps the Charter article numbers the plan can name to their ids; ``people``
    maps the organisation's people's names (lower case) to their ids, so a responsible person
    written by name is linked. Every problem is listed with its row and column.
    """
    header, body = find_header(rows, PLAN_COLUMNS, required=["activity"])
    result = PlanRows()
    statuses = {**choice_words(ActivityStatus.choices), **STATUS_WORDS}
    timings = choice_words(Timing.choices)
    seen: dict[tuple, int] = {}
    for number, cells in body:

        def text(key, cells=cells):
            value = header.get(cells, key)
            if value is None:
                return ""
            if isinstance(value, datetime | date):
                return value.isoformat()[:10]
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            return str(value).strip()

        goal, title = text("goal"), text("activity")
        if goal and goal not in result.goals:
            result.goals.append(goal)
        if not title:
            if any(text(c.key) for c in PLAN_COLUMNS if c.key != "goal"):
                result.error(number, _label("activity"), _("The activity has no name."))
            continue
        problems_before = result.error_count
        dates = {}
        for key in ("start", "end", "completed_on", "next_review_on"):
            try:
                dates[key] = parse_date(header.get(cells, key))
            except ValueError as bad:
                dates[key] = None
                result.error(
                    number,
                    _label(key),
                    _("“%(value)s” is not a date: write it as 2024-03-31.") % {"value": bad},
                )
        status_text = text("status")
        status = statuses.get(heading_key(status_text)) if status_text else ActivityStatus.PLANNED
        if status is None:
            result.error(
                number,
                _label("status"),
                _("“%(value)s” is not a status. Use one of: %(choices)s.")
                % {
                    "value": status_text,
                    "choices": ", ".join(str(label) for _v, label in ActivityStatus.choices),
                },
            )
            status = ActivityStatus.PLANNED
        timing_text = text("timing")
        timing = timings.get(heading_key(timing_text)) if timing_text else Timing.DATED
        if timing is None:
            result.error(
                number,
                _label("timing"),
                _("“%(value)s” is not a kind of timing. Use one of: %(choices)s.")
                % {
                    "value": timing_text,
                    "choices": ", ".join(str(label) for _v, label in Timing.choices),
                },
            )
            timing = Timing.DATED
        progress = DEFAULT_PROGRESS[status]
        if text("progress"):
            try:
                progress = _whole_number(header.get(cells, "progress"), 0, 100)
            except ValueError:
                result.error(
                    number,
                    _label("progress"),
                    _("“%(value)s” is not a percentage from 0 to 100.")
                    % {"value": text("progress")},
                )
        weight = 1
        if text("weight"):
            try:
                weight = _whole_number(header.get(cells, "weight"), 1, 100)
            except ValueError:
                result.error(
                    number,
                    _label("weight"),
                    _("“%(value)s” is not a whole number from 1 to 100.")
                    % {"value": text("weight")},
                )
        article_ids = []
        for found in re.findall(r"\d+", text("articles")):
            article_id = articles.get(int(found))
            if article_id is None:
                result.error(
                    number,
                    _label("articles"),
                    _("The Charter has no article %(number)s.") % {"number": found},
                )
            elif article_id not in article_ids:
                article_ids.append(article_id)
        responsible = text("responsible")
        person_id = people.get(responsible.casefold()) if responsible else None
        # The unit has a column of its own (the export's); without it, a responsible who is
        # none of the organisation's people is the unit.
        unit = text("responsible_unit") or ("" if person_id else responsible)
        activity = Activity(
            title=title,
            description=text("description"),
            responsible_unit=unit,
            partners=text("partners"),
            timing=timing,
            timing_note=text("timing_note"),
            start_date=dates["start"],
            end_date=dates["end"],
            completed_on=dates["completed_on"],
            next_review_on=dates["next_review_on"],
            status=status,
            progress=progress,
            weight=weight,
            resources=text("resources"),
            comment=text("comment"),
        )
        if result.error_count == problems_before:
            try:
                activity_validate(
                    activity=activity, exclude=["plan", "goal", "responsible_person", "order"]
                )
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    column = _FIELD_COLUMNS.get(name, name)
                    if column == "responsible_unit" and not text("responsible_unit"):
                        column = "responsible"  # the unit came from that column
                    for message in messages:
                        result.error(number, _label(column) if column else "", message)
        key = (goal, title.casefold(), dates["start"], dates["end"], responsible.casefold())
        if key in seen:
            result.error(
                number,
                _label("activity"),
                _("This row repeats row %(row)s: remove one of them.") % {"row": seen[key]},
            )
        seen.setdefault(key, number)
        result.activities.append(
            {
                "row": number,
                "goal": goal,
                "title": title,
                "description": activity.description,
                "responsible_unit": activity.responsible_unit,
                "responsible_person": person_id,
                "responsible": responsible,
                "partners": activity.partners,
                "timing": timing,
                "timing_note": activity.timing_note,
                "start_date": dates["start"].isoformat() if dates["start"] else None,
                "end_date": dates["end"].isoformat() if dates["end"] else None,
                "completed_on": _iso_or_none(dates["completed_on"]),
                "next_review_on": _iso_or_none(dates["next_review_on"]),
                "status": status,
                "progress": progress,
                "weight": weight,
                "articles": article_ids,
                "article_numbers": re.findall(r"\d+", text("articles")),
                "resources": activity.resources,
                "comment": activity.comment,
            }
        )
    if not result.activities and not result.goals and not result.errors:
        result.error(header.row, "", _("The sheet has a heading row but no activities below it."))
    return result


def _iso_or_none(value: date | None) -> str | None:
    return value.isoformat() if value else None


_FIELD_COLUMNS = {
    "completed_on": "completed_on",
    "next_review_on": "next_review_on",
    "title": "activity",
    "description": "description",
    "responsible_unit": "responsible_unit",
    "partners": "partners",
    "timing_note": "timing_note",
    "start_date": "start",
    "end_date": "end",
    "status": "status",
    "progress": "progress",
    "weight": "weight",
    "resources": "resources",
    "comment": "comment",
    "timing": "timing",
    "__all__": "",
}

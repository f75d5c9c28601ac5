"""The data a report is made from, frozen as JSON: one builder per kind of report.

A builder runs under the report's language (``translation.override``), reads through the
owning apps' selectors and returns plain JSON values: text, numbers as strings, dates in ISO
form. Everything the report shows comes from the snapshot, so a sent report never changes
when the data does. People's names follow the one rule (``permissions.can_see_person``) for
the report's audience, the members of the organisation that owns it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.utils import timezone

from equalocal.organisations.permissions import can_see_person

from .models import Report, ReportKind

SCHEMA = 1

Progress = Callable[[str], None]


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def number(value) -> str | None:
    return None if value is None else str(value)


class Audience:
    """Who reads the report: members of its organisation, and of the members that share their
    contacts with it (for a network's report); anyone, for a public report."""

    def __init__(self, report: Report, shared_with: frozenset[int] = frozenset()):
        # A public report is read by anyone: only public contacts are named.
        if report.public:
            self.visible_orgs: frozenset[int] = frozenset()
        else:
            self.visible_orgs = frozenset({report.organisation_id, *shared_with})
        self._reader = AnonymousUser()

    def may_see(self, person) -> bool:
        return can_see_person(self._reader, person, shared_with=self.visible_orgs)

    def name(self, person, fallback: str = "") -> str:
        """The person's name if the audience may see it, else the role, else ``fallback``."""
        from django.utils.translation import gettext as _

        if person is None:
            return fallback
        if self.may_see(person):
            return person.name
        return person.title or fallback or _("Staff member")

    def responsible(self, activity) -> str:
        person = activity.responsible_person if activity.responsible_person_id else None
        if person is not None and self.may_see(person):
            return person.name
        return activity.responsible_unit or (person.title if person is not None else "") or ""


def _head(report: Report) -> dict:
    organisation = report.organisation
    return {
        "schema": SCHEMA,
        "kind": report.kind,
        "language": report.language,
        "title": report.title,
        "organisation": {
            "name": organisation.name,
            "code": organisation.official_code,
            "kind": str(organisation.get_kind_display()),
            "country": str(organisation.country.name) if organisation.country else "",
        },
        "period": {"start": iso(report.period_start), "end": iso(report.period_end)},
        "version": report.version,
        "made_on": iso(timezone.localdate()),
        "author": report.author.get_full_name() if report.author else "",
        "summary": report.summary,
    }


def build_snapshot(report: Report, progress: Progress) -> dict:
    """The report's data; ``progress(stage)`` is called as each part is read."""
    data = _head(report)
    data.update(BUILDERS[ReportKind(report.kind)](report, progress))
    return data


# Follow-up report to the council or board ------------------------------------------------------


def _commitment(organisation, today: date) -> dict | None:
    from equalocal.charters.selectors import active_commitment, commitment_overview

    commitment = active_commitment(organisation)
    if commitment is None:
        return None
    overview = commitment_overview(commitment, today=today)
    state = overview.deadline.state
    return {
        "charter": commitment.charter.year,
        "status": str(commitment.get_status_display()),
        "decided_on": iso(commitment.decided_on),
        "signed_on": iso(commitment.signed_on),
        "deadline": iso(state.deadline),
        "provisional": overview.deadline.provisional,
        "plan_adopted_on": iso(state.plan_adopted_on),
        "met_in_time": state.met_in_time if state.met else None,
        "days_left": state.days_left,
        "days_overdue": overview.deadline.days_overdue,
        "checklist_applies": overview.checklist_applies,
        "checklist": [
            {"label": str(line.label), "ok": line.ok, "reason": str(line.reason)}
            for line in overview.checklist
        ],
    }


def _since(report: Report) -> date:
    """The start of "what changed": the end of the last report sent for this plan or
    organisation, else the start of the period."""
    earlier = (
        Report.objects.filter(
            organisation=report.organisation,
            kind=report.kind,
            status="sent",
            period_end__lt=report.period_end,
        )
        .exclude(pk=report.pk)
        .order_by("-period_end")
        .values_list("period_end", flat=True)
        .first()
    )
    if earlier and earlier >= report.period_start:
        return earlier
    return report.period_start


def _activity(activity, audience: Audience, changes: list[dict]) -> dict:
    return {
        "title": activity.title,
        "goal": activity.goal.title if activity.goal_id else "",
        "responsible": audience.responsible(activity),
        "start": iso(activity.start_date),
        "end": iso(activity.end_date),
        "when": activity.timing_note or "",
        "status": activity.status,
        "status_label": str(activity.get_status_display()),
        "progress": activity.progress,
        "articles": [article.number for article in activity.articles.all()],
        "changes": changes,
    }


def _indicator(figures) -> dict:
    indicator = figures.indicator
    target = figures.target
    light = figures.traffic_light
    return {
        "code": indicator.code,
        "title": indicator.title,
        "unit": indicator.unit,
        "target": (
            " ".join(
                render_to_string("indicators/includes/target.html", {"target": target}).split()
            )
            if target
            else ""
        ),
        "target_value": number(target.value) if target is not None else None,
        "target_year": target.year if target is not None else None,
        "light": light.state if light else None,
        "light_label": light.label if light else "",
        "series": [
            [label, [[period, number(value)] for period, value in points]]
            for label, points in figures.series()
        ],
        "rows": [
            {
                "period": row.period,
                "women": number(row.women),
                "men": number(row.men),
                "total": number(row.total),
            }
            for row in figures.periods
        ],
    }


def _follow_up(report: Report, progress: Progress) -> dict:
    from equalocal.indicators.selectors import indicator_figures, plan_evidence
    from equalocal.plans.models import ActivityStatus, ProgressUpdate
    from equalocal.plans.selectors import current_plan, plan_coverage, plan_summary

    organisation = report.organisation
    today = min(timezone.localdate(), report.period_end)
    audience = Audience(report)
    progress("commitment")
    data: dict = {"commitment": _commitment(organisation, today)}
    plan = report.plan or current_plan(organisation)
    data["plan"] = None
    data["since"] = iso(_since(report))
    if plan is None:
        data.update(goals=[], statuses=[], overdue=[], coverage=[], indicators=[])
        return data
    progress("plan")
    summary = plan_summary(plan, today=today, reference_goals=False)
    data["plan"] = {
        "title": plan.title,
        "status": str(plan.get_status_display()),
        "period_start": iso(plan.period_start),
        "period_end": iso(plan.period_end),
        "adopted_on": iso(plan.adopted_on),
        "adopted_by": plan.adopted_by,
        "progress": summary.progress,
        "activities": len(summary.activities),
    }
    since = _since(report)
    updates: dict[int, list[dict]] = {}
    for update in ProgressUpdate.objects.filter(
        activity__plan=plan, date__gt=since, date__lte=report.period_end
    ).order_by("date", "pk"):
        updates.setdefault(update.activity_id, []).append(
            {
                "date": iso(update.date),
                "status": str(update.get_status_display()),
                "progress": update.progress,
                "text": update.text,
            }
        )
    data["goals"] = [
        {
            "title": row.goal.title if row.goal else "",
            "progress": row.progress,
            "activities": len(row.activities),
            "done": sum(1 for a in row.activities if a.status == ActivityStatus.DONE),
        }
        for row in summary.goals
    ]
    statuses = []
    for value, label in ActivityStatus.choices:
        activities = [a for a in summary.activities if a.status == value]
        statuses.append(
            {
                "status": value,
                "label": str(label),
                "activities": [_activity(a, audience, updates.get(a.pk, [])) for a in activities],
            }
        )
    data["statuses"] = statuses
    data["changed"] = sum(1 for a in summary.activities if a.pk in updates)
    data["overdue"] = [_activity(a, audience, []) for a in summary.overdue]
    progress("coverage")
    data["coverage"] = [
        {
            "number": row.article.number,
            "title": row.article.title,
            "prioritised": row.prioritised,
            "goals": len(row.goals),
            "activities": len(row.activities),
            "gap": row.gap,
        }
        for row in plan_coverage(plan, summary)
        if row.prioritised or row.goals or row.activities
    ]
    progress("indicators")
    data["indicators"] = [
        _indicator(indicator_figures(indicator, organisation)) for indicator in plan_evidence(plan)
    ]
    return data


BUILDERS: dict[str, Callable[[Report, Progress], dict]] = {
    ReportKind.FOLLOW_UP: _follow_up,
}


# Signatory summary of a national association or network ----------------------------------------

DEADLINE_STATES = ("on_time", "due", "overdue", "unknown")


def _deadline_state(row) -> str:
    """On time (plan adopted by the deadline), due (no plan yet, deadline ahead), overdue (the
    deadline passed without a plan, or the plan came late), unknown (no date, or not shared)."""
    state = row.deadline
    if state is None or not state.known:
        return "unknown"
    if state.met:
        return "on_time" if state.met_in_time else "overdue"
    return "overdue" if state.overdue else "due"


@dataclass
class _PublicRow:
    """A member as the public network page shows it, shaped as a network dashboard row."""

    organisation: object
    commitment: object = None
    standing: object = None
    deadline: object = None
    plan: object = None
    shares_commitment: bool = False
    progress: None = None
    last_update: None = None


def _public_rows(network, today: date) -> list[_PublicRow]:
    from equalocal.public.selectors import member_signatories

    members, published = member_signatories(network, today=today)
    shown = {row.organisation.pk: row for row in published}
    rows = []
    for member in members:
        row = shown.get(member.pk)
        if row is None:
            rows.append(_PublicRow(organisation=member))
            continue
        rows.append(
            _PublicRow(
                organisation=member,
                commitment=row.commitment,
                standing=row.status,
                deadline=row.deadline,
                plan=row.plan,
                shares_commitment=True,
            )
        )
    return rows


def _signatory_summary(report: Report, progress: Progress) -> dict:
    from django.utils.translation import gettext as _

    from equalocal.charters.standing import is_binding
    from equalocal.networks.selectors import network_dashboard

    network = report.organisation
    progress("commitment")
    rows = network_dashboard(network, today=report.period_end)
    labels = {
        "on_time": _("On time"),
        "due": _("Due"),
        "overdue": _("Overdue"),
        "unknown": _("Unknown"),
    }
    if report.public:
        # Anyone reads a public report: each member as the public pages show it, never what
        # it shares with the network only (plan progress, unpublished commitments and plans).
        rows = _public_rows(network, report.period_end)
    signatories = []
    for row in rows:
        organisation = row.organisation
        commitment = row.commitment
        state = _deadline_state(row)
        signatories.append(
            {
                "name": organisation.name,
                "kind": str(organisation.get_kind_display()),
                "country": str(organisation.country.name) if organisation.country else "",
                "commitment_shared": row.shares_commitment,
                # The status every page shows (``charters.standing``), with its Charter text.
                "status": str(row.standing.label) if row.standing else "",
                "charter": commitment.charter.year if commitment else None,
                "bound": bool(commitment) and is_binding(commitment),
                "decided_on": iso(commitment.decided_on) if commitment else None,
                "signed_on": iso(commitment.signed_on) if commitment else None,
                "deadline": iso(row.deadline.deadline) if row.deadline else None,
                "deadline_state": state,
                "deadline_label": str(labels[state]),
                "plan": row.plan.title if row.plan else "",
                "plan_adopted_on": iso(row.plan.adopted_on) if row.plan else None,
                "progress": row.progress,
                "last_update": iso(row.last_update),
            }
        )
    progress("plan")

    def count(key: str) -> list[list]:
        counted: dict[str, int] = {}
        for item in signatories:
            counted[item[key] or "–"] = counted.get(item[key] or "–", 0) + 1
        return sorted(([name, n] for name, n in counted.items()), key=lambda x: (-x[1], x[0]))

    by_state = [
        [str(labels[state]), sum(1 for s in signatories if s["deadline_state"] == state)]
        for state in DEADLINE_STATES
    ]
    return {
        "members": len(signatories),
        # Those bound by Part II (decided to sign, or signed), as the public network page
        # counts them. (Snapshots made before had "signed": those with a signature date.)
        "bound": sum(1 for s in signatories if s["bound"]),
        "with_plan": sum(1 for s in signatories if s["plan"]),
        "signatories": signatories,
        "by_kind": count("kind"),
        "by_country": count("country"),
        "by_status": count("status"),
        "by_deadline": by_state,
        "bar_charts": [
            {"title": _("Plan deadlines"), "bars": by_state},
            {"title": _("Members by country"), "bars": count("country")},
        ],
    }


# Network interim report (sample 000) -----------------------------------------------------------


def _network_interim(report: Report, progress: Progress) -> dict:
    from equalocal.networks.models import MeetingStatus, NetworkMembership
    from equalocal.networks.selectors import current_seats, group_matrix
    from equalocal.organisations.permissions import contacts_shared_with

    network, body = report.organisation, report.body
    if body is None:
        return {"group": None}
    start, end = report.period_start, report.period_end
    memberships = list(
        NetworkMembership.objects.filter(network=network, body=body)
        .select_related("member")
        .order_by("member__name", "pk")
    )
    audience = Audience(report, contacts_shared_with(network, {m.member_id for m in memberships}))
    progress("commitment")
    seats = current_seats(body, today=end)
    coordinators = [
        {"name": audience.name(seat.person, seat.get_role_display()), "member": seat.member.name}
        for seat in seats
        if seat.role == "coordinator"
    ]

    def active(m) -> bool:
        return (m.joined_on is None or m.joined_on <= end) and (
            m.left_on is None or m.left_on >= start
        )

    members = [
        {
            "name": m.member.name,
            "joined_on": iso(m.joined_on),
            "left_on": iso(m.left_on),
            "joined": bool(m.joined_on and start <= m.joined_on <= end),
            "left": bool(m.left_on and start <= m.left_on <= end),
            "note": m.leave_reason if m.left_on else m.join_note,
        }
        for m in memberships
        if active(m)
    ]
    progress("plan")
    rows, besides = [], []
    plan = body.plan
    if plan is not None:
        for activity in plan.activities.select_related("goal").order_by(
            "goal__order", "order", "pk"
        ):
            row = {
                "aim": activity.goal.title if activity.goal_id else "",
                "action": activity.title,
                "implementation": activity.description,
                "start": iso(activity.start_date),
                "end": iso(activity.end_date),
                "when": activity.timing_note,
                "status": str(activity.get_status_display()),
                "comment": activity.comment,
            }
            (rows if activity.goal_id else besides).append(row)
    meetings = list(body.meetings.select_related("host").order_by("date", "pk"))

    def meeting(m) -> dict:
        return {
            "date": iso(m.date),
            "place": m.place or (m.host.name if m.host_id else ""),
            "status": str(m.get_status_display()),
        }

    held = [
        meeting(m) for m in meetings if start <= m.date <= end and m.status == MeetingStatus.HELD
    ]
    # Seen from the end of the period, every meeting after it was still ahead.
    planned = [meeting(m) for m in meetings if m.date > end and m.status != MeetingStatus.CANCELLED]
    progress("coverage")
    matrix = group_matrix(body, today=end)
    role_labels = {"responsible": "●", "contact": "○"}
    return {
        "group": {
            "name": body.name,
            "purpose": body.purpose,
            "set_up_by": body.set_up_by,
            "set_up_on": iso(body.set_up_on),
            "started_on": iso(body.started_on),
        },
        "background": report.background or body.purpose,
        "next_steps": report.next_steps,
        "coordinators": coordinators,
        "members": members,
        "plan": {"title": plan.title, "adopted_on": iso(plan.adopted_on)} if plan else None,
        "plan_rows": rows,
        "besides_plan": besides,
        "meetings_held": held,
        "meetings_planned": planned,
        "matrix": {
            "columns": [
                f"{seat.member.name}: {audience.name(seat.person, seat.get_role_display())}"
                for seat in matrix.seats
            ],
            "rows": [
                [row.name, [role_labels.get(role, "") for _seat, role in cells]]
                for row, cells in matrix.lines()
            ],
        },
    }


BUILDERS.update(
    {
        ReportKind.SIGNATORY_SUMMARY: _signatory_summary,
        ReportKind.NETWORK_INTERIM: _network_interim,
    }
)


# Operational plan (verksamhetsplan, sample 002) -------------------------------------------------


def _when(activity) -> str:
    """When an activity happens, in words where the plan gave words."""
    from django.utils.formats import date_format

    if activity.timing_note:
        return activity.timing_note
    if activity.start_date or activity.end_date:
        parts = [
            date_format(day, "YEAR_MONTH_FORMAT") if day else ""
            for day in (activity.start_date, activity.end_date)
        ]
        return " – ".join(part for part in parts if part) if parts[0] != parts[1] else parts[0]
    return str(activity.get_timing_display())


def _operational_plan(report: Report, progress: Progress) -> dict:
    from equalocal.networks.models import Body
    from equalocal.networks.selectors import current_seats
    from equalocal.organisations.permissions import contacts_shared_with

    plan = report.plan
    if plan is None:
        return {"plan": None}
    bodies = list(Body.objects.filter(plan=plan).select_related("network"))
    seats = [seat for body in bodies for seat in current_seats(body, today=report.period_end)]
    shared: frozenset[int] = frozenset()
    for body in bodies:
        shared |= contacts_shared_with(body.network, {seat.member_id for seat in seats})
    audience = Audience(report, shared)
    progress("plan")
    texts = {t.reference_goal_id: t.text for t in plan.goal_texts.all()}
    higher_goals = [
        {"number": goal.number, "title": goal.title, "text": texts.get(goal.pk, "")}
        for goal in plan.reference_goals.select_related("goal_set").order_by(
            "goal_set__code", "number"
        )
    ]
    goals = list(plan.goals.order_by("order", "pk"))
    activities = [
        {
            "goal": activity.goal.title if activity.goal_id else "",
            "goal_number": next(
                (n for n, g in enumerate(goals, 1) if g.pk == activity.goal_id), None
            ),
            "title": activity.title,
            "when": _when(activity),
            "responsible": audience.responsible(activity) or "–",
            "status": str(activity.get_status_display()),
        }
        for activity in plan.activities.select_related("goal", "responsible_person").order_by(
            "goal__order", "order", "pk"
        )
    ]
    progress("coverage")
    return {
        "plan": {
            "title": plan.title,
            "kind": str(plan.get_kind_display()),
            "period_start": iso(plan.period_start),
            "period_end": iso(plan.period_end),
            "adopted_on": iso(plan.adopted_on),
            "adopted_by": plan.adopted_by,
        },
        "group": bodies[0].name if bodies else "",
        "contact": (
            {
                "name": audience.name(plan.contact),
                "title": plan.contact.title,
                "organisation": plan.contact.organisation.name,
                "email": plan.contact.email if audience.may_see(plan.contact) else "",
            }
            if plan.contact_id
            else None
        ),
        "field_of_work": plan.field_of_work,
        "purpose": plan.purpose,
        "higher_goals": higher_goals,
        "goals": [{"title": goal.title, "description": goal.description} for goal in goals],
        "activities": activities,
        "representatives": [
            {
                "member": seat.member.name,
                "name": audience.name(seat.person, seat.get_role_display())
                if seat.person_id
                else "",
                "title": seat.person.title
                if seat.person_id and audience.may_see(seat.person)
                else "",
                "role": str(seat.get_role_display()),
                "vacant": seat.is_vacant,
                "share_of_time": seat.share_of_time,
            }
            for seat in seats
        ],
    }


BUILDERS[ReportKind.OPERATIONAL_PLAN] = _operational_plan

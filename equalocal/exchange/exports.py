"""The exported tables, each read through the same rules as the page it comes from, and their
three formats: XLSX and CSV for people, JSON for machines.

The callers (views) pass objects already reached through the access gate; the rows here
only apply what the pages apply to each value: what members share with a network, and the
people rule (``can_see_person``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from equalocal.core.spreadsheets import Sheet, csv_bytes, xlsx_bytes
from equalocal.indicators.models import Gender, Measurement
from equalocal.networks.models import Meeting
from equalocal.organisations.models import Shared

from .columns import Column, labels
from .member_rows import MEMBER_COLUMNS, member_export_rows
from .plan_rows import PLAN_COLUMNS, plan_export_rows

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


@dataclass(frozen=True)
class Export:
    """One exported table: what it is (``name``), its columns and rows."""

    name: str
    title: str
    columns: list[Column]
    rows: list[list]

    def render(self, fmt: str) -> bytes:
        if fmt == "xlsx":
            return xlsx_bytes(
                [Sheet(title=self.title, header=labels(self.columns), rows=self.rows)]
            )
        if fmt == "csv":
            return csv_bytes(labels(self.columns), self.rows)
        keys = [column.key for column in self.columns]
        document = {
            "export": self.name,
            "title": self.title,
            "generated_at": timezone.now(),
            "columns": keys,
            "rows": [dict(zip(keys, row, strict=True)) for row in self.rows],
        }
        return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()


# Plans ----------------------------------------------------------------------------------------


def plan_export(plan, *, user) -> Export:
    return Export(
        name="plan",
        title=plan.title,
        columns=PLAN_COLUMNS,
        rows=plan_export_rows(plan, user=user),
    )


# Indicators -----------------------------------------------------------------------------------

LONG_COLUMNS = [
    Column("indicator", gettext_lazy("Indicator")),
    Column("organisation_code", gettext_lazy("Organisation code")),
    Column("period", gettext_lazy("Period")),
    Column("gender", gettext_lazy("Gender")),
    Column("value", gettext_lazy("Value")),
    Column("count", gettext_lazy("Count")),
    Column("status", gettext_lazy("Status")),
    Column("note", gettext_lazy("Note")),
]
WIDE_COLUMNS = [
    Column("indicator", gettext_lazy("Indicator")),
    Column("organisation_code", gettext_lazy("Organisation code")),
    Column("period", gettext_lazy("Period")),
    Column("total", gettext_lazy("Total")),
    Column("women", gettext_lazy("Women")),
    Column("men", gettext_lazy("Men")),
]
GENDER_ORDER = {Gender.TOTAL: 0, Gender.WOMEN: 1, Gender.MEN: 2}


def indicators_export(organisation, *, wide: bool) -> Export:
    """The organisation's figures, in the indicators import's long or wide format.

    The headings are the import's own (``indicator, organisation_code, period, …``), so the
    file goes back in as it came out.
    """
    measurements = (
        Measurement.objects.filter(organisation=organisation)
        .select_related("indicator")
        .order_by("indicator__code", "year", "period", "gender")
    )
    code = organisation.official_code
    if not wide:
        rows = sorted(
            (
                [
                    m.indicator.code,
                    code,
                    m.period,
                    m.gender,
                    m.value,
                    m.count,
                    m.status,
                    m.note,
                ]
                for m in measurements
            ),
            key=lambda row: (row[0], row[2], GENDER_ORDER.get(row[3], 9)),
        )
        return Export(name="indicators-long", title=_("Figures"), columns=LONG_COLUMNS, rows=rows)
    table: dict[tuple[str, str], dict] = {}
    for m in measurements:
        table.setdefault((m.indicator.code, m.period), {})[m.gender] = m.value
    rows = [
        [indicator, code, period, values.get("total"), values.get("women"), values.get("men")]
        for (indicator, period), values in sorted(table.items())
    ]
    return Export(name="indicators-wide", title=_("Figures"), columns=WIDE_COLUMNS, rows=rows)


# Organisations --------------------------------------------------------------------------------

ORGANISATION_COLUMNS = [
    Column("name", gettext_lazy("Name")),
    Column("kind", gettext_lazy("Kind")),
    Column("country", gettext_lazy("Country")),
    Column("official_code", gettext_lazy("Official code")),
    Column("website", gettext_lazy("Website")),
]


def organisations_export(organisations) -> Export:
    """The public directory, as filtered on its page."""
    rows = [
        [
            o.name,
            str(o.get_kind_display()),
            str(o.country.name) if o.country else "",
            o.official_code,
            o.website,
        ]
        for o in organisations
    ]
    return Export(
        name="organisations",
        title=_("Organisations"),
        columns=ORGANISATION_COLUMNS,
        rows=rows,
    )


# Networks -------------------------------------------------------------------------------------


def members_export(network, *, user, today: date, contacts_shared: frozenset[int]) -> Export:
    return Export(
        name="network-members",
        title=_("Members"),
        columns=MEMBER_COLUMNS,
        rows=member_export_rows(network, user=user, today=today, contacts_shared=contacts_shared),
    )


MEETING_COLUMNS = [
    Column("date", gettext_lazy("Date")),
    Column("status", gettext_lazy("Status")),
    Column("host", gettext_lazy("Host city")),
    Column("place", gettext_lazy("Place")),
    Column("online_url", gettext_lazy("Online link")),
    Column("attendees", gettext_lazy("Attendees")),
    Column("decisions", gettext_lazy("Decisions")),
    Column("agenda", gettext_lazy("Agenda")),
    Column("minutes", gettext_lazy("Minutes")),
    Column("minutes_url", gettext_lazy("Link to the minutes")),
]


def meetings_export(group) -> Export:
    """The group's meetings, newest first, as listed on the group's page."""
    meetings = (
        Meeting.objects.filter(body=group)
        .select_related("host")
        .annotate(
            attendee_count=Count("attendees", distinct=True),
            decision_count=Count("decisions", distinct=True),
        )
        .order_by("-date", "-pk")
    )
    rows = [
        [
            m.date,
            m.status_label,
            m.host.name if m.host else "",
            m.place,
            m.online_url,
            m.attendee_count,
            m.decision_count,
            m.agenda,
            m.minutes,
            m.minutes_url,
        ]
        for m in meetings
    ]
    return Export(name="meetings", title=_("Meetings"), columns=MEETING_COLUMNS, rows=rows)


DASHBOARD_COLUMNS = [
    Column("organisation", gettext_lazy("Member")),
    Column("country", gettext_lazy("Country")),
    Column("joined_on", gettext_lazy("Joined on")),
    Column("commitment", gettext_lazy("Commitment")),
    Column("deadline", gettext_lazy("Plan deadline")),
    Column("deadline_state", gettext_lazy("Deadline status")),
    Column("plan", gettext_lazy("Current plan")),
    Column("progress", gettext_lazy("Progress (%)")),
    Column("last_update", gettext_lazy("Last progress update")),
]


def dashboard_export(rows) -> Export:
    """The member dashboard's rows as the page shows them: what a member does not share with
    the network reads "not shared", never a value."""
    not_shared = _("not shared")
    table = []
    for row in rows:
        commitment = row.shares_commitment
        progress = row.shares_progress
        due = row.due  # as the page shows it: provisional before the decision
        deadline = due.state if due else None
        table.append(
            [
                row.organisation.name,
                str(row.organisation.country.name) if row.organisation.country else "",
                row.joined_on,
                (row.commitment.get_status_display() if row.commitment else "")
                if commitment
                else not_shared,
                deadline.deadline if deadline else (None if commitment else not_shared),
                _deadline_state(deadline, provisional=bool(due and due.provisional))
                if commitment
                else not_shared,
                (row.plan.title if row.plan else "") if progress else not_shared,
                row.progress if progress else not_shared,
                row.last_update if Shared.PROGRESS in row.shared else not_shared,
            ]
        )
    return Export(
        name="network-dashboard",
        title=_("Member dashboard"),
        columns=DASHBOARD_COLUMNS,
        rows=table,
    )


def _deadline_state(deadline, *, provisional: bool = False) -> str:
    if deadline is None:
        return ""
    if getattr(deadline, "met", False):
        return str(_("plan adopted"))
    if provisional:
        return str(_("provisional"))
    if deadline.overdue:
        return str(_("overdue"))
    return str(_("on time"))

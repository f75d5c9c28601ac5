"""The sections of each kind of report, in order: the table of contents of the HTML, the PDF
and the DOCX alike. Call under the report's language."""

from __future__ import annotations

from django.utils.translation import gettext as _


def _follow_up(data: dict) -> list[tuple[str, str]]:
    sections = [("summary", _("Summary")), ("commitment", _("Commitment and deadline"))]
    if data.get("plan"):
        sections += [
            ("goals", _("Goals and progress")),
            ("activities", _("Activities by status")),
            ("overdue", _("Overdue activities")),
            ("coverage", _("Charter articles covered")),
            ("indicators", _("Indicators")),
        ]
    return sections


def _signatory_summary(data: dict) -> list[tuple[str, str]]:
    return [
        ("summary", _("Summary")),
        ("counts", _("Signatories in figures")),
        ("signatories", _("Signatories")),
    ]


def _network_interim(data: dict) -> list[tuple[str, str]]:
    return [
        ("coordinators", _("Coordinators")),
        ("background", _("Background")),
        ("summary", _("Summary")),
        ("members", _("Members")),
        ("plan", _("Action plan")),
        ("meetings", _("Meetings")),
        ("matrix", _("Responsibility matrix")),
        ("next_steps", _("Next steps")),
    ]


def _operational_plan(data: dict) -> list[tuple[str, str]]:
    return [
        ("contact", _("Contact person and field of work")),
        ("purpose", _("Purpose")),
        ("goals", _("Goals for the year")),
        ("activities", _("Activities")),
        ("representatives", _("Representatives")),
    ]


OUTLINES = {
    "follow_up": _follow_up,
    "signatory_summary": _signatory_summary,
    "network_interim": _network_interim,
    "operational_plan": _operational_plan,
}


def outline(data: dict) -> list[tuple[str, str]]:
    return OUTLINES[data["kind"]](data)

"""A report's snapshot as a Word document (python-docx), in the active language.

The same sections and tables as the HTML and PDF, from the same outline. Text from the data
goes in as text runs (python-docx escapes it for XML); characters XML cannot hold are dropped.
Each page carries the organisation, the date and the version in its header and the page
number in its footer.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from .outline import outline
from .templatetags.report_format import isodate, num

# Characters XML 1.0 does not allow (C0 controls but tab, newline, return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LANGUAGE_TAGS = {"en": "en-GB", "sv": "sv-SE"}


def clean(value) -> str:
    return _NOT_XML.sub("", "" if value is None else str(value))


class Writer:
    def __init__(self, data: dict):
        self.data = data
        self.doc = Document()
        self.titles = dict(outline(data))
        self._set_language(LANGUAGE_TAGS.get(data["language"], data["language"]))
        properties = self.doc.core_properties
        properties.title = clean(data["title"])
        properties.author = clean(data.get("author") or data["organisation"]["name"])
        properties.language = LANGUAGE_TAGS.get(data["language"], data["language"])
        self._header_and_footer()

    def _set_language(self, tag: str) -> None:
        """The proofing language of the whole document (the Normal style and the defaults)."""
        style = self.doc.styles["Normal"]
        style.font.name = "DejaVu Sans"
        style.font.size = Pt(10)
        run_properties = style.element.get_or_add_rPr()
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), tag)
        run_properties.append(language)

    def _header_and_footer(self) -> None:
        section = self.doc.sections[0]
        head = section.header.paragraphs[0]
        head.text = clean(
            f"{self.data['organisation']['name']} · {isodate(self.data['made_on'])} · "
            + _("version %(version)s") % {"version": self.data["version"]}
        )
        foot = section.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        foot.add_run(_("Page") + " ")
        self._field(foot, "PAGE")
        foot.add_run(" / ")
        self._field(foot, "NUMPAGES")

    @staticmethod
    def _field(paragraph, instruction: str) -> None:
        run = paragraph.add_run()
        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        text = OxmlElement("w:instrText")
        text.set(qn("xml:space"), "preserve")
        text.text = instruction
        separate = OxmlElement("w:fldChar")
        separate.set(qn("w:fldCharType"), "separate")
        value = OxmlElement("w:t")
        value.text = "1"
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        for element in (begin, text, separate, value, end):
            run._r.append(element)

    # Building blocks ----------------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_heading(clean(text), level=level)

    def section(self, key: str) -> None:
        self.heading(self.titles[key], 1)

    def para(self, text: str, *, style: str | None = None) -> None:
        self.doc.add_paragraph(clean(text), style=style)

    def table(self, headings: list[str], rows: list[list]) -> None:
        table = self.doc.add_table(rows=1, cols=len(headings))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headings, strict=True):
            cell.text = clean(text)
            for run in cell.paragraphs[0].runs:
                run.bold = True
        # The heading row repeats on every page.
        row_properties = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        row_properties.append(repeat)
        for values in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                cell.text = clean(value)
        self.doc.add_paragraph()

    def cover(self) -> None:
        data = self.data
        organisation = data["organisation"]
        self.para(
            organisation["name"] + (f" ({organisation['code']})" if organisation["code"] else "")
        )
        self.doc.add_heading(clean(data["title"]), level=0)
        self.para(
            _("Period: %(start)s – %(end)s")
            % {"start": isodate(data["period"]["start"]), "end": isodate(data["period"]["end"])}
        )
        self.para(_("Date: %(date)s") % {"date": isodate(data["made_on"])})
        self.para(_("Version: %(version)s") % {"version": data["version"]})
        if data.get("author"):
            self.para(_("Author: %(author)s") % {"author": data["author"]})
        self.heading(_("Contents"), 1)
        for _key, title in outline(data):
            self.para(title, style="List Number")
        self.doc.add_page_break()

    def text_section(self, key: str, text: str, empty: str) -> None:
        self.section(key)
        for line in (text or empty).splitlines() or [empty]:
            self.para(line)


def _yes_no(value) -> str:
    if value is None:
        return _("Not yet known")
    return _("Yes") if value else _("No")


def _percent(value) -> str:
    return "–" if value is None else f"{value} %"


def _follow_up(w: Writer) -> None:
    data = w.data
    w.text_section("summary", data.get("summary"), _("The author wrote no summary."))
    w.section("commitment")
    commitment = data.get("commitment")
    if commitment:
        w.para(_("Charter text: %(year)s") % {"year": commitment["charter"]})
        w.para(_("Status: %(status)s") % {"status": commitment["status"]})
        deadline = isodate(commitment["deadline"]) if commitment["deadline"] else _("unknown")
        w.para(_("Action-plan deadline: %(deadline)s") % {"deadline": deadline})
        w.heading(_("Charter checklist (Part II)"), 2)
        w.table(
            [_("Duty"), _("Met"), _("Why")],
            [[x["label"], _yes_no(x["ok"]), x["reason"]] for x in commitment["checklist"]],
        )
    else:
        w.para(_("No commitment to the Charter is recorded."))
    plan = data.get("plan")
    if not plan:
        w.para(_("The organisation has no action plan yet."))
        return
    w.section("goals")
    w.para(
        _("Plan “%(plan)s”: %(progress)s %% done overall.")
        % {"plan": plan["title"], "progress": "–" if plan["progress"] is None else plan["progress"]}
    )
    w.table(
        [_("Goal"), _("Activities"), _("Done"), _("Progress")],
        [
            [
                g["title"] or _("Activities without a goal"),
                g["activities"],
                g["done"],
                _percent(g["progress"]),
            ]
            for g in data["goals"]
        ],
    )
    w.section("activities")
    w.para(
        ngettext(
            "%(changed)s activity changed since %(since)s.",
            "%(changed)s activities changed since %(since)s.",
            data["changed"],
        )
        % {"changed": data["changed"], "since": isodate(data["since"])}
    )
    for group in data["statuses"]:
        if not group["activities"]:
            continue
        w.heading(f"{group['label']} ({len(group['activities'])})", 2)
        w.table(
            [_("Activity"), _("Responsible"), _("End"), _("Progress"), _("Changes in the period")],
            [
                [
                    a["title"],
                    a["responsible"] or "–",
                    isodate(a["end"], "SHORT_DATE_FORMAT") or a["when"],
                    _percent(a["progress"]),
                    "\n".join(
                        f"{isodate(c['date'], 'SHORT_DATE_FORMAT')}: {c['status']}, {c['progress']} %"
                        + (f" – {c['text']}" if c["text"] else "")
                        for c in a["changes"]
                    )
                    or "–",
                ]
                for a in group["activities"]
            ],
        )
    w.section("overdue")
    if data["overdue"]:
        w.table(
            [_("Activity"), _("Responsible"), _("End"), _("Status")],
            [
                [
                    a["title"],
                    a["responsible"] or "–",
                    isodate(a["end"], "SHORT_DATE_FORMAT"),
                    a["status_label"],
                ]
                for a in data["overdue"]
            ],
        )
    else:
        w.para(_("No activity is overdue."))
    w.section("coverage")
    if data["coverage"]:
        w.table(
            [_("Article"), _("Prioritised"), _("Goals"), _("Activities")],
            [
                [
                    f"{row['number']}. {row['title']}",
                    _yes_no(row["prioritised"]),
                    row["goals"],
                    row["activities"],
                ]
                for row in data["coverage"]
            ],
        )
    else:
        w.para(_("No goal or activity is linked to a Charter article."))
    w.section("indicators")
    if not data["indicators"]:
        w.para(_("No indicator is linked to the plan."))
    for indicator in data["indicators"]:
        w.heading(f"{indicator['code']} {indicator['title']}", 2)
        if indicator["target"]:
            w.para(
                _("Target: %(target)s (%(year)s).")
                % {"target": indicator["target"], "year": indicator["target_year"]}
            )
        else:
            w.para(_("No target is set."))
        if indicator["light"]:
            w.para(_("Status: %(light)s.") % {"light": indicator["light_label"]})
        w.table(
            [_("Period"), _("Women"), _("Men"), _("Total")],
            [
                [r["period"], num(r["women"]), num(r["men"]), num(r["total"])]
                for r in indicator["rows"]
            ],
        )


def _short(value) -> str:
    return isodate(value, "SHORT_DATE_FORMAT") or "–"


def _signatory_status(s: dict) -> str:
    """The member's status with its Charter text, as on the public network page."""
    if not s["status"]:
        return "–"
    return f"{s['status']} ({s['charter']})" if s.get("charter") else s["status"]


def _signatory_summary(w: Writer) -> None:
    data = w.data
    w.text_section("summary", data.get("summary"), _("The author wrote no summary."))
    w.section("counts")
    if data.get("bound") is not None:
        counts = _(
            "%(members)s members; %(bound)s have decided to sign or signed the Charter; "
            "%(plans)s have an action plan."
        ) % {"members": data["members"], "bound": data["bound"], "plans": data["with_plan"]}
    else:  # a snapshot made before the count followed the Charter standing
        counts = _(
            "%(members)s members; %(signed)s have signed the Charter; %(plans)s have an action plan."
        ) % {"members": data["members"], "signed": data["signed"], "plans": data["with_plan"]}
    w.para(counts)
    for chart in data["bar_charts"]:
        w.heading(chart["title"], 2)
        w.table([chart["title"], _("Members")], chart["bars"])
    w.heading(_("By kind"), 2)
    w.table([_("Kind"), _("Members")], data["by_kind"])
    w.section("signatories")
    w.table(
        [
            _("Member"),
            _("Country"),
            _("Status"),
            _("Decision"),
            _("Signed"),
            _("Plan deadline"),
            _("Latest plan"),
            _("Latest progress report"),
        ],
        [
            [
                f"{s['name']} ({s['kind']})",
                s["country"],
                _signatory_status(s) if s["commitment_shared"] else _("not shared"),
                _short(s["decided_on"]),
                _short(s["signed_on"]),
                f"{_short(s['deadline'])} ({s['deadline_label']})",
                s["plan"] or "–",
                _short(s["last_update"]),
            ]
            for s in data["signatories"]
        ],
    )


def _plan_rows(w: Writer, rows: list[dict]) -> None:
    if not rows:
        w.para(_("The group's plan has no activities."))
        return
    w.table(
        [_("Aims"), _("Action"), _("Implementation"), _("Date"), _("Comments")],
        [
            [
                r["aim"] or "–",
                r["action"],
                f"{r['implementation'] or '–'}\n{r['status']}",
                " ".join(
                    part
                    for part in (
                        f"{_short(r['start'])} – {_short(r['end'])}"
                        if r["start"] or r["end"]
                        else "",
                        r["when"],
                    )
                    if part
                ),
                r["comment"] or "–",
            ]
            for r in rows
        ],
    )


def _network_interim(w: Writer) -> None:
    data = w.data
    group = data.get("group")
    if not group:
        w.para(_("Choose the working group the interim report is about."))
        return
    w.section("coordinators")
    w.para(group["name"])
    for c in data["coordinators"] or []:
        w.para(f"{c['name']} ({c['member']})", style="List Bullet")
    if not data["coordinators"]:
        w.para(_("No coordinator is recorded."))
    w.text_section("background", data["background"], "")
    w.para(
        _("This report covers %(start)s – %(end)s.")
        % {"start": isodate(data["period"]["start"]), "end": isodate(data["period"]["end"])}
    )
    w.text_section("summary", data.get("summary"), _("The author wrote no summary."))
    w.section("members")
    w.table(
        [_("Member"), _("Joined"), _("Left"), _("In the period")],
        [
            [
                m["name"],
                _short(m["joined_on"]),
                _short(m["left_on"]),
                (_("new member") if m["joined"] else _("has left") if m["left"] else "")
                + (f" – {m['note']}" if m["note"] else ""),
            ]
            for m in data["members"]
        ],
    )
    w.section("plan")
    if data["plan"]:
        w.para(data["plan"]["title"])
    _plan_rows(w, data["plan_rows"])
    if data["besides_plan"]:
        w.heading(_("Besides the action plan"), 2)
        _plan_rows(w, data["besides_plan"])
    w.section("meetings")
    for heading, meetings, empty in (
        (_("Held"), data["meetings_held"], _("No meeting was held in the period.")),
        (_("Planned"), data["meetings_planned"], _("No meeting is planned.")),
    ):
        w.heading(heading, 2)
        for m in meetings:
            w.para(f"{isodate(m['date'])}, {m['place'] or '–'}", style="List Bullet")
        if not meetings:
            w.para(empty)
    w.section("matrix")
    matrix = data["matrix"]
    if matrix["rows"] and matrix["columns"]:
        w.para(_("● responsible, ○ contact"))
        w.table([_("Body"), *matrix["columns"]], [[name, *cells] for name, cells in matrix["rows"]])
    else:
        w.para(_("No responsibility matrix yet."))
    w.text_section("next_steps", data["next_steps"], _("No next steps are written."))


def _operational_plan(w: Writer) -> None:
    data = w.data
    if not data.get("plan"):
        w.para(_("Choose the operational plan to report."))
        return
    w.section("contact")
    contact = data["contact"]
    if contact:
        parts = [contact["name"], contact["title"], contact["organisation"], contact["email"]]
        w.para(_("Contact person") + ": " + ", ".join(part for part in parts if part))
    else:
        w.para(_("No contact person is named."))
    w.heading(_("Field of work"), 2)
    for line in (data["field_of_work"] or _("The field of work is not described.")).splitlines():
        w.para(line)
    w.section("purpose")
    for line in (data["purpose"] or "").splitlines():
        w.para(line)
    for goal in data["higher_goals"]:
        w.heading(f"{goal['number']}. {goal['title']}", 2)
        for line in (goal["text"] or _("No text on this goal yet.")).splitlines():
            w.para(line)
    w.section("goals")
    for goal in data["goals"]:
        w.para(goal["title"], style="List Number")
    if not data["goals"]:
        w.para(_("The plan has no goals."))
    w.section("activities")
    w.table(
        [_("Activity"), _("When"), _("Responsible")],
        [
            [
                (
                    _("Goal %(number)s") % {"number": a["goal_number"]} + ": "
                    if a["goal_number"]
                    else ""
                )
                + a["title"],
                a["when"],
                a["responsible"],
            ]
            for a in data["activities"]
        ],
    )
    w.section("representatives")
    if not data["representatives"]:
        w.para(_("No working group has this plan."))
        return
    w.table(
        [_("Member"), _("Representative"), _("Role"), _("Share of time")],
        [
            [
                r["member"],
                _("vacant") if r["vacant"] else ", ".join(p for p in (r["name"], r["title"]) if p),
                r["role"],
                "–" if r["share_of_time"] is None else f"{r['share_of_time']} %",
            ]
            for r in data["representatives"]
        ],
    )


WRITERS = {
    "operational_plan": _operational_plan,
    "follow_up": _follow_up,
    "signatory_summary": _signatory_summary,
    "network_interim": _network_interim,
}


def write_docx(data: dict, target) -> None:
    writer = Writer(data)
    writer.cover()
    WRITERS[data["kind"]](writer)
    writer.doc.save(target)

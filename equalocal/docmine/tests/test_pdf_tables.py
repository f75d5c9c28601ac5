"""Tables on born-digital PDF pages come back as ``Table`` objects (issue 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from equalocal.docmine.extraction import analyse
from equalocal.docmine.reading.pdf import read_pdf
from equalocal.docmine.reading.pdftables import has_table_heading
from equalocal.documents.tests.fixtures import make_born_digital_pdf

ENGLISH = """<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>
@page { size: A4; margin: 2cm } section { break-after: page }
body { font-family: 'DejaVu Sans'; font-size: 11pt }
td, th { border: 1px solid #000; padding: 4px; text-align: left; vertical-align: top }
</style></head><body>
<section>
<h1>Gender Equality Action Plan</h1>
<p>The council adopted the following actions under the European Charter for Equality of
Women and Men in Local Life. Progress is reported to the committee every year.</p>
<table style='width: 100%'>
<tr><th style='width: 22%'>Aim</th><th style='width: 40%'>Action</th>
<th style='width: 22%'>Responsible</th><th>Date</th></tr>
<tr><td>Equal services</td><td>Collect and publish all service statistics broken down by sex
and age, and review them with the service managers twice a year</td>
<td>Policy unit</td><td>2026</td></tr>
<tr><td>Safe streets</td><td>Audit street lighting</td><td>Highways</td><td>March 2027</td></tr>
</table>
<p>The plan will be reviewed by the full council after two years of implementation.</p>
</section>
<section>
<h1>Background</h1>
<p>The municipality signed the Charter in 2019. This page describes the consultation that
preceded the plan, which involved residents, staff and local organisations, and it has no
table of actions at all.</p>
</section>
</body></html>"""


@pytest.fixture(scope="module")
def swedish_pdf(tmp_path_factory) -> Path:
    return make_born_digital_pdf(tmp_path_factory.mktemp("pdf") / "sv.pdf", pages=3)


@pytest.fixture(scope="module")
def english_pdf(tmp_path_factory) -> Path:
    from weasyprint import HTML

    path = tmp_path_factory.mktemp("pdf") / "en.pdf"
    HTML(string=ENGLISH).write_pdf(path)
    return path


def test_born_digital_table_is_read_with_its_rows(swedish_pdf):
    result = read_pdf(swedish_pdf)
    assert [table.page for table in result.tables] == [1, 2, 3]
    table = result.tables[0]
    assert table.rows[0] == ["Mål", "Aktivitet", "Ansvarig", "Tidsram"]
    assert table.rows[1:] == [
        ["Jämställd service", "Könsuppdela all individstatistik", "Kommunledningskontoret", "2025"],
        ["Jämställda villkor", "Lönekartläggning", "HR-avdelningen", "Varje år"],
    ]


def test_born_digital_table_gives_action_rows(swedish_pdf):
    result = read_pdf(swedish_pdf)
    analysis = analyse(result.text, tables=result.tables, language="sv")
    rows = [(r.goal, r.activity, r.responsible, r.timeframe) for r in analysis.action_rows]
    assert (
        "Jämställd service",
        "Könsuppdela all individstatistik",
        "Kommunledningskontoret",
        "2025",
    ) in rows
    assert ("Jämställda villkor", "Lönekartläggning", "HR-avdelningen", "Varje år") in rows


def test_english_table_with_a_wrapped_cell(english_pdf):
    result = read_pdf(english_pdf)
    assert len(result.tables) == 1
    table = result.tables[0]
    assert table.page == 1
    assert table.rows[0] == ["Aim", "Action", "Responsible", "Date"]
    assert table.rows[1] == [
        "Equal services",
        "Collect and publish all service statistics broken down by sex and age, and review "
        "them with the service managers twice a year",
        "Policy unit",
        "2026",
    ]
    assert table.rows[2] == ["Safe streets", "Audit street lighting", "Highways", "March 2027"]
    assert len(table.rows) == 3  # the paragraph after the table is not a row
    analysis = analyse(result.text, tables=result.tables, language="en")
    assert any(r.responsible == "Highways" for r in analysis.action_rows)


def test_page_without_a_table_has_no_tables(english_pdf):
    result = read_pdf(english_pdf)
    assert all(table.page != 2 for table in result.tables)
    assert not has_table_heading(result.pages[1].text)


def test_heading_cue_needs_two_headings_on_one_line():
    assert has_table_heading("Mål Aktivitet Ansvarig Tidsram\nJämställd")
    assert has_table_heading("Aim Action Responsible Date")
    assert not has_table_heading("Aim of the plan\nAction is needed")
    assert not has_table_heading("Kommunfullmäktige beslutar att anta planen.")


@pytest.mark.parametrize(
    "change",
    [
        ("text-align: left; ", ""),  # centred headings
        ("vertical-align: top", "vertical-align: middle"),  # cells out of reading order
        ("border: 1px solid #000; padding: 4px", "padding: 0"),  # no gaps between rows
    ],
)
def test_table_layouts(tmp_path, change):
    from weasyprint import HTML

    path = tmp_path / "layout.pdf"
    HTML(string=ENGLISH.replace(*change)).write_pdf(path)
    (table,) = read_pdf(path).tables
    assert [row[0] for row in table.rows] == ["Aim", "Equal services", "Safe streets"]
    assert table.rows[1][1].endswith("twice a year")
    assert table.rows[2] == ["Safe streets", "Audit street lighting", "Highways", "March 2027"]

"""A Swedish plan as a new user writes it, in Word and as a PDF: an adoption line on the
first page, goal headings ("Mål 1: …") inside the activity table, separate Start and Slut
columns and an Artikel column. Both files are generated here."""

from __future__ import annotations

from html import escape

import pytest

from equalocal.docmine.extraction import analyse
from equalocal.docmine.reading import read_file

TITLE = "Jämställdhetsplan 2027–2028 för Exempelby kommun"
ADOPTION = "Antagen av kommunfullmäktige 2027-01-30, § 12, KS 2026/455"
HEADINGS = ["Aktivitet", "Ansvarig", "Start", "Slut", "Artikel"]
ROWS = [
    ["Mål 1: Jämställd service till invånarna"],
    ["Könsuppdela all statistik om brukare", "Kommunstyrelsen", "2027-02-01", "2027-06-30", "9"],
    [
        "Utbilda chefer i jämställdhetsintegrering",
        "HR-avdelningen",
        "2027-03-01",
        "2027-12-31",
        "2",
    ],
    ["Mål 2: Jämställda villkor för anställda"],
    ["Genomför en lönekartläggning", "HR-avdelningen", "2027-09-01", "2027-11-30", "11"],
    ["Inför heltid som norm i vården", "Socialnämnden", "2028-01-01", "2028-12-31", "11"],
]


def _docx(path):
    from docx import Document

    document = Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph(ADOPTION)
    document.add_paragraph("Planen beskriver hur kommunen arbetar för jämställdhet 2027–2028.")
    table = document.add_table(rows=1, cols=len(HEADINGS))
    for cell, heading in zip(table.rows[0].cells, HEADINGS, strict=True):
        cell.text = heading
    for values in ROWS:
        cells = table.add_row().cells
        if len(values) == 1:
            merged = cells[0].merge(cells[-1])  # a goal heading across the table
            merged.text = values[0]
        else:
            for cell, value in zip(cells, values, strict=True):
                cell.text = value
    document.save(path)
    return path


def _pdf(path):
    import weasyprint

    head = "".join(f"<th>{escape(h)}</th>" for h in HEADINGS)
    body = ""
    for values in ROWS:
        if len(values) == 1:
            body += f"<tr><td colspan='{len(HEADINGS)}'>{escape(values[0])}</td></tr>"
        else:
            body += "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in values) + "</tr>"
    html = (
        "<html lang='sv'><head><meta charset='utf-8'><style>@page { size: A4 landscape; "
        "margin: 1.5cm } body { font-family: 'DejaVu Sans'; font-size: 10pt } "
        "td, th { border: 1px solid #000; padding: 4px; text-align: left }</style></head><body>"
        f"<h1>{escape(TITLE)}</h1><p>{escape(ADOPTION)}</p>"
        "<p>Planen beskriver hur kommunen arbetar för jämställdhet 2027–2028.</p>"
        f"<table><tr>{head}</tr>{body}</table></body></html>"
    )
    weasyprint.HTML(string=html).write_pdf(path)
    return path


@pytest.mark.parametrize("make", [_docx, _pdf], ids=["docx", "pdf"])
def test_a_plan_of_my_own_gives_its_adoption_goals_periods_and_articles(tmp_path, make):
    path = make(tmp_path / ("plan.docx" if make is _docx else "plan.pdf"))
    result = read_file(path, ocr=False)
    analysis = analyse(result.text, tables=result.tables, pages=result.pages, language="sv")

    assert analysis.kind == "action_plan", analysis.kind_cues
    [decision] = analysis.decisions
    assert decision.decision_type == "adopt_action_plan"
    assert decision.status == "adopted"
    assert decision.decision_date == "2027-01-30"
    assert decision.deciding_body == "Kommunfullmäktige"
    assert decision.paragraph == "§ 12"
    assert decision.case_number == "KS 2026/455"

    rows = {row.activity: row for row in analysis.action_rows}
    assert len(rows) == 4, [r.activity for r in analysis.action_rows]
    first = rows["Könsuppdela all statistik om brukare"]
    assert first.goal == "Mål 1: Jämställd service till invånarna"
    assert first.timeframe == "2027-02-01 – 2027-06-30"
    assert first.charter_article == "9"
    assert first.responsible == "Kommunstyrelsen"
    last = rows["Inför heltid som norm i vården"]
    assert last.goal == "Mål 2: Jämställda villkor för anställda"
    assert last.timeframe == "2028-01-01 – 2028-12-31"
    assert last.charter_article == "11"


PERIOD_ROWS = [
    ["Mål 1: Jämställd service till invånarna"],
    ["Könsuppdela all statistik om brukare", "Kommunstyrelsen", "Q3 2027", "Q1 2028", "9"],
    ["Utbilda chefer i jämställdhetsintegrering", "HR-avdelningen", "HT 2027", "VT 2028", "2"],
    ["Mål 2: Jämställda villkor för anställda"],
    ["Genomför en lönekartläggning", "HR-avdelningen", "vecka 36 2027", "vecka 48 2027", "11"],
]


@pytest.mark.parametrize("make", [_docx, _pdf], ids=["docx", "pdf"])
def test_quarters_terms_and_weeks_in_start_and_end_columns_become_dates(
    tmp_path, make, monkeypatch
):
    from datetime import date

    from equalocal.docmine.extraction.periods import period_dates

    monkeypatch.setitem(globals(), "ROWS", PERIOD_ROWS)
    path = make(tmp_path / ("plan.docx" if make is _docx else "plan.pdf"))
    result = read_file(path, ocr=False)
    analysis = analyse(result.text, tables=result.tables, pages=result.pages, language="sv")
    rows = {row.activity: row for row in analysis.action_rows}
    assert len(rows) == 3, [r.activity for r in analysis.action_rows]
    expected = {
        "Könsuppdela all statistik om brukare": (date(2027, 7, 1), date(2028, 3, 31)),
        "Utbilda chefer i jämställdhetsintegrering": (date(2027, 8, 1), date(2028, 6, 30)),
        "Genomför en lönekartläggning": (date(2027, 9, 6), date(2027, 12, 5)),
    }
    for activity, dates in expected.items():
        assert period_dates(rows[activity].timeframe, "sv") == dates, rows[activity].timeframe
    assert rows["Genomför en lönekartläggning"].goal == "Mål 2: Jämställda villkor för anställda"


def test_a_plan_whose_head_names_the_decision_that_adopted_it():
    from equalocal.docmine.extraction import analyse

    text = (
        "Stadt Kassel\n2. Gleichstellungsaktionsplan 2025–2028\n"
        "Beschluss der Stadtverordnetenversammlung vom 12. Mai 2025 (Vorlage 101.19.1234)\n\n"
        "1 Ausgangslage\nKassel hat die Europäische Charta für die Gleichstellung von Frauen "
        "und Männern auf lokaler Ebene im Jahr 2013 unterzeichnet.\n"
    )
    adopted = [d for d in analyse(text).decisions if d.decision_type.value == "adopt_action_plan"]
    assert [(d.decision_date, d.status.value) for d in adopted] == [("2025-05-12", "adopted")]


def test_an_annex_line_wrapped_over_three_lines():
    from equalocal.docmine.extraction import analyse

    text = (
        "Załącznik do uchwały nr XX/300/25\nRady Miasta Sopotu\nz dnia 3 marca 2025 r.\n\n"
        "PLAN DZIAŁAŃ NA RZECZ RÓWNOŚCI KOBIET I MĘŻCZYZN\n"
    )
    [adopted] = analyse(text).decisions
    assert (adopted.decision_type.value, adopted.decision_date) == (
        "adopt_action_plan",
        "2025-03-03",
    )
    assert adopted.case_number == "XX/300/25"


def test_a_resolution_headed_by_its_number_is_not_a_plans_adoption_line():
    from equalocal.docmine.extraction import analyse

    text = (
        "UCHWAŁA NR XII/123/2025\nRADY MIASTA OPOLA\nz dnia 5 lutego 2025 r.\n\n"
        "w sprawie przystąpienia do Europejskiej Karty Równości Kobiet i Mężczyzn w Życiu "
        "Lokalnym oraz opracowania planu działań.\n"
    )
    types = [d.decision_type.value for d in analyse(text).decisions]
    assert "adopt_action_plan" not in types

"""The one cell-safety helper, and the XLSX and CSV writers that apply it to every cell."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from equalocal.core.spreadsheets import (
    CELL_TEXT_MAX,
    Sheet,
    csv_bytes,
    safe_cell,
    sheet_title,
    unsafe_cell,
    xlsx_bytes,
    xml_text,
)

DANGEROUS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")']


@pytest.mark.parametrize("value", DANGEROUS)
def test_text_that_could_run_as_a_formula_gets_an_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Kvinnor & män", "2024", "a=b", "'quoted", ""])
def test_harmless_text_is_unchanged(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [12, Decimal("1.5"), date(2024, 1, 1), None])
def test_numbers_and_dates_stay_values(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [*DANGEROUS, "plain", "'kept"])
def test_reading_back_restores_exactly_what_was_protected(value):
    assert unsafe_cell(safe_cell(value)) == value


def test_xlsx_cells_never_hold_formulas():
    data = xlsx_bytes([Sheet(title="Plan: 2024/25", header=["=h", "b"], rows=[DANGEROUS[:2]])])
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet.title == "Plan  2024 25"
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert [cell.value for cell in cells] == ["'=h", "b", "'=1+1", "'+SUM(A1)"]


def test_csv_cells_are_neutralised_and_dates_iso():
    data = csv_bytes(["name", "when"], [["@evil", date(2024, 3, 1)], ["-1", Decimal("-1.5")]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["name", "when"], ["'@evil", "2024-03-01"], ["'-1", "-1.5"]]


# Text that XML cannot hold: openpyxl refuses it in a cell, lxml anywhere (a sheet's name).
NOT_XML = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff"]


@pytest.mark.parametrize("char", NOT_XML)
def test_text_xml_cannot_hold_is_dropped_from_names_headings_and_cells(char):
    data = xlsx_bytes(
        [Sheet(title=f"VT{char}plan", header=[f"H{char}"], rows=[[f"C{char}", f"={char}x"]])]
    )
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet.title == "VTplan"
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["H", None],
        ["C", "'=x"],
    ]


@pytest.mark.parametrize("char", ["\t", "\n", "\r", "\x7f", "\x85", "\u2028", "\U0001f600"])
def test_text_xml_can_hold_is_kept_in_cells(char):
    assert xml_text(f"a{char}b") == f"a{char}b"
    data = xlsx_bytes([Sheet(title="T", header=["h"], rows=[[f"a{char}b"]])])
    cell = load_workbook(io.BytesIO(data)).worksheets[0]["A2"]
    assert cell.value == f"a{char}b"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("VT\x0bplan\x01", "VTplan"),
        ("Plan: 2024/25", "Plan  2024 25"),
        ("a\tb\nc\rd", "a b c d"),
        ("'quoted'", "quoted"),
        ("x ' ", "x"),
        ("", "Sheet"),
        ("\x00\x01 :", "Sheet"),
        ("History", "History (2)"),
        ("HISTORY", "HISTORY (2)"),
        ("x" * 40, "x" * 31),
        ("x" * 30 + "'y", "x" * 30),
        # Excel counts the name in UTF-16 code units: an emoji takes two.
        ("\U0001f600" * 20, "\U0001f600" * 15),
    ],
)
def test_sheet_titles_are_names_excel_accepts(title, expected):
    assert sheet_title(title) == expected
    data = xlsx_bytes([Sheet(title=title, header=["h"], rows=[])])
    assert load_workbook(io.BytesIO(data)).sheetnames == [expected]


def test_sheet_titles_are_unique_in_a_workbook_as_excel_compares_them():
    sheets = [Sheet(title=t, header=["h"], rows=[]) for t in ["Plan", "PLAN", "y" * 31, "y" * 31]]
    workbook = load_workbook(io.BytesIO(xlsx_bytes(sheets)))
    assert workbook.sheetnames == ["Plan", "PLAN (2)", "y" * 31, "y" * 27 + " (2)"]


def test_lazy_texts_long_texts_and_times_with_a_zone_fit_a_cell():
    from django.utils import timezone
    from django.utils.translation import gettext_lazy

    moment = timezone.make_aware(datetime(2025, 3, 1, 9, 30))
    long_text = "x" * 40_000
    data = xlsx_bytes(
        [Sheet(title="T", header=["h"], rows=[[gettext_lazy("Title"), long_text, moment]])]
    )
    values = [cell.value for cell in load_workbook(io.BytesIO(data)).worksheets[0][2]]
    assert values == ["Title", "x" * CELL_TEXT_MAX, datetime(2025, 3, 1, 9, 30)]


@pytest.mark.django_db
def test_a_published_plan_whose_title_holds_control_characters_exports_to_xlsx(client, personas):
    """The probe's case: the title reaches openpyxl as the sheet's name; anyone may export a
    published plan, so one bad title must not break its XLSX for everybody."""
    from django.urls import reverse

    from equalocal.plans.models import ActionPlan
    from tests.factories import ActivityFactory

    plan = ActionPlan.objects.get(pk=personas.objects["plan"])
    plan.title = "VT\x0bplan\x01"
    plan.is_published = True
    plan.save()
    ActivityFactory(plan=plan, title="Insats\x02 med\x1f tecken", comment="ok\ufffe")
    kwargs = {"org": personas.org_a.slug, "plan": plan.pk}
    response = client.get(reverse("exchange:plan-export", kwargs={**kwargs, "fmt": "xlsx"}))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["VTplan"]
    cells = [cell.value for row in workbook.worksheets[0].iter_rows() for cell in row]
    assert "Insats med tecken" in cells and "ok" in cells
    for fmt in ("csv", "json"):
        assert (
            client.get(reverse("exchange:plan-export", kwargs={**kwargs, "fmt": fmt})).status_code
            == 200
        )

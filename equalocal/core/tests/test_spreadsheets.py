"""The one cell-safety helper, and the XLSX and CSV writers that apply it to every cell."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from equalocal.core.spreadsheets import Sheet, csv_bytes, safe_cell, unsafe_cell, xlsx_bytes

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

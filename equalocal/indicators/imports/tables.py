"""CSV and XLSX files in the long or wide format, with English or Swedish headers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError

from .engine import RowError

HEADERS = {
    "indicator": "indicator",
    "indicator code": "indicator",
    "indikator": "indicator",
    "indikatorkod": "indicator",
    "kpi": "indicator",
    "nyckeltal": "indicator",
    "organisation code": "organisation_code",
    "organization code": "organisation_code",
    "organisation": "organisation_code",
    "organization": "organisation_code",
    "code": "organisation_code",
    "kod": "organisation_code",
    "organisationskod": "organisation_code",
    "kommunkod": "organisation_code",
    "kommun": "organisation_code",
    "municipality": "organisation_code",
    "period": "period",
    "year": "period",
    "år": "period",
    "date": "period",
    "datum": "period",
    "gender": "gender",
    "sex": "gender",
    "kön": "gender",
    "value": "value",
    "värde": "value",
    "count": "count",
    "antal": "count",
    "status": "status",
    "note": "note",
    "comment": "note",
    "anteckning": "note",
    "kommentar": "note",
    "total": "total",
    "totalt": "total",
    "women": "women",
    "kvinnor": "women",
    "men": "men",
    "män": "men",
}
WIDE_GENDERS = ("total", "women", "men")


# CSV and XLSX ---------------------------------------------------------------------------------


def _header_key(cell) -> str:
    text = str(cell or "").strip().lower().replace("_", " ").replace("-", " ")
    return " ".join(text.split())


def _table_rows(lines: Iterable[tuple[int, list]], *, formulas: bool = False) -> Iterator[tuple]:
    """Source rows from a table (row number, cells) with a header in the long or wide format."""
    lines = iter(lines)
    columns = None
    for number, cells in lines:
        found = {
            HEADERS[k]: i
            for i, k in ((i, _header_key(c)) for i, c in enumerate(cells))
            if k in HEADERS
        }
        if "indicator" in found and ("value" in found or any(g in found for g in WIDE_GENDERS)):
            columns, header_row, header_cells = found, number, cells
            break
        if number >= 20:
            break
    if columns is None:
        raise ApplicationError(
            _(
                "No header row found. The first row should name the columns: indicator, "
                "organisation_code, period, gender, value — or total, women, men instead of "
                "gender and value (Swedish: indikator, kod, period, kön, värde, totalt, "
                "kvinnor, män)."
            )
        )
    wide = "gender" not in columns
    required = ["indicator", "period"] + ([] if wide else ["gender", "value"])
    missing = [name for name in required if name not in columns]
    if missing:
        raise ApplicationError(
            _("The header row has no column for: %(columns)s.") % {"columns": ", ".join(missing)},
            extra={
                "errors": [
                    {"row": header_row, "column": name, "message": _("This column is missing.")}
                    for name in missing
                ]
            },
        )

    def cell(cells, name):
        index = columns.get(name)
        if index is None or index >= len(cells):
            return None
        value = cells[index]
        return value.strip() if isinstance(value, str) else value

    value_columns = [
        (g, str(header_cells[columns[g]]).strip()) for g in WIDE_GENDERS if g in columns
    ]
    for number, cells in lines:
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        if formulas and any(type(c) is _Formula for c in cells):
            problems = [
                (
                    str(header_cells[i]).strip() if i < len(header_cells) else c.coordinate,
                    _("Cell %(cell)s contains a formula: enter the value itself.")
                    % {"cell": c.coordinate},
                )
                for i, c in enumerate(cells)
                if type(c) is _Formula
            ]
            yield (number, RowError(problems), *(None,) * 6, "", "")
            continue
        base = (
            number,
            cell(cells, "indicator"),
            cell(cells, "organisation_code"),
            cell(cells, "period"),
        )
        note = cell(cells, "note") or ""
        if not wide:
            yield (
                *base,
                cell(cells, "gender"),
                cell(cells, "value"),
                cell(cells, "count"),
                cell(cells, "status"),
                note,
                "value",
            )
            continue
        for gender, header in value_columns:
            value = cell(cells, gender)
            if value is None or value == "":
                continue
            yield (*base, gender, value, None, None, note, header)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_csv(fileobj) -> Iterator[tuple]:
    """Source rows from a CSV file in the long or wide format.

    The encoding (UTF-8 with or without BOM, or Windows-1252 as Excel saves it) and
    the delimiter (``;``, ``,`` or tab) are detected.
    """
    data = fileobj.read()
    text = _decode(data) if isinstance(data, bytes) else data
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _table_rows((reader.line_num, cells) for cells in reader)


def read_xlsx(fileobj) -> Iterator[tuple]:
    """Source rows from the first sheet of an XLSX workbook in the long or wide format.

    Cells with formulas are rejected one by one (their value is not stored in the file
    in a form that can be trusted); merged cells make the whole sheet unreadable.
    """
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(fileobj, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ApplicationError(
            _("The file could not be read as an XLSX workbook (%(error)s).") % {"error": error}
        ) from None
    sheet = workbook.worksheets[0]
    merged = sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col))
    if merged:
        raise ApplicationError(
            _("The sheet has merged cells: unmerge them so that every row has its own values."),
            extra={
                "errors": [
                    {
                        "row": cells.min_row,
                        "column": cells.coord,
                        "message": _("Cells %(cells)s are merged.") % {"cells": cells.coord},
                    }
                    for cells in merged
                ]
            },
        )
    return _xlsx_rows(sheet)


class _Formula:
    """A cell holding a formula, in place of its value."""

    __slots__ = ("coordinate",)

    def __init__(self, coordinate: str):
        self.coordinate = coordinate


def _xlsx_rows(sheet) -> Iterator[tuple]:
    lines = (
        (
            number,
            [_Formula(cell.coordinate) if cell.data_type == "f" else cell.value for cell in row],
        )
        for number, row in enumerate(sheet.iter_rows(), start=1)
    )
    return _table_rows(lines, formulas=True)

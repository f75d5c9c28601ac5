"""Helpers for the spreadsheets equalocal writes: every XLSX and CSV export goes through them.

``safe_cell`` is the one place where a cell is made harmless; ``xlsx_bytes`` and ``csv_bytes``
apply it to every cell they write, so an export cannot forget it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# A cell starting with one of these is read as a formula by spreadsheet programs
# (OWASP "CSV/formula injection"), even when it came from a harmless-looking name.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel opens a CSV as UTF-8 only when it starts with a byte order mark.
CSV_BOM = "\ufeff"


def safe_cell(value):
    """Return ``value`` ready for a spreadsheet cell: text can never run as a formula.

    Text starting with ``= + - @``, a tab or a carriage return gets a leading
    apostrophe, so it is stored and shown as text. Control characters that the
    XLSX format cannot hold are dropped. Other values are returned unchanged.
    """
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unsafe_cell(value):
    """The text ``safe_cell`` protected, for reading back a file equalocal wrote.

    Only text that ``safe_cell`` would have changed loses its apostrophe, so a value that
    itself begins with an apostrophe followed by anything else is kept as written.
    """
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value


@dataclass(frozen=True)
class Sheet:
    """One table of an export: a title (the sheet's name), the heading row and the rows."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence]
    widths: Sequence[int] = ()


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An XLSX workbook with one sheet per table; every cell goes through ``safe_cell``.

    Written in openpyxl's write-only mode, so a long export does not hold a cell object
    per value; the heading row is bold and frozen.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet_def in sheets:
        sheet = workbook.create_sheet(title=_sheet_title(sheet_def.title))
        sheet.freeze_panes = "A2"
        for index, width in enumerate(sheet_def.widths):
            sheet.column_dimensions[_column_letter(index)].width = width
        heading = []
        for value in sheet_def.header:
            cell = WriteOnlyCell(sheet, value=safe_cell(str(value)))
            cell.font = bold
            heading.append(cell)
        sheet.append(heading)
        for row in sheet_def.rows:
            sheet.append([safe_cell(value) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """A UTF-8 CSV (with a byte order mark, for Excel); every cell goes through ``safe_cell``.

    Numbers stay numbers (a negative figure is not text that could run); dates are ISO.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(str(value)) for value in header])
    for row in rows:
        writer.writerow(["" if value is None else _text(safe_cell(value)) for value in row])
    return (CSV_BOM + buffer.getvalue()).encode("utf-8")


def _text(value) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _sheet_title(title: str) -> str:
    # Sheet names cannot hold []:*?/\ and are at most 31 characters long.
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in str(title)).strip()
    return (cleaned or "Sheet")[:31]


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)

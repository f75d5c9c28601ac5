"""Helpers for the spreadsheets equalocal writes: every XLSX and CSV export goes through them.

``safe_cell`` is the one place where a cell is made harmless; ``xlsx_bytes`` and ``csv_bytes``
apply it to every cell they write, so an export cannot forget it. ``xml_text`` is the one place
where text is made storable in an XLSX file (cells, and sheet names through ``sheet_title``):
no user text reaches openpyxl from here without it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.functional import Promise

# A cell starting with one of these is read as a formula by spreadsheet programs
# (OWASP "CSV/formula injection"), even when it came from a harmless-looking name.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel opens a CSV as UTF-8 only when it starts with a byte order mark.
CSV_BOM = "\ufeff"
# Every character XML 1.0 cannot hold: control characters but tab, line feed and carriage
# return, lone surrogates, U+FFFE and U+FFFF. openpyxl refuses them in cells (its
# ILLEGAL_CHARACTERS_RE covers only the control characters), and lxml refuses them anywhere,
# a sheet's name included ("All strings must be XML compatible").
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Excel's limits: a sheet's name (counted in UTF-16 code units) and a cell's text.
SHEET_TITLE_MAX = 31
CELL_TEXT_MAX = 32767
# Characters a sheet's name cannot hold; names Excel keeps for itself.
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\\t\n\r]")
RESERVED_SHEET_TITLES = {"history"}


def xml_text(value: str) -> str:
    """``value`` without the characters an XLSX file (XML) cannot hold."""
    return NOT_XML.sub("", value)


def safe_cell(value):
    """Return ``value`` ready for a spreadsheet cell: text can never run as a formula.

    Text starting with ``= + - @``, a tab or a carriage return gets a leading
    apostrophe, so it is stored and shown as text. Control characters that the
    XLSX format cannot hold are dropped (``xml_text``); a lazy translation becomes its text.
    Other values are returned unchanged.
    """
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str):
        return value
    value = xml_text(value)
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
    per value; the heading row is bold and frozen. Sheet names go through ``sheet_title``
    (unique in the workbook); a text longer than a cell can hold is cut to Excel's limit and
    a time with a time zone is written in the site's local time (Excel has no time zones).
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    titles: set[str] = set()
    for sheet_def in sheets:
        title = sheet_title(sheet_def.title, taken=titles)
        titles.add(title.casefold())
        sheet = workbook.create_sheet(title=title)
        sheet.freeze_panes = "A2"
        for index, width in enumerate(sheet_def.widths):
            sheet.column_dimensions[_column_letter(index)].width = width
        heading = []
        for value in sheet_def.header:
            cell = WriteOnlyCell(sheet, value=_xlsx_value(str(value)))
            cell.font = bold
            heading.append(cell)
        sheet.append(heading)
        for row in sheet_def.rows:
            sheet.append([_xlsx_value(value) for value in row])
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


def _xlsx_value(value):
    value = safe_cell(value)
    if isinstance(value, str) and len(value) > CELL_TEXT_MAX:
        return value[:CELL_TEXT_MAX]
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


def sheet_title(title, *, taken: set[str] = frozenset()) -> str:
    """A name Excel accepts for a sheet, made from any text ``title``.

    Characters XML cannot hold are dropped; ``[]:*?/\\``, tabs and line breaks become a
    space; a name is at most 31 UTF-16 code units, does not start or end with an
    apostrophe or a space and is not ``History``. A name already ``taken`` (casefolded, as Excel
    compares them) gets a number.
    """
    cleaned = SHEET_TITLE_FORBIDDEN.sub(" ", xml_text(str(title)))
    cleaned = cleaned.strip().strip("' ") or "Sheet"
    candidate, number = _utf16_prefix(cleaned, SHEET_TITLE_MAX), 1
    while candidate.casefold() in taken or candidate.casefold() in RESERVED_SHEET_TITLES:
        number += 1
        suffix = f" ({number})"
        candidate = _utf16_prefix(cleaned, SHEET_TITLE_MAX - len(suffix)).rstrip("' ") + suffix
    return candidate


def _utf16_prefix(text: str, units: int) -> str:
    """The longest start of ``text`` that is at most ``units`` UTF-16 code units long."""
    length = 0
    for index, char in enumerate(text):
        length += 2 if ord(char) > 0xFFFF else 1
        if length > units:
            return text[:index].rstrip("' ")
    return text


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)

"""Helpers for the spreadsheets equalocal writes (matrix, plan and report exports)."""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# A cell starting with one of these is read as a formula by spreadsheet programs
# (OWASP "CSV/formula injection"), even when it came from a harmless-looking name.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Return ``value`` ready for an openpyxl cell: text can never run as a formula.

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

"""Reading an uploaded spreadsheet (XLSX or CSV) into numbered rows of cells, safely.

The kind of file is decided by its content, not its name: an XLSX workbook is a zip archive
holding ``xl/workbook.xml``; anything else must be text (CSV). Every refusal is an
``ApplicationError`` with a message that says what is wrong with the file, before any row is
looked at: a macro-enabled workbook, an old binary Excel file, a zip that is not a workbook,
a binary file, a sheet past the row limit, an empty sheet.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError
from equalocal.core.spreadsheets import unsafe_cell

# An import is a plan or a member list: far below this. Past it, the file is refused at once.
MAX_ROWS = 5000
# The cells of a workbook unpacked: a zip bomb stops here before openpyxl reads it.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The encodings a European spreadsheet program saves CSV in, besides UTF-8.
CSV_ENCODINGS = ["cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1257", "mac_roman"]


@dataclass(frozen=True)
class Table:
    """The rows of the first sheet (or the CSV): ``(row number, cells)``, blank rows left out."""

    kind: str  # "xlsx" or "csv"
    rows: list[tuple[int, list]]


# Names of files that say they are Excel workbooks: their content must then be one.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")


def read_table(data: bytes, name: str = "") -> Table:
    """The rows of an uploaded spreadsheet; ApplicationError when it cannot be one.

    ``name`` is the uploaded file's name: a file named as a workbook whose content is not one
    (a text file renamed to .xlsx) is refused as such, not read as CSV.
    """
    if data.startswith(OLE2_MAGIC):
        raise ApplicationError(
            _(
                "This is an old Excel file (.xls) or another Office binary file. "
                "Save it as an Excel workbook (.xlsx) or as CSV and upload that."
            )
        )
    if data.startswith(b"PK"):
        return Table(kind="xlsx", rows=_xlsx_rows(data))
    if name.lower().endswith(WORKBOOK_SUFFIXES):
        raise _named_as_workbook(name, data)
    return Table(kind="csv", rows=_csv_rows(data))


def _named_as_workbook(name: str, data: bytes) -> ApplicationError:
    """A file named .xlsx whose content is no workbook: say what its content is instead."""
    try:
        decode_text(data)
    except ApplicationError:
        return _not_a_spreadsheet()
    return ApplicationError(
        _(
            "“%(name)s” is not a spreadsheet: it is named as an Excel workbook, but its content "
            "is plain text. If it is a CSV file, rename it to .csv; otherwise open it in a "
            "spreadsheet program and save it as .xlsx or .csv."
        )
        % {"name": name.rsplit("/", 1)[-1]}
    )


def _blank(cells: list) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _too_many_rows() -> ApplicationError:
    return ApplicationError(
        _(
            "The file has more than %(limit)s rows, the most one import takes. "
            "Split it into smaller files."
        )
        % {"limit": f"{MAX_ROWS:,}".replace(",", "\u00a0")}
    )


def _empty() -> ApplicationError:
    return ApplicationError(_("The sheet is empty: there is no row to import."))


# XLSX -----------------------------------------------------------------------------------------


def _xlsx_rows(data: bytes) -> list[tuple[int, list]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ApplicationError(
            _("The file is damaged: it starts like an XLSX workbook but cannot be opened.")
        ) from None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ApplicationError(
            _(
                "This workbook contains macros (.xlsm). Macros are never accepted: save the "
                "sheet as an ordinary Excel workbook (.xlsx) or as CSV and upload that."
            )
        )
    if "xl/workbook.xml" not in names:
        raise ApplicationError(
            _(
                "This file is not an Excel workbook (it may be another kind of file renamed "
                "to .xlsx). Upload an .xlsx or a .csv file."
            )
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise ApplicationError(_("The workbook is too large once unpacked to be read safely."))
    if _sheet_rows_over_limit(archive, names):
        raise _too_many_rows()
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
    except Exception:  # openpyxl raises many kinds for a broken workbook
        raise ApplicationError(
            _("The workbook could not be read. Open it in a spreadsheet program and save it again.")
        ) from None
    try:
        declared = sheet.max_row
        if declared is not None and declared > MAX_ROWS + 1:
            raise _too_many_rows()
        rows: list[tuple[int, list]] = []
        for number, row in enumerate(sheet.iter_rows(), start=1):
            if number > MAX_ROWS + 1:
                raise _too_many_rows()
            cells = []
            for cell in row:
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", "") == "f":
                    raise ApplicationError(
                        _(
                            "Cell %(cell)s holds a formula. Enter the values themselves: "
                            "an import takes no formulas."
                        )
                        % {"cell": cell.coordinate}
                    )
                cells.append(unsafe_cell(value))
            while cells and cells[-1] in (None, ""):
                cells.pop()
            if not _blank(cells):
                rows.append((number, cells))
    finally:
        workbook.close()
    if not rows:
        raise _empty()
    return rows


ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _first_sheet(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    """The first sheet's part name, from the workbook and its relationships (small files)."""
    workbook = archive.read("xl/workbook.xml")
    found = re.search(rb"<(?:\w+:)?sheet\b[^>]*\br:id=\"([^\"]+)\"", workbook)
    if found and "xl/_rels/workbook.xml.rels" in names:
        rels = archive.read("xl/_rels/workbook.xml.rels")
        for element in re.findall(rb"<Relationship\b[^>]*>", rels):
            if re.search(rb'\bId="' + re.escape(found.group(1)) + rb'"', element):
                target = re.search(rb'\bTarget="([^"]+)"', element)
                if target:
                    path = target.group(1).decode("utf-8", "replace").lstrip("/")
                    return path if path.startswith("xl/") else f"xl/{path}"
    return "xl/worksheets/sheet1.xml" if "xl/worksheets/sheet1.xml" in names else None


def _sheet_rows_over_limit(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """Whether the first sheet has more rows than the limit: its XML is scanned for row tags as
    it is unpacked, and the scan stops at the limit, so a huge sheet is refused at once rather
    than after openpyxl has read its shared strings and every cell."""
    sheet = _first_sheet(archive, names)
    if sheet is None or sheet not in names:
        return False
    rows = 0
    tail = b""
    with archive.open(sheet) as stream:
        while chunk := stream.read(256 * 1024):
            # A tag cut by the chunk boundary is found in the joined block; tags wholly in
            # the carried tail were counted with the block before.
            block = tail + chunk
            rows += len(ROW_TAG.findall(block)) - len(ROW_TAG.findall(tail))
            if rows > MAX_ROWS + 1:
                return True
            tail = block[-16:]
    return False


# CSV ------------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), else the European encoding that fits.

    charset-normalizer chooses among the encodings spreadsheet programs save in; a file that
    is no text at all (NUL bytes, no encoding fits) is refused.
    """
    if b"\x00" in data[:4096]:
        raise _not_a_spreadsheet()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=CSV_ENCODINGS))
    if not matches:
        raise _not_a_spreadsheet()
    # Short Swedish text reads as well in Windows-1250 as in 1252 ("Mål" / "Mĺl"): among the
    # cleanest readings, the encoding Western European spreadsheets use most wins.
    cleanest = min(match.chaos for match in matches)
    rank = {name: place for place, name in enumerate(CSV_ENCODINGS)}
    best = min(
        (match for match in matches if match.chaos <= cleanest),
        key=lambda match: rank.get(match.encoding, len(rank)),
    )
    return str(best)


def _not_a_spreadsheet() -> ApplicationError:
    return ApplicationError(
        _(
            "This file is neither an Excel workbook (.xlsx) nor a CSV text file. "
            "Upload the plan or the list as .xlsx or .csv."
        )
    )


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        first = next((line for line in text.splitlines() if line.strip()), "")
        best = max((";", ",", "\t"), key=first.count)
        return best if first.count(best) else ","


def _csv_rows(data: bytes) -> list[tuple[int, list]]:
    text = decode_text(data)
    if not text.strip():
        raise _empty()
    if text.count("\n") > MAX_ROWS + 1:
        raise _too_many_rows()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        rows = list(_numbered(reader))
    except csv.Error as error:
        raise ApplicationError(
            _("The CSV file could not be read (%(error)s).") % {"error": error}
        ) from None
    if len(rows) > MAX_ROWS + 1:
        raise _too_many_rows()
    if not rows:
        raise _empty()
    return rows


def _numbered(reader) -> Iterator[tuple[int, list]]:
    for number, cells in enumerate(reader, start=1):
        values = [unsafe_cell(cell.strip()) or None for cell in cells]
        while values and values[-1] is None:
            values.pop()
        if not _blank(values):
            yield number, values

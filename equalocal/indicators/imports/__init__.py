"""Importing figures: Kolada JSON, CSV and XLSX, through one validation and upsert engine.

Every format is read into the same *source rows*, tuples of::

    (row, indicator, organisation_code, period, gender, value, count, status, note, column)

where ``row`` is the row number reported in errors (the spreadsheet row, or the
position in Kolada's ``values`` list) and ``column`` names the column holding the
value. :func:`preview_rows` checks them all and resolves codes to ids;
:func:`import_rows` writes the valid ones in one transaction with chunked bulk
upserts, skipping rows equal to what is stored, so a re-import changes nothing.

Spreadsheet formats (CSV, or the first sheet of an XLSX workbook), with a header
row in English or Swedish:

- **long**: ``indicator, organisation_code, period, gender, value`` and optionally
  ``count, status, note`` (Swedish: ``indikator, kod, period, kön, värde, antal,
  status, anteckning``);
- **wide**: ``indicator, organisation_code, period, total, women, men``
  (``totalt, kvinnor, män``); an empty cell is skipped.

Periods are years (2024) or dates (2024-03-31); genders ``total``/``women``/``men``
or Kolada's ``T``/``K``/``M`` (``F`` for women); values may use a decimal comma.
"""

from .engine import (
    CHUNK_SIZE,
    MAX_ERRORS,
    PROGRESS_EVERY,
    Preview,
    Progress,
    RowError,
    SaveBatch,
    import_rows,
    preview_rows,
    save_batch,
)
from .files import import_file, import_source_rows
from .kolada_json import iter_kolada_values, kolada_rows, kpi_metadata_import, read_kolada_json
from .tables import read_csv, read_xlsx

__all__ = [
    "CHUNK_SIZE",
    "MAX_ERRORS",
    "PROGRESS_EVERY",
    "Preview",
    "Progress",
    "RowError",
    "SaveBatch",
    "import_file",
    "import_rows",
    "import_source_rows",
    "iter_kolada_values",
    "kolada_rows",
    "kpi_metadata_import",
    "preview_rows",
    "read_csv",
    "read_kolada_json",
    "read_xlsx",
    "save_batch",
]

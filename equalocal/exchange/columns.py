"""Columns of the exchanged tables: one definition serves the export's heading and the import's
recognition of headings, in English and Swedish.

An export writes each column's label in the user's language; an import recognises the
label in either language, the machine key (as in the JSON export) and the other usual
headings of municipal spreadsheets (``aliases``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError

LANGUAGES = ("en", "sv")
# A heading is looked for in the first rows: a title or a blank line may come first.
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # a lazy translation
    aliases: tuple[str, ...] = field(default=())


def heading_key(text) -> str:
    """A heading as compared: lower case, without punctuation that varies between sheets."""
    value = str(text or "").strip().lower()
    for char in "_-:.*()%":
        value = value.replace(char, " ")
    return " ".join(value.split())


def labels(columns: Sequence[Column]) -> list[str]:
    return [str(column.label) for column in columns]


def _names(columns: Sequence[Column]) -> dict[str, str]:
    names = {}
    for column in columns:
        for language in LANGUAGES:
            with translation.override(language):
                names[heading_key(column.label)] = column.key
        names[heading_key(column.key)] = column.key
        for alias in column.aliases:
            names[heading_key(alias)] = column.key
    return names


@dataclass(frozen=True)
class Header:
    row: int
    index: dict[str, int]  # column key -> position

    def get(self, cells: list, key: str):
        position = self.index.get(key)
        if position is None or position >= len(cells):
            return None
        value = cells[position]
        return value.strip() if isinstance(value, str) else value


def find_header(
    rows: list[tuple[int, list]], columns: Sequence[Column], *, required: Sequence[str]
) -> tuple[Header, list[tuple[int, list]]]:
    """The heading row (the first that names a required column) and the rows below it.

    Refuses, naming them, headings that match no column and required columns that are
    missing, and a column named twice: a file is imported as it is meant or not at all.
    """
    names = _names(columns)
    for position, (number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = [names.get(heading_key(cell)) if cell not in (None, "") else "" for cell in cells]
        if not any(key in required for key in keys):
            continue
        unknown = [
            str(cell).strip()
            for cell, key in zip(cells, keys, strict=True)
            if key is None and str(cell).strip()
        ]
        if unknown:
            raise ApplicationError(
                _(
                    "Row %(row)s has columns this import does not know: %(columns)s. "
                    "Rename them to one of: %(known)s — or remove them."
                )
                % {
                    "row": number,
                    "columns": ", ".join(f"“{name}”" for name in unknown),
                    "known": ", ".join(labels(columns)),
                }
            )
        index: dict[str, int] = {}
        for place, key in enumerate(keys):
            if not key:
                continue
            if key in index:
                raise ApplicationError(
                    _("Row %(row)s names the column “%(column)s” twice.")
                    % {"row": number, "column": cells[place]}
                )
            index[key] = place
        missing = [c for c in columns if c.key in required and c.key not in index]
        if missing:
            raise ApplicationError(
                _("The heading row has no column for: %(columns)s.")
                % {"columns": ", ".join(labels(missing))}
            )
        return Header(row=number, index=index), rows[position + 1 :]
    raise ApplicationError(
        _("No heading row found. The first row should name the columns, for example: %(columns)s.")
        % {"columns": ", ".join(labels([c for c in columns if c.key in required] or columns))}
    )

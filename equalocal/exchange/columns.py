"""Columns of the exchanged tables: one definition serves the export's heading and the import's
recognition of headings, in English and Swedish.

An export writes each column's label in the user's language; an import recognises the
label in either language, the machine key (as in the JSON export) and the other usual
headings of municipal spreadsheets (``aliases``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import translation
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError

LANGUAGES = ("en", "sv")
# A heading is looked for in the first rows: a title or a blank line may come first.
HEADER_SEARCH_ROWS = 10
# An import lists this many errors at most; it counts them all.
MAX_LISTED_ERRORS = 200
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S")


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
        keys = _keys(cells, names)
        if not any(key in required for key in keys):
            continue
        _refuse_unknown(number, cells, keys, columns)
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
    needed = [c for c in columns if c.key in required] or list(columns)
    # No row names a required column. The fullest of the first rows is the heading row meant:
    # name what it has that this import does not know, or what it lacks.
    searched = rows[:HEADER_SEARCH_ROWS]
    if searched:
        number, cells = max(searched, key=lambda row: (_filled(row[1]), -row[0]))
        keys = _keys(cells, names)
        _refuse_unknown(number, cells, keys, columns)
        if any(keys):
            raise ApplicationError(
                _("The heading row has no column for: %(columns)s.")
                % {"columns": ", ".join(labels(needed))}
            )
    raise ApplicationError(
        _("No heading row found. The first row should name the columns, for example: %(columns)s.")
        % {"columns": ", ".join(labels(needed))}
    )


def _keys(cells: list, names: dict[str, str]) -> list[str | None]:
    """Each cell's column key: "" for an empty cell, None for a heading no column has."""
    return [names.get(heading_key(cell)) if cell not in (None, "") else "" for cell in cells]


def _filled(cells: list) -> int:
    return sum(1 for cell in cells if cell not in (None, "") and str(cell).strip())


def _refuse_unknown(number: int, cells: list, keys: list, columns: Sequence[Column]) -> None:
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


def label_of(columns: Sequence[Column], key: str) -> str:
    """The column's heading in the user's language."""
    return next(str(c.label) for c in columns if c.key == key)


def choice_words(choices) -> dict[str, str]:
    """A model field's choices as an import recognises them: value or label, in either
    language."""
    words = {}
    for value, label in choices:
        words[heading_key(value)] = value
        for language in LANGUAGES:
            with translation.override(language):
                words[heading_key(label)] = value
    return words


def parse_date(value) -> date | None:
    """A date cell or text: ISO (2024-03-31), 2024/03/31 or 31.03.2024; None when empty."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


@dataclass
class RowErrors:
    """The errors an import found, by row and column: all counted, the first ones listed."""

    errors: list[dict] = field(default_factory=list)
    error_count: int = 0

    def error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append({"row": row, "column": column, "message": message})

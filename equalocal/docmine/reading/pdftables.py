"""Tables on born-digital PDF pages, rebuilt from PDFium's text rectangles.

PDFium's page text flattens a table: cells come out one after another and wrapped cells
spill over several lines. Here a page whose text has a likely heading row (two table headings
from the lexicon's ``tables.headings`` on one line, one of them a goal or an activity) is looked at
again through its text rectangles (runs of text on one line with their boxes): the heading
row gives the columns, the rectangles below it are put in the column they overlap most, and
rectangles close together vertically make one row (a wrapped cell stays in its row). The table
ends at a wide vertical gap or at text that does not fit the columns (a paragraph across them).

Callers hold ``pdf.PDFIUM_LOCK`` around ``page_tables``; ``has_table_heading`` needs no PDFium.
"""

from __future__ import annotations

import ctypes
import re
from functools import cache, lru_cache
from itertools import pairwise

import pypdfium2.raw as pdfium_c

from ..extraction import lexicon
from ..extraction.tables import heading_role
from ..types import Table

# Rows of a table are farther apart than the lines of one wrapped cell: a vertical gap of more
# than ROW_GAP x the text height starts a new row, one of more than END_GAP x ends the table.
ROW_GAP = 0.45
END_GAP = 3.0
# Boxes come in content-stream order, where a vertically centred cell may come well below the
# row's other cells: the table is cut at END_GAP only once its boxes are sorted top to bottom.
FAR_GAP = 8.0
MAX_RECTS = 4000


_PUNCTUATION = ".,:;!?()[]{}\"'*#/|-–"


@cache
def _heading_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Whole-word regexes for goal/activity headings and for the other roles' headings."""
    main = [
        f for role in ("goal", "activity") for f in lexicon.fragments(f"tables.headings.{role}")
    ]
    other = [
        f
        for role in ("responsible", "timeframe", "status", "charter_article")
        for f in lexicon.fragments(f"tables.headings.{role}")
    ]
    return (
        re.compile(lexicon.alternation(main), re.IGNORECASE),
        re.compile(lexicon.alternation(other), re.IGNORECASE),
    )


@lru_cache(maxsize=65536)
def _word_cue(word: str) -> int:
    """2 for a goal or activity heading word, 1 for another heading word, else 0."""
    main, other = _heading_regexes()
    if main.fullmatch(word):
        return 2
    return 1 if other.fullmatch(word) else 0


def has_table_heading(text: str) -> bool:
    """Whether some line of ``text`` looks like a table's heading row (cheap, no PDFium).

    A line qualifies with two heading words, one of them a goal or an activity heading.
    Multi-word headings ("Lead responsibility", "Aims in Action Plan") count by a word of them.
    """
    cues = {token: cue for token in set(text.split()) if (cue := _token_cue(token))}
    if len(cues) < 2 or 2 not in cues.values():
        return False
    for line in text.splitlines():
        hits = [cue for token in line.split() if (cue := cues.get(token))]
        if len(hits) >= 2 and 2 in hits:
            return True
    return False


def _token_cue(token: str) -> int:
    token = token.strip(_PUNCTUATION)
    return _word_cue(token) if token else 0


class _Box:
    """A text rectangle; its text is fetched from PDFium only when asked for."""

    __slots__ = ("_text", "bottom", "left", "right", "textpage", "top")

    def __init__(self, textpage, left: float, bottom: float, right: float, top: float):
        self.textpage = textpage
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        self._text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = " ".join(_bounded_text(self).split())
        return self._text

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


_BUFFER_CHARS = 2048
_BUFFER = (ctypes.c_ushort * _BUFFER_CHARS)()  # used under pdf.PDFIUM_LOCK only


def _bounded_text(box: _Box) -> str:
    """The text in ``box``: ``PdfTextPage.get_text_bounded`` in one PDFium call, not two."""
    buffer = _BUFFER
    args = (box.textpage.raw, box.left, box.top, box.right, box.bottom)
    count = pdfium_c.FPDFText_GetBoundedText(*args, buffer, _BUFFER_CHARS)
    if count >= _BUFFER_CHARS:
        return box.textpage.get_text_bounded(box.left, box.bottom, box.right, box.top)
    if count <= 0:
        return ""
    text = ctypes.string_at(buffer, count * 2).decode("utf-16-le", errors="ignore")
    return text.replace("\x00", "")


def _boxes(textpage) -> list[_Box]:
    count = textpage.count_rects()
    if count <= 0 or count > MAX_RECTS:
        return []
    return [_Box(textpage, *textpage.get_rect(index)) for index in range(count)]


def page_tables(textpage, page_number: int | None = None) -> list[Table]:
    """The tables on one PDF page (a ``PdfTextPage``), each with its heading row first."""
    boxes = _boxes(textpage)
    tables: list[Table] = []
    start = 0
    while start < len(boxes):
        found = _find_heading(boxes, start)
        if found is None:
            break
        heading, after = found
        table, start = _read_table(boxes, heading, after)
        if table is not None:
            tables.append(Table(rows=table, page=page_number))
    return tables


def _same_line(a: _Box, b: _Box) -> bool:
    return a.bottom <= b.middle <= a.top or b.bottom <= a.middle <= b.top


def _find_heading(boxes: list[_Box], start: int) -> tuple[list[_Box], int] | None:
    """The boxes of the next heading row at or after ``start``, and the index after them."""
    index = start
    while index < len(boxes):
        box = boxes[index]
        neighbours = boxes[max(index - 1, start) : index] + boxes[index + 1 : index + 2]
        # A heading row has several boxes on one line; a line of prose is one box.
        if not any(_same_line(box, b) for b in neighbours) or heading_role(box.text) is None:
            index += 1
            continue
        line = [b for b in boxes[start:] if _same_line(box, b) and b.text]
        roles = {heading_role(b.text) for b in line} - {None}
        if len(roles) >= 2 and roles & {"goal", "activity"}:
            line.sort(key=lambda b: b.left)
            if all(a.right <= b.left + 1 for a, b in pairwise(line)):
                last = max(boxes.index(b) for b in line)
                return line, last + 1
        index += 1
    return None


def _read_table(
    boxes: list[_Box], heading: list[_Box], after: int
) -> tuple[list[list[str]] | None, int]:
    # A box belongs to the column its left end lies in: column i starts a little before its
    # heading (headings may be indented or centred), and its text must end before the next
    # heading starts.
    height = max(b.height for b in heading) or 10.0
    edges = [float("-inf")]
    for a, b in pairwise(heading):
        edges.append(max((a.right + b.left) / 2, b.left - 2 * height))
    edges.append(float("inf"))
    ends = [b.left for b in heading[1:]] + [float("inf")]
    floor = heading_bottom = min(b.bottom for b in heading)
    left_limit = heading[0].left - 2 * height

    taken: list[tuple[int, _Box]] = []
    index = after
    while index < len(boxes):
        box = boxes[index]
        if box.middle > heading_bottom:  # above the heading's bottom: out of reading order
            index += 1
            continue
        if floor - box.top > FAR_GAP * height or box.left < left_limit:
            break
        column = _column(box, edges, ends, height)
        if column is None:
            break
        if not box.text:
            index += 1
            continue
        taken.append((column, box))
        floor = min(floor, box.bottom)
        index += 1

    rows = _rows(taken, len(heading), height)
    cells = [[_join(cell) for cell in row] for row in rows]
    cells = [row for row in cells if any(row)]
    if not cells:
        return None, index
    return [[b.text for b in heading], *cells], index


def _rows(taken: list[tuple[int, _Box]], columns: int, height: float) -> list[list[list[_Box]]]:
    """Group (column, box) pairs into rows of cells, top to bottom."""
    ordered = sorted(taken, key=lambda item: -item[1].top)
    rows: list[list[list[_Box]]] = []
    bottom = float("inf")
    for column, box in ordered:
        gap = bottom - box.top
        if gap > END_GAP * height and rows:
            break  # what follows is below the table
        if not rows or gap > ROW_GAP * height:
            rows.append([[] for _ in range(columns)])
        rows[-1][column].append(box)
        bottom = min(bottom, box.bottom)
    if len(rows) == 1 and len(rows[0][0]) > 1:
        rows = _rows_by_capitals([item for item in ordered if item[1] in _flat(rows[0])], columns)
    return rows


def _flat(row: list[list[_Box]]) -> list[_Box]:
    return [box for cell in row for box in cell]


def _rows_by_capitals(ordered: list[tuple[int, _Box]], columns: int) -> list[list[list[_Box]]]:
    """Rows with no gaps between them (no borders, no padding): a first-column line that
    starts with a capital or a digit, once the row has other cells, starts a new row."""
    lines: list[list[tuple[int, _Box]]] = []
    for item in ordered:
        if lines and _same_line(lines[-1][0][1], item[1]):
            lines[-1].append(item)
        else:
            lines.append([item])
    rows: list[list[list[_Box]]] = []
    for line in lines:
        line.sort(key=lambda item: item[0])
        column, box = line[0]
        first = box.text[:1]
        if not rows or (
            column == 0
            and rows[-1][0]
            and any(rows[-1][1:])
            and (first.isupper() or first.isdigit())
        ):
            rows.append([[] for _ in range(columns)])
        for column, box in line:
            rows[-1][column].append(box)
    return rows


def _column(box: _Box, edges: list[float], ends: list[float], height: float) -> int | None:
    """The column ``box`` lies in, or ``None`` when it runs into the next column."""
    for column in range(len(edges) - 1):
        if edges[column] <= box.left < edges[column + 1]:
            return column if box.right <= ends[column] + height else None
    return None


def _join(cell: list[_Box]) -> str:
    cell.sort(key=lambda b: (-round(b.middle), b.left))
    return " ".join(" ".join(b.text for b in cell).split())

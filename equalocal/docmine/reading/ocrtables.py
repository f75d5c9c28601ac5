"""Tables on scanned pages, rebuilt from Tesseract's word boxes (its TSV output).

Tesseract's text flattens a table: a row's cells come out on one line, separated by single
spaces and by ruling lines read as "|", "II" or "1)". Its TSV output has each word's box.
Here words are grouped into visual lines (Tesseract may put a table's columns in separate
blocks), each line is cut into segments at wide gaps, and a line of at least
``MIN_COLUMNS`` segments that names table headings (the lexicon's ``tables.headings``, one of
them a goal or an activity) starts a table. Its heading segments give the column bands; each
word below goes to the band its left end lies in; lines close together make one row (a
wrapped cell stays in its row). The table ends at a wide vertical gap or at a line that does
not fit the bands (words running across a column's start without a gap, as in a paragraph). A line that
is a goal heading ("Mål 1: …") across the table is kept as a one-cell row; a sentence set
apart in the first column alone (a note under a table without rules) ends the table.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, replace
from statistics import median

from PIL import Image, ImageDraw

from ..extraction.tables import heading_role
from ..types import Table

MIN_COLUMNS = 3  # heading segments a line needs to start a table
COLUMN_GAP = 1.2  # a gap between words wider than this x the text height separates cells
ROW_GAP = 0.6  # a vertical gap wider than this x the text height starts a new row
END_GAP = 3.0  # ... and one wider than this ends the table
BORDER_HEIGHT = 1.25  # a ruling line read as "|" is taller than the text around it
_BORDER = re.compile(r"[|¦Il1!()\[\]{}]{1,3}")
_BARS = re.compile(r"[|¦]+")
_GLUED_DIGIT = re.compile(r"[|Il1]\d")
_GOAL_LINE = re.compile(
    r"^(?:Mål|Goal|Aim|Ziel|Objective|Obiettivo|Objectif|Objetivo|Cel|Tavoite|Doel)\s*\d+[a-z]?"
    r"\s*[:.–-]",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Word:
    """One word of Tesseract's TSV output (level 5), in pixels."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float
    block: int = 0
    paragraph: int = 0
    line: int = 0

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def middle(self) -> float:
        return self.top + self.height / 2


def parse_words(tsv: str) -> list[Word]:
    """The words of Tesseract's TSV output that carry text, in Tesseract's order."""
    words: list[Word] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        try:
            words.append(
                Word(
                    text=text,
                    left=int(row["left"]),
                    top=int(row["top"]),
                    width=int(row["width"]),
                    height=int(row["height"]),
                    confidence=float(row.get("conf") or -1),
                    block=int(row.get("block_num") or 0),
                    paragraph=int(row.get("par_num") or 0),
                    line=int(row.get("line_num") or 0),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return words


def mean_confidence(words: list[Word]) -> float | None:
    """Tesseract's mean word confidence (0–100) over the words it scored."""
    values = [word.confidence for word in words if word.confidence >= 0]
    return round(sum(values) / len(values), 1) if values else None


def page_tables(words: list[Word], page_number: int | None = None) -> list[Table]:
    """The tables on one OCR'd page, each with its heading row first."""
    if len(words) < MIN_COLUMNS * 2:
        return []
    height = median(word.height for word in words) or 10.0
    words = [_unglued(word) for word in words if not _is_border(word, height)]
    lines = visual_lines(words, height)
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        heading = _heading(lines[index], height)
        if heading is None:
            index += 1
            continue
        rows, index = _read_table(lines, index + 1, heading, height)
        if rows:
            tables.append(Table(rows=[[_text(cell) for cell in heading], *rows], page=page_number))
    return tables


def _is_border(word: Word, height: float) -> bool:
    """A vertical ruling line read as a word ("|", "II", "1)"): bars, or only stroke-like
    characters, narrow, and taller than the text."""
    if _BARS.fullmatch(word.text):
        return True
    return (
        _BORDER.fullmatch(word.text) is not None
        and word.height >= BORDER_HEIGHT * height
        and word.width < word.height
    )


def _unglued(word: Word) -> Word:
    """A one-digit cell next to a ruling line, read as "12" (the line as a "1"): a box one
    digit wide holds one digit."""
    if _GLUED_DIGIT.fullmatch(word.text) and word.width < 0.9 * word.height:
        return replace(word, text=word.text[1:])
    return word


def visual_lines(words: list[Word], height: float) -> list[list[Word]]:
    """Words grouped into lines across the page, top to bottom, each left to right.

    Tesseract's own lines are kept together; lines of different blocks (columns read as
    separate blocks) whose middles lie within half a text height make one line."""
    fragments: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        fragments.setdefault((word.block, word.paragraph, word.line), []).append(word)
    ordered = sorted(fragments.values(), key=lambda f: median(w.middle for w in f))
    lines: list[list[Word]] = []
    last_middle = float("-inf")
    for fragment in ordered:
        middle = median(w.middle for w in fragment)
        if lines and middle - last_middle <= height / 2:
            lines[-1].extend(fragment)
        else:
            lines.append(list(fragment))
            last_middle = middle
    for line in lines:
        line.sort(key=lambda w: w.left)
    return lines


def segments(line: list[Word], height: float) -> list[list[Word]]:
    """A line cut into runs of words at gaps wider than ``COLUMN_GAP`` x the text height."""
    runs: list[list[Word]] = []
    for word in line:
        if runs and word.left - runs[-1][-1].right <= COLUMN_GAP * height:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _heading(line: list[Word], height: float) -> list[list[Word]] | None:
    """The line's segments when it is a table's heading row, else ``None``."""
    runs = segments(line, height)
    if len(runs) < MIN_COLUMNS:
        return None
    roles = [heading_role(_text(run)) for run in runs]
    named = {role for role in roles if role}
    if len(named) < 2 or not named & {"goal", "activity"}:
        return None
    if sum(role is not None for role in roles) * 2 < len(runs):
        return None  # mostly other words: a line of prose that names a heading or two
    return runs


def _read_table(
    lines: list[list[Word]], start: int, heading: list[list[Word]], height: float
) -> tuple[list[list[str]], int]:
    """The rows under ``heading`` (each a list of cell texts) and the index of the first
    line after the table."""
    lefts = [run[0].left for run in heading]
    rights = [run[-1].right for run in heading]
    # Column i starts a little before its heading (headings may be indented or centred).
    edges = [float("-inf")]
    for right, left in zip(rights, lefts[1:], strict=False):
        edges.append(max((right + left) / 2, left - 2 * height))
    edges.append(float("inf"))
    columns = len(heading)
    rows: list[list[list[Word]]] = []
    bottom = max(word.bottom for run in heading for word in run)
    index = start
    while index < len(lines):
        line = lines[index]
        top = min(word.top for word in line)
        gap = top - bottom
        if gap > END_GAP * height:
            break
        if _is_goal_line(line, lefts, height):
            rows.append([list(line), *([] for _ in range(columns - 1))])
        else:
            placed = _place(line, edges, lefts, height)
            if placed is None:
                break
            new_row = not rows or gap > ROW_GAP * height or _is_goal_row(rows[-1])
            if new_row and rows and _is_sentence_below(placed):
                break
            if new_row:
                rows.append([[] for _ in range(columns)])
            for column, word in placed:
                rows[-1][column].append(word)
        bottom = max(word.bottom for word in line)
        index += 1
    return [[_text(cell) for cell in row] for row in rows if any(row)], index


def _place(
    line: list[Word], edges: list[float], lefts: list[int], height: float
) -> list[tuple[int, Word]] | None:
    """Each word of ``line`` with its column, or ``None`` when the line does not fit the
    columns: a run of words without a wide gap (a ``segment``) runs across the start of a
    column, and no word of it starts there (cells narrowly apart, as dates in a start and an
    end column, each start at their heading's left; a paragraph's words do not)."""
    for run in segments(line, height):
        for start in lefts[1:]:
            across = run[0].left < start - height and run[-1].right > start + height
            if across and not any(abs(word.left - start) <= height for word in run[1:]):
                return None
    placed: list[tuple[int, Word]] = []
    for word in line:
        column = next(i for i in range(len(edges) - 1) if edges[i] <= word.left < edges[i + 1])
        placed.append((column, word))
    return placed


def _is_sentence_below(placed: list[tuple[int, Word]]) -> bool:
    """A sentence in the first column only, set apart: a note under an unruled table."""
    words = [word.text for _, word in placed]
    return all(column == 0 for column, _ in placed) and len(words) >= 6 and words[-1][-1] == "."


def _is_goal_line(line: list[Word], lefts: list[int], height: float) -> bool:
    """A goal heading in a cell across the table: "Mål 1: …" starting in the first column."""
    return line[0].left < lefts[1] - height and bool(_GOAL_LINE.match(_text(line)))


def _is_goal_row(row: list[list[Word]]) -> bool:
    return bool(row[0]) and not any(row[1:]) and bool(_GOAL_LINE.match(_text(row[0])))


def _text(words: list[Word]) -> str:
    return " ".join(word.text for word in words)


# --- ruling lines ----------------------------------------------------------------------------

RULE_BLOCK = 40  # pixels averaged at a time along a line
RULE_BLOCKS = 4  # a rule is at least this many dark blocks long (160 px, 1.35 cm at 300 dpi)
RULE_DARK = 50  # a block darker than this on average is solid ink
RULE_THICKNESS = 8  # ... and a rule has light pixels this far above and below it


def erase_rules(image: Image.Image) -> Image.Image:
    """The page with its long thin straight lines (a table's rules, underlines) painted
    white: Tesseract's layout analysis takes a ruled table for a picture and reads its rules
    as "|" glued to the cells. Text, and dark areas thicker than a rule, stay."""
    image = image.convert("L") if image.mode != "L" else image.copy()
    draw = ImageDraw.Draw(image)
    for y, start, end in _rules(image):
        draw.line([(max(0, start - RULE_BLOCK), y), (end + RULE_BLOCK, y)], fill=255)
    turned = image.transpose(Image.Transpose.ROTATE_90)  # (x, y) here is (width - 1 - y, x)
    for y, start, end in _rules(turned):
        x = image.width - 1 - y
        draw.line([(x, max(0, start - RULE_BLOCK)), (x, end + RULE_BLOCK)], fill=255)
    return image


def _rules(image: Image.Image) -> list[tuple[int, int, int]]:
    """(row, start, end) of each horizontal rule in a grey image, in pixels."""
    width, height = image.size
    columns = width // RULE_BLOCK
    if columns < RULE_BLOCKS:
        return []
    data = image.resize((columns, height), Image.Resampling.BOX).tobytes()

    def dark(y: int, x: int) -> bool:
        return 0 <= y < height and data[y * columns + x] < RULE_DARK

    found = []
    for y in range(height):
        row = data[y * columns : (y + 1) * columns]
        start = None
        for x in range(columns + 1):
            if x < columns and row[x] < RULE_DARK:
                start = x if start is None else start
                continue
            if start is not None and x - start >= RULE_BLOCKS:
                thick = sum(
                    dark(y - RULE_THICKNESS, i) or dark(y + RULE_THICKNESS, i)
                    for i in range(start, x)
                )
                if thick * 2 < x - start:
                    found.append((y, start * RULE_BLOCK, x * RULE_BLOCK))
            start = None
    return found

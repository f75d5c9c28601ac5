"""Action rows from tables: real tables (DOCX, HTML) and tables flattened into text.

Columns are mapped from the table's own headings in any language (the language files'
``tables.headings``).
Flattened layouts handled: tab- or wide-space-separated lines (with stray ``<p>`` markup),
one cell per line (PDF and web tables), and bulleted Charter-article lists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from ..types import UNKNOWN, ActionRow, Table
from . import lexicon

ROLES = (
    "goal",
    "activity",
    "responsible",
    "timeframe",
    "timeframe_end",
    "status",
    "charter_article",
)


@cache
def _heading_regexes() -> dict[str, re.Pattern[str]]:
    return {
        role: re.compile(
            rf"^(?:{lexicon.alternation(lexicon.fragments(f'tables.headings.{role}'))})$",
            re.IGNORECASE,
        )
        for role in ROLES
    }


def strip_markup(cell: str) -> str:
    cell = re.sub(r"<[^>]{0,200}>", " ", cell)
    cell = cell.replace("&nbsp;", " ").replace("&amp;", "&").replace("\xa0", " ")
    return " ".join(cell.split())


@lru_cache(maxsize=4096)
def heading_role(cell: str) -> str | None:
    """The column role a heading cell names, or ``None``."""
    text = strip_markup(cell).strip(" :*#").lower()
    if not text or len(text) > 45:
        return None
    text = re.sub(r"\s+\d{4}(?:\s*[-–]\s*\d{2,4})?$", "", text)  # "Aims in Action Plan 2016"
    for role in (
        "activity",
        "responsible",
        "timeframe_end",
        "timeframe",
        "charter_article",
        "status",
        "goal",
    ):
        if _heading_regexes()[role].match(text):
            return role
    # Headings such as "Aims in Action Plan": the first word decides, unless the rest names
    # a unit ("Planning Department" is who does it, not a "Planning" column).
    first, *rest = text.split(" ")
    unit = bool(rest) and bool(_responsible_words().search(" ".join(rest)))
    for role in ("goal", "activity", "responsible", "timeframe", "status", "charter_article"):
        if len(first) > 3 and not unit and _heading_regexes()[role].match(first):
            return role
    # A noun and the word that names the column after it ("Servizio responsabile",
    # "Peruskirjan artikla", "Unidad responsable").
    if 1 <= len(rest) <= 2:
        for role in ("responsible", "charter_article"):
            if len(rest[-1]) > 3 and _heading_regexes()[role].match(rest[-1]):
                return role
    return None


def _map_header(cells: Sequence[str]) -> dict[int, str] | None:
    mapping: dict[int, str] = {}
    for index, cell in enumerate(cells):
        role = heading_role(cell)
        if role and role not in mapping.values():
            mapping[index] = role
    roles = set(mapping.values())
    if len(mapping) >= 2 and roles & {"activity", "goal"}:
        if "activity" not in roles:
            # A plan whose only text column is the goal: the goal is the thing to do.
            for index, role in mapping.items():
                if role == "goal":
                    mapping[index] = "activity"
        return mapping
    return None


class _GoalPrefix:
    """A goal heading with its number ("Mål 1:", "Objective 2 –", "Handlungsfeld A",
    "Eix II."): the goal words of every language file's ``tables.headings.goal``, then a
    number, a capital letter or a Roman numeral. Group 1 is the label, group 2 the goal."""

    EXTRA = ("Mål", "Goal", "Aim", "Ziel", "Objective", "Obiettivo", "Objectif", "Objetivo",
             "Objectiu", "Cel", "Tavoite", "Doel", "Στόχος", "Markmið", "Insatsområde",
             "Fokusområde", "Eje", "Eixo", "Asse", "Linea", "Línea", "Ámbito", "Obszar",
             "Άξονας", "Axis", "Theme", "Priority")  # fmt: skip

    @staticmethod
    @cache
    def regex() -> re.Pattern[str]:
        words = [re.escape(word) for word in _GoalPrefix.EXTRA]
        words += [f for f in lexicon.fragments("tables.headings.goal") if ".*" not in f]
        return re.compile(
            rf"^((?:{lexicon.alternation(words)})"
            r"\s*(?:\d+[a-z]?|(?-i:[A-Z]\d{0,2}|[IVX]{1,4}))\b)"
            r"\s*[:.–-]?\s+(.+)$",
            re.IGNORECASE,
        )

    def match(self, text: str) -> re.Match[str] | None:
        return self.regex().match(text)


_GOAL_PREFIX = _GoalPrefix()
# One article or a list of them ("9", "8, 9", "Art. 21; 25").
_ARTICLE_LIST = r"(\d{1,2}(?:\s*[,;/&]\s*\d{1,2})*)"
_ARTICLE = re.compile(
    r"(?:artikel|article|articolo|artículo|artigo|artykuł|art\.)\s*" + _ARTICLE_LIST, re.I
)


def _cell_parts(cell: str) -> list[str]:
    parts = [strip_markup(p) for p in re.split(r"</p>\s*<p>|<br\s*/?>|\n", cell)]
    return [p for p in parts if p]


def _rows_from_grid(
    grid: Sequence[Sequence[str]], page: int | None, confidence: float
) -> list[ActionRow]:
    rows: list[ActionRow] = []
    header_index = None
    mapping: dict[int, str] | None = None
    for index, cells in enumerate(grid[:6]):
        mapping = _map_header(cells)
        if mapping:
            header_index = index
            break
    if mapping is None or header_index is None:
        return rows
    heading_goal = UNKNOWN
    for cells in grid[:header_index]:
        heading_goal = _goal_heading(cells) or heading_goal  # "Objetivo 1: …" above the header
    for cells in grid[header_index + 1 :]:
        goal_heading = _goal_heading(cells)
        if goal_heading:
            heading_goal = goal_heading  # "Mål 1: Jämställd service" across the table
            continue
        values: dict[str, list[str]] = {}
        for index, role in mapping.items():
            if index < len(cells):
                values[role] = _cell_parts(cells[index])
        if values.get("timeframe_end"):
            values["timeframe"] = [_period(values.get("timeframe", []), values["timeframe_end"])]
        activities = values.get("activity", [])
        if not activities and values.get("goal"):
            # A row with only its aim filled in is still something to do.
            activities, values["goal"] = values["goal"], []
        if not activities:
            continue
        if heading_role(activities[0]) == "activity":
            continue  # a repeated header row
        times = values.get("timeframe", [])
        parallel = len(activities) > 1 and len(times) == len(activities)
        units = list(range(len(activities))) if parallel else [None]
        goal = " ".join(values.get("goal", [])) or heading_goal
        for unit in units:
            activity = activities[unit] if unit is not None else " ".join(activities)
            timeframe = times[unit] if unit is not None else " ".join(times)
            row_goal = goal
            prefix = _GOAL_PREFIX.match(activity)
            if prefix:
                row_goal, activity = prefix.group(1), prefix.group(2)
            elif unit and rows and rows[-1].goal != UNKNOWN and goal == UNKNOWN:
                row_goal = rows[-1].goal
            row = ActionRow(
                goal=row_goal or UNKNOWN,
                activity=activity,
                responsible=" ".join(values.get("responsible", [])) or UNKNOWN,
                timeframe=timeframe or UNKNOWN,
                status=" ".join(values.get("status", [])) or UNKNOWN,
                charter_article=_row_article(values.get("charter_article", []), activity),
                confidence=confidence,
                page=page,
            )
            rows.append(row)
    return rows


def _goal_heading(cells: Sequence[str]) -> str:
    """A row that only names a goal ("Mål 1: Jämställd service", one cell or the same text
    in every merged cell): the goal of the rows under it, or ""."""
    filled = {strip_markup(cell) for cell in cells if strip_markup(cell)}
    if len(filled) != 1:
        return ""
    text = filled.pop()
    return text if _GOAL_PREFIX.match(text) else ""


def _period(starts: list[str], ends: list[str]) -> str:
    """Start and end columns as one timeframe ("2027-02-01 – 2027-06-30")."""
    start, end = " ".join(starts), " ".join(ends)
    if start and end and start.casefold() != end.casefold():
        return f"{start} – {end}"
    return start or end  # "curs 2026-2027" in both: one term


def _row_article(column: list[str], activity: str) -> str:
    """The Charter article of a row: its Artikel column ("9", "Art. 9"), else one the
    activity names."""
    found = _article(" ".join(column))
    return found if found != UNKNOWN else _article(activity)


def _article(text: str) -> str:
    m = _ARTICLE.search(text) or re.fullmatch(r"\s*" + _ARTICLE_LIST + r"\s*", text)
    return ", ".join(re.findall(r"\d{1,2}", m.group(1))) if m else UNKNOWN


def rows_from_tables(tables: Sequence[Table]) -> list[ActionRow]:
    """Action rows from real tables whose headings name activities or goals."""
    rows: list[ActionRow] = []
    for table in tables:
        rows += _rows_from_grid(table.rows, table.page, 0.85)
    return rows


# --- flattened tables --------------------------------------------------------------------


_BAR = re.compile(r"\s\|\s")


def bar_cells(line: str) -> list[str]:
    """The cells of a table row written with vertical bars ("Action | Responsible | Date",
    "| a | b |"), as plain-text and Markdown tables are; [] for a line with fewer than two
    bars between cells."""
    inner = line.strip()
    if inner.startswith("|") and inner.endswith("|") and len(inner) > 1:
        inner = inner[1:-1]
    if len(_BAR.findall(f" {inner} ")) < 2 or re.fullmatch(r"[\s|:-]*", inner):
        return []
    return [cell.strip() for cell in inner.split("|")]


def _separated_grids(text: str) -> list[list[list[str]]]:
    """Runs of lines whose cells are separated by tabs, by three or more spaces, or by
    vertical bars."""
    grids: list[list[list[str]]] = []
    current: list[list[str]] = []
    gap = 0
    for line in text.split("\n"):
        if "\t" in line:
            cells = line.split("\t")
        elif re.search(r"\S {3,}\S.* {3,}\S", line):
            cells = re.split(r" {3,}", line.strip())
        else:
            cells = bar_cells(line)
        if len(cells) >= 2:
            current.append(cells)
            gap = 0
        elif _GOAL_PREFIX.match(line.strip()):
            current.append([line.strip()])  # "Objetivo 2: …" between the tables of a plan
            gap = 0
        elif line.strip():
            gap += 1
            if gap > 1 and current:
                grids.append(current)
                current = []
    if current:
        grids.append(current)
    return grids


@cache
def _timeframe_regex() -> re.Pattern[str]:
    # Month names of four letters or more: shorter abbreviations are words elsewhere ("Sie").
    names = [name for name in lexicon.month_numbers() if len(name) >= 4]
    months = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    words = lexicon.alternation(lexicon.fragments("tables.timeframe_words"))
    return re.compile(
        rf"(?<!\w)(?:{months}|{words}|(?:19|20)\d{{2}}|\d{{1,2}}[./]\d{{1,2}})(?!\w)", re.IGNORECASE
    )


def _is_timeframe(line: str) -> bool:
    words = line.split()
    first = _timeframe_regex().match(line)
    return bool(first and len(words) <= 25) or bool(
        _timeframe_regex().search(line) and len(words) <= 6 and not re.search(r"\[\d", line)
    )


@cache
def _responsible_words() -> re.Pattern[str]:
    """Words that name who does an activity ("department", "unit", "nämnd")."""
    words = lexicon.alternation(lexicon.fragments("tables.responsible_words"))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def _is_responsible(line: str) -> bool:
    return (
        len(line.split()) <= 9
        and bool(_responsible_words().search(line))
        and not _is_timeframe(line)
    )


def _cell_lines(text: str) -> list[list[str]]:
    """Tables laid out one cell per line: a run of heading lines, then cells."""
    lines = [" ".join(line.split()) for line in text.replace("\xa0", " ").split("\n")]
    lines = [line for line in lines if line]
    results: list[list[str]] = []
    index = 0
    while index < len(lines):
        roles = []
        j = index
        while j < len(lines) and heading_role(lines[j]) and heading_role(lines[j]) not in roles:
            roles.append(heading_role(lines[j]))
            j += 1
        if len(roles) >= 2 and ("activity" in roles or "goal" in roles):
            end = j
            while end < len(lines) and end - j < 400:
                end += 1
            results.append([",".join(roles), *lines[j:end]])
            index = end
        else:
            index += 1
    return results


# A number column's heading ("Nr", "No.", "N°", "#") and a row's number in it ("1.2").
_NUMBER_HEADING = re.compile(r"(?:nr|no|n[°º]|núm|nro|lp|#)\.?", re.IGNORECASE)
_ROW_NUMBER = re.compile(r"(?:[A-Z]{1,2}\.?)?\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?\.?")
_ARTICLE_CELL = re.compile(r"(?:art\.?\s*)?\d{1,2}(?:\s*[,;/–-]\s*\d{1,2})*|[–-]", re.IGNORECASE)
MISSES_IN_A_TABLE = 3  # lines that fit no row before a table one cell per line ends


def _heading_run(lines: Sequence[str], start: int) -> list[str] | None:
    """The heading cells of a table laid out one cell per line, starting at ``start``: at
    least three lines, each a column heading of its own role or a number column's heading,
    with activities or goals and a column whose cells can be checked (row numbers or
    Charter articles): without one, wrapped cells cannot be told from rows."""
    roles: list[str] = []
    end = start
    while end < len(lines):
        if _GOAL_PREFIX.match(lines[end]):
            break  # "Objective 1 – Safe streets": a goal above the table, not a heading
        role = heading_role(lines[end]) or (
            "number" if _NUMBER_HEADING.fullmatch(lines[end]) else None
        )
        if role is None or role in roles:
            break
        roles.append(role)
        end += 1
    # Row numbers or articles; or separate start and end columns, whose start is a date.
    checkable = {"number", "charter_article"} & set(roles) or (
        {"timeframe", "timeframe_end"} <= set(roles)
    )
    if len(roles) < 3 or not {"activity", "goal"} & set(roles) or not checkable:
        return None
    return list(lines[start:end])


def _fits(cells: Sequence[str], heading: Sequence[str]) -> bool:
    """Whether ``cells`` are one row under ``heading``: row numbers and articles where their
    columns stand, and an activity that is text."""
    roles = [heading_role(h) or "number" for h in heading]
    for cell, role in zip(cells, roles, strict=True):
        # A heading's cell, not a value that opens with a heading's word ("anno educativo
        # 2026/2027" under "Tempi": a heading carries no figure).
        if (heading_role(cell) and not re.search(r"\d", cell)) or _GOAL_PREFIX.match(cell):
            return False
        if role == "number" and not _ROW_NUMBER.fullmatch(cell):
            return False
        if role == "charter_article" and not _ARTICLE_CELL.fullmatch(cell):
            return False
        if role == "activity" and (_ROW_NUMBER.fullmatch(cell) or len(cell) < 4):
            return False
        if role == "timeframe" and "timeframe_end" in roles and not _is_timeframe(cell):
            return False
    return True


def _cell_line_grids(text: str) -> list[list[list[str]]]:
    """Tables laid out one cell per line (a PDF's or web page's table, flattened) rebuilt
    as grids: the heading run gives the width, and the lines after it are read that many
    at a time while each group fits as a row. Goal headings ("Mål 2: …"), repeated
    headings and a page's running header or footer between rows are stepped over."""
    lines = [" ".join(line.split()) for line in text.replace("\xa0", " ").split("\n")]
    lines = [line for line in lines if line]
    grids: list[list[list[str]]] = []
    index = 0
    while index < len(lines):
        heading = _heading_run(lines, index)
        if heading is None:
            index += 1
            continue
        width = len(heading)
        grid: list[list[str]] = []
        if index and _GOAL_PREFIX.match(lines[index - 1]):
            grid.append([lines[index - 1]])
        grid.append(heading)
        position, misses, found = index + width, 0, 0
        while position < len(lines) and misses < MISSES_IN_A_TABLE:
            again = _heading_run(lines, position)
            if again is not None and len(again) == width:
                position += width
                continue
            if _GOAL_PREFIX.match(lines[position]):
                grid.append([lines[position]])
                position += 1
                continue
            cells = lines[position : position + width]
            if len(cells) == width and _fits(cells, heading):
                grid.append(cells)
                found += 1
                position += width
                misses = 0
                continue
            position += 1
            misses += 1
        if found:
            grids.append(grid)
        index = max(position, index + 1)
    return grids


_TOKEN = re.compile(r"\S+(?: \S+)*")  # words of one cell: single spaces inside


MAX_UNNAMED_COLUMNS = 2
# A page number in a running header or footer ("Seite 3 von 12", "Sida 4 (9)", "- 7 -").
_PAGE_FURNITURE = re.compile(
    r"(?i)(?:\b(?:seite|sida|side|page|pagina|página|pàgina|sivu|strona|σελίδα|bls\.?)"
    r"\s*\d{1,4}(?:\s*(?:von|av|af|of|de|di|z|από|/|\()\s*\d{1,4}\)?)?\s*$"
    r"|^\s*[-–]\s*\d{1,4}\s*[-–]\s*$)"
)


def _aligned_heading(line: str) -> list[tuple[int, str]] | None:
    """A heading line of a table aligned with spaces: (column start, heading) for each
    cell, when the cells name an activity and a strict column (row numbers, articles or,
    failing those, when it starts)."""
    cells = [(m.start(), m.group(0)) for m in re.finditer(r"\S+(?: (?! )\S+)*", line)]
    if len(cells) < 3 or not re.search(r"\S {2,}\S", line):
        return None
    roles = [
        heading_role(cell) or ("number" if _NUMBER_HEADING.fullmatch(cell) else None)
        for _, cell in cells
    ]
    named = [role for role in roles if role is not None]
    # A column the language files do not name ("Wskaźnik", "Budget") may stand among them.
    if len(roles) - len(named) > MAX_UNNAMED_COLUMNS or len(named) < 3:
        return None
    if len(set(named)) != len(named):
        return None
    if "activity" not in roles or not {"number", "charter_article", "timeframe"} & set(roles):
        return None
    return cells


def _aligned_cells(line: str, starts: Sequence[int]) -> list[str]:
    """The words of ``line`` in the columns beginning at ``starts``: each word belongs to
    the last column that begins at or before it."""
    cells = [""] * len(starts)
    for m in re.finditer(r"\S+", line):
        column = max(i for i, start in enumerate([-1, *starts[1:]]) if m.start() >= start - 1)
        cells[column] = f"{cells[column]} {m.group(0)}".strip()
    return cells


def _join_wrapped(first: str, more: str) -> str:
    if not first or not more:
        return first or more
    if first.endswith("-") and more[:1].islower():
        return first[:-1] + more  # "perehdy-" + "tykseen"
    return f"{first} {more}"


def _aligned_grids(text: str) -> list[list[list[str]]]:
    """Tables aligned with spaces whose cells wrap over several lines (a PDF's text layer):
    columns start where their headings do, a row starts on a line with its number or
    article (or, without those, its period), and lines without one continue the row above. A blank line ends the table
    unless a goal heading or a new row follows it."""
    lines = text.replace("\xa0", " ").split("\n")
    grids: list[list[list[str]]] = []
    index = 0
    while index < len(lines):
        heading = _aligned_heading(lines[index].rstrip())
        if heading is None:
            index += 1
            continue
        starts = [start for start, _ in heading]
        roles = [
            heading_role(cell) or ("number" if _NUMBER_HEADING.fullmatch(cell) else "other")
            for _, cell in heading
        ]
        checked = [i for i, role in enumerate(roles) if role in ("number", "charter_article")]
        strict = checked[0] if checked else roles.index("timeframe")
        grid: list[list[str]] = []
        back = index - 1
        while back > 0 and not lines[back].strip() and index - back < 3:
            back -= 1  # a blank line between the goal and its table
        above = lines[back].strip() if index else ""
        if _GOAL_PREFIX.match(above):
            grid.append([above])
        grid.append([cell for _, cell in heading])
        index += 1
        after_blank = furniture = False
        while index < len(lines):
            line = lines[index].rstrip()
            if not line.strip():
                after_blank = not furniture
                index += 1
                continue
            if _PAGE_FURNITURE.search(line):
                # A page's running footer or header between two lines of a row: stepped
                # over with the blank lines around it.
                after_blank, furniture = False, True
                index += 1
                continue
            furniture = False
            if _GOAL_PREFIX.match(line.strip()):
                grid.append([line.strip()])
                after_blank = False
                index += 1
                continue
            cells = _aligned_cells(line, starts)
            if checked:
                starts_row = bool(
                    _ARTICLE_CELL.fullmatch(cells[strict]) or _ROW_NUMBER.fullmatch(cells[strict])
                )
            else:
                # Without row numbers, a row starts where its start or period is written.
                starts_row = bool(cells[strict]) and _is_timeframe(cells[strict])
            if starts_row:
                grid.append(cells)
            elif after_blank or len(grid) < 2 or len(grid[-1]) != len(starts):
                break
            else:
                grid[-1] = [_join_wrapped(a, b) for a, b in zip(grid[-1], cells, strict=True)]
            after_blank = False
            index += 1
        if sum(len(row) == len(starts) for row in grid) > 1:
            grids.append(grid)
    return grids


def _rows_from_cell_lines(block: list[str], confidence: float) -> list[ActionRow]:
    roles = block[0].split(",")
    has_responsible = "responsible" in roles
    has_timeframe = "timeframe" in roles
    groups: list[dict[str, list[str]]] = []
    group: dict[str, list[str]] = {"activity": [], "responsible": [], "timeframe": []}
    last_kind = "activity"
    for line in block[1:]:
        if heading_role(line):
            continue  # a repeated heading row
        if re.fullmatch(r"\[[\d.;,\s]+\]", line):
            if group["activity"] and last_kind == "activity":
                group["activity"][-1] += " " + line
            continue
        if has_timeframe and _is_timeframe(line):
            kind = "timeframe"
        elif has_responsible and _is_responsible(line):
            kind = "responsible"
        else:
            kind = "activity"
        if kind == "activity" and line.endswith(".") and len(line.split()) > 8:
            continue  # an explanatory note, not a row
        if kind == "activity" and last_kind != "activity" and group["activity"]:
            groups.append(group)
            group = {"activity": [], "responsible": [], "timeframe": []}
        group[kind].append(line)
        last_kind = kind
    if group["activity"]:
        groups.append(group)
    rows: list[ActionRow] = []
    for g in groups:
        activities = g["activity"]
        times = g["timeframe"]
        responsibles = g["responsible"]
        section = UNKNOWN
        count = max(len(times), len(responsibles), 1)
        if (
            len(activities) == count + 1
            and len(activities[0].split()) <= 3
            and not re.search(r"\d", activities[0])
        ):
            section, activities = activities[0], activities[1:]
        if len(activities) > count and count == 1:
            activities = [" ".join(activities)]
        for i, activity in enumerate(activities):
            rows.append(
                ActionRow(
                    goal=section,
                    activity=activity,
                    responsible=_pick(responsibles, i, len(activities)),
                    timeframe=_pick(times, i, len(activities)),
                    charter_article=_article(activity),
                    confidence=confidence,
                )
            )
    return rows


def _pick(values: list[str], index: int, count: int) -> str:
    if not values:
        return UNKNOWN
    if len(values) == count:
        return values[index]
    if len(values) == 1:
        return values[0]
    return values[index] if index < len(values) else UNKNOWN


_ARTICLE_LINE = re.compile(
    r"^\s*[-–•*·]?\s*((?:Artikel|Article|Artikel|Articolo|Artículo|Artigo|Artykuł|Art\.)\s*(\d{1,2})"
    r"(?:\s*[-–:.]\s*|\s+)(?=[^\W\d_])\S.{2,120})$",
    re.IGNORECASE | re.MULTILINE,
)
_LIST_GAP = re.compile(r"\s*")
MIN_ARTICLE_LIST = 3  # article lines in a row that make a list, not a statute's headings


def _article_runs(text: str) -> list[re.Match[str]]:
    """Article lines that stand in a list: at least three with nothing but white space
    between them. Headings of a statute's articles ("Artikel 1: Oprichting"), each
    followed by its prose, are no list."""
    runs: list[list[re.Match[str]]] = []
    for m in _ARTICLE_LINE.finditer(text):
        if runs and _LIST_GAP.fullmatch(text, runs[-1][-1].end(), m.start()):
            runs[-1].append(m)
        else:
            runs.append([m])
    return [m for run in runs if len(run) >= MIN_ARTICLE_LIST for m in run]


_ALL_OF = re.compile(
    r"(?<!\w)((?:samtliga|alla|all|alle|tutti|tutte|tous|toutes|todos|todas|wszystkie|kaikki)\s+\w+)",
    re.IGNORECASE,
)
_RESPONSIBLE_CUE = re.compile(
    r"ansvar\w*|responsib\w*|verantwort\w*|zuständig\w*|responsabil\w*|odpowiedzial\w*|vastuu\w*",
    re.IGNORECASE,
)
_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2})(?!\d)")


def _article_lists(text: str, confidence: float) -> list[ActionRow]:
    rows: list[ActionRow] = []
    for m in _article_runs(text):
        before = text[max(0, m.start() - 700) : m.start()]
        responsible = UNKNOWN
        if _RESPONSIBLE_CUE.search(before[-300:]):
            owners = _ALL_OF.findall(before[-300:])
            if owners:
                responsible = owners[-1]
        periods = _PERIOD.findall(text[max(0, m.start() - 1500) : m.start()])
        timeframe = periods[-1].replace(" ", "") if periods else UNKNOWN
        rows.append(
            ActionRow(
                activity=m.group(1).strip(),
                responsible=responsible,
                timeframe=timeframe,
                charter_article=m.group(2),
                confidence=confidence,
            )
        )
    return rows


_LABELLED = re.compile(
    r"^([^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,2})"  # the label: one to three words
    r"(?:\s+(?:[A-Z]?\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?))?"  # "Toimenpide 1.1"
    r"\s*:\s*(\S.*)$"
)
# A block's own heading: its label word and number, nothing else ("Toimenpide 1.1").
_RECORD_OPENER = re.compile(r"([^\W\d_]+)\s+[A-Z]?\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?\.?")
_RECORD_FIELDS = ("responsible", "timeframe", "timeframe_end", "status", "charter_article")


def _labelled_grids(text: str) -> list[list[list[str]]]:
    """Action plans written as one block per activity, a label on each line ("Toimenpide
    1.1: …" / "Vastuu: …" / "Aikataulu: …"), rebuilt as one grid: the labels are the
    headings, each block a row, and goal headings between blocks are kept."""
    labels: dict[str, str] = {}
    entries: list[dict[str, str] | str] = []
    record: dict[str, str] | None = None
    opener = ""
    for raw in text.replace("\xa0", " ").split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if _GOAL_PREFIX.match(line):
            entries.append(line)
            record = None
            continue
        opened = _RECORD_OPENER.fullmatch(line)
        if opened and heading_role(opened.group(1)) == "activity":
            # "Toimenpide 1.1" alone on its line: a block whose text a label below gives.
            record = {}
            entries.append(record)
            opener = opened.group(1)
            continue
        match = _LABELLED.match(line)
        role = heading_role(match.group(1)) if match else None
        if match and role is None and record == {}:
            # The block's first label names its text ("Kuvaus:", "Description:").
            record["activity"] = match.group(2)
            labels.setdefault("activity", opener)  # the column is named by the block's word
        elif match and role == "activity":
            record = {"activity": match.group(2)}
            entries.append(record)
            labels.setdefault(role, match.group(1))
        elif match and role in _RECORD_FIELDS and record is not None and role not in record:
            record[role] = match.group(2)
            labels.setdefault(role, match.group(1))
        else:
            record = None  # running text ends a block
    rows = [e for e in entries if isinstance(e, dict) and len(e) >= 2]
    if len(rows) < 2:
        return []
    roles = list(labels)
    grid: list[list[str]] = [[labels[role] for role in roles]]
    for entry in entries:
        if isinstance(entry, str):
            grid.append([entry])
        elif len(entry) >= 2:
            grid.append([entry.get(role, "") for role in roles])
    return [grid]


def rows_from_text(text: str) -> list[ActionRow]:
    """Action rows from tables flattened into text, in document order of the layouts."""
    rows: list[ActionRow] = []
    for grid in _aligned_grids(text):
        rows += _rows_from_grid(grid, None, 0.75)
    if not rows:
        for grid in _separated_grids(text):
            rows += _rows_from_grid(grid, None, 0.75)
    if not rows:
        for grid in _cell_line_grids(text):
            rows += _rows_from_grid(grid, None, 0.65)
    if not rows:
        for grid in _labelled_grids(text):
            rows += _rows_from_grid(grid, None, 0.65)
    if not rows:
        for block in _cell_lines(text):
            rows += _rows_from_cell_lines(block, 0.6)
    if not rows:
        rows += _article_lists(text, 0.55)
    return rows

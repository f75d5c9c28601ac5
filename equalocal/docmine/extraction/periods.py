"""Start and end dates of a timeframe as people write it in an action table.

"januari – april 2014", "2015–2016", "2024-03-01 – 2024-06-30", "17.12.2025", "Q3 2025 – Q1
2026", "HT 2025" (the autumn term), "vecka 12 2026" (ISO week), "2. Halbjahr 2025". Month names
come from CLDR through the lexicon (every language, the row's own first); quarter, half-year,
week and term words from ``common.toml`` ``[periods]``. The timeframe runs from the earliest
start of any period named to the latest end; text with no period gives ``(None, None)``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import cache

from . import lexicon
from .dates import find_dates

_YEAR = re.compile(r"(?<![\w/.-])((?:19|20)\d{2})(?![\w/])")
_ISO = re.compile(r"(?<![\d-])((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")
_NUMERIC = re.compile(
    r"(?<![\d./])(0?[1-9]|[12]\d|3[01])\s?[./]\s?(0?[1-9]|1[0-2])\s?[./]\s?((?:19|20)\d{2})(?!\d)"
)
_WORD = re.compile(r"[^\W\d_]{3,}")
_DAY_BEFORE = re.compile(r"(?<![\d.])(0?[1-9]|[12]\d|3[01])\.?\s+$")
NEAR = 12  # characters between a period's word and its year


@cache
def _patterns() -> dict[str, list[re.Pattern[str]]]:
    return {
        kind: [re.compile(p, re.IGNORECASE) for p in lexicon.common(f"periods.{kind}")]
        for kind in ("quarter", "half", "week")
    }


@cache
def _terms() -> list[tuple[re.Pattern[str], int, int]]:
    return [
        (re.compile(rf"(?<![\w]){term['pattern']}(?![\w])"), *term["months"])
        for term in lexicon.common("periods.terms")
    ]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period_dates(text: str, language: str | None = None) -> tuple[date | None, date | None]:
    """The first and last day of the timeframe ``text`` names, or ``(None, None)``."""
    text = text or ""
    spans: list[tuple[date, date]] = []
    used: list[tuple[int, int]] = []  # characters already read as part of a period

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in used)

    def take(start: int, end: int, first: date, last: date) -> None:
        used.append((start, end))
        spans.append((first, last))

    years = [(m.start(), m.end(), int(m.group(1))) for m in _YEAR.finditer(text)]
    only_year = years[0][2] if len({y for _, _, y in years}) == 1 else None

    def year_near(start: int, end: int) -> tuple[int, tuple[int, int]] | None:
        after = [y for y in years if 0 <= y[0] - end <= NEAR and free(y[0], y[1])]
        before = [y for y in years if 0 <= start - y[1] <= NEAR and free(y[0], y[1])]
        for found in after[:1] or before[-1:]:
            return found[2], (found[0], found[1])
        return (only_year, (start, start)) if only_year else None

    # Days written out ("9 Δεκεμβρίου 2025", "17. Dezember 2025") by the extractor's reader.
    for found in find_dates(text):
        if found.precision == 3 and not found.relative:
            day = date.fromisoformat(found.value)
            take(found.start, found.end, day, day)
    for m in _ISO.finditer(text):
        if not free(m.start(), m.end()):
            continue
        day = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if day:
            take(m.start(), m.end(), day, day)
    for m in _NUMERIC.finditer(text):
        day = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if day and free(m.start(), m.end()):
            take(m.start(), m.end(), day, day)

    readers = [
        ("quarter", lambda y, n: (date(y, 3 * n - 2, 1), _month_end(y, 3 * n))),
        ("half", lambda y, n: (date(y, 6 * n - 5, 1), _month_end(y, 6 * n))),
        ("week", lambda y, n: _week(y, n)),
    ]
    for kind, read in readers:
        for pattern in _patterns()[kind]:
            for m in pattern.finditer(text):
                if not free(m.start(), m.end()):
                    continue
                found = year_near(m.start(), m.end())
                period = read(found[0], int(m.group("n"))) if found else None
                if period:
                    take(m.start(), m.end(), *period)
                    used.append(found[1])
    for pattern, first, last in _terms():
        for m in pattern.finditer(text):
            found = year_near(m.start(), m.end()) if free(m.start(), m.end()) else None
            if found:
                take(m.start(), m.end(), date(found[0], first, 1), _month_end(found[0], last))
                used.append(found[1])
    for m in _WORD.finditer(text):
        if not free(m.start(), m.end()):
            continue
        month = lexicon.month_number(m.group(), language)
        found = year_near(m.start(), m.end()) if month else None
        if found and month:
            first, last = date(found[0], month, 1), _month_end(found[0], month)
            day = _DAY_BEFORE.search(text[max(0, m.start() - 6) : m.start()])
            if day and _valid(found[0], month, int(day.group(1))):  # "20 aprile – …"
                first = last = date(found[0], month, int(day.group(1)))
            take(m.start(), m.end(), first, last)
            used.append(found[1])
    for start, end, year in years:
        if free(start, end):  # a year no period above took: the whole year
            spans.append((date(year, 1, 1), date(year, 12, 31)))
    if not spans:
        return None, None
    return min(first for first, _ in spans), max(last for _, last in spans)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _week(year: int, week: int) -> tuple[date, date] | None:
    try:
        return date.fromisocalendar(year, week, 1), date.fromisocalendar(year, week, 7)
    except ValueError:
        return None

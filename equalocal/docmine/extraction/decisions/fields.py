"""The fields of a decision read from its sentence: case number, paragraph, date, page."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ...types import UNKNOWN
from .. import lexicon
from ..dates import DateMatch


@cache
def _case_regexes() -> list[re.Pattern[str]]:
    """Whole case-number patterns first, then a number after a label ("Dnr KS 2024/108")."""
    number = lexicon.common("references.case_number")
    labels = "|".join(lexicon.fragments("references.case_number_labels"))
    whole = lexicon.fragments("references.case_number_patterns")
    return [
        *(re.compile(pattern, re.IGNORECASE) for pattern in whole),
        re.compile(
            rf"(?<!\w)(?:{labels})\.?\s*(?:nr\.?|no\.?|n[°º.]|number|nummer)?\s*[:.]?\s*(?P<num>{number})",
            re.IGNORECASE,
        ),
    ]


_DIGIT = re.compile(r"\d")


def find_case_number(text: str) -> str:
    if not _DIGIT.search(text):
        return UNKNOWN
    for regex in _case_regexes():
        m = regex.search(text)
        if m:
            value = m.group("num") if "num" in regex.groupindex else m.group(0)
            value = re.sub(r"(\d)-\s+(\d)", r"\1-\2", value)
            value = re.sub(r"\s+", " ", value).strip(" .:")
            return value
    return UNKNOWN


_PARAGRAPH = re.compile(lexicon.common("references.paragraph"))


def find_paragraph(text: str) -> str:
    """The first paragraph of a protocol named in ``text`` ("§ 62"), or ``unknown``."""
    m = _PARAGRAPH.search(text)
    return f"§ {m.group(1)}" if m else UNKNOWN


def best_date(dates: list[DateMatch], pos: int) -> DateMatch | None:
    """The date nearest ``pos`` that is not part of a period ("2017–2019")."""
    usable = [d for d in dates if not d.period]
    if not usable:
        return None
    return min(usable, key=lambda d: abs(d.start - pos))


def page_of(position: int, pages: Sequence[tuple[int, int, int]]) -> int | None:
    """The page number holding ``position``, from (start, end, number) spans."""
    for start, end, number in pages:
        if start <= position < end:
            return number
    return None


def evidence(text: str, limit: int = 400) -> str:
    """The sentence as evidence: whitespace collapsed, at most ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."

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
            rf"(?<!\w)(?:{labels})\.?\s*(?:{_MARK})?\s*[:.]?\s*(?P<num>{number})", re.IGNORECASE
        ),
        # The body between the label and the number sign ("délibération du conseil
        # municipal n° D-2025-061", "Beschluss des Gemeinderates Nr. 12").
        re.compile(
            rf"(?<!\w)(?:{labels})(?:\s+[^\W\d]+){{1,5}}?\s+(?:{_MARK})\s*[:.]?\s*(?P<num>{number})",
            re.IGNORECASE,
        ),
    ]


# The number sign after a label: "Nr.", "no.", "n°", "n.º" (read "n.o"), "núm.", "número".
_MARK = r"nr\.?|no\.?|n\.?\s?[°º]|n\.o(?=\s)|n\.|n[úu]m(?:\.|ero)?|number|nummer"


STATUTE_REACH = 40  # characters before a date where the law it dates is named
# A law cited as the decision's basis ("ustawy z dnia 8 marca 1990 r.", "D.Lgs. 18 agosto
# 2000", "Lei n.º 75/2013, de 12 de setembro"): its date is the law's; a new
# sentence ("… Act 2010. On 12 May …") ends the citation.
STATUTE_BEFORE = lexicon.filtered(
    r"(?<![\w])(?:{alt})(?![\w])(?:(?!\.\s+(?-i:[A-ZÀ-ÞΑ-ΩА-Я]))[^;\n]){0,25}$",
    "decisions.statutes",
)


# A law named right before a number and its mark ("Legea nr. ", "zákona č. ", "Law No "):
# the number is the law's.
_STATUTE_NUMBER = lexicon.filtered(
    r"(?<![\w])(?:{alt})(?![\w])[^;\n\d]{0,12}$", "decisions.statutes"
)

_DIGIT = re.compile(r"\d")


CASE_REACH = 80  # characters between a verb and a case number in another clause


def _between(text: str, a: int, b: int) -> str:
    return text[min(a, b) : max(a, b)]


def find_case_number(text: str, near: int | None = None) -> str:
    """The case number in ``text``; with ``near``, the one nearest that position (a
    sentence may name the case numbers of several decisions)."""
    if not _DIGIT.search(text):
        return UNKNOWN
    for regex in _case_regexes():
        matches = list(regex.finditer(text))
        if near is not None:
            # Another clause's number ("X joined in 2018, and by order Nr. A-1 of 2019 …").
            matches = [
                m
                for m in matches
                if abs(m.start() - near) <= CASE_REACH or "," not in _between(text, m.start(), near)
            ]
        # A law's number ("Legii nr. 52/2003", "zákona č. 128/2000 Sb.") is not the case's.
        matches = [
            m
            for m in matches
            if not _STATUTE_NUMBER.get().search(text[max(0, m.start() - STATUTE_REACH) : m.start()])
        ]
        if not matches:
            continue
        m = min(matches, key=lambda m: abs(m.start() - near)) if near is not None else matches[0]
        value = m.group("num") if "num" in regex.groupindex else m.group(0)
        value = re.sub(r"(\d)-\s+(\d)", r"\1-\2", value)
        value = re.sub(r"\s+", " ", value).strip(" .:")
        if "num" in regex.groupindex and "№" in text[m.start() : m.start("num")]:
            value = f"№ {value}"  # the numero sign is part of the number as written
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
    nearest = min(usable, key=lambda d: abs(d.start - pos))
    if len(nearest.value) == 4:
        # A day named near the verb dates it better than a year in another clause ("am 5.
        # März 2019, Zahl …, beschlossen und lief Ende 2024 aus").
        # Not a relative day ("i dag", "today"): that names when the text speaks.
        precise = [
            d
            for d in usable
            if len(d.value) == 10 and not d.relative and abs(d.start - pos) <= PRECISE_REACH
        ]
        if precise:
            return min(precise, key=lambda d: abs(d.start - pos))
    return nearest


PRECISE_REACH = 60  # characters from the verb within which a day beats a nearer year


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

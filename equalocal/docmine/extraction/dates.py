"""Dates in the Charter's languages: absolute, year-less and relative, with their precision.

Values are ISO strings at the precision the text gives: ``YYYY-MM-DD``, ``YYYY-MM`` or
``YYYY``. Day-first is assumed for numeric dates (``01.10.2024``, ``1/10/2024``), as in
Europe. Year-less dates ("23 décembre", "i söndags", "last year") resolve against a
reference date, normally the document's own date, and are left out when there is none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..types import UNKNOWN
from . import lexicon
from .prefilter import Filtered, current_scope


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    period: bool = False  # part of a range such as "2017–2019" or a plan period
    relative: bool = False  # resolved against the reference date

    @property
    def precision(self) -> int:
        return {10: 3, 7: 2, 4: 1}[len(self.value)]

    @property
    def year(self) -> int:
        return int(self.value[:4])


# Words between a day and month and their year ("8 mars, en 2010", "5 May in 2019",
# "12 de mayo de 2020"): prepositions of the Charter's languages.
_YEAR_PREPOSITIONS = r"(?:de|del|of|en|in|im|i|w|em|na|ve)\s+"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    # A month is any word, checked against the month tables afterwards: one character class
    # is much faster than an alternation of every month name in every language.
    month = r"(?P<month>[^\W\d_]{3,15}\.?)"
    year = r"(?P<year>(?:19|20)\d{2})"
    day = r"(?P<day>0?[1-9]|[12]\d|3[01])"
    flags = re.IGNORECASE
    last_weekday = "|".join(lexicon.fragments("dates.last_weekday"))
    year_of = "|".join(lexicon.fragments("dates.year_of"))
    return {
        # ISO dates, and year-first dates with slashes on publication lines ("2019/05/31").
        "iso": re.compile(
            rf"(?<![\d/-]){year}(?P<sep>[-/])(?P<month>0[1-9]|1[0-2])(?P=sep)"
            rf"(?P<day>0[1-9]|[12]\d|3[01])(?![\d/])"
        ),
        "iso_month": re.compile(rf"(?<![\d/-]){year}-(?P<month>0[1-9]|1[0-2])(?![\d-])"),
        "numeric": re.compile(
            rf"(?<![\d/.]){day}\s?[./]\s?(?P<month>0?[1-9]|1[0-2])\s?[./]\s?{year}(?!\d)"
        ),
        # "26-10-2022": day first with hyphens (the ISO date starts with the year).
        "numeric_dash": re.compile(rf"(?<![\d/.-]){day}-(?P<month>0?[1-9]|1[0-2])-{year}(?![\d-])"),
        # "2008. december 17.", "2008 m. gruodžio 17 d.", Basque "2015eko martxoaren 12an".
        "year_first": re.compile(
            rf"(?<!\d){year}(?:\.|e?ko)?\s*(?:m\.\s*)?{month}\s+{day}(?:\.|\s*d\.|e?an)?(?!\d)",
            flags,
        ),
        # Georgian "2017 წლის 10 მარტს", Latvian "2022. gada 9. novembrī": the year, "of the
        # year" (the language files' year_of), then day and month.
        "year_day_month": re.compile(
            rf"(?<!\d){year}\.?\s*(?:{year_of})\s+{day}\.?\s+{month}(?!\w)", flags
        ),
        # Basque day after the month, without a year: "maiatzaren 30ean", "martxoaren 12ko".
        "month_day_suffixed": re.compile(
            rf"(?<![\w]){month}\s+{day}(?:e?ko|e?an)(?!\w)(?P<year>(?!))?", flags
        ),
        # Greek ordinal days: "9ης Μαρτίου", "1η Ιουλίου"; Catalan "9 d'abril".
        "day_month": re.compile(
            rf"(?<![\d,.]){day}(?:\.|:e|:a|er|°|º|st|nd|rd|th|-?go|ης|η|ας)?\s+(?:de\s+|of\s+|ta['’]\s+|d['’])?{month}"
            rf"(?!\w)(?:,?\s+(?:{_YEAR_PREPOSITIONS})?{year}(?!\d))?",
            flags,
        ),
        "month_day": re.compile(
            rf"(?<!\w){month}\s+{day}(?:st|nd|rd|th)?,?\s+{year}(?!\d)",
            flags,
        ),
        "month_year": re.compile(
            rf"(?<!\w){month}(?:\s+|\s+de\s+|\s+del\s+|\s*[.,]\s*){year}(?!\d)", flags
        ),
        "year": re.compile(r"(?<![\w/.-])(?P<year>19[5-9]\d|20[0-4]\d)(?![\w/]|\s?-\s?\d|\.\d)"),
        "range": re.compile(
            r"(?<![\w/-])((?:19|20)\d{2})\s*(?:[-–—]|/|till|to|bis|al|au)\s*((?:19|20)?\d{2})(?![\w/-])",
            flags,
        ),
        # "i söndags", "last Sunday", and a bare weekday ("besluttet onsdag"): news reports
        # the past, so the weekday is the last one before the document's date.
        "weekday": re.compile(
            rf"(?<!\w)(?:(?:{last_weekday})\s+)?(?P<weekday>[^\W\d_]{{5,22}})(?!\w)",
            flags,
        ),
    }


_RELATIVE = Filtered(
    [p for p, _, _, _ in lexicon.relative_dates()],
    lexicon.WORD_TEMPLATE,
    re.IGNORECASE,
    [code for _, _, _, code in lexicon.relative_dates()],
)
_DIGIT = re.compile(r"\d")
_NUMBER_OF_YEAR = re.compile(r"(?<![\w/])\d{1,5}/((?:19|20)\d{2})(?![\w/])")
_DATE_FOLLOWS = re.compile(r"[\s,.]*(?:\w{1,3}\.?\s+)?\d")


_PERIOD_WORDS = (
    r"(?:för|for|für|per|pour|para|dla|voor|til|perioden|period|periode|período|plan|"
    r"verksamhetsplan|uppdragsplan|handlingsplan|action\s+plan|aktionsplan|budget|budgeten)"
)
# A year after a period's word ("för 2019", "Aktionsplan 2019", "für das Jahr 2019") is the
# period's; a year after a year's word alone is a point in time ("im Jahr 2019
# unterzeichnet", "in the year 2019", "w roku 2019").
_PERIOD_BEFORE = re.compile(
    rf"(?:{_PERIOD_WORDS}(?:\s+\w{{1,3}})?\s+(?:år|year|jahr|anno|année|año|ano|rok|vuosi)"
    rf"|{_PERIOD_WORDS}|academic\s+year)\s*$",
    re.IGNORECASE,
)


def _month_number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    scope = current_scope()
    language = scope.facts.get("language") if scope is not None else None
    return lexicon.month_number(word, language)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def parse_reference(value: str | None) -> tuple[int, int | None, int | None] | None:
    """``"2021-01"`` -> ``(2021, 1, None)``; ``unknown`` or ``None`` -> ``None``."""
    if not value or value == UNKNOWN:
        return None
    parts = [int(p) for p in value.split("-")]
    return (parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None)


def _year_for(month: int, day: int, reference) -> int | None:
    """The year of a year-less date: the latest one not after the reference date."""
    if reference is None:
        return None
    ref_year, ref_month, ref_day = reference
    if ref_month is None:
        return ref_year
    if (month, day) <= (ref_month, ref_day or 31):
        return ref_year
    return ref_year - 1


def find_dates(text: str, reference: str | None = None) -> list[DateMatch]:
    """Every date in ``text``, in order, most precise reading first where they overlap.

    ``reference`` (``YYYY[-MM[-DD]]``) resolves year-less and relative dates; without it
    they are left out.
    """
    patterns = _patterns()
    ref = parse_reference(reference)
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(match: re.Match[str], value: str, **flags) -> None:
        if free(match.start(), match.end()):
            found.append(DateMatch(match.start(), match.end(), value, **flags))
            taken.append((match.start(), match.end()))

    digits = bool(_DIGIT.search(text))
    keys = (
        "iso",
        "numeric",
        "numeric_dash",
        "year_first",
        "year_day_month",
        "month_day",
        "month_day_suffixed",
        "day_month",
    )
    for key in keys if digits else ():
        for m in patterns[key].finditer(text):
            month = _month_number(m.group("month"))
            day = int(m.group("day"))
            year_text = m.group("year")
            if month is None:
                continue
            relative = False
            if year_text:
                year = int(year_text)
            else:
                year = _year_for(month, day, ref)
                relative = True
                if year is None:
                    taken.append((m.start(), m.end()))
                    continue
            if _valid(year, month, day):
                add(m, f"{year:04d}-{month:02d}-{day:02d}", relative=relative)
    for key in ("iso_month", "month_year") if digits else ():
        for m in patterns[key].finditer(text):
            month = _month_number(m.group("month"))
            if month:
                add(m, f"{int(m.group('year')):04d}-{month:02d}")
    for m in patterns["range"].finditer(text) if digits else ():
        if free(m.start(), m.end()):
            found.append(DateMatch(m.start(1), m.end(1), m.group(1), period=True))
            taken.append((m.start(), m.end()))
    for m in patterns["year"].finditer(text) if digits else ():
        period = bool(_PERIOD_BEFORE.search(text[max(0, m.start() - 25) : m.start()]))
        add(m, m.group("year"), period=period)
    if ref is not None:
        ref_date = _reference_date(ref)
        for m in _RELATIVE.get().finditer(text):
            unit, offset = _relative_unit(m.group(0))
            if unit == "year":
                add(m, f"{ref[0] + offset:04d}", relative=True)
            elif unit == "month" and ref[1] is not None:
                year, month = divmod(ref[0] * 12 + ref[1] - 1 + offset, 12)
                add(m, f"{year:04d}-{month + 1:02d}", relative=True)
            elif unit == "day" and ref_date is not None:
                add(m, (ref_date + dt.timedelta(days=offset)).isoformat(), relative=True)
        if ref_date is not None:
            for m in patterns["weekday"].finditer(text):
                word = m.group("weekday").lower()
                weekday = lexicon.weekday_numbers().get(word)
                if weekday is None:
                    weekday = lexicon.weekday_numbers().get(word[:-1])
                if weekday is None:
                    weekday = _weekday_compound(word)
                if weekday is None:
                    continue
                bare = m.start("weekday") == m.start()
                follows = _DATE_FOLLOWS.match(text, m.end())
                if (
                    bare
                    and follows
                    and any(m.end() <= d.start <= follows.end() for d in found if not d.relative)
                ):
                    continue  # "Montag, 12. März 2019": the date itself follows
                back = (ref_date.weekday() - weekday) % 7 or 7
                add(m, (ref_date - dt.timedelta(days=back)).isoformat(), relative=True)
    found.sort(key=lambda d: d.start)
    return found


TIME_OF_DAY = 10  # letters a time of day adds to a weekday ("Donnerstag|abend")


def _weekday_compound(word: str) -> int | None:
    """A weekday compounded with a time of day ("Donnerstagabend", "dinsdagavond",
    "tisdagskvällen"): the weekday, or ``None``."""
    m = _weekday_prefix().match(word)
    return lexicon.weekday_numbers()[m.group(1)] if m else None


@cache
def _weekday_prefix() -> re.Pattern[str]:
    """Weekday names of five letters or more, longest first, followed by a short ending."""
    names = sorted((n for n in lexicon.weekday_numbers() if len(n) >= 5), key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    return re.compile(rf"({alternation})\w{{1,{TIME_OF_DAY}}}$")


def _reference_date(ref) -> dt.date | None:
    year, month, day = ref
    if month is None or day is None:
        return None
    return dt.date(year, month, day)


def _relative_unit(expression: str) -> tuple[str, int]:
    for pattern, unit, offset, _ in lexicon.relative_dates():
        if re.fullmatch(pattern, expression, re.IGNORECASE):
            return unit, offset
    return "year", 0


def same_year_positions(text: str) -> list[int]:
    """Where "that same year" (in any language) refers back to an earlier year."""
    return [m.start() for m in lexicon.words("dates.same_year").finditer(text)]


def day_of_a_date(text: str, start: int, language: str | None = None) -> bool:
    """Whether the number at ``start`` is a date's day ("den 11 mars att kommunen", "24
    februari"), not a count: a month name follows it, or a date found in ``text`` holds it."""
    number = re.match(r"[\d\s,.]+", text[start:])
    if number:
        month = re.match(r"\.?\s*(\w+)", text[start + len(number.group()) :])
        if month and lexicon.month_number(month.group(1), language):
            return True
    return any(d.start <= start < d.end for d in find_dates(text))


def parse_date(text: str, reference: str | None = None) -> str:
    """The first date in ``text`` (not a period) as an ISO string, or ``unknown``."""
    for match in find_dates(text, reference):
        if not match.period:
            return match.value
    return UNKNOWN


_DATE_LABEL = Filtered(
    (
        r"published|publicerad|publiceringsdatum|"
        r"veröffentlicht|pubblicato|pubblicazione|publié\w*|publicado|publicada|opublikowano|"
        r"julkaistu|udgivet|publisert|gepubliceerd|datum\s+publicatie",
    ),
    r"(?<!\w)(?:{alt})\b\s*[:\-–]?\s*",
    re.IGNORECASE,
)
# "Date", "Datum", "Data": a label only heading its line ("Datum: 2024-05-02"); inside a
# sentence they date another paper ("la proposta …, de data 27 de maig").
_GENERIC_DATE_LABEL = Filtered(
    (r"datum|date|dated|data|dato|päivämäärä",),
    r"(?<!\w)(?:{alt})\b\s*[:\-–]?\s*",
    re.IGNORECASE,
)
# The labels of a meeting's or a resolution's own date ("Séance du", "Sitzung vom", a
# Polish resolution's "z dnia" line): tried before publication labels, since a decision
# published later is of its meeting's day.
_MEETING_LABEL = Filtered(
    (
        r"sammanträdesdatum|mötesdatum|meeting|sitzung(?:sdatum)?|seduta|séance|sesión|"
        r"posiedzenie|kokous|z\s+dnia",
    ),
    r"(?<!\w)(?:{alt})\b\s*[:\-–]?\s*(?:(?:vom|del|du|de|of)\s+)?",
    re.IGNORECASE,
)
_UPDATED_LABEL = Filtered(
    (
        r"senast\s+(?:uppdaterad|ändrad)|last\s+(?:updated|modified)|zuletzt\s+(?:aktualisiert|geändert)|"
        r"ultimo\s+aggiornamento|mis\s+à\s+jour|actualizado|aktualizacja|päivitetty|opdateret|oppdatert|"
        r"bijgewerkt",
    ),
    r"(?:{alt})\s*[:\-–]?\s*",
    re.IGNORECASE,
)


LABEL_WORDS = 3  # words before a date label on its line where it still heads the line


def document_date(text: str) -> str:
    """The date of the document itself: a labelled publication or meeting date, else a
    "last updated" date, else the first day- or month-precise date near the top."""
    head = text[:2000]
    for labels in (_MEETING_LABEL, _DATE_LABEL, _GENERIC_DATE_LABEL):
        for label in labels.get().finditer(head):
            before = head[head.rfind("\n", 0, label.start()) + 1 : label.start()]
            if labels is not _DATE_LABEL and len(before.split()) > LABEL_WORDS:
                continue  # "… a joint meeting Gdańsk 22/6/2016": a date in the text, not its own
            window = head[label.end() : label.end() + 40]
            for match in find_dates(window):
                # A meeting's label stands right before its date ("Séance du 8 avril"):
                # "a joint meeting Gdańsk 22/6/2016" dates something else.
                reach = 3 if labels is _MEETING_LABEL else 12
                if match.start < reach and not match.period and match.precision >= 2:
                    return match.value
    for label in _UPDATED_LABEL.get().finditer(text):
        for match in find_dates(text[label.end() : label.end() + 40]):
            if match.precision >= 2:
                return match.value
    for match in find_dates(text[:600]):
        if not match.period and match.precision >= 2:
            return match.value
    # A title that cites its gazette or case number with a year ("Sl. list grada Beograda,
    # br. 82/2017"): the year of the document.
    title = text.strip().split("\n", 1)[0][:300]
    cited = _NUMBER_OF_YEAR.search(title)
    return cited.group(1) if cited else UNKNOWN

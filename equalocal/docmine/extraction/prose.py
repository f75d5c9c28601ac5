"""Activities written as prose or as lists rather than tables.

Two shapes, in any language the lexicon covers:

- a bulleted or numbered list under an action heading ("Åtgärder", "Measures",
  "Maßnahmen", "Azioni"…): each item is an activity;
- a sentence in an action-plan-like text that says what will be done ("Under 2017–2019
  kommer utskottet att utbilda…, delta i… samt stötta…", "Il programma comprende
  l'adeguamento…, la predisposizione…"): each listed measure is an activity.

Activities keep the text's own words with tight boundaries (no bullet, number, intro or
trailing punctuation). A time phrase inside the activity, or else in the sentence's
intro, is the timeframe; a body or office in the intro is the responsible party. A prose
sentence counts only when it names a responsible party or a time, so descriptions of what
a plan should contain and ordinary news sentences do not become activities.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..types import UNKNOWN, ActionRow
from . import lexicon
from .decisions.bodies import find_bodies
from .decisions.sentences import Sentence
from .prefilter import Filtered
from .tables import heading_role

_BULLET = re.compile(r"^\s*(?:[-–—•*·▪►✓]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+(\S.*)$")
_TRIM = " \t.;,:·"


@cache
def _intro() -> Filtered:
    return lexicon.filtered(r"(?<![\w-])(?:{alt})", "prose.action_intros")


@cache
def _examples() -> re.Pattern[str]:
    examples = lexicon.alternation(lexicon.fragments("prose.example_cues"))
    return re.compile(rf"(?<!\w)(?:{examples})(?!\w)", re.IGNORECASE)


@cache
def _times() -> list[re.Pattern[str]]:
    """Time phrases in order of preference: a period, a deadline ("senast 2019", "by the end
    of 2025"), a recurrence ("every two years"), "annually", "in 2025"."""
    words = {
        slot: "|".join(lexicon.fragments(f"prose.time.{slot}"))
        for slot in (
            "deadline_words",
            "deadline_ends",
            "deadline_units",
            "every_words",
            "every_units",
            "in_words",
            "recurring",
        )
    }
    year = r"(?:19|20)\d{2}"
    phrases = [
        rf"{year}\s*[-–]\s*(?:19|20)?\d{{2}}",
        rf"(?:{words['deadline_words']})\s+(?:(?:{words['deadline_ends']})\s+)?"
        rf"(?:\w+\s+){{0,2}}?(?:{year}|{words['deadline_units']})",
        rf"(?:{words['every_words']})\s+(?:\w+\s+)?(?:{words['every_units']})",
        words["recurring"],
        rf"(?:{words['in_words']})\s+(?:(?:\w+\s+){{0,2}})?{year}",
    ]
    return [re.compile(rf"(?<!\w)(?:{phrase})(?!\w)", re.IGNORECASE) for phrase in phrases]


@cache
def _responsible_words() -> re.Pattern[str]:
    responsible = lexicon.alternation(lexicon.fragments("tables.responsible_words"))
    return re.compile(rf"(?<!\w)(?:{responsible})(?!\w)", re.IGNORECASE)


def _words(options: Sequence[str]) -> str:
    return "|".join(re.escape(o) for o in sorted(set(options), key=len, reverse=True))


# Joining the last two measures: unambiguous ones first; never one-letter words, which are
# also prepositions ("delta i", "a Roma").
_INNER_CONJUNCTIONS = (
    re.compile(r"\s(?:samt|as\s+well\s+as|sowie|oraz|sekä|así\s+como|ainsi\s+que)\s", re.I),
    re.compile(r"\s(?:och|and|und|og|et|ja|ed)\s", re.IGNORECASE),
)
_LEADING_CONJUNCTION = re.compile(
    rf"^(?:{_words(lexicon.fragments('prose.list_conjunctions'))})\s+(?=\S)", re.IGNORECASE
)
_ARTICLE_START = re.compile(
    r"^(?:(?:l|d|dell|all|nell|un)['’]|(?:"
    + _words([a for a in lexicon.fragments("prose.articles") if not a.endswith(("'", "’"))])
    + r")\s)",
    re.IGNORECASE,
)
_RELATIVE = re.compile(rf"\s(?:{_words(lexicon.fragments('prose.relativisers'))})\s", re.IGNORECASE)


def find_time(text: str) -> str:
    """The preferred time phrase in ``text`` as written, or ``unknown``."""
    for regex in _times():
        m = regex.search(text)
        if m:
            return m.group(0).strip()
    return UNKNOWN


def _trim(item: str) -> str:
    item = item.strip().strip(_TRIM).strip()
    item = re.sub(r"\s*\(\s*$", "", item)
    return item


def _split_list(rest: str) -> list[str]:
    """Measures listed in ``rest`` ("a, b samt c"; "l'a, la b, entro due anni, del c, e l'd")."""
    example = _examples().search(rest)
    tail = ""
    if example:
        head = rest[: example.start()].rstrip(" ,")
        tail = rest[len(head) :]
        rest = head
    pieces = [p for p in re.split(r",\s+(?![^()]*\))", rest) if p.strip()]
    if not pieces:
        return []
    joined: list[str] = []
    for piece in pieces:
        if joined and _RELATIVE.match(" " + piece):
            joined[-1] += ", " + piece  # ", which must be approved by 2025"
        else:
            joined.append(piece)
    pieces = joined
    if _ARTICLE_START.match(pieces[0]):
        merged: list[str] = []
        for piece in pieces:
            bare = _LEADING_CONJUNCTION.sub("", piece)
            if merged and not (_ARTICLE_START.match(piece) or _ARTICLE_START.match(bare)):
                merged[-1] += ", " + piece
            else:
                merged.append(piece)
        pieces = merged
    if len(pieces) > 1:
        last = pieces[-1]
        stripped = _LEADING_CONJUNCTION.sub("", last)
        if stripped != last:
            pieces[-1] = stripped
        else:
            for conjunction in _INNER_CONJUNCTIONS:
                m = conjunction.search(last)
                if m:
                    pieces[-1:] = [last[: m.start()], last[m.end() :]]
                    break
    pieces[-1] += tail
    return [p for p in (_trim(p) for p in pieces) if len(p.split()) >= 2]


def _responsible(intro: str, before: str) -> str:
    bodies = find_bodies(intro)
    if bodies:
        body = bodies[-1][1]
        # "Utskottet" after "Jämställdhetsutskottet": the full name said earlier.
        earlier = [
            b
            for _, b in find_bodies(" ".join(before[-3000:].split()))
            if b.lower().endswith(body.lower()) and len(b) > len(body)
        ]
        return max(earlier, key=len) if earlier else body
    m = _responsible_words().search(intro)
    if m:
        word = re.search(r"[\w-]*" + re.escape(m.group(0)) + r"[\w-]*", intro)
        value = word.group(0) if word else m.group(0)
        if value[:1].isupper():
            return value
    return UNKNOWN


def _cut_relative(item: str) -> tuple[str, str]:
    """ "X som ska slutföras senast 2019" -> ("X", "senast 2019")."""
    for m in _RELATIVE.finditer(" " + item):
        time = find_time(item[m.end() - 1 :])
        if time != UNKNOWN:
            return item[: max(m.start() - 1, 0)].rstrip(_TRIM), time
    return item, UNKNOWN


def rows_from_sentences(text: str, sentences: Sequence[Sentence]) -> list[ActionRow]:
    """Measures stated in prose sentences of an action-plan-like text."""
    rows: list[ActionRow] = []
    intro_regex = _intro().get()
    for sentence in sentences:
        norm = sentence.norm
        m = intro_regex.search(norm)
        if not m:
            continue
        intro, rest = norm[: m.end()], norm[m.end() :]
        rest = re.split(r"(?<=[.!?])\s", rest, maxsplit=1)[0].rstrip(" .!?")
        items = _split_list(rest)
        if not items:
            continue
        responsible = _responsible(intro, text[: sentence.start])
        intro_time = find_time(intro)
        timed = intro_time != UNKNOWN or any(find_time(i) != UNKNOWN for i in items)
        if responsible == UNKNOWN and not timed:
            continue
        for item in items:
            item, clause_time = _cut_relative(item)
            time = find_time(item)
            if time == UNKNOWN:
                time = intro_time if intro_time != UNKNOWN else clause_time
            rows.append(
                ActionRow(activity=item, responsible=responsible, timeframe=time, confidence=0.45)
            )
    return rows


def _is_action_heading(line: str) -> bool:
    line = line.strip().rstrip(":").strip()
    if not line or len(line) > 60 or len(line.split()) > 5:
        return False
    if heading_role(line) == "activity":
        return True
    first = line.split()[0]
    return len(first) > 3 and heading_role(first) == "activity"


def rows_from_lists(text: str) -> list[ActionRow]:
    """Bulleted or numbered items under a heading that names actions or measures."""
    rows: list[ActionRow] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        if not _is_action_heading(lines[index]):
            index += 1
            continue
        j = index + 1
        items: list[str] = []
        while j < len(lines):
            line = lines[j]
            if not line.strip():
                j += 1
                continue
            bullet = _BULLET.match(line)
            if not bullet:
                break
            items.append(bullet.group(1))
            j += 1
        for item in items:
            activity, time = _cut_relative(_trim(item))
            if time == UNKNOWN:
                time = find_time(activity)
            responsible = UNKNOWN
            label = re.search(
                r"[(–—-]\s*(?:ansvar\w*|responsib\w*|verantwortlich|responsabile|responsable|"
                r"odpowiedzialn\w*|vastuu\w*|ansvarlig)\s*:?\s*([^()–—]+)\)?\s*$",
                activity,
                re.IGNORECASE,
            )
            if label:
                responsible = label.group(1).strip(_TRIM)
                activity = activity[: label.start()].strip(_TRIM)
            rows.append(
                ActionRow(
                    activity=activity, responsible=responsible, timeframe=time, confidence=0.5
                )
            )
        index = max(j, index + 1)
    return rows


def rows_from_prose(
    text: str, sentences: Sequence[Sentence], *, plan_context: bool
) -> list[ActionRow]:
    """List items under action headings; in action-plan-like texts, prose measures too."""
    rows = rows_from_lists(text)
    if plan_context:
        listed = {r.activity for r in rows}
        rows += [r for r in rows_from_sentences(text, sentences) if r.activity not in listed]
    return rows

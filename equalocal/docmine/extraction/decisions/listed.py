"""Several organisations named as doing one thing ("Akureyrarbær, Mosfellsbær, Akranes og
Hafnarfjarðarbær undirritað…"): each is a decision of its own.

A list is names joined by commas and a conjunction of any language the lexicon knows
(``prose.list_conjunctions``), standing as the verb's subject or object: ending just
before an action verb or starting just after one. A name starts with a capital letter or
a letter of a script without case (Georgian); it may carry one lower-case word that names
an organisation ("Kristiansand kommune"). Three names make a list; two only when both are
recognisably organisations.
"""

from __future__ import annotations

import re
from functools import cache

from .. import lexicon
from ..organisations import find_organisations_cached as find_organisations
from .cues import actions, is_aggregate

_WORD = r"[^\W\d_][\w'’-]*"
_NEAR_VERB = 80  # characters between the list and its verb
_ONE_LETTER = re.compile(r"\s\w\s")


@cache
def _list_regex() -> re.Pattern[str]:
    words = sorted(set(lexicon.fragments("prose.list_conjunctions")), key=len, reverse=True)
    conjunctions = "|".join(re.escape(w) for w in words)
    item = rf"{_WORD}(?:\s+{_WORD})?"
    return re.compile(rf"(?<!\w){item}(?:\s*,\s*{item})*\s*,?\s+(?:{conjunctions})\s+{item}")


@cache
def _noise() -> re.Pattern[str]:
    noise = lexicon.alternation(lexicon.fragments("organisations.noise"))
    return re.compile(rf"(?<!\w)(?:{noise})(?!\w)", re.IGNORECASE)


def _is_name_start(word: str) -> bool:
    first = word[:1]
    # Georgian (Mkhedruli) is written without capitals, though Unicode gives it a case.
    return first.isupper() or "\u10d0" <= first <= "\u10ff"


def _name(item: str) -> str | None:
    """The organisation name an item of a list holds, or ``None`` when it is no name."""
    words = item.split()
    if not words or not _is_name_start(words[0]):
        return None
    if len(words) == 2 and not (_is_name_start(words[1]) or _noise().fullmatch(words[1])):
        words = words[:1]  # a following verb or noun, not part of the name
    return " ".join(words).strip(",")


@cache
def _item_separator() -> re.Pattern[str]:
    words = sorted(set(lexicon.fragments("prose.list_conjunctions")), key=len, reverse=True)
    conjunctions = "|".join(re.escape(w) for w in words)
    return re.compile(rf"\s*,\s*|\s+(?:{conjunctions})\s+")


def _items(text: str) -> list[str]:
    return [p.strip() for p in _item_separator().split(text) if p.strip()]


def _looks_like_organisation(name: str) -> bool:
    return bool(_noise().search(name) or find_organisations(name))


def listed_organisations(norm: str) -> list[str]:
    """The organisations a sentence lists as the subject or object of its action verb, in
    order; ``[]`` when there is no such list."""
    verbs, _ = actions(norm)
    if not verbs:
        return []
    for m in _list_regex().finditer(norm):
        if "," not in m.group(0) and _ONE_LETTER.search(m.group(0)):
            continue  # "Këshilli Bashkiak i Bashkisë": a one-letter word is rarely "and" alone
        items = _items(m.group(0))
        # The first item may begin with the word before the list ("höfðu Akureyrarbær").
        first = items[0].split()
        if len(first) == 2 and not _is_name_start(first[0]) and _is_name_start(first[1]):
            items[0] = first[1]
        names = [_name(item) for item in items]
        if any(name is None for name in names):
            continue
        names = [n for n in names if n]
        if len(names) < 2 or (len(names) == 2 and not all(map(_looks_like_organisation, names))):
            continue
        # The last item may have taken the verb as its second word: the verb may overlap.
        near = any(
            m.start() <= verb.start <= m.end() + _NEAR_VERB
            or 0 <= m.start() - verb.end <= _NEAR_VERB
            for verb in verbs
        )
        if near and not _examples_or_count(norm[: m.start()]):
            return names
    return []


@cache
def _example_cues() -> re.Pattern[str]:
    cues = lexicon.alternation(lexicon.fragments("prose.example_cues"))
    return re.compile(rf"(?<!\w)(?:{cues})\W*$", re.IGNORECASE)


def _examples_or_count(before: str) -> bool:
    """The list gives examples ("bland andra Stockholm, Solna…") or follows a count ("Flera
    andra kommuner…"): the statement is about many, not a decision of each."""
    return bool(_example_cues().search(before[-40:]) or is_aggregate(before))

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
from .bodies import find_bodies
from .cues import actions, document_language, is_aggregate

_WORD = r"[^\W\d_][\w'’-]*"
_NEAR_VERB = 80  # characters between the list and its verb
_ONE_LETTER = re.compile(r"\s\w\s")


def _conjunctions(language: str | None) -> str:
    """The conjunctions that join a list: every language's, but a one-letter one only in
    its own language (Czech "a" is Portuguese "the": "Na região, Mangualde subscreveu a
    Carta" lists nothing)."""
    words = {w for w in lexicon.fragments("prose.list_conjunctions") if len(w) > 1}
    words |= set(lexicon.fragments_in("prose.list_conjunctions", language))
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _list_regex(language: str | None = None) -> re.Pattern[str]:
    conjunctions = _conjunctions(language)
    item = rf"{_WORD}(?:\s+{_WORD})?"
    joined = rf"\s*,?\s+(?:{conjunctions})\s+{item}"
    # "Turun, Kuopion, Vantaan ja Helsingin kaupungit sekä Uudenmaan liitto": a second
    # conjunction may add one more item.
    return re.compile(rf"(?<!\w){item}(?:\s*,\s*{item})*{joined}(?:{joined})?")


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


def _caseless(word: str) -> bool:
    return "\u10d0" <= word[:1] <= "\u10ff"


def _ending(word: str) -> str:
    # Georgian adds an emphatic -ა to the genitive before "და" ("ოზურგეთისა და").
    word = word[:-1] if word.endswith("ა") and len(word) > 4 else word
    return word[-2:]


def _same_case(names: list[str]) -> list[str]:
    """In a script without capitals, the names of a list are the words that share the
    list's case ending (Georgian genitive -ის): a word before the list ("ამჯერად,
    დოკუმენტს ზუგდიდის, …") or a noun after a name is dropped."""
    if not names or not all(_caseless(n) for n in names):
        return names
    endings = [_ending(w) for n in names for w in n.split()]
    common = max(set(endings), key=endings.count)
    kept = []
    for name in names:
        words = [w for w in name.split() if _ending(w) == common]
        if words:
            kept.append(words[-1] if len(words) > 1 and name is names[0] else words[0])
    return kept


@cache
def _item_separator(language: str | None = None) -> re.Pattern[str]:
    return re.compile(rf"\s*,\s*|\s+(?:{_conjunctions(language)})\s+")


def _items(text: str) -> list[str]:
    return [p.strip() for p in _item_separator(document_language()).split(text) if p.strip()]


def _plan_content():
    """The words that head an action table's columns (goals, measures, timetable): a list
    of them names what a plan holds, not organisations, even where nouns take a capital."""
    return lexicon.words_in_keys(
        ("tables.headings.goal", "tables.headings.activity", "tables.headings.timeframe")
    )


def _looks_like_organisation(name: str) -> bool:
    return bool(_noise().search(name) or find_organisations(name))


@cache
def _plural_organisations() -> re.Pattern[str]:
    words = lexicon.alternation(lexicon.fragments("decisions.plural_organisations"))
    return re.compile(rf"(?:{words})(?!\w)", re.IGNORECASE)


def _shared_head(last_item: str, after: str) -> bool:
    """The list's names share one plural organisation noun after them ("Visagino ir
    Klaipėdos miesto savivaldybės", "Turun ja Helsingin kaupungit"): each is an organisation."""
    words = [*last_item.split()[1:], *after.split()[:2]]
    return any(_plural_organisations().match(w.strip(".,;:")) for w in words)


def _clause_end(text: str) -> int:
    """Where the clause opening ``text`` ends: at its first comma, semicolon or stop."""
    m = re.search(r"[,;.!?]", text)
    return m.start() if m else len(text)


def listed_organisations(norm: str) -> list[str]:
    """The organisations a sentence lists as the subject or object of its action verb, in
    order; ``[]`` when there is no such list."""
    return list_in_sentence(norm)[0]


def list_in_sentence(norm: str) -> tuple[list[str], int]:
    """The organisations a sentence lists as the subject or object of its action verb and
    where the list starts; ``([], -1)`` when there is no such list, ``([], EXAMPLES)`` when
    the list gives examples or follows a count."""
    verbs, _ = actions(norm)
    if not verbs:
        return [], -1
    for m in _list_regex(document_language()).finditer(norm):
        if "," not in m.group(0) and _ONE_LETTER.search(m.group(0)):
            continue  # "Këshilli Bashkiak i Bashkisë": a one-letter word is rarely "and" alone
        if _names_a_body(norm[: m.start()]) or _body_after(norm[m.end() :]):
            continue  # "Ausschuss für Soziales, Gesundheit und Gleichstellung": a body's name
        items = _items(m.group(0))
        # The first item may begin with the word before the list ("höfðu Akureyrarbær").
        first = items[0].split()
        if len(first) == 2 and not _is_name_start(first[0]) and _is_name_start(first[1]):
            items[0] = first[1]
        names = [_name(item) for item in items]
        if any(name is None for name in names):
            continue
        if any(_plan_content().fullmatch(item) for item in items):
            continue  # "Zielen, Maßnahmen, Ressourcen und Zeitplan": what a plan holds
        names = _same_case([n for n in names if n])
        shared = _shared_head(items[-1], norm[m.end() :])
        if len(names) < 2 or (
            len(names) == 2 and not (shared or all(map(_looks_like_organisation, names)))
        ):
            continue
        # The last item may have taken the verb as its second word: the verb may overlap.
        # Named as a plural subject ("… მუნიციპალიტეტების მერებმა … მოაწერეს ხელი"), the
        # verb may stand anywhere later in the clause, as in verb-final languages.
        reach = _clause_end(norm[m.end() :]) if shared else _NEAR_VERB
        near = any(
            m.start() <= verb.start <= m.end() + max(reach, _NEAR_VERB)
            or 0 <= m.start() - verb.end <= _NEAR_VERB
            for verb in verbs
        )
        if near:
            if _examples_or_count(norm[: m.start()]):
                return [], EXAMPLES
            return names, m.start()
    return [], -1


_BODY_LINK = re.compile(r"\s*[^\W\d_]{0,4}\s*")  # "für", "for", "de", "des" after a body


def _names_a_body(before: str) -> bool:
    """Whether the text before a list ends in a body and a short preposition: the list is
    the body's remit, part of its name, not organisations."""
    bodies = find_bodies(before[-80:])
    if not bodies:
        return False
    start, body = bodies[-1]
    return _BODY_LINK.fullmatch(before[-80:][start + len(body) :]) is not None


BODY_AFTER = 30  # characters of capitalised words between a list and the body it names


def _body_after(after: str) -> bool:
    """Whether the list runs on into a body's name ("the Community, Culture, Arts,
    Education and Tourism Strategic Policy Committee"): it is that body's remit."""
    bodies = find_bodies(after[: BODY_AFTER + 40])
    if not bodies or bodies[0][0] > BODY_AFTER:
        return False
    return all(_is_name_start(word) for word in after[: bodies[0][0]].split())


# Where ``list_in_sentence`` found the verb's subject or object to be examples or a count
# ("mm. Innsbruckin, Pariisin ja Wienin kaupungit"): the sentence reports no decision.
EXAMPLES = -2


@cache
def _example_cues() -> re.Pattern[str]:
    cues = lexicon.alternation(lexicon.fragments("prose.example_cues"))
    return re.compile(rf"(?<!\w)(?:{cues})\W*$", re.IGNORECASE)


def _examples_or_count(before: str) -> bool:
    """The list gives examples ("bland andra Stockholm, Solna…") or follows a count ("Flera
    andra kommuner…"): the statement is about many, not a decision of each."""
    return bool(_example_cues().search(before[-40:]) or is_aggregate(before))

"""What a sentence says: action verbs, the Charter named, statements about many at once.

Action verbs (sign, adopt, decide, support; propose and reject as cues of the status) and
the Charter's names come from the lexicon in every language at once. A clause that counts
signatories ("111 kommuner har…") or states a generic duty ("each signatory shall…")
holds no concrete decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ...text.lemmas import lemma_view
from .. import lexicon
from ..dates import day_of_a_date
from ..prefilter import NEVER, Filtered, current_scope, literal_options, per_document

# Lemmas are looked up in sentences and a document's head only: the cost stays bounded on
# long documents, and simplemma loads a language's dictionary only when it is needed.
LEMMA_LIMIT = 2000

_ACRONYMS = Filtered(
    ("|".join(lexicon.common("charter.acronyms")),), r"(?<![\w])(?:{alt})(?![a-z])"
)


def _acronyms():
    return _ACRONYMS.get()


@cache
def _cemr_actor_filter() -> Filtered:
    acronyms = "|".join(lexicon.common("charter.actor_acronyms"))
    names = lexicon.tagged("charter.cemr_names")
    return Filtered(
        [rf"(?:{acronyms})(?![\w-])", *(rf"(?:{n})(?!\w)" for n, _ in names)],
        r"(?<![\w])(?:{alt})",
        re.IGNORECASE,
        [lexicon.COMMON, *(code for _, code in names)],
    )


def cemr_actor():
    """The regex of CEMR and its bodies as actors (an acronym, "General Assembly")."""
    return _cemr_actor_filter().get()


def charter_spans(text: str) -> list[tuple[int, int]]:
    """Where the Charter is named unambiguously (acronym, full name in any language); in
    the document's language, inflected names too (matched on their lemmas)."""
    spans = _charter_spans(text)
    if not spans and len(text) <= LEMMA_LIMIT:
        spans = _lemma_charter_spans(text, document_language())
    return list(spans)


def document_language() -> str | None:
    """The language of the document being analysed (``None`` outside ``analyse``)."""
    scope = current_scope()
    return scope.facts.get("language") if scope is not None else None


def _named(text: str, regex) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in regex("charter.names").finditer(text)]


def _described(text: str, regex) -> list[tuple[int, int]]:
    """ "Charter" or "declaration" with Europe and equality near it."""
    spans = []
    europe = regex("charter.europe_words")
    equality = regex("charter.equality_words")
    for m in regex("charter.words").finditer(text):
        near = text[max(0, m.start() - 60) : m.end() + 60]
        wide = text[max(0, m.start() - 120) : m.end() + 140]
        if europe.search(near) and equality.search(wide):
            spans.append((m.start(), m.end()))
    return spans


@lru_cache(maxsize=2048)
def _charter_spans(text: str) -> tuple[tuple[int, int], ...]:
    # Cached by text: the scoped regexes give the full regexes' result on the text in scope.
    spans = [(m.start(), m.end()) for m in _acronyms().finditer(text)]
    spans += _named(text, lexicon.words)
    spans += _described(text, lexicon.words)
    return tuple(sorted(spans))


@cache
def _lemma_gate(language: str | None) -> re.Pattern[str] | None:
    """Words that may be an inflected name of the Charter in ``language``: those that begin
    like one of its words for a charter ("Karcie" like "kart…"). Lemmas are looked up only when one is
    there, so simplemma's dictionary is loaded only for texts that may need it."""
    data = lexicon.load().languages.get(language or "")
    if data is None:
        return None
    starts = set()
    for fragment in data["charter"]["words"]:
        for literal in literal_options(fragment) or ():
            if len(literal) >= 3:
                starts.add(re.escape(literal[:3]))
    if not starts:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(sorted(starts))})\w*", re.IGNORECASE)


@lru_cache(maxsize=2048)
def _lemma_charter_spans(text: str, language: str | None) -> tuple[tuple[int, int], ...]:
    """The Charter named in inflected form: the names matched on the text's lemmas."""
    gate = _lemma_gate(language)
    if gate is None:
        return ()
    surface = lexicon.words_full("charter.words")
    # Only a word the stems miss ("Karcie") needs its lemma.
    if all(surface.match(text, m.start()) for m in gate.finditer(text)):
        return ()
    view = lemma_view(text, language)
    if view is None:
        return ()
    spans = _named(view.text, lexicon.words_full) + _described(view.text, lexicon.words_full)
    return tuple(sorted(view.source_span(start, end) for start, end in spans))


def weak_charter_spans(text: str) -> list[tuple[int, int]]:
    """Where "charter" or "declaration" stands, in a text known to be about the Charter."""
    return [(m.start(), m.end()) for m in lexicon.words("charter.words").finditer(text)]


@dataclass
class Action:
    category: str  # adopt, sign, decide, support
    tense: str
    start: int
    end: int


@cache
def _any_action() -> Filtered:
    pairs = [
        pair
        for (category, _tense), items in lexicon.verbs().items()
        if category != "propose"
        for pair in items
    ]
    return Filtered(
        [f for f, _ in pairs],
        r"(?<![\w-])(?:{alt})(?!\w)",
        re.IGNORECASE,
        [code for _, code in pairs],
    )


def may_hold_action(text: str) -> bool:
    """A fast test: is there any action verb at all? Saves the per-category regexes."""
    return _any_action().get().search(text) is not None


@cache
def _verb_filters() -> dict[tuple[str, str], Filtered]:
    return {
        key: Filtered(
            [f for f, _ in items],
            r"(?<![\w-])(?:{alt})(?!\w)",
            re.IGNORECASE,
            [language for _, language in items],
        )
        for key, items in lexicon.verbs().items()
    }


def _document_verbs() -> list[tuple[str, str, re.Pattern[str]]]:
    """The verb regexes this document can match: those whose words it lacks are left out."""
    return [
        (category, tense, regex)
        for (category, tense), verbs in _verb_filters().items()
        if (regex := verbs.get()) is not NEVER
    ]


def actions(norm: str) -> tuple[list[Action], set[str]]:
    """The action verbs of a sentence in order, and its status cues ("propose", "reject")."""
    found: list[Action] = []
    cues: set[str] = set()
    for category, tense, regex in per_document(_document_verbs, _document_verbs):
        for m in regex.finditer(norm):
            if category in {"propose", "reject"}:
                cues.add(category)
                if category == "reject":
                    # A rejection is a decision about its object too.
                    found.append(Action("adopt", "past", m.start(), m.end()))
            else:
                found.append(Action(category, tense, m.start(), m.end()))
    found.sort(key=lambda a: a.start)
    return found, cues


def proposing_verbs():
    """The regex of proposing and recommending words of every language ("föreslår",
    "empfiehlt", "anbefalte")."""
    return _verb_filters()[("propose", "")].get()


def names_accession(text: str) -> bool:
    """Signing or joining named as a noun or infinitive ("the decision on accession to",
    "l'adhesió a", "решение за присъединяване"): what was adopted is the signing."""
    return any(
        regex.get().search(text)
        for (category, tense), regex in _verb_filters().items()
        if category == "sign" and tense not in ("past", "operative")
    )


def other_documents():
    """The names of texts other than the Charter in the document's own language
    ("Istanbul Convention", "Regenboogstedenovereenkomst")."""
    return lexicon.words_in("subjects.other_documents", document_language())


def clause_at(norm: str, pos: int) -> str:
    """The clause around ``pos``: between the nearest commas, semicolons, colons, brackets."""
    left = max(norm.rfind(c, 0, pos) for c in ",;:(")
    rights = [i for i in (norm.find(c, pos) for c in ",;:)") if i >= 0]
    return norm[left + 1 : min(rights) if rights else len(norm)]


@cache
def _aggregate_filter() -> Filtered:
    quantifiers = lexicon.alternation(lexicon.fragments("decisions.quantifiers"))
    return lexicon.filtered(
        # A count, not a year ("111 kommuner", "2.000 Städte", not "2018 il Comune").
        rf"(?<![\w/.-])(?:(?!(?:19|20)\d\d(?!\d))(?:[2-9]\d|\d{{3,}}|\d(?=[ ,.\u00a0\u202f]\d{{3}}))(?:[ ,.\u00a0\u202f]\d{{3}})*|{quantifiers})"
        rf"\s+(?:\w+\s+){{0,3}}?(?:{{alt}})(?!\w)",
        "decisions.plural_organisations",
    )


def counts_in(clause: str) -> list[int]:
    """Where counts and quantifiers of organisations start ("111 kommuner", "many
    cities"); a day of a date is no count ("den 24 februari att kommunen ska…")."""
    return [
        match.start()
        for match in _aggregate_filter().get().finditer(clause)
        if not day_of_a_date(clause, match.start(), document_language())
    ]


def is_aggregate(clause: str) -> bool:
    """Counts "so far" or many signatories at once ("111 kommuner har…")."""
    return bool(lexicon.words("decisions.cumulative_cues").search(clause) or counts_in(clause))


def is_generic(clause: str) -> bool:
    """A generic duty ("each signatory shall…")."""
    return bool(lexicon.words_in("decisions.generic_cues", document_language()).search(clause))


def opens_with_a_bare_plural(sentence: str) -> bool:
    """The sentence's subject is a bare plural of organisations with a relative clause
    ("Kommunen, die der Charta beitreten, verpflichten sich…", "Municipalities that sign
    the Charter…"): what any signatory does, not one organisation's decision."""
    language = document_language()
    sentence = sentence.lstrip(" \t\n\"'„“«(")
    plural = lexicon.words_in("decisions.plural_organisations", language).match(sentence)
    if not plural:
        return False
    relativisers = lexicon.fragments_in("prose.relativisers", language)
    if not relativisers:
        return False
    who = "|".join(re.escape(word) for word in relativisers)
    return bool(re.match(rf"\s*,?\s*(?:{who})(?!\w)", sentence[plural.end() :], re.IGNORECASE))

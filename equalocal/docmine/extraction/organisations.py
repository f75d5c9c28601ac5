"""Organisations named in a text, their country, and matching to existing organisations."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from ..text.marks import strip_marks
from ..types import UNKNOWN, OrganisationCandidate
from . import lexicon
from .prefilter import NEVER, Filtered, single

MATCH_THRESHOLD = 85.0


@dataclass(frozen=True)
class OrganisationMention:
    start: int
    name: str
    country: str  # ISO alpha-2 or ""


@cache
def _pattern_filters() -> list[tuple[Filtered, str, str]]:
    return [
        (single(p), template, country) for p, template, country in lexicon.organisation_patterns()
    ]


def _compiled_patterns() -> list[tuple[re.Pattern[str], str, str]]:
    """The organisation patterns, without those whose words the document lacks."""
    return [(f.get(), template, country) for f, template, country in _pattern_filters()]


_NOT_PLACES = {
    "sveriges",
    "landets",
    "europas",
    "varje",
    "denna",
    "vilken",
    "en",
    "the",
    "this",
    "each",
    "every",
    "our",
    "die",
    "der",
    "jede",
    "eine",
    "ogni",
    "la",
    "le",
    "el",
    "una",
    "un",
    "central",
    "plenary",
    "equality",
    "european",
    "national",
    "vid",
    "i",
    "på",
    "av",
    "under",
    "det",
    "när",
    "efter",
    "enligt",
    "om",
    "för",
    "med",
    "till",
    "från",
    "inom",
    "alla",
    "att",
    "och",
    "som",
    "även",
    "nu",
    "sedan",
    "också",
    "in",
    "on",
    "at",
    "by",
    "das",
    "am",
    "im",
    "il",
    "de",
    "hela",
    "vår",
    "er",
    "din",
    "min",
    "ny",
    "nya",
    "mer",
}


def find_organisations(text: str) -> list[OrganisationMention]:
    """Organisation names in ``text`` by pattern ("X kommun", "Comune di X", "Stadt X"…)."""
    mentions: list[OrganisationMention] = []
    for pattern_filter, template, country in _pattern_filters():
        pattern = pattern_filter.get()
        if pattern is NEVER:
            continue
        for m in pattern.finditer(text):
            place = (m.group(1) if m.groups() else m.group(0).split()[0]).strip()
            if place.lower() in _NOT_PLACES or len(place) < 2:
                continue
            if template == "{} kommun" and place.endswith("s") and m.group(0).startswith(place):
                # Swedish genitive ("Gnesta kommuns", "Katrineholms kommun") keeps its own form.
                pass
            name = template.format(place) if template else m.group(0).strip()
            mentions.append(OrganisationMention(m.start(), " ".join(name.split()), country))
    mentions.sort(key=lambda m: m.start)
    return mentions


@lru_cache(maxsize=1024)
def _organisations_cached(text: str) -> tuple[OrganisationMention, ...]:
    return tuple(find_organisations(text))


def find_organisations_cached(text: str) -> list[OrganisationMention]:
    """``find_organisations`` for short texts seen more than once (sentences)."""
    return list(_organisations_cached(text))


CAPITAL_HEAD = 1500  # characters at the top of a text where a letterhead in capitals stands
_CAPITAL_LINE = re.compile(r"^[^\S\n]*([^\W\d_][^\n]{2,80})$", re.MULTILINE)


# Particles written in lower case inside a name ("Ville de Poitiers", "Comune di Pesaro",
# "Ajuntament d'Olot", "City of York").
_PARTICLES = frozenset(
    [
        "de",
        "di",
        "du",
        "da",
        "do",
        "dos",
        "das",
        "del",
        "della",
        "des",
        "la",
        "le",
        "l",
        "d",
        "y",
        "i",
        "e",
        "et",
        "of",
        "von",
        "van",
        "der",
        "den",
        "och",
        "og",
        "und",
    ]
)
# Generic nouns written in lower case after a place's name ("LJUSDALS KOMMUN" -> "Ljusdals
# kommun", "OULUN KAUPUNKI" -> "Oulun kaupunki", "TARTU LINN" -> "Tartu linn").
_LOWER_NOUNS = frozenset(
    [
        "kommun",
        "kommuns",
        "kommune",
        "kommunes",
        "stad",
        "kaupunki",
        "kaupungin",
        "kunta",
        "kunnan",
        "linn",
        "vald",
        "pašvaldība",
        "novads",
        "miesto",
        "rajono",
        "savivaldybė",
    ]
)
_LOWERED = _PARTICLES | _LOWER_NOUNS


def _title_word(m: re.Match[str]) -> str:
    word = m.group(0).replace("İ", "I")  # Turkish dotted capital: one letter, lowered "i"
    if m.string[: m.start()].strip() and word.lower() in _LOWERED:
        # A particle or generic noun inside a letterhead ("VILLE DE POITIERS" -> "Ville de
        # Poitiers", "OULUN KAUPUNKI" -> "Oulun kaupunki").
        return word.lower()
    return word[0] + word[1:].lower()


def title_capital_lines(text: str) -> str:
    """``text`` with its lines written in capitals title-cased ("MESTO PREŠOV" -> "Mesto
    Prešov"), so letterheads match the organisation patterns; lengths are kept, so
    positions stay valid."""

    def title_line(m: re.Match[str]) -> str:
        line = m.group(0)
        letters = [c for c in line if c.isalpha()]
        if len(letters) < 4 or not all(c.isupper() for c in letters):
            return line
        return re.sub(r"[^\W\d_]+", _title_word, line)

    return _CAPITAL_LINE.sub(title_line, text)


def main_organisation(text: str) -> OrganisationMention | None:
    """The organisation the text is most about: the most frequent mention, earliest first.
    A letterhead in capitals counts too."""
    # The organisation a document is about shows early; long texts are read in part.
    mentions = find_organisations(text[:20000])
    head = text[:CAPITAL_HEAD]
    titled = title_capital_lines(head)
    if titled != head:
        known = {m.start for m in mentions}
        mentions += [m for m in find_organisations(titled) if m.start not in known]
    if not mentions:
        return None
    counts = Counter(normalise_name(m.name) for m in mentions)
    best = max(mentions, key=lambda m: (counts[normalise_name(m.name)], -m.start))
    # Prefer the fullest spelling of that organisation ("Landeshauptstadt Mainz" over "Mainz").
    same = [m for m in mentions if normalise_name(m.name) == normalise_name(best.name)]
    return max(same, key=lambda m: (len(m.name), -m.start))


@cache
def _noise() -> re.Pattern[str]:
    # Names are short and come from anywhere (existing organisations too): never scoped.
    return re.compile(
        rf"(?<!\w)(?:{lexicon.alternation(lexicon.fragments('organisations.noise'))})(?!\w)",
        re.IGNORECASE,
    )


def fold(text: str) -> str:
    """Lower case without diacritics: "Umeå" -> "umea"."""
    return strip_marks(text.lower(), "NFKD")


@lru_cache(maxsize=65536)  # the same registered names are compared in every document
def normalise_name(name: str) -> str:
    """The distinctive part of an organisation name, folded: "Umeå kommun" -> "umea"."""
    stripped = _noise().sub(" ", name)
    stripped = re.sub(r"\(.*?\)", " ", stripped)
    words = re.findall(r"\w+", fold(stripped))
    # Swedish genitive: "Bodens" -> "boden", "Katrineholms" -> "katrineholm".
    if (
        len(words) == 1
        and len(words[0]) > 4
        and words[0].endswith("s")
        and "kommun" in name.lower()
    ):
        words = [words[0][:-1]]
    return " ".join(words) or fold(name)


def name_similarity(a: str, b: str) -> float:
    """0–100 similarity of two organisation names after normalisation."""
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return 0.0
    scores = [fuzz.ratio(na, nb), fuzz.token_sort_ratio(na, nb)]
    if min(len(na), len(nb)) >= 4:
        scores.append(fuzz.partial_ratio(na, nb) - 5)
    return max(scores)


@dataclass(frozen=True)
class _CandidateIndex:
    """One list of registered organisations, prepared once for matching: every name's key with
    the candidate it belongs to, and the keys by their first word for finding names in a text."""

    keys: list[str]
    owners: list[OrganisationCandidate]
    # ``keys`` with their words in alphabetical order, for the token-sort measure.
    sorted_keys: list[str]
    # ``keys`` with those shorter than four letters blanked, for the partial measure.
    long_keys: list[str]
    # first word -> (key's words, candidate's position in the list)
    by_first_word: dict[str, list[tuple[tuple[str, ...], int]]]


# The last candidates seen and their index: one tuple, read and replaced whole, so threads
# analysing documents side by side never mix two lists.
_LAST_INDEX: list[tuple] = [((), None)]


def _sorted_words(key: str) -> str:
    return " ".join(sorted(key.split()))


def _index(candidates: Sequence[OrganisationCandidate]) -> _CandidateIndex:
    """The index of ``candidates``, kept for the last list seen: a worker passes the same list
    to every document until an organisation changes."""
    seen, index = _LAST_INDEX[0]
    if seen is candidates and index is not None:
        return index
    keys: list[str] = []
    owners: list[OrganisationCandidate] = []
    by_first_word: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for position, candidate in enumerate(candidates):
        for other in (candidate.name, *candidate.aliases):
            key = normalise_name(other)
            if not key:
                continue
            keys.append(key)
            owners.append(candidate)
            # A name and an alias alike count a mention each, as two names of one candidate.
            if len(key) >= 3:
                words = tuple(key.split(" "))
                by_first_word.setdefault(words[0], []).append((words, position))
    index = _CandidateIndex(
        keys=keys,
        owners=owners,
        sorted_keys=[_sorted_words(k) for k in keys],
        long_keys=[k if len(k) >= 4 else "" for k in keys],
        by_first_word=by_first_word,
    )
    _LAST_INDEX[0] = (candidates, index)
    return index


def same_place(name: str, full: str) -> bool:
    """Two names of one place: "Freiburg" and "Stadt Freiburg im Breisgau", "County of Cork"
    and "Cork County Council"."""
    return name_similarity(name, full) >= MATCH_THRESHOLD


def match_candidate(
    name: str, candidates: Sequence[OrganisationCandidate], *, threshold: float = MATCH_THRESHOLD
) -> OrganisationCandidate | None:
    """The existing organisation ``name`` refers to, or ``None`` below the threshold.

    The score is ``name_similarity``'s, its best over every candidate's names found by one
    pass of rapidfuzz per measure, so thousands of registered organisations stay cheap."""
    if not name or name == UNKNOWN or not candidates:
        return None
    query = normalise_name(name)
    if not query:
        return None
    index = _index(candidates)
    best: tuple[float, int] | None = None
    # The token-sort measure is the plain ratio of the words in order, sorted once per list.
    measures = [(query, fuzz.ratio, 0.0, index.keys)]
    measures.append((_sorted_words(query), fuzz.ratio, 0.0, index.sorted_keys))
    if len(query) >= 4:
        measures.append((query, fuzz.partial_ratio, 5.0, index.long_keys))
    for asked, scorer, penalty, choices in measures:
        # Scores below the threshold decide nothing; the cut-off lets rapidfuzz skip them.
        found = process.extractOne(
            asked, choices, scorer=scorer, processor=None, score_cutoff=threshold + penalty
        )
        if found is None:
            continue
        _, score, position = found
        score -= penalty
        if best is None or score > best[0] or (score == best[0] and position < best[1]):
            best = (score, position)
    if best and best[0] >= threshold:
        return index.owners[best[1]]
    return None


def candidates_in_text(
    text: str, candidates: Sequence[OrganisationCandidate]
) -> OrganisationCandidate | None:
    """A candidate whose distinctive name occurs in the text as a word (most mentions wins).

    The text's words are read once, and only where a word begins some organisation's name
    are the following words compared, so each of thousands of registered organisations costs
    nothing unless its name's first word is in the text."""
    index = _index(candidates)
    words = re.findall(r"\w+", fold(text))
    counts: Counter[int] = Counter()
    for start, word in enumerate(words):
        for key_words, position in index.by_first_word.get(word, ()):
            if tuple(words[start : start + len(key_words)]) == key_words:
                counts[position] += 1
    if not counts:
        return None
    # Most mentions wins; among equals, the first registered (as before).
    position = min(counts, key=lambda p: (-counts[p], p))
    return candidates[position]


@cache
def _country_filters() -> list[tuple[str, Filtered]]:
    return [
        (
            country,
            Filtered(
                [f for f, _ in cues],
                lexicon.WORD_TEMPLATE,
                re.IGNORECASE,
                [code for _, code in cues],
            ),
        )
        for country, cues in lexicon.country_cues().items()
    ]


def _country_cues() -> list[tuple[str, re.Pattern[str]]]:
    return [(country, f.get()) for country, f in _country_filters()]


def country_for(
    text: str, language: str | None, organisation: OrganisationMention | None = None
) -> str:
    """ISO alpha-2 country from the organisation pattern, explicit cues, or the language."""
    if organisation and organisation.country:
        if organisation.country == "GB" and re.search(r"ireland", text, re.IGNORECASE):
            return "GB" if re.search(r"northern\s+ireland", text, re.IGNORECASE) else "IE"
        return organisation.country
    cue_counts = Counter()
    for country, pattern in _country_cues():
        cue_counts[country] = len(pattern.findall(text))
    language_country = lexicon.language_countries().get(language or "")
    if organisation and language in {"nb", "nn", "no", "da"}:
        return language_country or UNKNOWN
    if language_country:
        # Only a neighbour country sharing the language overrides it (Austria, Belgium…).
        shared = {
            "DE": {"AT", "CH", "LU"},
            "FR": {"BE", "CH", "LU"},
            "IT": {"CH"},
            "NL": {"BE"},
            "GR": {"CY"},
            "SE": set(),
        }
        for country in shared.get(language_country, set()):
            if cue_counts[country] >= 2:
                return country
        return language_country
    if cue_counts and cue_counts.most_common(1)[0][1] > 0:
        return cue_counts.most_common(1)[0][0]
    return UNKNOWN

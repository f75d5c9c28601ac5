"""Turning what a person typed into terms, and words into stems, the same way for every backend.

Nothing typed can make a search fail: only runs of letters and digits survive, so quotes,
``*``, ``NEAR``, ``-`` or unbalanced parentheses become plain words. A double-quoted part is
kept as a phrase.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TERMS = 12

#: Snowball stemmers for the Charter's languages (ISO 639-1 → algorithm).
STEMMERS = {
    "sv": "swedish",
    "en": "english",
    "de": "german",
    "fr": "french",
    "it": "italian",
    "es": "spanish",
    "pt": "portuguese",
    "nl": "dutch",
    "da": "danish",
    "nb": "norwegian",
    "nn": "norwegian",
    "no": "norwegian",
    "fi": "finnish",
    "et": "estonian",
    "lt": "lithuanian",
    "ro": "romanian",
    "hu": "hungarian",
    "cs": "czech",
    "el": "greek",
    "ca": "catalan",
}


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


@lru_cache(maxsize=300_000)
def fold(word: str) -> str:
    """Lower case without diacritics, as FTS5's ``remove_diacritics 2`` sees a word."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=32)
def _stemmer(algorithm: str):
    return snowballstemmer.stemmer(algorithm)


@lru_cache(maxsize=300_000)
def stem(word: str, language: str) -> str:
    algorithm = STEMMERS.get(language or "")
    if algorithm is None:
        return word
    return _stemmer(algorithm).stemWord(word)


def stem_text(text: str, language: str) -> str:
    """The words of ``text`` stemmed in ``language`` (unchanged for other languages)."""
    return " ".join(stem(word, language) for word in words(text))


def parse(query: str) -> list[list[str]]:
    """The terms of a query: each a list of words (more than one for a quoted phrase)."""
    terms: list[list[str]] = []
    for index, part in enumerate((query or "").split('"')):
        found = words(part)
        if index % 2 and found:
            terms.append(found)
        else:
            terms.extend([word] for word in found)
    return terms[:MAX_TERMS]


def variants(term: list[str], languages=None) -> list[tuple[str, ...]]:
    """The term as written and stemmed in each of ``languages`` (all by default), no repeats."""
    # Folded, as the index sees them: forms that differ only in diacritics are one form.
    seen = {tuple(fold(word) for word in term)}
    for language in STEMMERS if languages is None else languages:
        seen.add(tuple(fold(stem(word, language)) for word in term))
    return sorted(seen)

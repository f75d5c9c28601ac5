"""Lemmas of a text with simplemma, so that the lexicon matches inflected forms.

The lexicon's words are written in their dictionary form or as stems; in languages with
rich inflection a stem is not always enough ("Evrópusáttmála" is the genitive of
"Evrópusáttmáli", "Povelju" the accusative of "povelja"). :func:`lemma_view` rewrites a
text word by word into lemmas (simplemma's greedy mode, which also takes a compound's last
part to its dictionary form) and keeps, for each lemma, the span of the word it stands
for, so a match in the lemma text maps back to the words as written.

simplemma ships its dictionaries in the package; nothing is downloaded. Languages it
does not know (Basque, Maltese) have no lemma view: their files rely on stems.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# simplemma's codes where they differ from ISO 639-1 (Serbian, Croatian and Bosnian share
# one dictionary; Norwegian texts are mostly Bokmål).
_SIMPLEMMA_CODES = {"sr": "hbs", "hr": "hbs", "bs": "hbs", "no": "nb", "me": "hbs"}
_SUPPORTED = {
    "bg", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "gl", "hbs",
    "hu", "hy", "is", "it", "ka", "lb", "lt", "lv", "mk", "nb", "nl", "nn", "pl", "pt", "ro",
    "ru", "sk", "sl", "sq", "sv", "tr", "uk",
}  # fmt: skip

_WORD = re.compile(r"\w+(?:[-']\w+)*")


def simplemma_code(language: str | None) -> str | None:
    """simplemma's code for an ISO 639-1 language, or ``None`` when it has no dictionary."""
    if not language:
        return None
    code = _SIMPLEMMA_CODES.get(language, language)
    return code if code in _SUPPORTED else None


@lru_cache(maxsize=200_000)
def lemma(word: str, code: str) -> str:
    """The case-folded lemma of one word; the word itself when simplemma has none."""
    import simplemma

    try:
        found = simplemma.lemmatize(word, lang=code, greedy=True)
    except ValueError:  # a language simplemma does not ship
        found = word
    return found.casefold()


@dataclass(frozen=True)
class LemmaView:
    """A text with each word replaced by its lemma, and the way back to the words."""

    text: str
    lemma_starts: tuple[int, ...]  # where each word's lemma starts in ``text``
    source_spans: tuple[tuple[int, int], ...]  # the word as written in the source

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the source text whose lemmas ``text[start:end]`` covers."""
        if not self.lemma_starts:
            return start, end
        first = max(bisect_right(self.lemma_starts, start) - 1, 0)
        last = max(bisect_right(self.lemma_starts, max(end - 1, start)) - 1, first)
        return self.source_spans[first][0], self.source_spans[last][1]


def lemma_view(text: str, language: str | None) -> LemmaView | None:
    """The lemma view of ``text`` in ``language``, or ``None`` when simplemma lacks it."""
    code = simplemma_code(language)
    if code is None:
        return None
    return _lemma_view(text, code)


@lru_cache(maxsize=4096)
def _lemma_view(text: str, code: str) -> LemmaView:
    parts: list[str] = []
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    cursor = 0
    length = 0
    for m in _WORD.finditer(text):
        gap = text[cursor : m.start()]
        parts.append(gap)
        length += len(gap)
        word = m.group(0)
        # Digits and acronyms stay as written; lemmas are for words.
        value = word.casefold() if word.isupper() or not word.isalpha() else lemma(word, code)
        starts.append(length)
        spans.append((m.start(), m.end()))
        parts.append(value)
        length += len(value)
        cursor = m.end()
    parts.append(text[cursor:])
    return LemmaView("".join(parts), tuple(starts), tuple(spans))

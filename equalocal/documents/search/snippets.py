"""Highlighted snippets: a window of the page around the words that matched, escaped safely.

The same code serves both databases, so the highlight follows the stemming: a search for
"jämställdhetsplaner" marks "jämställdhetsplan" in a Swedish page.
"""

from __future__ import annotations

from itertools import islice

from django.utils.html import escape

from .query import WORD, fold, stem

WINDOW_WORDS = 32
#: Only the start of a very long page is looked at for a snippet (a 50 MB text file is one page).
SCAN_CHARS = 100_000


def _matcher(terms: list[list[str]], language: str):
    folded = {fold(word) for term in terms for word in term}
    stems = {fold(stem(word, language)) for term in terms for word in term}
    prefixes = {s[:3] for s in stems if s}

    def matches(word: str) -> bool:
        lowered = word.lower()
        folded_word = fold(lowered)
        return folded_word in folded or (
            folded_word[:3] in prefixes and fold(stem(lowered, language)) in stems
        )

    return matches


def snippet_html(body: str, terms: list[list[str]], language: str) -> str:
    """About ``WINDOW_WORDS`` words of ``body`` around the most matches, with <mark> tags.

    The text is HTML-escaped; the only markup in the result is the <mark> pairs.
    """
    body = body[:SCAN_CHARS]
    words = WORD.findall(body)
    if not words:
        return ""
    matches = _matcher(terms, language)
    # A page repeats its words: each is looked at once.
    matched = {word for word in set(words) if matches(word)}
    hits = [i for i, word in enumerate(words) if word in matched]
    start = 0
    if hits:
        # The window holding the most matches, starting a few words before the first of them.
        # Two pointers over the sorted hits: linear, however many matches there are.
        best, best_count, right = hits[0], 0, 0
        for left, first in enumerate(hits):
            right = max(right, left)
            while right < len(hits) and hits[right] < first + WINDOW_WORDS:
                right += 1
            if right - left > best_count:
                best, best_count = first, right - left
        start = max(0, best - 4)
    end = min(len(words), start + WINDOW_WORDS)
    # The positions of the words up to the window's end only (a match object per word is
    # most of the time of a snippet).
    tokens = list(islice(WORD.finditer(body), end))
    # The whole text at either end, so nothing (not even punctuation) is cut off there.
    start_char = tokens[start].start() if start else 0
    end_char = tokens[end - 1].end() if end < len(words) else len(body)
    hit_set = set(hits)
    parts = ["…" if start else ""]
    cursor = start_char
    for i in range(start, end):
        token = tokens[i]
        if i in hit_set:
            parts.append(escape(body[cursor : token.start()]))
            parts.append(f"<mark>{escape(token.group())}</mark>")
            cursor = token.end()
    parts.append(escape(body[cursor:end_char]))
    if end < len(words):
        parts.append("…")
    return " ".join("".join(parts).split())

"""Word error rate, for measuring OCR and its repair against a reference."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word-level edit distance divided by the number of reference words (0.0 = identical)."""
    expected = words(reference)
    found = words(hypothesis)
    if not expected:
        return 0.0 if not found else 1.0
    return Levenshtein.distance(expected, found) / len(expected)

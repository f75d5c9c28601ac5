"""Diacritics: strip combining marks quickly (one regular expression, not a loop in Python)."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["strip_marks"]

# The combining marks of the scripts the Charter's languages are written in (Latin, Greek,
# Cyrillic; Georgian has none): the diacritical blocks, their extensions, and Cyrillic's own.
_MARKS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)


def strip_marks(text: str, form: str = "NFD") -> str:
    """``text`` decomposed in ``form`` (NFD or NFKD) without its combining marks:
    "Umeå" -> "Umea", "ΑΠΟΦΑΣΊΖΕΙ" -> "ΑΠΟΦΑΣΙΖΕΙ"."""
    decomposed = unicodedata.normalize(form, text)
    if decomposed.isascii():
        return decomposed
    return _MARKS.sub("", decomposed)

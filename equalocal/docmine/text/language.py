"""Language of a text or page with lingua, restricted to the Charter's languages."""

from __future__ import annotations

import threading

from lingua import Language, LanguageDetectorBuilder

# Languages of CEMR member associations that lingua knows (no Maltese or Luxembourgish).
CHARTER_LANGUAGES = (
    "SWEDISH", "ENGLISH", "FINNISH", "GERMAN", "DANISH", "BOKMAL", "NYNORSK", "ICELANDIC",
    "POLISH", "FRENCH", "ITALIAN", "SPANISH", "CATALAN", "BASQUE", "PORTUGUESE", "DUTCH",
    "ESTONIAN", "LATVIAN", "LITHUANIAN", "CZECH", "SLOVAK", "SLOVENE", "CROATIAN", "SERBIAN",
    "BOSNIAN", "HUNGARIAN", "ROMANIAN", "BULGARIAN", "GREEK", "IRISH", "WELSH", "ALBANIAN",
    "MACEDONIAN", "UKRAINIAN", "GEORGIAN", "ARMENIAN", "TURKISH", "AZERBAIJANI",
)  # fmt: skip
SAMPLE_CHARS = 400
MIN_LETTERS = 12

_detector = None
_lock = threading.Lock()


def _get_detector():
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                languages = [
                    getattr(Language, name) for name in CHARTER_LANGUAGES if hasattr(Language, name)
                ]
                _detector = LanguageDetectorBuilder.from_languages(*languages).build()
    return _detector


def _code(language: Language) -> str:
    if language == Language.BOKMAL:
        return "nb"
    if language == Language.NYNORSK:
        return "nn"
    return language.iso_code_639_1.name.lower()


def _sample(text: str) -> str:
    # Skip the first lines' headers and page furniture a little by taking the middle when long.
    if len(text) <= SAMPLE_CHARS:
        return text
    start = min(len(text) // 4, len(text) - SAMPLE_CHARS)
    return text[start : start + SAMPLE_CHARS]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when there is too little text."""
    sample = _sample(text or "")
    if sum(1 for char in sample if char.isalpha()) < MIN_LETTERS:
        return None
    language = _get_detector().detect_language_of(sample)
    return _code(language) if language is not None else None


def detect_languages(texts: list[str]) -> list[str | None]:
    """:func:`detect_language` of each text, using lingua's parallel batch call."""
    samples = [_sample(text or "") for text in texts]
    enough = [sum(1 for char in s if char.isalpha()) >= MIN_LETTERS for s in samples]
    found = _get_detector().detect_languages_in_parallel_of(
        [s for s, ok in zip(samples, enough, strict=True) if ok]
    )
    results: list[str | None] = []
    iterator = iter(found)
    for ok in enough:
        if not ok:
            results.append(None)
            continue
        language = next(iterator)
        results.append(_code(language) if language is not None else None)
    return results

"""Language of a text or page with lingua, restricted to the Charter's languages."""

from __future__ import annotations

import re
import threading
from functools import cache

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
    code = _code(language) if language is not None else None
    return unknown_to_lingua(text, code) or code


# Charter languages lingua does not know, read as a neighbour (Maltese as Swedish or
# English, Galician as Spanish or Portuguese): their own frequent words decide.
NOT_IN_LINGUA = ("mt", "gl")
OWN_WORDS = 2  # frequent words of no other language's list, at least


def unknown_to_lingua(text: str, detected: str | None) -> str | None:
    """A language lingua does not know, or None: the one with the most frequent words of
    all languages, with some words no other language's list holds, and more of these than
    the detected language."""
    counts = _stopword_counts(text)
    if not counts:
        return None
    best = max(counts, key=counts.__getitem__)
    if best not in NOT_IN_LINGUA:
        return None
    own = _stopword_counts(text, only_own=True)
    if own.get(best, 0) >= OWN_WORDS and own.get(best, 0) > own.get(detected or "", 0):
        return best
    return None


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


# Pages of one document -----------------------------------------------------------------------

DOCUMENT_SAMPLE_PAGES = 3


def quick_language(text: str) -> str | None:
    """ISO 639-1 language by counting each language's frequent short words (the language
    files' ``stopwords``): a guess hundreds of times cheaper than the detector, good enough
    to confirm that a page is in the language already found for its document."""
    counts = _stopword_counts(text)
    if not counts:
        return None
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] >= 3 else None


def decisive_quick_language(text: str) -> str | None:
    """:func:`quick_language` only when its frequent words leave no doubt: many of them,
    and several times as many as the next language's, counting only the words no other
    language's list holds ("och", "inte" for Swedish; not "det" or "som", shared with
    Norwegian and Danish)."""
    counts = sorted(_stopword_counts(text, only_own=True).items(), key=lambda item: -item[1])
    if not counts or counts[0][1] < DECISIVE_WORDS:
        return None
    runner_up = counts[1][1] if len(counts) > 1 else 0
    return counts[0][0] if counts[0][1] >= DECISIVE_MARGIN * runner_up else None


DECISIVE_WORDS = 15
DECISIVE_MARGIN = 3


def _stopword_counts(text: str, *, only_own: bool = False) -> dict[str, int]:
    table = _stopword_table()
    counts: dict[str, int] = {}
    for word in _WORDS.findall(text[:5000].lower()):
        languages = table.get(word, ())
        if only_own and len(languages) > 1:
            continue
        for language in languages:
            counts[language] = counts.get(language, 0) + 1
    return counts


def detect_page_languages(texts: list[str]) -> list[str | None]:
    """The language of each page of one document, calling the detector about once.

    The document's language comes from the detector on samples of its first pages with
    text; a page whose frequent words agree with it (or are too few to say) takes it, and
    only a page whose frequent words point elsewhere is given to the detector alone.
    """
    samples = [_sample(text or "") for text in texts]
    enough = [sum(1 for char in s if char.isalpha()) >= MIN_LETTERS for s in samples]
    usable = [s for s, ok in zip(samples, enough, strict=True) if ok]
    if not usable:
        return [None] * len(texts)
    head = "\n".join(usable[:DOCUMENT_SAMPLE_PAGES])
    document = decisive_quick_language(head) or detect_language(head)
    quick_document = _quick_alias(document)
    results: list[str | None] = []
    for text, ok in zip(texts, enough, strict=True):
        if not ok:
            results.append(None)
            continue
        quick = quick_language(text)
        if quick is None or _quick_alias(quick) == quick_document:
            results.append(document)
        else:
            results.append(detect_language(text))
    return results


_WORDS = re.compile(r"[^\W\d_]+")


def _quick_alias(code: str | None) -> str | None:
    # The language files name Norwegian "nb"; lingua tells Bokmål from Nynorsk.
    return "nb" if code in {"nb", "nn", "no"} else code


@cache
def _stopword_table() -> dict[str, tuple[str, ...]]:
    from ..extraction.lexicon import stopwords

    table: dict[str, list[str]] = {}
    for language, words in stopwords().items():
        for word in set(words.lower().split()):
            table.setdefault(word, []).append(language)
    return {word: tuple(languages) for word, languages in table.items()}

"""Repair of OCR damage, above all lost diacritics ("jamstilldhet" → "jämställdhet").

For each word that looks damaged, candidates come from restoring the language's
diacritics and from common OCR confusions ("é" for "ö", "6" for "ö", "1" for "i"...);
a candidate must be a real word in wordfreq's list for the language, or a compound of
two real words, and wins on frequency. How boldly real words are replaced depends on the
page: when a Swedish page has (almost) no å, ä or ö, its diacritics were lost and "for"
is read as "för"; on a page that has its diacritics only non-words are touched, so clean
text stays as it is. A few context rules settle short ambiguous words ("kvinnor och min"
→ "män", "två ar" → "år"). Every change is returned as a :class:`Repair`.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from functools import lru_cache
from itertools import combinations, product

from ..types import Repair

# Letters a plain letter may have lost its diacritic from, per language.
DIACRITICS: dict[str, dict[str, str]] = {
    "sv": {"a": "äå", "o": "ö", "e": "é"},
    "fi": {"a": "ä", "o": "ö"},
    "de": {"a": "ä", "o": "ö", "u": "ü"},
    "da": {"a": "åæ", "o": "ø", "e": "é"},
    "nb": {"a": "åæ", "o": "øó", "e": "éè"},
    "nn": {"a": "åæ", "o": "ø", "e": "é"},
    "is": {"a": "áæ", "e": "é", "i": "í", "o": "óö", "u": "ú", "y": "ý", "d": "ð"},
    "pl": {"a": "ą", "c": "ć", "e": "ę", "l": "ł", "n": "ń", "o": "ó", "s": "ś", "z": "źż"},
    "fr": {"a": "àâ", "e": "éèêë", "i": "îï", "o": "ô", "u": "ùû", "c": "ç"},
    "es": {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "úü", "n": "ñ"},
    "ca": {"a": "à", "e": "éè", "i": "íï", "o": "óò", "u": "úü", "c": "ç"},
    "it": {"a": "à", "e": "èé", "i": "ì", "o": "ò", "u": "ù"},
    "pt": {"a": "áâãà", "e": "éê", "i": "í", "o": "óôõ", "u": "ú", "c": "ç"},
    "nl": {"e": "ëé", "i": "ï"},
    "cs": {
        "a": "á", "c": "č", "d": "ď", "e": "éě", "i": "í", "n": "ň", "o": "ó", "r": "ř",
        "s": "š", "t": "ť", "u": "úů", "y": "ý", "z": "ž",
    },
    "sk": {
        "a": "áä", "c": "č", "d": "ď", "e": "é", "i": "í", "l": "ľĺ", "n": "ň", "o": "óô",
        "r": "ŕ", "s": "š", "t": "ť", "u": "ú", "y": "ý", "z": "ž",
    },
    "sl": {"c": "č", "s": "š", "z": "ž"},
    "hr": {"c": "čć", "d": "đ", "s": "š", "z": "ž"},
    "hu": {"a": "á", "e": "é", "i": "í", "o": "óöő", "u": "úüű"},
    "ro": {"a": "ăâ", "i": "î", "s": "ș", "t": "ț"},
    "lv": {"a": "ā", "c": "č", "e": "ē", "g": "ģ", "i": "ī", "k": "ķ", "l": "ļ", "n": "ņ",
           "s": "š", "u": "ū", "z": "ž"},
    "lt": {"a": "ą", "c": "č", "e": "ęė", "i": "į", "s": "š", "u": "ųū", "z": "ž"},
    "tr": {"c": "ç", "g": "ğ", "i": "ı", "o": "ö", "s": "ş", "u": "ü"},
    "el": {"α": "ά", "ε": "έ", "η": "ή", "ι": "ίϊ", "ο": "ό", "υ": "ύϋ", "ω": "ώ"},
}  # fmt: skip

# What Tesseract reads instead of a letter; targets outside the language's alphabet drop out.
CONFUSIONS: dict[str, str] = {
    "é": "öäe",
    "è": "e",
    "á": "äåa",
    "à": "a",
    "i": "äå",
    "6": "öo",
    "0": "o",
    "1": "il",
    "5": "s",
    "8": "B",
}
# "lgualdade" for "Igualdade", "Iembrou" for "lembrou": a capital I and a small l look alike.
FIRST_LETTER_CONFUSIONS: dict[str, str] = {"d": "åä", "O": "Ö", "A": "ÄÅ", "l": "I", "I": "l"}
SEQUENCE_CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("rn", "m"),
    ("m", "rn"),  # "intemos" for "internos"
    ("cl", "d"),
    ("ii", "ü"),
)
FINAL_CONFUSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "sv": (("ai", "å"), ("1", "")),
    "da": (("ai", "å"),),
    "nb": (("ai", "å"),),
    "nn": (("ai", "å"),),
}
# Letters typical of a language; a page with far fewer than usual lost its diacritics.
MARKED_LETTERS: dict[str, tuple[str, float]] = {
    "sv": ("åäö", 0.035),
    "fi": ("äö", 0.04),
    "de": ("äöüß", 0.012),
    "da": ("æøå", 0.015),
    "nb": ("æøå", 0.015),
    "nn": ("æøå", 0.015),
    "is": ("áéíóúýðþæö", 0.08),
    "pl": ("ąćęłńóśźż", 0.07),
    "fr": ("àâçéèêëîïôùûü", 0.035),
    "es": ("áéíóúñü", 0.02),
    "pt": ("áâãàçéêíóôõú", 0.03),
    "cs": ("áčďéěíňóřšťúůýž", 0.1),
    "sk": ("áäčďéíĺľňóôŕšťúýž", 0.08),
    "hu": ("áéíóöőúüű", 0.08),
    "lv": ("āčēģīķļņšūž", 0.08),
    "lt": ("ąčęėįšųūž", 0.06),
    "ro": ("ăâîșțşţ", 0.04),
    "el": ("άέήίόύώϊϋΐΰ", 0.10),
}
VOWELS = set("aeiouyåäöæøéèêëáàâíìîïóòôõúùûüýąęėįųūāēīőαεηιουωάέήίόύώϊϋΐΰ")
# Latin letters an OCR engine puts into Greek words for the Greek letters they look like
# ("AΠOΦAΣIZEI" with a Latin A, O and I).
GREEK_HOMOGLYPHS = str.maketrans("ABEHIKMNOPTXYZaoprvikxue", "ΑΒΕΗΙΚΜΝΟΡΤΧΥΖαορρνικχυε")
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_LATIN = re.compile(r"[A-Za-z]")

NONWORD_ZIPF = 1.5  # below this a word counts as unknown
CANDIDATE_ZIPF = 1.5  # a replacement must be at least this common
REAL_WORD_MARGIN = 1.2  # a damaged page: replace a real word by one this much more common
CONFUSION_MARGIN = 2.0  # ...or by an OCR-confusion reading this much more common
CONFUSION_PENALTY = 0.5
MAX_CHANGES = 3
CLEAN_PAGE_ZIPF = 3.0  # on a page with its diacritics, only common words replace unknown ones
COMPOUND_PART_ZIPF = 2.0
LINKS = ("s", "e", "")

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# A word in small letters with a capital I inside or at its end ("LocaI", "MunicipaI").
_CAPITAL_I_FOR_L = re.compile(r"^[^\W\d_][^\W\d_A-Z]*I[^\W\d_A-HJ-Z]*$")
# "CEMRdeklarationen": OCR dropped the hyphen after an abbreviation.
_JOINED_ABBREVIATION = re.compile(r"^([A-ZÅÄÖÆØÜ]{2,6})([a-zåäöæøüé]{5,})$")
_PROTECTED = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+|\S+\.(?:se|com|org|eu|net|fi|de)\b")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;•\n]\s*|\n\s*[-–•*]?\s*)$")

SV_NUMBER_WORDS = {
    "ett", "en", "två", "tva", "tre", "fyra", "fem", "sex", "sju", "åtta", "atta", "nio",
    "tio", "elva", "tolv", "femton", "tjugo", "några", "nagra", "flera", "många", "manga",
    "per", "varje", "detta", "samma", "nästa", "nasta", "förra", "forra", "innevarande",
}  # fmt: skip
SV_WOMEN = {"kvinnor", "kvinnors", "flickor", "kvinna"}

_frequencies: dict[str, dict[str, float] | None] = {}
_LOG_NANO = 9.0
_lock = threading.Lock()


def _zipf_table(language: str) -> dict[str, float] | None:
    """wordfreq's list for ``language`` as word → Zipf value, loaded once."""
    if language not in _frequencies:
        with _lock:
            if language not in _frequencies:
                from wordfreq import available_languages, get_frequency_dict

                if language not in available_languages():
                    _frequencies[language] = None
                else:
                    # Raw frequencies (wordfreq caches the dict); Zipf is computed per lookup.
                    _frequencies[language] = get_frequency_dict(language, wordlist="best")
    return _frequencies[language]


def _wordfreq_language(language: str) -> str:
    return {"nn": "nb", "no": "nb"}.get(language, language)


def repair_cells(rows: list[list[str]], language: str) -> list[list[str]]:
    """A table's cells repaired as its page's text is: the cells are read as one text, one
    cell a line, so that each is judged among the others (an OCR'd table is the same words
    as its page, whose repairs are recorded there)."""
    cells = [cell.replace("\n", " ") for row in rows for cell in row]
    text, repairs = repair_text("\n".join(cells), language)
    repaired = text.split("\n")
    if not repairs or len(repaired) != len(cells):
        return rows
    result: list[list[str]] = []
    position = 0
    for row in rows:
        result.append(repaired[position : position + len(row)])
        position += len(row)
    return result


def repair_text(text: str, language: str) -> tuple[str, list[Repair]]:
    """Return the repaired text and every change made, with offsets into the repaired text.

    ``language`` is ISO 639-1. Languages without a word list (or ``""``) come back as they
    are. Numbers, abbreviations in capitals, e-mail and web addresses are never changed.
    """
    language = (language or "").lower()[:2]
    table = _zipf_table(_wordfreq_language(language)) if language else None
    if not text or table is None:
        return text, []
    damaged = diacritics_lost(text, language)
    repairer = _repairer(language, table, damaged)
    protected = [match.span() for match in _PROTECTED.finditer(text)]
    tokens = list(_TOKEN.finditer(text))
    words = [match.group().lower() for match in tokens]

    output: list[str] = []
    repairs: list[Repair] = []
    position = 0
    length = 0
    for index, match in enumerate(tokens):
        start, end = match.span()
        if any(a <= start < b for a, b in protected):
            continue
        token = match.group()
        at_sentence_start = bool(_SENTENCE_END.search(text[max(0, start - 4) : start]))
        found = _context_rule(language, damaged, words, index, token, text, start, end)
        if found is None and language == "el" and _GREEK.search(token) and _LATIN.search(token):
            greek = token.translate(GREEK_HOMOGLYPHS)
            found = repairer.repair(greek, at_sentence_start=at_sentence_start)
            if found is None:
                found = (greek, "ocr_confusion", 1.0)
        if found is None:
            found = repairer.repair(token, at_sentence_start=at_sentence_start)
        if found is None:
            continue
        replacement, reason, score = found
        if replacement == token:
            continue
        chunk = text[position:start]
        output.append(chunk)
        length += len(chunk)
        output.append(replacement)
        repairs.append(
            Repair(
                start=length,
                end=length + len(replacement),
                original=token,
                replacement=replacement,
                reason=reason,
                score=round(score, 2),
            )
        )
        length += len(replacement)
        position = end
    output.append(text[position:])
    repaired = "".join(output) if repairs else text
    signs = _dollar_paragraph_signs(repaired, language)
    if signs:
        chars = list(repaired)
        for sign in signs:
            chars[sign.start] = "§"  # one character for one: other offsets stay
        repaired = "".join(chars)
        repairs = sorted([*repairs, *signs], key=lambda repair: repair.start)
    return repaired, repairs


_DOLLAR_PARAGRAPH = re.compile(r"(?:^|(?<=\s))(?:[A-ZÅÄÖÆØÜ]{2,6}\s)\$(?=\s?\d{1,4}\b)", re.M)


def _dollar_paragraph_signs(text: str, language: str) -> list[Repair]:
    """ "$" read for "§" after a body's abbreviation ("KSAU $ 62"), in languages whose minutes
    number their items with "§"."""
    if language not in PARAGRAPH_SIGN_LANGUAGES or "$" not in text:
        return []
    return [
        Repair(
            start=m.end() - 1,
            end=m.end(),
            original="$",
            replacement="§",
            reason="ocr_confusion",
            score=1.0,
        )
        for m in _DOLLAR_PARAGRAPH.finditer(text)
    ]


def diacritics_lost(text: str, language: str) -> bool:
    """Whether a page in a language that uses diacritics has almost none of them."""
    marked = MARKED_LETTERS.get(language)
    if marked is None:
        return False
    letters, expected = marked
    counts = Counter(text[:20000].lower())
    total = sum(count for char, count in counts.items() if char.isalpha())
    if total < 200:
        return False
    found = sum(count for char, count in counts.items() if char in letters)
    return found < total * expected * 0.2


# A text layer or plain text is repaired when at least this share of its words reads as
# OCR damage (see ``damage_score``), or when its diacritics are lost altogether.
DAMAGE_THRESHOLD = 0.03
_WORD = re.compile(r"[^\W\d_]{3,}")


def damage_score(text: str, language: str) -> float:
    """The share of a text's words that look OCR-damaged: unknown to wordfreq, while a
    reading with diacritics restored or an OCR confusion undone is a known word ("férslag",
    "jamstilldhet"). Clean text scores near 0; text never read by OCR is not judged."""
    language = (language or "").lower()[:2]
    table = _zipf_table(_wordfreq_language(language)) if language else None
    if table is None:
        return 0.0
    repairer = _repairer(language, table, False)
    words = [w for w in _WORD.findall(text[:20000]) if w.islower()][:600]
    if len(words) < 20:
        return 0.0
    damaged = 0
    for word in words:
        if word in table or not repairer._eligible(word):
            continue
        if any(variant in table for variant, _ in repairer._variants(word)):
            damaged += 1
    return damaged / len(words)


def looks_damaged(text: str, language: str) -> bool:
    """Whether text that did not come from this product's OCR should be repaired: a scanner's
    text layer or a pasted OCR text ("férslag", "min pa", "jamstilldhet")."""
    language = (language or "").lower()[:2]
    return diacritics_lost(text, language) or damage_score(text, language) >= DAMAGE_THRESHOLD


_repairers: dict[tuple[str, bool], _Repairer] = {}


def _repairer(language: str, table: dict[str, float], damaged: bool) -> _Repairer:
    # Decisions are cached per word across pages; the cache is dropped when it grows large.
    key = (language, damaged)
    repairer = _repairers.get(key)
    if repairer is None or len(repairer.cache) > 100_000:
        repairer = _repairers[key] = _Repairer(language, table, damaged)
    return repairer


def _context_rule(
    language: str,
    damaged: bool,
    words: list[str],
    index: int,
    token: str,
    text: str,
    start: int,
    end: int,
) -> tuple[str, str, float] | None:
    paragraph = _paragraph_sign(language, token, text, start, end)
    if paragraph is not None:
        return paragraph, "ocr_confusion", 1.0
    if language != "sv" or not damaged:
        return None
    word = words[index]
    previous = words[index - 1] if index > 0 else ""
    before = words[index - 2] if index > 1 else ""
    following = words[index + 1] if index + 1 < len(words) else ""
    after = words[index + 2] if index + 2 < len(words) else ""
    if word == "min" and (
        (previous == "och" and before in SV_WOMEN) or (following == "och" and after in SV_WOMEN)
    ):
        return _case_like(token, "män"), "context", 1.0
    if word == "ar":
        replacement = "år" if previous in SV_NUMBER_WORDS or previous.isdigit() else "är"
        return _case_like(token, replacement), "context", 1.0
    # A lone "1" between words, where Swedish has the preposition "i".
    if token == "1" and previous.isalpha() and previous.islower() and following:
        gap_before = text[max(0, start - 2) : start]
        gap_after = text[end : end + 2]
        spaced = gap_before.endswith(" ") and gap_after.startswith(" ")
        if spaced and (following.isalpha() or (following.isdigit() and after.isalpha())):
            return "i", "ocr_confusion", 1.0
    return None


# Languages whose minutes number their items with "§"; Tesseract's packs for them often read
# the sign as an "8" glued to the number ("KSAU 862 Rekommendation" for "KSAU § 62 ...").
PARAGRAPH_SIGN_LANGUAGES = {"sv", "fi", "da", "nb", "nn", "is", "de", "et"}
_BODY_ABBREVIATION = re.compile(r"(?:^|\s)[A-ZÅÄÖÆØÜ]{2,6}\s$")


def _paragraph_sign(language: str, token: str, text: str, start: int, end: int) -> str | None:
    """ "§ 62" for a number "862" read where a paragraph sign belongs: right after a body's
    abbreviation ("KSAU", "KF") and before a capitalised heading."""
    if language not in PARAGRAPH_SIGN_LANGUAGES:
        return None
    if not (token.isdigit() and 2 <= len(token) <= 4 and token[0] == "8"):
        return None
    if not _BODY_ABBREVIATION.search(text[max(0, start - 8) : start]):
        return None
    following = text[end : end + 2]
    if not (following[:1] == " " and following[1:2].isupper()):
        return None
    return f"§ {token[1:]}"


_GREEK_VOWEL_GROUP = re.compile(r"[αεηιουω]+")


def _unaccented_greek(word: str) -> bool:
    """A Greek word of two syllables or more written without its accent ("δημοτικο"): typed
    so online, which puts it in word lists, but never so in print."""
    if any(char in "άέήίόύώΐΰ" for char in word):
        return False
    return len(_GREEK_VOWEL_GROUP.findall(word)) >= 2


def _part_threshold(stem: str) -> float:
    # Long parts are often inflected and rare alone; short ones must be common.
    if len(stem) >= 7:
        return 1.5
    if len(stem) <= 4:
        return COMPOUND_PART_ZIPF + 1.0
    return COMPOUND_PART_ZIPF


def _case_like(original: str, word: str) -> str:
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class _Repairer:
    def __init__(self, language: str, table: dict[str, float], damaged: bool) -> None:
        self.language = language
        self.table = table
        self.damaged = damaged
        self.diacritics = DIACRITICS.get(language, {})
        alphabet = set("abcdefghijklmnopqrstuvwxyz")
        for options in self.diacritics.values():
            alphabet.update(options)
        self.confusions = {
            source: "".join(t for t in targets if t.lower() in alphabet or t == "")
            for source, targets in CONFUSIONS.items()
        }
        self.confusions = {k: v for k, v in self.confusions.items() if v}
        self.first_confusions = {
            source: "".join(t for t in targets if t.lower() in alphabet)
            for source, targets in FIRST_LETTER_CONFUSIONS.items()
        }
        self.final_confusions = FINAL_CONFUSIONS.get(language, ())
        self.cache: dict[tuple[str, bool], tuple[str, str, float] | None] = {}

    def zipf(self, word: str) -> float:
        if self.language == "el" and "ς" in word:
            word = word.replace("ς", "σ")  # wordfreq's Greek list writes a final sigma as σ
        frequency = self.table.get(word)
        return math.log10(frequency) + _LOG_NANO if frequency else 0.0

    def repair(self, token: str, *, at_sentence_start: bool) -> tuple[str, str, float] | None:
        joined = _JOINED_ABBREVIATION.match(token)
        if joined is not None:
            rest = joined.group(2)
            if self.zipf(rest) >= COMPOUND_PART_ZIPF or self._is_compound(rest):
                return f"{joined.group(1)}-{rest}", "split_word", 1.0
            return None
        if not self._eligible(token):
            return None
        key = (token, at_sentence_start)
        if key not in self.cache:
            self.cache[key] = self._repair(token, at_sentence_start)
        return self.cache[key]

    def _eligible(self, token: str) -> bool:
        if len(token) < 2 or token.isdigit():
            return False
        if not any(char.isalpha() for char in token):
            return False
        # Abbreviations and codes: KSAU, SKR, CO2, iPhone; but "MunicipaI" is a word whose
        # small l was read as a capital I.
        if any(char.isupper() for char in token[1:]) and not _CAPITAL_I_FOR_L.match(token):
            return False
        if any(char.isdigit() for char in token):
            letters = sum(1 for char in token if char.isalpha())
            return (letters >= 1 and token[0].isalpha()) or (token[-1].isalpha() and letters >= 2)
        return True

    def _repair(self, token: str, at_sentence_start: bool) -> tuple[str, str, float] | None:
        capitalised = token[0].isupper()
        lower = token.lower()
        original = self.zipf(lower)
        has_digit = any(char.isdigit() for char in token)
        vowelless = not any(char in VOWELS for char in lower)
        known = original >= NONWORD_ZIPF and not has_digit and not vowelless
        if known and self.language == "el" and _unaccented_greek(lower):
            known = False  # a Greek word of two syllables or more always carries an accent
        if known and not self.damaged:
            return None
        name_like = capitalised and not at_sentence_start
        if name_like and not self.damaged:
            return None  # most likely a name
        # On a damaged page a known capitalised word mid-sentence is a name unless it lost
        # only its diacritics ("Rownosci Kobiet i Mezczyzn": web text without them is common
        # enough for wordfreq to know, but the written forms are far more common).
        diacritics_only = name_like and known
        if vowelless and not self.damaged:
            return None
        # On a clean page an unknown compound of known words is left alone.
        if not known and not self.damaged and not has_digit and self._is_compound(lower):
            return None

        best: tuple[float, str, int] | None = None
        for candidate, confusions in self._variants(token):
            candidate_lower = candidate.lower()
            zipf = self.zipf(candidate_lower)
            if zipf < CANDIDATE_ZIPF:
                continue
            if diacritics_only and confusions:
                continue
            if known:
                margin = CONFUSION_MARGIN if confusions else REAL_WORD_MARGIN
                if zipf - original < margin:
                    continue
            score = zipf - CONFUSION_PENALTY * confusions
            if best is None or score > best[0]:
                best = (score, candidate, confusions)
        if best is not None and not self.damaged and best[0] < CLEAN_PAGE_ZIPF:
            best = None
        if (
            best is None
            and self.damaged
            and not known
            and not has_digit
            and not self._is_compound(lower)
        ):
            best = self._compound(token)
        if best is None:
            return None
        score, candidate, confusions = best
        if diacritics_only:
            candidate = candidate[:1].upper() + candidate[1:].lower()  # "Zyciu": "Życiu"
        else:
            candidate = self._cased(token, candidate, at_sentence_start)
        reason = "ocr_confusion" if confusions else "diacritics"
        return candidate, reason, score

    def _cased(self, token: str, candidate: str, at_sentence_start: bool) -> str:
        if token[0].isupper():
            # "Overskrida" mid-sentence was "överskrida": the capital was a misread "ö".
            if not at_sentence_start and candidate[0].lower() != token[0].lower():
                return candidate.lower()
            return candidate[:1].upper() + candidate[1:].lower()
        return candidate.lower()

    def _variants(self, token: str):
        """Readings of ``token`` with up to MAX_CHANGES substitutions: (text, confusions)."""
        if _CAPITAL_I_FOR_L.match(token):
            fixed = token[0] + token[1:].replace("I", "l")
            return ((fixed, 1), *self._variants(fixed))
        return _variants_cached(
            token,
            tuple(sorted(self.diacritics.items())),
            tuple(sorted(self.confusions.items())),
            tuple(sorted(self.first_confusions.items())),
            self.final_confusions,
        )

    def _is_compound(self, word: str) -> bool:
        if len(word) < 8:
            return False
        for split in range(4, len(word) - 3):
            left, right = word[:split], word[split:]
            if self.zipf(right) < COMPOUND_PART_ZIPF:
                continue
            for link in LINKS:
                if link and not left.endswith(link):
                    continue
                stem = left[: len(left) - len(link)] if link else left
                if len(stem) >= 4 and self.zipf(stem) >= COMPOUND_PART_ZIPF + 1:
                    return True
        return False

    def _best_part(self, part: str, *, link_allowed: bool) -> tuple[float, str, int] | None:
        # A part that is already a word, even a rare one, stays as it is.
        best = self._part_score(part, 0, link_allowed, needed=NONWORD_ZIPF)
        if best is not None:
            return best
        for candidate, confusions in self._variants(part):
            found = self._part_score(candidate, confusions, link_allowed)
            if found is not None and (best is None or found[0] > best[0]):
                best = found
        return best

    def _part_score(
        self, candidate: str, confusions: int, link_allowed: bool, needed: float | None = None
    ) -> tuple[float, str, int] | None:
        lower = candidate.lower()
        stems = [lower]
        if link_allowed:
            stems += [lower[: -len(link)] for link in LINKS if link and lower.endswith(link)]
        best = None
        for stem in stems:
            if len(stem) < 3:
                continue
            zipf = self.zipf(stem)
            if zipf < (needed if needed is not None else _part_threshold(stem)):
                continue
            score = zipf - CONFUSION_PENALTY * confusions
            if best is None or score > best[0]:
                best = (score, candidate, confusions)
        return best

    def _compound(self, token: str) -> tuple[float, str, int] | None:
        best = None
        for split in range(4, len(token) - 3):
            left = self._best_part(token[:split], link_allowed=True)
            if left is None:
                continue
            right = self._best_part(token[split:], link_allowed=False)
            if right is None:
                continue
            if left[2] + right[2] > MAX_CHANGES:
                continue
            candidate = left[1] + right[1]
            if candidate == token:
                continue
            score = min(left[0], right[0])
            if best is None or score > best[0]:
                best = (score, candidate, left[2] + right[2])
        return best


@lru_cache(maxsize=200_000)
def _variants_cached(token, diacritics, confusions, first_confusions, final_confusions):
    diacritics = dict(diacritics)
    confusions = dict(confusions)
    first_confusions = dict(first_confusions)
    bases: list[tuple[str, int]] = [(token, 0)]
    for suffix, replacement in final_confusions:
        if token.endswith(suffix) and len(token) > len(suffix):
            bases.append((token[: len(token) - len(suffix)] + replacement, 1))
    for source, replacement in SEQUENCE_CONFUSIONS:
        if source in token:
            bases.append((token.replace(source, replacement, 1), 1))
    results: list[tuple[str, int]] = []
    seen: set[str] = set()
    for base, base_confusions in bases:
        options: list[tuple[int, list[tuple[str, int]]]] = []
        for position, char in enumerate(base):
            choices: list[tuple[str, int]] = []
            lower = char.lower()
            for target in diacritics.get(lower, ""):
                choices.append((target.upper() if char.isupper() else target, 0))
            for target in confusions.get(char, ""):
                choices.append((target, 1))
            if position == 0:
                for target in first_confusions.get(char, ""):
                    choices.append((target, 1))
            if choices:
                options.append((position, choices))
        if base not in seen:
            seen.add(base)
            if base_confusions:
                results.append((base, base_confusions))
        for count in range(1, min(MAX_CHANGES, len(options)) + 1):
            for chosen in combinations(options, count):
                positions = [position for position, _ in chosen]
                for picks in product(*(choices for _, choices in chosen)):
                    chars = list(base)
                    confusions_used = base_confusions
                    for position, (target, is_confusion) in zip(positions, picks, strict=True):
                        chars[position] = target
                        confusions_used += is_confusion
                    variant = "".join(chars)
                    if variant not in seen:
                        seen.add(variant)
                        results.append((variant, confusions_used))
    return tuple(results)

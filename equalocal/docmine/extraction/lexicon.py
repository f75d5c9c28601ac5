"""The extractor's vocabulary: one data file per language in ``docmine/languages``.

Each language file (``sv.toml``, ``en.toml``…) holds the same keys, one per concept: the
Charter's names, action verbs, deciding bodies, case-number labels, month names, table
headings and so on, as lists of regular-expression fragments (an empty list where the
language has none). ``common.toml`` holds what belongs to no language (CEMR's acronyms,
the shape of a case number, the weight of each kind cue) and the order that decides
between languages. A new language is one new file with the same keys.

The files are TOML, read with the standard library's ``tomllib``: literal strings keep
regular expressions readable (a backslash is written once, where JSON doubles it), and
comments can say why a word is there. JSON has neither.

The extractor matches all languages at once (texts mix languages, and the detected
language can be wrong), so for each concept the languages' fragments are merged into one
list: languages in the order ``common.toml`` gives (where two fragments match at the same
place, the first wins), each fragment once, then the fragments of ``common.toml``. The
files are read once and checked (same keys everywhere, every fragment compiles); the
merged tables and the compiled regexes are cached.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .prefilter import Filtered

LANGUAGES_DIR = Path(__file__).resolve().parents[1] / "languages"
COMMON = "common"

# Tables whose keys are data (country codes), not concepts: the same in every file as a
# whole, whatever they hold.
OPEN_TABLES = {"organisations.country_cues"}

# Verb keys of the language files as (category, tense), in the order the extractor tries
# them: where two verbs start at the same place, the earlier category wins.
VERB_KEYS = {
    "decide_past": ("decide", "past"),
    "decide_present": ("decide", "present"),
    "adopt_past": ("adopt", "past"),
    "adopt_infinitive": ("adopt", "infinitive"),
    "adopt_present": ("adopt", "present"),
    "sign_past": ("sign", "past"),
    "sign_infinitive": ("sign", "infinitive"),
    "sign_present": ("sign", "present"),
    "propose": ("propose", ""),
    "reject": ("reject", ""),
    "support_past": ("support", "past"),
    "operative": ("adopt", "operative"),
    "note": ("note", "operative"),
    "signatory": ("sign", "past"),
}
WORD_TEMPLATE = r"(?<![\w])(?:{alt})(?![\w])"


class LexiconError(ValueError):
    """A language file that does not fit: a missing or extra key, a bad pattern."""


@dataclass(frozen=True)
class Lexicon:
    common: dict
    languages: dict[str, dict]  # code -> the file's data, in merging order

    def tagged(self, key: str) -> list[tuple[str, str]]:
        """Every language's fragments for ``key``, then common's, each once with its source."""
        seen: dict[str, str] = {}
        for code, data in [*self.languages.items(), (COMMON, self.common)]:
            for fragment in lookup(data, key, default=[]):
                seen.setdefault(fragment, code)
        return list(seen.items())


def lookup(data: Mapping, key: str, *, default=None):
    """``data["a"]["b"]`` for ``key`` ``"a.b"``; ``default`` when a part is missing."""
    value = data
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            if default is None:
                raise KeyError(key)
            return default
        value = value[part]
    return value


def key_paths(data: Mapping, prefix: str = "") -> set[str]:
    """The dotted keys of a language file, down to its lists and open tables."""
    paths = set()
    for name, value in data.items():
        path = f"{prefix}{name}"
        paths.add(path)
        if isinstance(value, Mapping) and path not in OPEN_TABLES:
            paths |= key_paths(value, f"{path}.")
    return paths


def patterns_of(data: Mapping) -> list[tuple[str, str]]:
    """(key, pattern) for every regular expression in a language file."""
    plain_words = {"prose.list_conjunctions", "prose.articles", "prose.relativisers"}
    found = []
    for path in sorted(key_paths(data)):
        value = lookup(data, path)
        if path in plain_words or path.startswith("language.") or path == "dates.months":
            continue
        if isinstance(value, Mapping) and path in OPEN_TABLES:
            found += [(f"{path}.{k}", p) for k, items in value.items() for p in items]
        elif isinstance(value, list):
            for item in value:
                pattern = item["pattern"] if isinstance(item, Mapping) else item
                found.append((path, pattern))
    return found


# Languages whose patterns also match their words written without accents: Greek print
# always carries the tonos, but scans and typed texts often lose it ("Προσχωρηση").
ACCENT_OPTIONAL = {"el": {"ά": "α", "έ": "ε", "ή": "η", "ί": "ι", "ό": "ο", "ύ": "υ", "ώ": "ω",
                          "Ά": "Α", "Έ": "Ε", "Ή": "Η", "Ί": "Ι", "Ό": "Ο", "Ύ": "Υ", "Ώ": "Ω",
                          "ΐ": "ϊ", "ΰ": "ϋ"}}  # fmt: skip


def accents_optional(pattern: str, bare: Mapping[str, str]) -> str:
    """``pattern`` with each accented letter outside a character class also matching its
    bare letter ("προσχώρηση" → "προσχ[ώω]ρηση")."""
    out = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif in_class:
            out.append(char + bare.get(char, ""))
            in_class = char != "]"
        elif char == "[":
            out.append(char)
            in_class = True
        elif char in bare:
            out.append(f"[{char}{bare[char]}]")
        else:
            out.append(char)
    return "".join(out)


def _with_optional_accents(data: dict, bare: Mapping[str, str]) -> None:
    """Rewrite every pattern of a language file (as ``patterns_of`` finds them) in place."""
    for path in dict.fromkeys(path for path, _ in patterns_of(data)):
        head, _, last = path.rpartition(".")
        parent = lookup(data, head) if head else data
        if last not in parent:  # an open table's entry: "organisations.country_cues.GR"
            head, _, table = head.rpartition(".")
            parent, last = lookup(data, head)[table], last
        items = parent[last]
        for index, item in enumerate(items):
            if isinstance(item, Mapping):
                item["pattern"] = accents_optional(item["pattern"], bare)
            else:
                items[index] = accents_optional(item, bare)


def check(languages: Mapping[str, Mapping], common: Mapping) -> None:
    """Raise ``LexiconError`` unless every file has the same keys and every pattern compiles."""
    expected = set().union(*(key_paths(data) for data in languages.values()))
    problems = []
    for code, data in languages.items():
        paths = key_paths(data)
        if paths != expected:
            problems.append(f"{code}.toml lacks {sorted(expected - paths)}")
        if lookup(data, "language.code", default="") != code:
            problems.append(f"{code}.toml: language.code is not {code!r}")
        for kind, weights in common["kind_weights"].items():
            cues = set(lookup(data, f"kinds.{kind}", default={}))
            if cues != set(weights):
                problems.append(f"{code}.toml: kinds.{kind} differs from common.toml's cues")
        for path, pattern in patterns_of(data):
            try:
                re.compile(pattern)
            except re.error as error:
                problems.append(f"{code}.toml: {path}: {pattern!r}: {error}")
    if problems:
        raise LexiconError("; ".join(problems))


@cache
def load(folder: Path = LANGUAGES_DIR) -> Lexicon:
    """The language files of ``folder``, checked, in merging order."""
    files = {path.stem: path for path in sorted(folder.glob("*.toml"))}
    common = tomllib.loads(files.pop(COMMON).read_text(encoding="utf-8"))
    languages = {code: tomllib.loads(p.read_text(encoding="utf-8")) for code, p in files.items()}
    check(languages, common)
    for code, bare in ACCENT_OPTIONAL.items():
        if code in languages:
            _with_optional_accents(languages[code], bare)
    order = [code for code in common["languages"]["order"] if code in languages]
    order += sorted(code for code in languages if code not in order)
    return Lexicon(common=common, languages={code: languages[code] for code in order})


# The tables the extractor uses ------------------------------------------------------------


def alternation(fragments: Iterable[str]) -> str:
    return "|".join(f"(?:{f})" for f in fragments)


def fragments(key: str) -> list[str]:
    """The merged fragments of one concept: every language's, then common's, each once."""
    return [fragment for fragment, _ in _tagged(key)]


def tagged(key: str) -> list[tuple[str, str]]:
    """``fragments(key)``, each with the language it came from (``"common"`` for none)."""
    return list(_tagged(key))


@cache
def negations(language: str) -> frozenset[str]:
    """Words that negate a verb in ``language`` (``common.toml`` ``[negations]``)."""
    table = common("negations")
    code = {"no": "nb"}.get(language, language)
    return frozenset(word.casefold() for word in table.get(code, ()))


def negates_after_verb(language: str) -> bool:
    """Whether ``language`` puts its negation after the finite verb (``common.toml``
    ``[negations_after_verb]``)."""
    code = {"no": "nb"}.get(language, language)
    return code in common("negations_after_verb.languages")


@cache
def negation_exceptions() -> frozenset[str]:
    """Words after a negation that make it negate nothing ("not only")."""
    return frozenset(word.casefold() for word in common("negation_exceptions.words"))


@cache
def _tagged(key: str) -> tuple[tuple[str, str], ...]:
    return tuple(load().tagged(key))


def common(key: str):
    """A value of ``common.toml``."""
    return lookup(load().common, key)


def filtered(template: str, *keys: str, flags: int = re.IGNORECASE) -> Filtered:
    """The fragments of ``keys`` in ``template`` (``{alt}`` marks their place), reduced per
    document to the languages whose words occur in it (``.get()`` gives the regex)."""
    pairs = [pair for key in keys for pair in tagged(key)]
    return Filtered([f for f, _ in pairs], template, flags, [code for _, code in pairs])


@cache
def _word_filter(*keys: str) -> Filtered:
    return filtered(WORD_TEMPLATE, *keys)


def words(key: str):
    """A concept's fragments as one whole-word, case-insensitive regex, reduced to the
    document in scope (see ``prefilter``); the full regex outside a scope."""
    return _word_filter(key).get()


def words_in_keys(keys: tuple[str, ...]):
    """``words`` for several concept keys at once, as one regex."""
    return _word_filter(*keys).get()


def words_full(key: str) -> re.Pattern[str]:
    """``words(key)`` with every language's fragments, whatever the document in scope
    holds (for text the scope has not seen, such as lemmas)."""
    return _word_filter(key).full


@cache
def fragments_in(key: str, language: str | None) -> tuple[str, ...]:
    """``language``'s fragments for ``key`` and common's; every language's when
    ``language`` is unknown. A fragment several languages share counts for each of them."""
    code = {"no": "nb"}.get(language or "", language or "")
    pairs = tagged(key)
    if not code or code not in load().languages:
        return tuple(fragment for fragment, _ in pairs)
    own = list(lookup(load().languages[code], key, default=[]))
    own += [fragment for fragment, tag in pairs if tag == "common" and fragment not in own]
    return tuple(own)


@cache
def words_in(key: str, language: str | None) -> re.Pattern[str]:
    """``words(key)`` with only ``language``'s fragments and common's (``fragments_in``), for
    short words that mean something else in another language (English "any" in Catalan
    "l'any")."""
    own = fragments_in(key, language)
    if not own:
        return re.compile("(?!)")
    return re.compile(WORD_TEMPLATE.replace("{alt}", alternation(own)), re.IGNORECASE)


@cache
def verbs() -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(category, tense) -> (fragment, language) for every action verb, in ``VERB_KEYS`` order."""
    table: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for name, category_tense in VERB_KEYS.items():
        pairs = tagged(f"verbs.{name}")
        if pairs:
            table.setdefault(category_tense, []).extend(pairs)
    return table


# Locales of Babel (CLDR) and of dateparser's data for a language file's code, where they
# differ from the code: Serbian and Bosnian are written in both scripts.
_BABEL_LOCALES = {"sr": ("sr", "sr_Latn"), "bs": ("bs", "bs_Cyrl"), "no": ("nb",)}
_DATEPARSER_LOCALES = {"sr": ("sr-Cyrl", "sr-Latn"), "bs": ("bs-Latn", "bs-Cyrl"), "no": ("nb",)}


def _calendar_word(name: str) -> str:
    """A month or weekday name as matched: lower case, no final dot, no Catalan "de "."""
    name = name.strip().lower().rstrip(".")
    return re.sub(r"^(?:de\s+|d['’])", "", name)


@cache
def _dateparser_data(code: str) -> list[dict]:
    import importlib

    found = []
    for locale in _DATEPARSER_LOCALES.get(code, (code,)):
        try:
            module = importlib.import_module(f"dateparser.data.date_translation_data.{locale}")
        except ImportError:
            continue
        found.append(module.info)
    return found


_MONTH_KEYS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


@cache
def calendar_months(code: str) -> dict[str, int]:
    """Month names of one language -> 1–12: CLDR's (through Babel: wide and abbreviated,
    format and stand-alone, so genitives such as "Δεκεμβρίου" and "grudnia" are there),
    dateparser's further forms ("grudniu", "joulukuussa"), then the language file's own."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_month_names

    months: dict[str, int] = {}
    bare = str.maketrans(ACCENT_OPTIONAL.get(code, {}))

    def add(name: str, number: int) -> None:
        word = _calendar_word(name)
        if len(word) >= 3 and not word.isdigit():
            months.setdefault(word, number)
            months.setdefault(word.translate(bare), number)  # "μαρτιου" in a scan

    for locale in _BABEL_LOCALES.get(code, (code,)):
        try:
            Locale.parse(locale)
        except (UnknownLocaleError, ValueError):
            continue
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    add(name, number)
    for data in _dateparser_data(code):
        for number, key in enumerate(_MONTH_KEYS, start=1):
            for name in data.get(key, []):
                add(name, number)
    language = load().languages.get(code)
    for names in language["dates"]["months"] if language else ():
        for number, name in enumerate(names.split(), start=1):
            add(name, number)
    return months


@cache
def month_numbers() -> dict[str, int]:
    """Month name in any language and form -> 1–12 (the first language listed wins)."""
    months: dict[str, int] = {}
    for code in load().languages:
        for name, number in calendar_months(code).items():
            months.setdefault(name, number)
    return months


def month_number(word: str, language: str | None = None) -> int | None:
    """The month ``word`` names, read in ``language`` first ("listopad" is October in
    Croatian, November in Czech and Polish)."""
    word = _calendar_word(word)
    if language and language in load().languages:
        months = calendar_months(language)
        number = months.get(word) or _inflected_month(word, months)
        if number:
            return number
    return month_numbers().get(word) or month_abbreviations().get(word)


def _inflected_month(word: str, months: dict[str, int]) -> int | None:
    """A month name with a case ending ("martxoaren", "Aralık'ta", "мартс"): the name, or
    the name less its last letter, followed by at most five letters."""
    for name, number in months.items():
        if len(name) < 4:
            continue
        if word.startswith(name) and len(word) - len(name) <= 5:
            return number
        if len(name) >= 5 and word.startswith(name[:-1]) and len(word) - len(name) <= 3:
            return number
    return None


@cache
def month_abbreviations() -> dict[str, int]:
    return dict(common("dates.month_abbreviations"))


@cache
def weekday_numbers() -> dict[str, int]:
    """Weekday name in any language -> 0 (Monday) to 6: CLDR's names through Babel, then
    the language files' own."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_day_names

    days: dict[str, int] = {}
    for code, data in load().languages.items():
        for locale in _BABEL_LOCALES.get(code, (code,)):
            try:
                Locale.parse(locale)
            except (UnknownLocaleError, ValueError):
                continue
            for number, name in get_day_names("wide", "format", locale).items():
                days.setdefault(_calendar_word(name), number)
        for number, names in enumerate(data["dates"]["weekdays"].split()):
            # "wtorek|wtorkowej|wtorkowym": a day's other forms after its name.
            for name in names.split("|"):
                days.setdefault(name, number)
    return days


# dateparser's relative expressions that name a day or a year, as (unit, offset).
_RELATIVE_KEYS = {
    "0 day ago": ("day", 0),
    "1 day ago": ("day", -1),
    "0 year ago": ("year", 0),
    "1 year ago": ("year", -1),
    "0 month ago": ("month", 0),
    "1 month ago": ("month", -1),
}


@cache
def relative_dates() -> list[tuple[str, str, int, str]]:
    """(pattern, unit, offset, language) of every relative date expression: the language
    files' own, then dateparser's "today", "yesterday", "this year" and "last year"."""
    found = [
        (item["pattern"], item["unit"], item["offset"], code)
        for code, data in load().languages.items()
        for item in data["dates"]["relative"]
    ]
    seen = {pattern for pattern, *_ in found}
    for code in load().languages:
        for data in _dateparser_data(code):
            for key, (unit, offset) in _RELATIVE_KEYS.items():
                for phrase in data.get("relative-type", {}).get(key, []):
                    words = phrase.lower().split()
                    # Abbreviations ("viime v") are too loose to find in running text.
                    if not words or len(words[-1]) < 3:
                        continue
                    pattern = r"\s+".join(re.escape(w) for w in words)
                    if pattern not in seen:
                        seen.add(pattern)
                        found.append((pattern, unit, offset, code))
    return found


@cache
def organisation_patterns() -> list[tuple[str, str, str]]:
    """(pattern, name template, country) of every organisation pattern, each once."""
    seen: dict[str, tuple[str, str, str]] = {}
    for data in load().languages.values():
        for item in data["organisations"]["patterns"]:
            seen.setdefault(item["pattern"], (item["pattern"], item["name"], item["country"]))
    return list(seen.values())


@cache
def country_cues() -> dict[str, list[tuple[str, str]]]:
    """Country -> (fragment, language) naming it, countries in ``common.toml``'s order."""
    found: dict[str, dict[str, str]] = {}
    for code, data in load().languages.items():
        for country, items in data["organisations"]["country_cues"].items():
            for fragment in items:
                found.setdefault(country, {}).setdefault(fragment, code)
    order = list(common("countries.order"))
    order += sorted(country for country in found if country not in order)
    return {country: list(found[country].items()) for country in order if country in found}


@cache
def language_countries() -> dict[str, str]:
    """Language code (and its variants) -> the country its texts are from, where known."""
    countries = {}
    for code, data in load().languages.items():
        country = data["language"]["country"]
        if country:
            for name in [code, *data["language"]["variants"]]:
                countries[name] = country
    return countries


@cache
def stopwords() -> dict[str, str]:
    """Language code -> frequent short words, for guessing a language without the detector."""
    return {
        code: data["language"]["stopwords"]
        for code, data in load().languages.items()
        if data["language"]["stopwords"]
    }


@cache
def kind_cues() -> dict[str, list[tuple[str, float, list[str]]]]:
    """Kind -> (cue, weight, fragments of every language) in the order they are tried."""
    return {
        kind: [
            (cue, float(weight), fragments(f"kinds.{kind}.{cue}")) for cue, weight in cues.items()
        ]
        for kind, cues in common("kind_weights").items()
    }

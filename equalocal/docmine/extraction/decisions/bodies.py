"""Who decides: the organisation, its deciding body, or the office holder who signs."""

from __future__ import annotations

import re
from functools import cache

from ...types import UNKNOWN
from .. import lexicon
from ..organisations import OrganisationMention
from ..organisations import find_organisations_cached as find_organisations
from ..prefilter import NEVER, Filtered


@cache
def _capitalised_body_filter() -> Filtered | None:
    """Capitalised words before a body noun ("Finance and Resources Committee")."""
    nouns = "|".join(lexicon.fragments("bodies.capitalised"))
    if not nouns:
        return None
    return Filtered(
        (nouns,), r"(?<![\w])(?:[A-Z][\w&’'-]*\s+(?:(?:and|of|for|&)\s+)?){1,6}(?:{alt})(?![\w])"
    )


_CHAIR_AFTER = re.compile(r"^\s*(?:ordförande|vice\s+ordförande|chair|vorsitz\w*|presidente)", re.I)


def find_bodies(text: str) -> list[tuple[int, str]]:
    """Deciding bodies as written, normalised to their base form ("kommunfullmäktiges" ->
    "Kommunfullmäktige"), with offsets."""
    found: list[tuple[int, str]] = []
    not_bodies = lexicon.words("bodies.not_deciding")
    capitalised = _capitalised_body_filter()
    for regex in (lexicon.words("bodies.deciding"), capitalised.get() if capitalised else NEVER):
        for m in regex.finditer(text):
            window = text[max(0, m.start() - 5) : m.end() + 30]
            if not_bodies.search(window) or _CHAIR_AFTER.match(text[m.end() :]):
                continue
            found.append((m.start(), _clean_body(m.group(0))))
    found.sort()
    return found


def _clean_body(body: str) -> str:
    body = " ".join(body.split())
    body = re.sub(r"^(?:the|The)\s+", "", body)
    words = body.split(" ")
    if len(words) == 1:
        word = words[0]
        for suffix in ("s", "ns"):
            base = word[: -len(suffix)]
            if word.lower().endswith(("fullmäktiges", "styrelsens", "styrelses")) and suffix == "s":
                word = base
                break
        word = re.sub(r"(?i)(styrelse)n$", r"\1n", word)
        body = word
    return body[:1].upper() + body[1:]


def signer(text: str) -> str:
    """The office holder who signs ("kommunstyrelsens ordförande", "the Mayor"); "" if none."""
    match = lexicon.words("bodies.signers").search(text)
    if not match:
        return ""
    following = re.match(r"\s+(?:i|and|und|et|e|y|oraz|ja|og|en)\s+([\w]+)", text[match.end() :])
    value = match.group(0)
    if following and lexicon.words("bodies.signers").fullmatch(following.group(1)):
        value = text[match.start() : match.end() + following.end()]
    return value


def base_form(body: str) -> str:
    """ "Kommunstyrelsens arbetsutskotts" (genitive, before "förslag") → "… arbetsutskott"."""
    if body.endswith("s") and len(body) > 4:
        shorter = body[:-1]
        found = find_bodies(shorter)
        if found and len(found[-1][1]) == len(shorter):
            return shorter
    return body


# Capitals at the start of a sentence that name no organisation.
_NOT_SUBJECTS = {
    "CEMR",
    "CCRE",
    "RGRE",
    "CMRE",
    "MOTION",
    "RESOLVED",
    "BESLUTA",
    "EU",
    "UN",
    "DECISION",
    "NOTE",
}


def _stem_of(name: str, full: str) -> bool:
    """A place's adjective stem ("Erlang" of "Erlanger") naming the document's organisation
    ("Stadt Erlangen"): a bare word that begins a word of the full name, a letter or two
    short of it."""
    if " " in name.strip() or len(name) < 4:
        return False
    return any(word.startswith(name) and 0 < len(word) - len(name) <= 2 for word in full.split())


def organisation_for(
    norm: str, organisation: OrganisationMention | None, country: str
) -> tuple[str, str]:
    """The organisation a sentence's decision belongs to and its country: one named in the
    sentence, an acronym opening it ("KSAU beslutade…"), else the document's organisation."""
    mentions = find_organisations(norm)
    if mentions:
        name = mentions[0].name
        if organisation and _stem_of(name, organisation.name):
            # "Der Erlanger Stadtrat" in a text of the Stadt Erlangen: the document's own.
            return organisation.name, _own_country(organisation, country) or mentions[0].country
        return name, mentions[0].country
    subject = re.match(r"^(?:the\s+)?([A-ZÅÄÖ]{3,6})\b", norm)
    if subject and subject.group(1) not in _NOT_SUBJECTS:
        return subject.group(1), country
    if organisation:
        return organisation.name, _own_country(organisation, country)
    return UNKNOWN, country


def _own_country(organisation: OrganisationMention, country: str) -> str:
    """The document's country for its own organisation: read from the whole text, it
    corrects a name's pattern ("Galway City Council" with "Ireland" in the text)."""
    return country if country and country != UNKNOWN else organisation.country


RELATIVE_REACH = 80  # characters from the relative pronoun to the verb it governs
COMMON_WORD_ZIPF = 5.0  # a word this frequent ("Stadt", "Land", "Gemeinde") names no place
FREQUENT_WORD_ZIPF = 4.0


@cache
def _relative_subject() -> Filtered:
    return lexicon.filtered(
        r"(?<![\w'’-])(?P<name>[^\W\d_][\w'’-]+(?:\s[^\W\d_][\w'’-]+)?),\s+(?:{alt})\s",
        "decisions.relative_pronouns",
        flags=0,
    )


def relative_clause_subject(norm: str, verb_start: int, language: str | None) -> str:
    """The place a relative clause holding the verb at ``verb_start`` is about: "…
    Heidelberg, das die Charta bereits 2009 unterzeichnet hat", "comme Charleroi, qui a
    signé la Charte en 2016"; "" when the verb is in no such clause."""
    from .cues import charter_spans

    found = ""
    for m in _relative_subject().get().finditer(norm[:verb_start]):
        between = norm[m.end() : verb_start]
        if len(between) > RELATIVE_REACH or any(mark in between for mark in ",;:.()"):
            continue
        words = m.group("name").split()
        while words and not words[0][:1].isupper():
            words.pop(0)
        name = " ".join(words)
        before = norm[: m.start("name") + m.group("name").find(name)].split()[-1:]
        if not name or name.upper() in _NOT_SUBJECTS or _names_no_place(name, before, language):
            continue
        if find_bodies(name) or charter_spans(name) or signer(name):
            continue
        found = name
    return found


SUBJECT_GAP = 2  # lower-case words between a subject's name and its verb ("Vic havia signat")
# Languages that write every noun with a capital ("Die Nachbarstadt Marburg"): two
# capitalised words before a verb make no person, and a place's name follows a noun
# ("Nachbarstadt") or opens the clause, not a lower-case word ("im Rathaus").
CAPITALISED_NOUNS = frozenset({"de", "lb"})
SIGNER_REACH = 40  # characters before a name where an office holder's title makes it a person
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def named_subject(norm: str, verb_start: int, language: str | None) -> str:
    """The place whose name stands right before the verb at ``verb_start`` as its subject:
    "Grannkommunen Sundsvall skrev under den 2010", "només Vic havia signat la Carta",
    "comme Dijon, signataire depuis 2013"; "" when none does.

    A few lower-case words may stand between. The name is the last capitalised word of
    its clause that is not the clause's first, an article's noun ("the Convener"), a common
    word, the Charter, a body, an office holder or a country; a name after an office
    holder's title is a person's, and a verb followed by its own subject ("undertecknade
    kommunstyrelsens ordförande") has none before it."""
    from .cues import charter_spans

    before = norm[:verb_start].rstrip()
    before = before[:-1].rstrip() if before.endswith(",") else before
    clause = max(before.rfind(mark) for mark in ",;:.()") + 1
    words = list(_WORD.finditer(before, clause))
    index = len(words) - 1
    gap = clitics = 0
    frequent = lexicon.stopwords().get(language or "", "").split()
    while index >= 0 and not words[index].group(0)[:1].isupper():
        if _clitic(words[index].group(0), frequent, language) and clitics < SUBJECT_CLITICS:
            clitics += 1  # "Charleroi l'a signée", "Palma ja la va subscriure"
        elif gap < SUBJECT_GAP:
            gap += 1
        else:
            break
        index -= 1
    if index < 0 or not words[index].group(0)[:1].isupper():
        return ""
    if index == 0 and (gap or not _name_opens_clause(words[0].group(0), language)):
        return ""  # the clause's first word ("Die", "Igår"), not a name
    if index == 0 and clitics and _function_word(words[0].group(0), language, OPENER_ZIPF):
        return ""  # "Dessutom har vi undertecknat": an adverb, then pronoun and auxiliary
    name = words[index].group(0)
    preceding = words[index - 1].group(0) if index else ""
    if len(preceding) <= 3 and preceding.lower() in frequent:
        return ""  # "the Convener", "la Présidente": a noun after its article
    if language in CAPITALISED_NOUNS and preceding and not preceding[:1].isupper():
        return ""  # "im Rathaus unterzeichnet", "und Landkreise": every noun has a capital
    if (
        preceding[:1].isupper()
        and language not in CAPITALISED_NOUNS
        and not (index == 1 and _function_word(preceding, language))
    ):
        return ""  # "Vangjush Dako nënshkroi": a person's first and last name
    if name.upper() in _NOT_SUBJECTS or _names_no_place(name, [preceding], language):
        return ""
    if lexicon.words("charter.words").match(name) or charter_spans(name):
        return ""
    if find_bodies(name) or signer(name) or _country_name(name, language):
        return ""
    if _kind_of_organisation(name, language):
        return ""  # "Kommunen skrev under …": the municipality itself, not a place's name
    if signer(before[max(0, words[index].start() - SIGNER_REACH) : words[index].start()]):
        return ""  # "Bürgermeisterin Anna Berg unterzeichnete": a person
    after = norm[verb_start : verb_start + SIGNER_REACH]
    if signer(after) or find_bodies(after):
        return ""
    return name


FUNCTION_WORD_ZIPF = 5.8  # "comme", "només", "also": far more frequent than any first name
# A clause's first word before a pronoun and an auxiliary: places ("Palma", "Tromsø") are
# rarer than the adverbs that open clauses so ("Dessutom", "Inoltre", "Ahir").
OPENER_ZIPF = 5.0
SUBJECT_CLITICS = 3  # short pronouns and auxiliaries between a name and its verb


def _function_word(word: str, language: str | None, threshold: float = FUNCTION_WORD_ZIPF) -> bool:
    """A very frequent word opening a clause ("Comme Angers, signataire …"), not a name."""
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word.lower(), language or "en") >= threshold
    except (LookupError, ValueError):
        return False


def _clitic(word: str, frequent: list[str], language: str | None) -> bool:
    """A short pronoun, auxiliary or adverb between a subject and its verb ("l'a", "y",
    "ja la va", "já a", "hat"): every part of it at most three letters and a very frequent
    word, or elided."""
    parts = [part for part in re.split(r"['’]", word.lower()) if part]
    return bool(parts) and all(
        len(part) <= 3
        and (part in frequent or len(part) == 1 or _function_word(part, language, CLITIC_ZIPF))
        for part in parts
    )


CLITIC_ZIPF = 6.0  # "ja", "já", "va": among a language's hundred most frequent words


def _kind_of_organisation(word: str, language: str | None) -> bool:
    """Whether ``word`` names a kind of organisation ("Kommunen", "Gemeinde", "Kaupunki"):
    its lemma is one of the language's words left out of organisation names."""
    from ...text.lemmas import lemma, simplemma_code

    noise = lexicon.words_full("organisations.noise")
    folded = word.casefold()
    code = simplemma_code(language)
    forms = {folded, lemma(folded, code).casefold()} if code else {folded}
    return any(noise.fullmatch(form) for form in forms)


def _name_opens_clause(word: str, language: str | None) -> bool:
    """Whether a clause's capitalised first word, right before its verb, is a place's name
    ("Borgarbyggð undirritaði …") rather than a frequent word or a day ("Gestern", "Igår")."""
    from ..dates import find_dates

    if _function_word(word, language) or find_dates(word, "2025-01-15"):
        return False
    return word.lower() not in lexicon.stopwords().get(language or "", "").split()


@cache
def _country_names(language: str) -> frozenset[str]:
    """Country names in ``language`` and in English, lower case (Babel's CLDR data)."""
    from babel import Locale, UnknownLocaleError

    names: set[str] = set()
    for code in {language, "en"}:
        try:
            territories = Locale.parse(code).territories
        except (UnknownLocaleError, ValueError):
            continue
        names.update(
            name.lower() for key, name in territories.items() if key.isalpha() and len(name) >= 4
        )
    return frozenset(names)


def _country_name(name: str, language: str | None) -> bool:
    """A country, in any inflection that keeps its name's start ("Shqipëria")."""
    lower = name.lower()
    return any(lower.startswith(country) for country in _country_names(language or "en"))


def _names_no_place(name: str, before: list[str], language: str | None) -> bool:
    """A common word with a capital ("Die Gemeinde, die …", "The Council, which …"): a word
    of the lexicon, one after a short frequent word (an article), or a very frequent word."""
    from wordfreq import zipf_frequency

    if lexicon.words("organisations.noise").fullmatch(name) or lexicon.words(
        "charter.words"
    ).fullmatch(name):
        return True
    if not language:
        return False
    try:
        zipf = zipf_frequency(name.split()[-1].lower(), language)
    except (LookupError, ValueError):
        return False
    # A frequent word after a short frequent one ("la Commune", "die Gemeinde") is a noun.
    frequent = lexicon.stopwords().get(language, "").split()
    after_article = bool(before) and len(before[0]) <= 3 and before[0].lower() in frequent
    return zipf >= COMMON_WORD_ZIPF or (after_article and zipf >= FREQUENT_WORD_ZIPF)


GROUP_REACH = 150  # characters from a group of signatories to the verb it is the subject of


@cache
def _group_subject() -> Filtered:
    # A small count (2–19; larger counts are tallies, see ``cues.is_aggregate``) and a plural
    # noun for organisations, with up to two words between ("13 Comuni", "5 weitere Städte").
    return lexicon.filtered(
        r"(?<![\w/.,-])(?:[2-9]|1\d)\s+(?:[\w-]+\s+){0,2}?(?:{alt})(?!\w)",
        "decisions.plural_organisations",
    )


def group_subject(norm: str, verb_start: int) -> str:
    """A group of organisations as written that is the subject of the verb at
    ``verb_start`` ("i sindaci di 13 Comuni della provincia hanno sottoscritto": "13
    Comuni"); "" when there is none."""
    from ..dates import day_of_a_date

    found = ""
    for m in _group_subject().get().finditer(norm[:verb_start]):
        between = norm[m.end() : verb_start]
        if len(between) > GROUP_REACH or any(mark in between for mark in ".;"):
            continue
        if not day_of_a_date(norm, m.start()):  # "den 11 mars att kommunen" is no group
            found = m.group(0)
    return found

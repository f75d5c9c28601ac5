"""Sentences of a text, with their offsets and the decision formulas they stand in.

A decision formula is the part of a protocol or a motion that states the decision itself:
the lines after "Kommunstyrelsen beslutar:", "RESOLVED:" or "beantragen wir:", or a line
that starts with such an opener. Each sentence keeps its text as written and a normalised
copy for matching, with PDF-extraction damage ("a t t godkänna", "jäm- ställdhet") undone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...text.marks import strip_marks
from .. import lexicon
from ..prefilter import Filtered, current_scope
from .cues import document_language


@dataclass
class Sentence:
    start: int
    end: int
    text: str  # verbatim
    norm: str  # whitespace and extraction damage normalised, for matching
    formula: bool = False  # inside a decision formula
    formula_opener: str = ""  # the sentence that opened it
    formula_id: int = -1
    page: int | None = None


_SPACED_LETTERS = re.compile(r"\b(?:\w ){2,}\w\b")


def has_spaced_letters(text: str) -> bool:
    """Whether ``text`` has letters spaced out by PDF extraction ("a t t")."""
    return _SPACED_LETTERS.search(_WHITESPACE.sub(" ", text)) is not None


ABBREVIATIONS = {
    "bl.a",
    "t.ex",
    "u.a",
    "z.b",
    "nr",
    "n",
    "no",
    "núm",
    "num",
    "art",
    "ca",
    "dr",
    "st",
    "kl",
    "resp",
    "jfr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "sig",
    "inkl",
    "exkl",
    "ggr",
    "s",
    "p",
    "pp",
    "vgl",
    "bzw",
    "ggf",
    "evtl",
    "sog",
    "dott",
    "sr",
    "br",
    "ul",
    "al",
    "nº",
    "n°",
    # Finnish "mm." (among others), "esim." (for example), "ym." (and others), "ns." (so-called)
    "mm",
    "esim",
    "ym",
    "ns",
}
# Capitals that may open a sentence: Latin (with the Nordic, Baltic, Slavic and Turkish
# letters), Greek and Cyrillic; Georgian has no capitals.
_CAPITAL = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽΆ-ΏΑ-ΩЀ-Я"
_LOWER = "a-zß-öø-ÿā-žά-ώα-ωа-џ"
# A sentence ends at . ! or ? before a capital: after white space, or glued to the next
# sentence by extraction damage ("héruðum.Nú", "oluşturuldu.Yüz") after a lower-case word.
_SENTENCE_END = re.compile(
    rf"(?<=[.!?])[\"”»']?\s+(?=[\"'«„“(]?[{_CAPITAL}0-9])"
    rf"|(?<=[{_LOWER}]{{3}}[.!?])(?=[{_CAPITAL}][{_LOWER}])"
)


# A sentence's end in running text: not the dot of a date or an ordinal ("fredag 13. juni").
SENTENCE_STOP = re.compile(r"(?<!\d)[.!?](?:\s|$)")

_WHITESPACE = re.compile(r"\s+")
_BROKEN_WORD = re.compile(r"(\w)- (?=[a-zåäöü])")
_BROKEN_ACRONYM = re.compile(r"([A-Z]{2,})- (?=\w)")


def _join_letters(m: re.Match[str]) -> str:
    return m.group(0).replace(" ", "")


def normalise(text: str) -> str:
    """Collapse whitespace, spaced letters ("a t t" -> "att") and broken hyphenation;
    typographic apostrophes become plain ones ("l’uguaglianza")."""
    if "’" in text:
        text = text.replace("’", "'")
    if text[:1].isspace() or text[-1:].isspace():
        text = _WHITESPACE.sub(" ", text)
    else:
        text = " ".join(text.split())
    scope = current_scope()
    if scope is None or scope.facts.get("spaced_letters", True):
        text = _SPACED_LETTERS.sub(_join_letters, text)
    if "- " in text:
        text = _BROKEN_WORD.sub(r"\1", text)
        text = _BROKEN_ACRONYM.sub(r"\1-", text)
    return text


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph spans; a paragraph that breaks mid-sentence is joined with the next."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?![ \t\xa0]*\n))*", text)]
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged:
            prev_start, prev_end = merged[-1]
            prev_text = text[prev_start:prev_end].rstrip()
            next_text = text[start:end].lstrip()
            if (
                prev_text
                and prev_text[-1] not in '.!?:;»"”)'
                and next_text[:1].islower()
                and not re.match(r"a\s?t\s?t\b|that\b", next_text, re.IGNORECASE)
            ):
                merged[-1] = (prev_start, end)
                continue
        merged.append((start, end))
    return merged


_OPEN_LINE_END = re.compile(r"(?:,|(?<![\w-])[^\W\d_A-ZÀ-ÞΑ-ΩА-Я]{1,4})$")


def _line_units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a paragraph at line breaks that end a heading, list item or sentence."""
    units: list[tuple[int, int]] = []
    unit_start = start
    for m in re.finditer(r"\n", text[start:end]):
        pos = start + m.start()
        before = text[unit_start:pos].rstrip()
        after = text[pos + 1 : min(end, pos + 200)].lstrip()
        if not before:
            continue
        breaks = (
            before[-1] in ".!?:;"
            or re.match(r"[-–•*·»\d]|a\s?t\s?t\b|att\b|that\b", after, re.IGNORECASE)
            or (
                after[:1].isupper()
                and len(before.split("\n")[-1]) < 70
                # A wrapped line ending in a comma or a short lower-case word ("der
                # Europäischen Charta für die\nGleichstellung …") goes on; a heading does not.
                and not _OPEN_LINE_END.search(before)
            )
        )
        if breaks and re.search(r"\w-$", before):
            breaks = False  # a word or number broken at the line's end ("Zahl MD-\n2012/318")
        if breaks:
            units.append((unit_start, pos))
            unit_start = pos + 1
    units.append((unit_start, end))
    return units


# A numeric date written with ordinal dots, the year's dot included ("20. 11. 2012.").
_DOTTED_DATE = re.compile(r"(?<!\d)\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d{2}\.$")
# The month and day after a Hungarian resolution number, in brackets ("(V. 26.)").
_NUMBER_DATED = re.compile(r"\([IVX]{1,4}\.\s?\d{1,2}\.\)")
# Languages that end a sentence at a dotted date's last dot ("kokouksessaan 22.2.2027.
# Kaupunginjohtaja …"); the others (Croatian, Serbian, Slovene, Hungarian …) or an unknown
# language may write the year as an ordinal with its dot ("20. 11. 2012. Evropsku povelju").
LANGUAGES_WITHOUT_ORDINAL_YEARS = frozenset(
    {"fi", "de", "nb", "no", "da", "sv", "is", "et", "pl", "cs", "sk", "el", "it", "fr", "pt",
     "es", "ca", "gl", "eu", "nl", "en", "ro", "lt", "lv", "mt", "ga", "tr", "sq", "uk", "bg",
     "ka"}
)  # fmt: skip


def _ordinal_years() -> bool:
    return document_language() not in LANGUAGES_WITHOUT_ORDINAL_YEARS


_LAST_TOKEN = re.compile(r"([\w.°º]+)[.!?][\"”»']?$")


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    chunk = text[start:end]
    for m in _SENTENCE_END.finditer(chunk):
        cut = start + m.start()
        last = _LAST_TOKEN.search(text, max(cursor, cut - 60), cut)
        token = last.group(1).lower() if last else ""
        if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue
        if token.isdigit() and len(token) <= 3:
            continue  # "20. Februar", "23. Generalversammlung", numbered items
        if _DOTTED_DATE.search(text, max(cursor, cut - 16), cut) and _ordinal_years():
            continue  # "usvojilo je 20. 11. 2012. Evropsku povelju": an ordinal year
        if _NUMBER_DATED.match(text, start + m.end()) or (
            last and re.fullmatch(r"[ivx]{1,4}", token) and text[last.start() - 1] == "("
        ):
            continue  # "a 112/2022. (III. 26.) számú határozatával": a resolution's number
        spans.append((cursor, cut))
        cursor = start + m.end()
    spans.append((cursor, end))
    return spans


_OPENERS = ("formulas.openers", "formulas.proposal_openers")
_FORMULA_OPENER = lexicon.filtered(r"(?:^|\s)(?:{alt})\s*$", *_OPENERS)
_FORMULA_INLINE = lexicon.filtered(r"^(?:{alt})\s*[:\-–]\s*(?=\S)", *_OPENERS)
_PROPOSAL_OPENER = lexicon.filtered(r"(?:^|\s)(?:{alt})\s*$", "formulas.proposal_openers")
_FORMULA_ITEM = lexicon.filtered(r"^\s*(?:{alt})(?:\s|$)", "formulas.items")
# An enumerated item that opens with the deciding verb ("1. schvaluje …", "A. schvaľuje …"
# after "Zastupitelstvo města … po projednání"): each item is a point of the decision.
_ITEM_OPENER = lexicon.filtered(
    r"^(?:\d{1,2}|[A-Za-z])[.)]\s+(?:{alt})(?=\s|$)", "formulas.openers"
)


def opens_an_item(norm: str) -> re.Match[str] | None:
    """The item mark and deciding verb opening an enumerated point of a decision."""
    return _ITEM_OPENER.get().match(norm)


def _formula_opener():
    return _FORMULA_OPENER.get()


def _opens_formula(norm: str) -> bool:
    # The opener ends the sentence: only its last words need looking at.
    return _formula_opener().search(norm, max(0, len(norm) - 80)) is not None


_DECIDING_VERB = ("verbs.decide_past", "verbs.decide_present", "verbs.operative")
# A deciding verb closing its line before a colon, a few words of manner between ("…
# taryba nusprendžia:", "Rada Miasta uchwala, co następuje:", "VENDOSI:").
_VERB_BEFORE_COLON = lexicon.filtered(
    r"(?:^|\s)(?:{alt})(?:[\s,]+[^\W\d_]+){0,3}\s*:$", *_DECIDING_VERB
)


def _bare(text: str) -> str:
    """``text`` without accents: Greek capitals drop the tonos ("ΑΠΟΦΑΣΙΖΕΙ")."""
    return strip_marks(text)


# The deciding verbs without accents, for headings in capitals.
_DECIDING_WORD = Filtered(
    [_bare(f) for key in _DECIDING_VERB for f, _ in lexicon.tagged(key)],
    r"(?:^|\s)(?:{alt})(?=\s|$)",
    re.IGNORECASE,
    [code for key in _DECIDING_VERB for _, code in lexicon.tagged(key)],
)


HEADING_WORDS = 4  # words of a deciding verb's heading line, its manner included


def closes_with_deciding_verb(norm: str) -> bool:
    """Whether a line ends in the body's deciding verb and so opens the decision itself:
    before a colon ("… nusprendžia:", "VENDOSI:"), or as a heading of a few words that opens
    with the verb in capitals, its manner after it in any case ("ΑΠΟΦΑΣΙΖΕΙ ΟΜΟΦΩΝΑ",
    "ΑΠΟΦΑΣΙΖΕΙ κατά πλειοψηφία", "DÉCIDE")."""
    norm = norm.rstrip()
    if norm.endswith(":"):
        return _VERB_BEFORE_COLON.get().search(norm, max(0, len(norm) - 80)) is not None
    words = norm.split()
    return (
        0 < len(words) <= HEADING_WORDS
        and not norm.endswith(".")
        and words[0].isupper()
        and _DECIDING_WORD.get().search(_bare(words[0])) is not None
    )


_HEADING_LINE = lexicon.filtered(r"^(?:{alt})\s*:?$", "formulas.headings")
_HEADING_INLINE = lexicon.filtered(r"^(?:{alt})\s*:\s*(?=\S)", "formulas.headings")


def opens_with_decision_heading(norm: str) -> bool:
    """A line that opens with a protocol's decision heading and its decision ("Päätös:
    Kaupunginvaltuusto päätti …", "Beslut: …"): the end of the item above."""
    return _HEADING_INLINE.get().match(norm) is not None


def is_decision_heading(norm: str) -> bool:
    """A protocol's decision heading as a line of its own ("Beslutning", "BESCHLUSS",
    "Kommunstyrelsens beslut:"): what follows is the decision."""
    return _HEADING_LINE.get().match(norm.rstrip(" .")) is not None


def _formula_inline():
    return _FORMULA_INLINE.get()


def _formula_item():
    return _FORMULA_ITEM.get()


def opens_a_proposal(opener: str) -> bool:
    """Whether a formula's opener makes what follows a body's proposal to another body."""
    return _PROPOSAL_OPENER.get().search(opener.rstrip(" .:")) is not None


LONG_OPENER = 400  # characters of a sentence that ends in a deciding verb and a colon


def _ends_formula(sentences: list[Sentence], norm: str, opens_block: bool) -> bool:
    """A one-word heading of its own paragraph after a finished sentence of the formula
    ("Bakgrunn", "Begründung", "Background"), or a short one ending in a colon
    ("Formannskapets behandling 10.02.2026:"): the formula has ended."""
    last = sentences[-1] if sentences else None
    words = norm.split()
    if not (opens_block and last is not None and last.formula):
        return False
    if not last.norm.rstrip().endswith("."):
        return False
    if norm.endswith(":") and len(words) <= 4 and not _formula_item().match(norm):
        # "Formannskapets behandling 10.02.2026:": the next body's part; but "Vedtak i
        # formannskapet:" is the answer to the formula above.
        return lexicon.words("subjects.decision_nouns").search(norm) is None
    return (
        len(words) == 1
        and norm[:1].isupper()
        and not any(char.isdigit() or char in ".:;,()" for char in norm)
        and not _formula_item().match(norm)
        and not is_decision_heading(norm)  # "Beslutning i Kommunalbestyrelsen": its answer
        and not _opens_formula(norm)
    )


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets, formula context marked."""
    sentences: list[Sentence] = []
    formula_left = 0
    opener = ""
    opened_here = False  # the sentence before opened a formula
    formula_id = -1
    for block_start, block_end in _blocks(text):
        for unit_start, unit_end in _line_units(text, block_start, block_end):
            for start, end in _sentence_spans(text, unit_start, unit_end):
                raw = text[start:end]
                stripped = raw.strip()
                if not stripped:
                    continue
                offset = start + (len(raw) - len(raw.lstrip()))
                norm = normalise(stripped)
                sentence = Sentence(offset, offset + len(stripped), stripped, norm)
                if formula_left > 0 and _ends_formula(sentences, norm, start <= block_start):
                    formula_left = 0  # "Bakgrunn" after the proposal: the reasons follow
                if formula_left > 0:
                    sentence.formula = True
                    sentence.formula_opener = opener
                    sentence.formula_id = formula_id
                    formula_left -= 1
                    if not _formula_item().match(norm) and len(norm) > 200:
                        formula_left = 0
                inline = (
                    _formula_inline().match(norm)
                    or _HEADING_INLINE.get().match(norm)
                    or opens_an_item(norm)
                )
                if inline and not sentence.formula:
                    formula_id += 1
                    sentence.formula = True
                    sentence.formula_opener = inline.group(0)
                    sentence.formula_id = formula_id
                elif (
                    len(norm) < 200
                    and (_opens_formula(norm.rstrip(" .")) or is_decision_heading(norm))
                ) or (len(norm) < LONG_OPENER and closes_with_deciding_verb(norm)):
                    # A body's "… deliberou:" may close a long sentence that names the
                    # meeting and the law it acts under.
                    # Two opener lines in a row ("Byrådets innstilling:" above "Bystyret
                    # fatter følgende vedtak:") open one formula: whose proposal it is stays.
                    opener = f"{opener} {norm}" if opened_here else norm
                    formula_left = 4
                    formula_id += 0 if opened_here else 1
                    opened_here = True
                    sentences.append(sentence)
                    continue
                opened_here = False
                sentences.append(sentence)
    return sentences

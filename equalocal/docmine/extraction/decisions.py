"""Decisions, signings, proposals and agenda items about the Charter and action plans.

A sentence is a decision when it has an action verb (sign, adopt, decide, support) in a
past form, or in any form inside a decision formula ("föreslår … besluta:", "RESOLVED:",
"beantragen wir:"), about something the extractor knows: the Charter, an action plan or a
follow-up report. Statements about many signatories at once ("111 kommuner har…"), generic
duties ("each signatory shall…") and CEMR's own adoption of the Charter are left out.
Concrete decisions are merged so that each is reported once.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from ..types import UNKNOWN, Decision, DecisionStatus, DecisionType
from . import lexicon
from .dates import DateMatch, find_dates, same_year_positions
from .organisations import OrganisationMention
from .organisations import find_organisations_cached as find_organisations
from .prefilter import NEVER, Filtered, current_scope

# --- sentences ---------------------------------------------------------------------------


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


_ABBREVIATIONS = {
    "bl.a",
    "t.ex",
    "u.a",
    "z.b",
    "nr",
    "n",
    "no",
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
}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”»']?\s+(?=[\"'«„“(]?[A-ZÅÄÖÜÉÈÁÓÚÍŁŚŻÆØ0-9])")


_WHITESPACE = re.compile(r"\s+")
_BROKEN_WORD = re.compile(r"(\w)- (?=[a-zåäöü])")
_BROKEN_ACRONYM = re.compile(r"([A-Z]{2,})- (?=\w)")


def _join_letters(m: re.Match[str]) -> str:
    return m.group(0).replace(" ", "")


def normalise(text: str) -> str:
    """Collapse whitespace, spaced letters ("a t t" -> "att") and broken hyphenation."""
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
            or (after[:1].isupper() and len(before.split("\n")[-1]) < 70)
        )
        if breaks:
            units.append((unit_start, pos))
            unit_start = pos + 1
    units.append((unit_start, end))
    return units


_LAST_TOKEN = re.compile(r"([\w.°º]+)[.!?][\"”»']?$")


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    chunk = text[start:end]
    for m in _SENTENCE_END.finditer(chunk):
        cut = start + m.start()
        last = _LAST_TOKEN.search(text, max(cursor, cut - 60), cut)
        token = last.group(1).lower() if last else ""
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue
        if token.isdigit() and len(token) <= 3:
            continue  # "20. Februar", "23. Generalversammlung", numbered items
        spans.append((cursor, cut))
        cursor = start + m.end()
    spans.append((cursor, end))
    return spans


_OPENERS = ("formulas.openers", "formulas.proposal_openers")
_FORMULA_OPENER = lexicon.filtered(r"(?:^|\s)(?:{alt})\s*$", *_OPENERS)
_FORMULA_INLINE = lexicon.filtered(r"^(?:{alt})\s*[:\-–]\s*(?=\S)", *_OPENERS)
_PROPOSAL_OPENER = lexicon.filtered(r"(?:^|\s)(?:{alt})\s*$", "formulas.proposal_openers")
_FORMULA_ITEM = lexicon.filtered(r"^\s*(?:{alt})(?:\s|$)", "formulas.items")


def _formula_opener():
    return _FORMULA_OPENER.get()


def _opens_formula(norm: str) -> bool:
    # The opener ends the sentence: only its last words need looking at.
    return _formula_opener().search(norm, max(0, len(norm) - 80)) is not None


def _formula_inline():
    return _FORMULA_INLINE.get()


def _formula_item():
    return _FORMULA_ITEM.get()


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets, formula context marked."""
    sentences: list[Sentence] = []
    formula_left = 0
    opener = ""
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
                if formula_left > 0:
                    sentence.formula = True
                    sentence.formula_opener = opener
                    sentence.formula_id = formula_id
                    formula_left -= 1
                    if not _formula_item().match(norm) and len(norm) > 200:
                        formula_left = 0
                inline = _formula_inline().match(norm)
                if inline and not sentence.formula:
                    formula_id += 1
                    sentence.formula = True
                    sentence.formula_opener = inline.group(0)
                    sentence.formula_id = formula_id
                elif len(norm) < 200 and _opens_formula(norm.rstrip(" .")):
                    formula_left = 4
                    opener = norm
                    formula_id += 1
                sentences.append(sentence)
    return sentences


# --- cue matching ------------------------------------------------------------------------


def _rx(key: str):
    """The whole-word regex of a lexicon concept, reduced to the document in scope."""
    return lexicon.words(key).get()


_ACRONYMS = Filtered(
    ("|".join(lexicon.common("charter.acronyms")),), r"(?<![\w])(?:{alt})(?![a-z])"
)


def _acronyms():
    return _ACRONYMS.get()


@cache
def _cemr_actor_filter() -> Filtered:
    acronyms = "|".join(lexicon.common("charter.actor_acronyms"))
    names = lexicon.tagged("charter.cemr_names")
    return Filtered(
        [rf"(?:{acronyms})(?![\w-])", *(rf"(?:{n})(?!\w)" for n, _ in names)],
        r"(?<![\w])(?:{alt})",
        re.IGNORECASE,
        [lexicon.COMMON, *(code for _, code in names)],
    )


def _cemr_actor():
    return _cemr_actor_filter().get()


def charter_spans(text: str) -> list[tuple[int, int]]:
    """Where the Charter is named unambiguously (acronym, full name in any language)."""
    return list(_charter_spans(text))


@lru_cache(maxsize=2048)
def _charter_spans(text: str) -> tuple[tuple[int, int], ...]:
    # Cached by text: the scoped regexes give the full regexes' result on the text in scope.
    spans = [(m.start(), m.end()) for m in _acronyms().finditer(text)]
    spans += [(m.start(), m.end()) for m in _rx("charter.names").finditer(text)]
    words = _rx("charter.words")
    europe = _rx("charter.europe_words")
    equality = _rx("charter.equality_words")
    for m in words.finditer(text):
        near = text[max(0, m.start() - 60) : m.end() + 60]
        wide = text[max(0, m.start() - 120) : m.end() + 140]
        if europe.search(near) and equality.search(wide):
            spans.append((m.start(), m.end()))
    return tuple(sorted(spans))


def weak_charter_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _rx("charter.words").finditer(text)]


# --- decisions ---------------------------------------------------------------------------


@dataclass
class Action:
    category: str  # adopt, sign, decide, support
    tense: str
    start: int
    end: int


@dataclass
class Context:
    text: str
    cemr_related: bool
    document_date: str
    organisation: OrganisationMention | None
    country: str
    head_body: str
    head_case_number: str
    head_paragraph: str
    is_agenda: bool
    is_motion: bool
    pages: Sequence[tuple[int, int, int]] = field(default_factory=tuple)  # (start, end, number)


@cache
def _any_action() -> Filtered:
    pairs = [
        pair
        for (category, _tense), items in lexicon.verbs().items()
        if category != "propose"
        for pair in items
    ]
    return Filtered(
        [f for f, _ in pairs],
        r"(?<![\w-])(?:{alt})(?!\w)",
        re.IGNORECASE,
        [code for _, code in pairs],
    )


def may_hold_action(text: str) -> bool:
    """A fast test: is there any action verb at all? Saves the per-category regexes."""
    return _any_action().get().search(text) is not None


@cache
def _verb_filters() -> dict[tuple[str, str], Filtered]:
    return {
        key: Filtered(
            [f for f, _ in items],
            r"(?<![\w-])(?:{alt})(?!\w)",
            re.IGNORECASE,
            [language for _, language in items],
        )
        for key, items in lexicon.verbs().items()
    }


def _actions(norm: str) -> tuple[list[Action], set[str]]:
    actions: list[Action] = []
    cues: set[str] = set()
    for (category, tense), verbs in _verb_filters().items():
        regex = verbs.get()
        for m in regex.finditer(norm):
            if category in {"propose", "reject"}:
                cues.add(category)
                if category == "reject":
                    # A rejection is a decision about its object too.
                    actions.append(Action("adopt", "past", m.start(), m.end()))
            else:
                actions.append(Action(category, tense, m.start(), m.end()))
    actions.sort(key=lambda a: a.start)
    return actions, cues


def _clause(norm: str, pos: int) -> str:
    left = max(norm.rfind(c, 0, pos) for c in ",;:(")
    rights = [i for i in (norm.find(c, pos) for c in ",;:)") if i >= 0]
    return norm[left + 1 : min(rights) if rights else len(norm)]


@cache
def _aggregate_filter() -> Filtered:
    quantifiers = lexicon.alternation(lexicon.fragments("decisions.quantifiers"))
    return lexicon.filtered(
        rf"(?<!\w)(?:(?:[2-9]\d|\d{{3,}})(?:[ ,.]\d{{3}})*|{quantifiers})\s+(?:\w+\s+){{0,3}}?(?:{{alt}})(?!\w)",
        "decisions.plural_organisations",
    )


def _aggregate():
    return _aggregate_filter().get()


def _is_aggregate(clause: str) -> bool:
    return bool(_rx("decisions.cumulative_cues").search(clause) or _aggregate().search(clause))


def _is_generic(clause: str) -> bool:
    return bool(_rx("decisions.generic_cues").search(clause))


def _nearest(spans: list[tuple[int, int]], pos: int, window: int) -> int | None:
    best = None
    for start, end in spans:
        distance = start - pos if start >= pos else (pos - end) * 1.5
        if distance <= window and (best is None or distance < best):
            best = distance
    return best


def _body_regex_ci():
    return _rx("bodies.deciding")


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
    not_bodies = _rx("bodies.not_deciding")
    capitalised = _capitalised_body_filter()
    for regex in (_body_regex_ci(), capitalised.get() if capitalised else NEVER):
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


def _signer(text: str) -> str:
    match = _rx("bodies.signers").search(text)
    if not match:
        return ""
    following = re.match(r"\s+(?:i|and|und|et|e|y|oraz|ja|og|en)\s+([\w]+)", text[match.end() :])
    value = match.group(0)
    if following and _rx("bodies.signers").fullmatch(following.group(1)):
        value = text[match.start() : match.end() + following.end()]
    return value


@cache
def _case_regexes() -> list[re.Pattern[str]]:
    """Whole case-number patterns first, then a number after a label ("Dnr KS 2024/108")."""
    number = lexicon.common("references.case_number")
    labels = "|".join(lexicon.fragments("references.case_number_labels"))
    whole = lexicon.fragments("references.case_number_patterns")
    return [
        *(re.compile(pattern, re.IGNORECASE) for pattern in whole),
        re.compile(
            rf"(?<!\w)(?:{labels})\.?\s*(?:nr\.?|no\.?|n[°º.]|number|nummer)?\s*[:.]?\s*(?P<num>{number})",
            re.IGNORECASE,
        ),
    ]


_DIGIT = re.compile(r"\d")


def find_case_number(text: str) -> str:
    if not _DIGIT.search(text):
        return UNKNOWN
    for regex in _case_regexes():
        m = regex.search(text)
        if m:
            value = m.group("num") if "num" in regex.groupindex else m.group(0)
            value = re.sub(r"(\d)-\s+(\d)", r"\1-\2", value)
            value = re.sub(r"\s+", " ", value).strip(" .:")
            return value
    return UNKNOWN


_YEAR = re.compile(r"(?<![\d/-])((?:19|20)\d{2})(?![\d/])")
_PARAGRAPH = re.compile(lexicon.common("references.paragraph"))


def _page_of(position: int, context: Context) -> int | None:
    for start, end, number in context.pages:
        if start <= position < end:
            return number
    return None


def _best_date(dates: list[DateMatch], pos: int) -> DateMatch | None:
    usable = [d for d in dates if not d.period]
    if not usable:
        return None
    return min(usable, key=lambda d: abs(d.start - pos))


def _organisation_for(sentence: Sentence, context: Context) -> tuple[str, str]:
    mentions = find_organisations(sentence.norm)
    if mentions:
        return mentions[0].name, mentions[0].country
    subject = re.match(r"^(?:the\s+)?([A-ZÅÄÖ]{3,6})\b", sentence.norm)
    skip = {
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
    if subject and subject.group(1) not in skip:
        return subject.group(1), context.country
    if context.organisation:
        return context.organisation.name, context.organisation.country or context.country
    return UNKNOWN, context.country


# The Charter as the object of the verb: signing it, or "other" (supporting, or approving a
# document about it).
_CHARTER = "charter"


def _decision_type(
    actions: list[Action],
    norm: str,
    charter: list[tuple[int, int]],
    plans: list[tuple[int, int]],
    reports: list[tuple[int, int]],
    previous_charter: bool,
) -> tuple[DecisionType, Action] | None:
    signs = [a for a in actions if a.category == "sign"]
    if signs and (charter or previous_charter):
        return DecisionType.SIGN_CHARTER, signs[0]
    candidates: list[tuple[float, DecisionType | str, Action]] = []
    for action in actions:
        for kind, spans in (
            (DecisionType.ADOPT_ACTION_PLAN, plans),
            (DecisionType.FOLLOW_UP_REPORT, reports),
            (_CHARTER, charter),
        ):
            distance = _nearest(spans, action.end, 90)
            if distance is not None:
                candidates.append((distance, kind, action))
    if not candidates:
        return None
    # A plan or report near the verb is the object even when the Charter is named too
    # ("adopted the action plan under the Charter").
    preferred = [c for c in candidates if c[1] != _CHARTER] or candidates
    _, kind, action = min(preferred, key=lambda c: (c[0], c[1] != DecisionType.ADOPT_ACTION_PLAN))
    if kind != _CHARTER:
        return kind, action
    if action.category == "support":
        return DecisionType.OTHER, action
    ref = min(charter, key=lambda s: abs(s[0] - action.end))
    between = norm[min(action.end, ref[0]) : max(action.end, ref[0])]
    if _rx("subjects.other_documents").search(between) or len(between.split()) > 5:
        return DecisionType.OTHER, action
    return DecisionType.SIGN_CHARTER, action


def extract_decisions(
    context: Context, sentences: Sequence[Sentence] | None = None
) -> list[Decision]:
    """All decisions in the text, merged so each concrete decision appears once."""
    text = context.text
    sentences = list(sentences) if sentences is not None else split_sentences(text)
    found: list[tuple[int, bool, Decision]] = []  # (position, from formula, decision)
    last_year: int | None = None
    previous_charter = False
    formulas_used: set[int] = set()
    all_charter = charter_spans(text)
    if context.cemr_related:
        all_charter += weak_charter_spans(text)
    charter_starts = sorted(start for start, _ in all_charter)
    for sentence in sentences:
        norm = sentence.norm
        decision = None
        if may_hold_action(norm):
            charter = charter_spans(norm)
            if context.cemr_related and not charter:
                charter = weak_charter_spans(norm)
            decision = _sentence_decision(
                sentence, norm, charter, previous_charter, last_year, context
            )
        if decision is not None:
            if sentence.formula and sentence.formula_id in formulas_used:
                decision = None
            elif sentence.formula:
                formulas_used.add(sentence.formula_id)
        if decision is not None:
            decision.page = _page_of(sentence.start, context)
            found.append((sentence.start, sentence.formula, decision))
        years = _YEAR.findall(norm)
        if years:
            last_year = int(years[-1])
        index = bisect_left(charter_starts, sentence.start)
        previous_charter = index < len(charter_starts) and charter_starts[index] < sentence.end
    if context.is_agenda:
        found += _agenda_items(context, sentences, {pos for pos, _, _ in found})
    return merge_decisions(found)


def _base_form(body: str) -> str:
    """ "Kommunstyrelsens arbetsutskotts" (genitive, before "förslag") → "… arbetsutskott"."""
    if body.endswith("s") and len(body) > 4:
        shorter = body[:-1]
        found = find_bodies(shorter)
        if found and len(found[-1][1]) == len(shorter):
            return shorter
    return body


def _sentence_decision(
    sentence: Sentence,
    norm: str,
    charter: list[tuple[int, int]],
    previous_charter: bool,
    last_year: int | None,
    context: Context,
) -> Decision | None:
    actions, cues = _actions(norm)
    if not actions:
        return None
    opener_cues = _actions(sentence.formula_opener)[1] if sentence.formula else set()
    cues |= opener_cues
    proposed_by_opener = bool(
        sentence.formula and _PROPOSAL_OPENER.get().search(sentence.formula_opener.rstrip(" .:"))
    )
    has_decide = any(a.category == "decide" for a in actions)
    proposal = (
        proposed_by_opener
        or "propose" in cues
        or (context.is_motion and not any(a.tense == "past" for a in actions))
    )
    qualifying = []
    for action in actions:
        counts = (
            action.tense == "past"
            or action.category == "support"
            or sentence.formula
            or proposal
            or (has_decide and action.category != "decide")
        )
        if not counts:
            continue
        clause = _clause(norm, action.start)
        if _is_aggregate(clause) or _is_generic(clause):
            continue
        qualifying.append(action)
    if not qualifying:
        return None
    cemr_actor = _cemr_actor().search(norm)
    charter_history = re.search(r"2006|2022|launch|lancer|lanser|ins\s+leben", norm, re.I)
    if cemr_actor and charter_history and not find_organisations(norm) and not find_bodies(norm):
        return None  # CEMR adopting or launching the Charter itself
    plans = [(m.start(), m.end()) for m in _rx("subjects.plan_words").finditer(norm)]
    reports = [(m.start(), m.end()) for m in _rx("subjects.report_words").finditer(norm)]
    typed = _decision_type(
        qualifying, norm, charter, plans, reports, previous_charter and context.cemr_related
    )
    if typed is None:
        return None
    decision_type, action = typed
    if "reject" in cues:
        status = DecisionStatus.REJECTED
    elif proposal:
        status = DecisionStatus.PROPOSED
    else:
        status = DecisionStatus.ADOPTED

    organisation, country = _organisation_for(sentence, context)
    decision = Decision(
        organisation=organisation,
        country=country or UNKNOWN,
        decision_type=decision_type,
        status=status,
        evidence=_evidence(sentence.text),
    )
    # Date: nearest in the sentence; "that same year"; the meeting date for a formula.
    dates = find_dates(norm, context.document_date)
    date = _best_date(dates, action.start)
    value = date.value if date else UNKNOWN
    if value == UNKNOWN and same_year_positions(norm) and last_year:
        value = str(last_year)
    own = sentence.formula or (status != DecisionStatus.ADOPTED and not date)
    adopted = status == DecisionStatus.ADOPTED
    if value == UNKNOWN and sentence.formula and (adopted or proposed_by_opener):
        value = context.document_date
    is_signing_act = action.category == "sign" and not has_decide
    signed_by_body = bool(find_bodies(norm))
    if (
        is_signing_act
        and not signed_by_body
        and date is not None
        and date.precision == 3
        and adopted
    ):
        # A person signing on a given day: the decision behind it is dated elsewhere.
        decision.signing_date = value
        value = UNKNOWN
    decision.decision_date = value or UNKNOWN

    bodies = find_bodies(sentence.formula_opener) if sentence.formula else []
    if bodies:
        # "A:s förslag till B": A proposes; otherwise the body that opens the formula decides.
        decision.deciding_body = _base_form(bodies[0 if proposed_by_opener else -1][1])
    else:
        bodies = find_bodies(norm)
        if bodies:
            decision.deciding_body = min(bodies, key=lambda b: abs(b[0] - action.start))[1]
        elif is_signing_act and _signer(norm):
            decision.deciding_body = _signer(norm)
        elif own and context.head_body:
            decision.deciding_body = context.head_body

    case_number = find_case_number(norm)
    if case_number == UNKNOWN and (own or value == context.document_date):
        case_number = context.head_case_number
    decision.case_number = case_number
    paragraph = _PARAGRAPH.search(norm)
    if paragraph:
        decision.paragraph = f"§ {paragraph.group(1)}"
    elif own and context.head_paragraph:
        decision.paragraph = context.head_paragraph

    confidence = 0.55
    if charter_spans(norm) or plans:
        confidence += 0.15
    if action.tense == "past" or sentence.formula:
        confidence += 0.1
    if decision.decision_date != UNKNOWN or decision.signing_date != UNKNOWN:
        confidence += 0.08
    if decision.deciding_body != UNKNOWN:
        confidence += 0.05
    if not charter_spans(norm) and not plans and not reports:
        confidence -= 0.15
    decision.confidence = round(min(confidence, 0.95), 2)
    return decision


def _evidence(text: str, limit: int = 400) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _agenda_items(context: Context, sentences: Sequence[Sentence], used: set[int]) -> list:
    items = []
    pattern_plan = _rx("subjects.plan_words")
    for sentence in sentences:
        if sentence.start in used:
            continue
        norm = sentence.norm
        for m in pattern_plan.finditer(norm):
            charter_near = any(abs(s - m.start()) < 200 for s, _ in charter_spans(norm))
            if not (charter_near or context.cemr_related):
                continue
            evidence = norm[m.start() : m.start() + 160]
            decision = Decision(
                organisation=context.organisation.name if context.organisation else UNKNOWN,
                country=context.country,
                decision_date=context.document_date,
                deciding_body=context.head_body or UNKNOWN,
                case_number=UNKNOWN,
                decision_type=DecisionType.ADOPT_ACTION_PLAN,
                status=DecisionStatus.ON_AGENDA,
                evidence=_evidence(evidence, 160),
                confidence=0.6,
                page=_page_of(sentence.start, context),
            )
            items.append((sentence.start + m.start(), False, decision))
        for start, _end in charter_spans(norm):
            if any(abs(pos - (sentence.start + start)) < 300 for pos, _, _ in items):
                continue
            decision = Decision(
                organisation=context.organisation.name if context.organisation else UNKNOWN,
                country=context.country,
                decision_date=context.document_date,
                deciding_body=context.head_body or UNKNOWN,
                decision_type=DecisionType.SIGN_CHARTER,
                status=DecisionStatus.ON_AGENDA,
                evidence=_evidence(norm[max(0, start - 80) : start + 80], 160),
                confidence=0.5,
                page=_page_of(sentence.start, context),
            )
            items.append((sentence.start + start, False, decision))
            break
    return items


_FIELDS = ("organisation", "country", "deciding_body", "paragraph", "case_number", "signing_date")


def _absorb(into: Decision, other: Decision) -> Decision:
    merged = replace(into)
    for name in _FIELDS:
        if getattr(merged, name) == UNKNOWN and getattr(other, name) != UNKNOWN:
            setattr(merged, name, getattr(other, name))
    if merged.page is None:
        merged.page = other.page
    merged.confidence = round(min(0.97, max(into.confidence, other.confidence) + 0.03), 2)
    return merged


def merge_decisions(found: list[tuple[int, bool, Decision]]) -> list[Decision]:
    """One decision per (type, status, date); undated mentions join the nearest dated one."""
    found = sorted(found, key=lambda f: f[0])
    adopted_formula_types = {
        d.decision_type for _, formula, d in found if formula and d.status == DecisionStatus.ADOPTED
    }
    found = [
        f
        for f in found
        if not (
            f[1]
            and f[2].status == DecisionStatus.PROPOSED
            and f[2].decision_type in adopted_formula_types
        )
    ]
    groups: dict[tuple[str, str], list[tuple[int, Decision]]] = {}
    for position, _, decision in found:
        groups.setdefault((decision.decision_type, decision.status), []).append(
            (position, decision)
        )
    result: list[tuple[int, Decision]] = []
    for items in groups.values():
        dated: dict[str, tuple[int, Decision]] = {}
        undated: list[tuple[int, Decision]] = []
        for position, decision in items:
            if decision.decision_date == UNKNOWN:
                undated.append((position, decision))
            elif decision.decision_date in dated:
                first_pos, first = dated[decision.decision_date]
                dated[decision.decision_date] = (first_pos, _absorb(first, decision))
            else:
                dated[decision.decision_date] = (position, decision)
        if not dated and undated:
            first_pos, first = undated[0]
            for _, decision in undated[1:]:
                first = _absorb(first, decision)
            result.append((first_pos, first))
            continue
        for position, decision in undated:
            key = min(dated, key=lambda k: abs(dated[k][0] - position))
            pos, target = dated[key]
            dated[key] = (pos, _absorb(target, decision))
        result.extend(dated.values())
    result.sort(key=lambda r: r[0])
    return [decision for _, decision in result]

"""Extraction: classification, Charter relation, decisions and action rows from text.

Offline and fast (a few milliseconds per page): rules, a lexicon per language
(``docmine/languages``, read by ``lexicon.py``) and small weighted scores. No Django, so ``equalocal extract`` can run it
without a database.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..types import UNKNOWN, ActionRow, Analysis, OrganisationCandidate, PageText, Table
from . import lexicon
from .classify import classify, is_agenda, is_cemr_related, is_draft, is_minutes, is_motion
from .dates import document_date as find_document_date
from .decisions import Context, extract_decisions
from .decisions.bodies import find_bodies
from .decisions.fields import find_case_number
from .decisions.sentences import has_spaced_letters, normalise, split_sentences
from .organisations import (
    OrganisationMention,
    candidates_in_text,
    country_for,
    main_organisation,
    match_candidate,
)
from .prefilter import scoped
from .prose import rows_from_prose
from .tables import rows_from_tables, rows_from_text

__all__ = ["analyse", "guess_language", "stopword_language"]


def guess_language(text: str) -> str | None:
    """ISO 639-1 language: lingua when available, else a stop-word count."""
    try:
        from ..text.language import detect_language
    except ImportError:
        detect_language = None
    if detect_language is not None:
        try:
            return detect_language(text)
        except Exception:  # noqa: S110 - a detector failure must not stop extraction
            pass
    return stopword_language(text)


def stopword_language(text: str) -> str | None:
    """ISO 639-1 language by counting each language's frequent short words: a quick guess,
    far cheaper than the detector, for deciding whether a page needs a closer look."""
    from ..text.language import quick_language

    return quick_language(text)


def _head_paragraph(head: str) -> str:
    m = re.search(lexicon.common("references.paragraph"), head)
    return f"§ {m.group(1)}" if m else ""


def _page_offsets(pages: Sequence[PageText] | None) -> list[tuple[int, int, int]]:
    offsets: list[tuple[int, int, int]] = []
    cursor = 0
    for page in pages or ():
        offsets.append((cursor, cursor + len(page.text), page.number))
        cursor += len(page.text) + 2  # ReadResult.text joins pages with a blank line
    return offsets


def _motion_number(head: str) -> str:
    m = re.match(r"\s*(\d{1,4}/(?:19|20)\d{2})(?![\w/])", head)
    return m.group(1) if m else ""


def analyse(
    text: str,
    *,
    tables: Sequence[Table] = (),
    pages: Sequence[PageText] | None = None,
    language: str | None = None,
    organisations: Sequence[OrganisationCandidate] = (),
    filename: str = "",
) -> Analysis:
    """Classify ``text`` and extract its decisions and action rows.

    ``pages`` (when given, their texts joined by blank lines must equal ``text``) set each
    item's page number; ``organisations`` are existing organisations to match names against.
    Never raises for odd input: an empty text gives an empty ``Analysis``.
    """
    text = text or ""
    if not text.strip():
        return Analysis()
    language = language or guess_language(text) or UNKNOWN
    # The lexicon's regexes keep only the fragments whose words occur in this text.
    with scoped("", spaced_letters=has_spaced_letters(text), language=language) as scope:
        scope.folded = normalise(text).casefold()
        if "İ" in text:
            # Turkish capitals: "BELEDİYESİ" folds to "beledi̇yesi̇"; the dotless reading
            # lets the words of a letterhead in capitals count as present too.
            scope.folded += "\n" + normalise(text.replace("İ", "I")).casefold()
        return _analyse(text, tables, pages, language, organisations)


def _analyse(
    text: str,
    tables: Sequence[Table],
    pages: Sequence[PageText] | None,
    language: str,
    organisations: Sequence[OrganisationCandidate],
) -> Analysis:
    analysis = Analysis()
    analysis.language = language
    analysis.cemr_related = is_cemr_related(text)
    analysis.document_date = find_document_date(text)

    mention = main_organisation(text)
    candidate = None
    if organisations:
        candidate = match_candidate(mention.name, organisations) if mention else None
        candidate = candidate or candidates_in_text(text, organisations)
        if candidate and mention is None:
            mention = OrganisationMention(0, candidate.name, candidate.country)
    country = country_for(text, language, mention)
    if candidate and candidate.country:
        country = candidate.country
    analysis.country = country
    analysis.organisation = mention.name if mention else UNKNOWN
    analysis.organisation_id = candidate.id if candidate else None

    head = text[:1500]
    bodies = find_bodies(" ".join(head.split()))
    agenda = is_agenda(text)
    motion = is_motion(text)
    case_number = find_case_number(" ".join(head.split()))
    if case_number == UNKNOWN and motion:
        case_number = _motion_number(head) or UNKNOWN
    context = Context(
        text=text,
        cemr_related=analysis.cemr_related,
        document_date=analysis.document_date,
        organisation=mention,
        country=country,
        head_body=bodies[0][1] if bodies else "",
        head_case_number=case_number,
        head_paragraph=_head_paragraph(head),
        is_agenda=agenda,
        is_motion=motion,
        is_draft=is_draft(text),
        is_minutes=is_minutes(text),
        pages=_page_offsets(pages),
        names_plan=bool(lexicon.words("subjects.plan_words").search(text[:2000])),
    )
    sentences = split_sentences(text)
    decisions = extract_decisions(context, sentences)
    for decision in decisions:
        if organisations and decision.organisation != UNKNOWN:
            matched = match_candidate(decision.organisation, organisations)
            if matched:
                decision.organisation_id = matched.id
                if matched.country:
                    decision.country = matched.country
    if analysis.organisation == UNKNOWN:
        named = [d.organisation for d in decisions if d.organisation != UNKNOWN]
        if named:
            analysis.organisation = Counter(named).most_common(1)[0][0]
    analysis.decisions = decisions

    rows: list[ActionRow] = rows_from_tables(tables) if tables else []
    if not rows:
        rows = rows_from_text(text)
    if not rows:
        # Measures written as lists or prose; prose only in action-plan-like texts.
        plan_context = bool(lexicon.words("subjects.plan_words").search(text))
        rows = rows_from_prose(text, sentences, plan_context=plan_context)
    offsets = context.pages
    for row in rows:
        if row.page is None and offsets:
            position = text.find(row.activity[:30])
            row.page = next((n for s, e, n in offsets if s <= position < e), None)
    analysis.action_rows = rows
    verdict = classify(
        text,
        decisions=decisions,
        action_rows=rows,
        document_date=analysis.document_date,
        agenda=agenda,
        motion=motion,
        formula=any(s.formula for s in sentences) and not motion,
        cemr_related=analysis.cemr_related,
    )
    analysis.kind, analysis.kind_confidence = verdict.kind, verdict.confidence
    analysis.kind_cues = verdict.cues
    return analysis

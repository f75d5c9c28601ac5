"""Decisions of a whole text: each sentence read for a decision, agenda items, then merged."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise

from ...types import UNKNOWN, Decision, DecisionStatus, DecisionType
from .. import lexicon
from ..dates import find_dates, same_year_positions
from ..organisations import OrganisationMention, same_place
from ..organisations import find_organisations_cached as find_organisations
from .bodies import (
    base_form,
    find_bodies,
    group_subject,
    named_subject,
    organisation_for,
    relative_clause_subject,
    signer,
)
from .cues import (
    Action,
    actions,
    cemr_actor,
    charter_spans,
    clause_at,
    counts_in,
    document_language,
    is_aggregate,
    is_generic,
    may_hold_action,
    opens_with_a_bare_plural,
    other_documents,
    proposing_verbs,
    weak_charter_spans,
)
from .fields import (
    STATUTE_BEFORE,
    STATUTE_REACH,
    best_date,
    evidence,
    find_case_number,
    find_paragraph,
    page_of,
)
from .listed import EXAMPLES, list_in_sentence
from .merge import merge_decisions
from .sentences import (
    ABBREVIATIONS,
    SENTENCE_STOP,
    Sentence,
    closes_with_deciding_verb,
    is_decision_heading,
    normalise,
    opens_a_proposal,
    opens_with_decision_heading,
    split_sentences,
)
from .type_and_status import (
    accession_object,
    decision_status,
    decision_type,
    previews_a_session,
)


@dataclass
class Context:
    """What the whole document tells about its decisions (read from its head)."""

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
    is_draft: bool = False  # a draft decision: what it decides is proposed
    is_minutes: bool = False  # minutes: a body acting in the present acts at the meeting
    pages: Sequence[tuple[int, int, int]] = field(default_factory=tuple)  # (start, end, number)
    names_plan: bool = False  # the document's head names an action plan: it may be one
    first_words: dict[str, float] = field(default_factory=dict)  # concept key → first position


IDLE_SENTENCES = 2  # sentences neither acting nor naming a text that keep the topic

# Tenses that make a decision on their own: a past form, or the operative words of a
# decision text ("Prihvata se…").
FINAL = ("past", "operative")

_YEAR = re.compile(r"(?<![\d/-])((?:19|20)\d{2})(?![\d/])")


def extract_decisions(
    context: Context, sentences: Sequence[Sentence] | None = None
) -> list[Decision]:
    """All decisions in the text, merged so each concrete decision appears once."""
    text = context.text
    sentences = list(sentences) if sentences is not None else split_sentences(text)
    found: list[tuple[int, bool, Decision]] = []  # (position, from formula, decision)
    last_year: int | None = None
    previous_charter = previous_signing = False
    recent: list[bool] = []
    idle = 0  # sentences in a row that left the topic as it was
    formulas_used: set[int] = set()
    all_charter = charter_spans(text)
    if context.cemr_related:
        all_charter += weak_charter_spans(text)
    charter_starts = sorted(start for start, _ in all_charter)
    separate: set[int] = set()  # decisions of listed organisations: never merged together
    lists: list[tuple[int, int]] = []  # (position, number of organisations listed)
    groups: list[tuple[int, int, int]] = []  # (position, count, decision id): "5 towns signed"
    for sentence in sentences:
        norm = sentence.norm
        decision = None
        if may_hold_action(norm):
            charter = charter_spans(norm)
            if context.cemr_related and not charter:
                charter = weak_charter_spans(norm)
            decision = _sentence_decision(
                sentence, charter, (previous_charter, previous_signing), last_year, context
            )
            parts = _two_decisions(
                sentence, (previous_charter, previous_signing), last_year, context
            )
            if decision is None and parts and parts[0] is None:
                # "flera kommuner … arbetar utifrån deklarationen; grannkommunen Sundsvall
                # skrev under den 2010": a count, then a decision in a clause of its own.
                decision = parts[1]
            elif decision is not None and parts and parts[0] is not None:
                decision, second = parts
                found.append((sentence.start, sentence.formula, second))
        if decision is None and context.names_plan:
            decision = annex_adoption(sentence, context)
        if decision is None and context.cemr_related:
            decision = cited_resolution(sentence, context)
        if decision is not None:
            # A formula states one decision; its further items are details of it.
            if sentence.formula and sentence.formula_id in formulas_used:
                decision = None
            elif sentence.formula:
                formulas_used.add(sentence.formula_id)
        if decision is not None:
            decision.page = page_of(sentence.start, context.pages)
            listed, list_start = list_in_sentence(norm)
            if list_start == EXAMPLES:
                decision = None
        if decision is not None:
            for name in listed:
                one = replace(decision, organisation=name)
                separate.add(id(one))
                found.append((sentence.start, sentence.formula, one))
            if listed and _clause_before_list(norm, list_start):
                # "Nú hefur Norðurþing undirritað sáttmálann en áður höfðu A, B og C…": the
                # clause before the list is a decision of its own.
                name, _ = organisation_for(norm[:list_start], context.organisation, context.country)
                found.append(
                    (sentence.start, sentence.formula, replace(decision, organisation=name))
                )
            if listed:
                lists.append((sentence.start, len(listed)))
            else:
                if _another_organisation(decision, context):
                    # "… Heidelberg, das die Charta 2009 unterzeichnet hat": never merged
                    # into the document's own decision.
                    separate.add(id(decision))
                found.append((sentence.start, sentence.formula, decision))
                for one in _gapped_decisions(norm, decision, context):
                    separate.add(id(one))
                    separate.add(id(decision))
                    found.append((sentence.start, sentence.formula, one))
                for one in _respective_decisions(norm, decision, context):
                    found.append((sentence.start, sentence.formula, one))
                count = _small_count(norm)
                if count:
                    groups.append((sentence.start, count, id(decision)))
        years = _YEAR.findall(norm)
        if years:
            last_year = int(years[-1])
        index = bisect_left(charter_starts, sentence.start)
        named_here = index < len(charter_starts) and charter_starts[index] < sentence.end
        # "X signed the Charter. … Y has also signed.": the Charter named a sentence or two
        # before is still the object.
        verbs = actions(norm)[0]
        signing_here = (named_here or previous_charter) and any(a.category == "sign" for a in verbs)
        if (
            not named_here
            and not verbs
            and not other_documents().search(norm)
            and idle < IDLE_SENTENCES
        ):
            # "I Sverige är det SKR som samordnar arbetet.": a sentence that neither acts
            # nor names another text leaves the topic where it was, for a sentence or two.
            idle += 1
            continue
        idle = 0
        # A sentence that goes on telling the signing ("The mayor put her signature to the
        # document") keeps the Charter as the topic: "The accession had been approved by
        # the assembly …" after it still joins the Charter.
        recent = [*recent[-1:], named_here or (signing_here and previous_charter)]
        previous_charter = any(recent)
        previous_signing = named_here and signing_here
    found = _approved_proposals(sentences, found, context)
    found = _rejected_proposals(sentences, found, context)
    _case_number_after(text, sentences, found)
    found += _sent_onward(sentences, found)
    if context.is_agenda:
        found = [_listed_on_the_agenda(f, context) for f in found]
        found += _agenda_items(
            context,
            sentences,
            {pos for pos, _, _ in found},
            {decision.decision_type for _, _, decision in found},
        )
    # "5 more municipalities joined. This time A, B, C, D and E signed.": the group is the
    # list that follows, decided once per organisation.
    enumerated = {
        key
        for position, count, key in groups
        if any(0 < start - position <= GROUP_REACH and size == count for start, size in lists)
    }
    found = [f for f in found if id(f[2]) not in enumerated]
    return [_dated_as_proposal(d) for d in merge_decisions(found, separate=separate)]


def _decides_in_capitals(opener: str) -> bool:
    """An opener closing on the body's deciding verb in capitals ("…, el Pleno, por mayoría
    de 22 votos a favor, ACUERDA:", "il Consiglio DELIBERA:"): the body's own decision."""
    words = opener.rstrip(" .:").split()
    return (
        bool(words)
        and len(words[-1]) > 3
        and words[-1].isupper()
        and closes_with_deciding_verb(opener)
        and not opens_a_proposal(opener)
    )


def _dated_as_proposal(decision: Decision) -> Decision:
    """A proposal is not yet a decision: the date the text gives it ("Kommunstyrelsens
    arbetsutskott 2024-10-01 föreslår …", "la proposta approvata dalla Giunta il 6 marzo") is
    the day it was proposed, and the decision the deciding body will take has no date yet."""
    if decision.status != DecisionStatus.PROPOSED or decision.decision_date == UNKNOWN:
        return decision
    return replace(decision, proposal_date=decision.decision_date, decision_date=UNKNOWN)


CITED_REACH = 200  # characters from a resolution's number to the accession it is about


def cited_resolution(sentence: Sentence, context: Context) -> Decision | None:
    """A resolution cited by its number and date as the one on joining the Charter ("w
    związku z uchwałą nr XIII/398/2024 Rady Miasta Lublin z dnia 12 grudnia 2024 r. w
    sprawie przystąpienia … do Europejskiej Karty", "HCL nr. 156/2023 privind aderarea …"):
    that decision, adopted on that date, with that number."""
    norm = sentence.norm
    case_number = find_case_number(norm)
    if case_number == UNKNOWN:
        return None
    at = norm.find(case_number.split()[-1])
    if at < 0 or not any(start > at for start, _ in charter_spans(norm)):
        return None
    verbs, cues = actions(norm)
    accession = [
        a
        for a in verbs
        if a.category == "sign" and a.tense == "infinitive" and 0 < a.start - at <= CITED_REACH
    ]
    if not accession or "reject" in cues or "propose" in cues:
        return None
    dates = [
        d
        for d in find_dates(norm, context.document_date)
        if not d.period and at < d.start < accession[0].start and len(d.value) >= 7
    ]
    if not dates:
        # The date written into the number ("nr. 156/22.06.2023").
        dates = [d for d in find_dates(case_number.replace("/", " ")) if len(d.value) == 10]
        if not dates:
            return None
        case_number = case_number.split("/")[0]
    organisation, country = organisation_for(norm, context.organisation, context.country)
    bodies = [body for start, body in find_bodies(norm) if at - 40 <= start < accession[0].start]
    return Decision(
        organisation=organisation,
        country=country or UNKNOWN,
        decision_type=DecisionType.SIGN_CHARTER,
        status=DecisionStatus.ADOPTED,
        decision_date=dates[0].value,
        deciding_body=base_form(bodies[0]) if bodies else UNKNOWN,
        case_number=case_number,
        evidence=evidence(sentence.text),
        confidence=0.7,
    )


_ANNEX_LINE = lexicon.filtered(r"^(?:\d{1,2}\.?\s+)?(?:{alt})(?=\s|$)", "subjects.annex_words")
ANNEX_LINE_LENGTH = 200


_HEAD_DECISION_LINE = lexicon.filtered(r"^(?:{alt})(?=\s|$)", "subjects.decision_nouns")
PLAN_HEAD = 400  # characters at the top of a plan where its adoption line stands


def annex_adoption(sentence: Sentence, context: Context) -> Decision | None:
    """A plan printed as the annex to a decision ("Anexa la Hotărârea Consiliului Local nr.
    389 din 28 iulie 2021", "Anlage zum Beschluss des Gemeinderats vom …"), or a plan whose
    head names the decision that adopted it ("Beschluss des Stadtrats vom 24. Juli 2025"):
    the plan is adopted by that decision, with its date, body and number. No verb is
    needed. The line may wrap over the lines under it, up to a blank line."""
    norm = sentence.norm
    annex = _ANNEX_LINE.get().match(norm)
    head = (
        sentence.start < PLAN_HEAD
        and _HEAD_DECISION_LINE.get().match(norm)
        # under the plan's title ("2. Gleichstellungsaktionsplan 2025–2028")
        and lexicon.words("subjects.plan_words").search(normalise(context.text[: sentence.start]))
    )
    if len(norm) > ANNEX_LINE_LENGTH or not (annex or head):
        return None
    paragraph_end = context.text.find("\n\n", sentence.start)
    whole = context.text[sentence.start : paragraph_end if paragraph_end >= 0 else None]
    if annex and _in_a_list_of_annexes(context.text, sentence.start):
        return None
    if len(whole) <= ANNEX_LINE_LENGTH:
        norm = normalise(whole)
    dates = [d for d in find_dates(norm, context.document_date) if not d.period]
    case_number = find_case_number(norm)
    bodies = find_bodies(norm)
    if not dates or not (bodies or case_number != UNKNOWN):
        return None
    organisation, country = organisation_for(norm, context.organisation, context.country)
    return Decision(
        organisation=organisation,
        country=country or UNKNOWN,
        decision_type=DecisionType.ADOPT_ACTION_PLAN,
        status=DecisionStatus.ADOPTED,
        evidence=evidence(sentence.text),
        decision_date=dates[0].value,
        deciding_body=base_form(bodies[0][1]) if bodies else UNKNOWN,
        case_number=case_number,
    )


def _in_a_list_of_annexes(text: str, position: int) -> bool:
    """An annex line beside another ("Appendix 1: Text of the Charter" / "Appendix 2:
    Minutes extract, Strategic Policy Committee, 10 November 2025"): a report's list of
    attachments, not the head of a plan printed as an annex."""
    line_start = text.rfind("\n", 0, position) + 1
    before = text[: max(0, line_start - 1)].rsplit("\n", 1)[-1] if line_start else ""
    line_end = text.find("\n", position)
    after = text[line_end + 1 :].split("\n", 1)[0] if line_end >= 0 else ""
    return any(_ANNEX_LINE.get().match(normalise(line)) for line in (before, after) if line)


PROPOSAL_OBJECT_REACH = 80  # characters from an adopting verb to the proposal it adopts


def decided_on_a_proposal(norm: str, verbs: Sequence[Action]) -> bool:
    """A decision in a final form whose only proposal words say whose proposal it followed
    ("wurde vom Grossen Gemeinderat am 28. Juni 2021 auf Antrag des Stadtrats gefasst", "the
    Council resolved, on the recommendation of the Cabinet, …"): adopted, not proposed."""
    if not any(a.category in {"decide", "adopt", "sign"} and a.tense in FINAL for a in verbs):
        return False
    # The document's own language only: Catalan "a proposta de" (on the proposal of) is
    # Portuguese "a proposta de" (the proposal of).
    origins = [
        (m.start(), m.end())
        for m in lexicon.words_in("decisions.on_proposal", document_language()).finditer(norm)
    ]
    if not origins:
        return False
    return all(
        any(start <= m.start() and m.end() <= end for start, end in origins)
        for m in lexicon.words("verbs.propose").finditer(norm)
    )


def adopts_the_proposal(norm: str, verbs: Sequence[Action]) -> bool:
    """Whether the proposal a sentence names is the object of an adopting verb in a final
    form before it ("O executivo aprovou, na reunião de 10 de maio, a proposta de adesão",
    "The council approved the proposal to join"): the body adopted it, nothing is left
    proposed."""
    adopted = [a.end for a in verbs if a.category == "adopt" and a.tense in FINAL]
    # The proposal as the subject of an adopting verb ("la proposta s'aprova", "the
    # proposal was approved"); an infinitive after it is what it proposes.
    passive = [a.start for a in verbs if a.category == "adopt" and a.tense != "infinitive"]
    proposals = list(lexicon.words("verbs.propose").finditer(norm))
    return any(
        0 <= m.start() - end <= PROPOSAL_OBJECT_REACH
        and not re.search(r"[.;:]", norm[end : m.start()])
        for m in proposals
        for end in adopted
    ) or any(
        0 <= start - m.end() <= PROPOSAL_SUBJECT_REACH
        and not re.search(r"[.;:,]", norm[m.end() : start])
        for m in proposals
        for start in passive
    )


PROPOSAL_SUBJECT_REACH = 16  # characters from a proposal to the verb that adopts it
APPROVAL_LENGTH = 90  # characters of a decision line that approves the proposal above it
PROPOSAL_REACH = 8  # sentences back from such a line to the proposal it approves


ITEM_REACH = 8  # sentences from a numbered item's title to its result line
# "Point n° 15 – Adhésion …", "TOP 4 Beitritt …", "Θέμα 5: …": an item's title by its word.
_ITEM_HEADING = lexicon.filtered(
    r"^(?:{alt})\.?\s*(?:n[°º.]?\s*|nr\.?\s*|no\.?\s*)?\d{1,3}(?![\d.,/])", "decisions.item_words"
)


def _item_above(sentences: Sequence[Sentence], index: int) -> Sequence[Sentence]:
    """The sentences from the numbered item's title just above ``index`` ("5. Aprovar …")
    up to it; empty when no item title stands within reach."""
    for start in range(index - 1, max(-1, index - 1 - ITEM_REACH), -1):
        title = sentences[start]
        if approves_what_is_above(title.norm) or opens_with_decision_heading(title.norm):
            return []  # the result line of the item above: this line has no title of its own
        if not (_SECTION_HEADING.match(title.text) or _ITEM_HEADING.get().match(title.norm)):
            continue
        if any(d.start == 0 for d in find_dates(title.text[:30])):
            return []  # "13. mars 2025": a date, not an item's number
        if any(a.tense in FINAL for a in actions(title.norm)[0]):
            return []  # the title tells a decision of its own
        return [title]
    return []


def approves_what_is_above(norm: str) -> bool:
    """A protocol's short decision line that adopts without naming what ("Beslutning:
    Godkendt.", "Päätös: Ehdotus hyväksyttiin.", "Decision: Approved as proposed."): an
    adopting verb in a final form and no Charter, plan or report of its own."""
    verbs, cues = actions(norm)
    if "reject" in cues:
        return False  # "Il Consiglio respinge la mozione": a rejection, not an approval
    if len(norm) > APPROVAL_LENGTH and not (
        len(norm) <= DECIDED_APPROVAL_LENGTH and _decides_to_approve_the_proposal(norm, verbs)
    ):
        return False
    if not any(a.category == "adopt" and a.tense in FINAL for a in verbs) and not (
        _decides_to_approve_the_proposal(norm, verbs)
    ):
        return False
    if any(a.category == "sign" for a in verbs) or charter_spans(norm):
        return False
    if weak_charter_spans(norm):
        return False
    return not any(
        lexicon.words(key).search(norm) for key in ("subjects.plan_words", "subjects.report_words")
    )


DECIDED_APPROVAL_LENGTH = 160  # "A Câmara deliberou, por unanimidade, aprovar a proposta …"


def _decides_to_approve_the_proposal(norm: str, verbs: Sequence[Action]) -> bool:
    """A body deciding to approve the proposal ("deliberou aprovar a proposta", "beslutade
    att godkänna förslaget", "decided to approve the proposal"): a deciding verb in a final
    form, then an adopting verb with the proposal as its object."""
    decided = [a.end for a in verbs if a.category == "decide" and a.tense in FINAL]
    approving = [a for a in verbs if a.category == "adopt" and a.tense == "infinitive"]
    if not decided or not approving:
        return False
    proposals = list(lexicon.words("verbs.propose").finditer(norm))
    return any(
        end <= verb.start
        and 0 <= m.start() - verb.end <= PROPOSAL_OBJECT_REACH
        and not re.search(r"[.;:]", norm[verb.end : m.start()])
        for end in decided
        for verb in approving
        for m in proposals
    )


def _approved_proposals(
    sentences: Sequence[Sentence],
    found: list[tuple[int, bool, Decision]],
    context: Context,
) -> list[tuple[int, bool, Decision]]:
    """A decision line that approves the proposal above it makes that proposal the
    decision: adopted, on the meeting's day, with the proposal's object, body and case."""
    for index, sentence in enumerate(sentences):
        # Only as a protocol's decision ("Beslutning", "Päätös", "Vedtak:"), or as the result
        # line of a numbered item in minutes ("6. Aprovar l'adhesió …" / "S'aprova per
        # unanimitat.").
        if not approves_what_is_above(sentence.norm):
            continue
        if sentence.formula:
            window = sentences[max(0, index - PROPOSAL_REACH) : index]
        else:
            window = _item_above(sentences, index)
        for earlier in reversed(window):
            if opens_with_decision_heading(earlier.norm):
                # Another item's decision line ("Päätös: … jättää asian pöydälle"): what
                # stands above it is that item's, not this line's.
                break
            if _another_formulas_decision(earlier, sentence, found):
                break  # "Kommunestyrets vedtak: …" above "Formannskapets behandling: …"
            if approves_what_is_above(earlier.norm) or not may_hold_action(earlier.norm):
                continue
            charter = charter_spans(earlier.norm)
            if context.cemr_related and not charter:
                charter = weak_charter_spans(earlier.norm)
            as_formula = replace(earlier, formula=True, formula_opener="")
            proposal = _sentence_decision(as_formula, charter, (False, False), None, context)
            if proposal is None:
                continue
            before = sentences.index(earlier)
            around = sentences[max(0, before - ONWARD_REACH) : index + 1]
            onward = [
                body
                for one in around
                for text in (one.formula_opener, one.norm)
                for body in addressed_onward(text)
            ]
            approver = approving_body(sentences, index) or context.head_body
            evidence_text = evidence(f"{earlier.text} ... {sentence.text}")
            if approval_adopts(approver, acting_body(earlier.norm), onward):
                decided = replace(
                    proposal,
                    status=DecisionStatus.ADOPTED,
                    decision_date=context.document_date,
                    evidence=evidence_text,
                )
            else:
                # The committee approved its recommendation to the council: still proposed,
                # for the body it goes on to, and not yet dated (the vote is to come).
                decided = replace(
                    proposal,
                    status=DecisionStatus.PROPOSED,
                    decision_date=UNKNOWN,
                    deciding_body=(onward or [acting_body(earlier.norm) or approver])[0]
                    or proposal.deciding_body,
                    evidence=evidence_text,
                )
            # The proposal's other sentences (its formula's further items) are details of it.
            replaced = {earlier.start}
            if earlier.formula:
                replaced |= {
                    one.start
                    for one in sentences
                    if one.formula and one.formula_id == earlier.formula_id
                }
            found = [f for f in found if f[0] not in replaced]
            found.append((sentence.start, True, decided))
            break
    return found


def _another_formulas_decision(
    earlier: Sentence, line: Sentence, found: list[tuple[int, bool, Decision]]
) -> bool:
    """Whether ``earlier`` is a final decision of another formula than the approving
    ``line``'s: another body's vote, not the proposal this line approves."""
    if not earlier.formula or (line.formula and earlier.formula_id == line.formula_id):
        return False
    return any(f[0] == earlier.start and f[2].status in _FINAL_STATUSES for f in found)


_FINAL_STATUSES = (DecisionStatus.ADOPTED, DecisionStatus.REJECTED)


REJECTION_LENGTH = 120  # characters of a result line that rejects the motion above it


def rejects_what_is_above(norm: str) -> bool:
    """A result line that rejects without naming what ("The Chairperson declared the motion
    lost.", "Il Consiglio respinge la mozione n. 64/2025.", "Förslaget avslogs."): a
    rejection and no Charter, plan or report of its own."""
    if len(norm) > REJECTION_LENGTH or not lexicon.words("verbs.reject").search(norm):
        return False
    verbs, cues = actions(norm)
    if "reject" not in cues or charter_spans(norm) or weak_charter_spans(norm):
        return False
    return not any(a.category == "sign" for a in verbs)


def _rejected_proposals(
    sentences: Sequence[Sentence],
    found: list[tuple[int, bool, Decision]],
    context: Context,
) -> list[tuple[int, bool, Decision]]:
    """A result line that rejects the motion or proposal above it makes the nearest
    proposed decision of the same item rejected, on the meeting's day."""
    for index, sentence in enumerate(sentences):
        if not rejects_what_is_above(sentence.norm):
            continue
        window = sentences[max(0, index - PROPOSAL_REACH) : index]
        for earlier in reversed(window):
            heading = _SECTION_HEADING.match(earlier.text) is not None
            if heading and earlier is not window[-1]:
                break  # another item's heading: not this line's proposal
            if approves_what_is_above(earlier.norm):
                break  # "Samþykkt 3-0.": the proposal above was answered already
            proposed = [
                f
                for f in found
                if f[0] == earlier.start
                and f[2].status == DecisionStatus.PROPOSED
                # Not a past event told beside the motion ("Terni signed it in 2018").
                and f[2].decision_date == UNKNOWN
                and f[2].signing_date == UNKNOWN
            ]
            if not proposed:
                if heading:
                    break  # this item's own heading: nothing above it is this item's
                continue
            position, formula, decision = proposed[-1]
            rejected = replace(
                decision,
                status=DecisionStatus.REJECTED,
                decision_date=context.document_date or decision.decision_date,
                evidence=evidence(f"{earlier.text} ... {sentence.text}"),
            )
            found = [f for f in found if f[2] is not decision]
            found.append((position, formula, rejected))
            break
    return found


def _case_number_after(
    text: str, sentences: Sequence[Sentence], found: list[tuple[int, bool, Decision]]
) -> None:
    """A case number given in the sentence after the decision, in the same paragraph, when
    that sentence states no decision of its own ("… samþykkti aðild að sáttmálanum.
    Tillagan … var samþykkt með 9 atkvæðum gegn 2 (mál nr. 2502104).")."""
    taken = {position for position, _, _ in found}
    following = {
        sentence.start: after
        for sentence, after in pairwise(sentences)
        if after.start not in taken and "\n\n" not in text[sentence.end : after.start]
    }
    for position, _, decision in found:
        after = following.get(position)
        if decision.case_number == UNKNOWN and after is not None:
            decision.case_number = find_case_number(after.norm)


def _sent_onward(
    sentences: Sequence[Sentence], found: list[tuple[int, bool, Decision]]
) -> list[tuple[int, bool, Decision]]:
    """A proposal sent on to another body after a body adopted it ("A Câmara aprovou a
    adesão … A proposta, submetida à aprovação da Assembleia Municipal, …"): that body's
    decision is still to come, proposed and undated."""
    onward: list[tuple[int, bool, Decision]] = []
    taken = {position for position, _, _ in found}
    for index, sentence in enumerate(sentences):
        if sentence.start in taken or index == 0 or sentence.formula:
            continue
        if sentence.norm.rstrip().endswith(":"):
            continue  # it opens a formula: what follows is the proposal itself
        subject = lexicon.words("verbs.propose").search(sentence.norm[:ONWARD_SUBJECT])
        bodies = addressed_onward(sentence.norm) if subject else []
        if not bodies:
            continue
        reach = sentences[max(0, index - ONWARD_REACH)].start
        earlier = [
            decision
            for position, _, decision in found
            if reach <= position < sentence.start and decision.status == DecisionStatus.ADOPTED
        ]
        if not earlier or same_body(earlier[-1].deciding_body, bodies[0]):
            continue
        onward.append(
            (
                sentence.start,
                False,
                replace(
                    earlier[-1],
                    status=DecisionStatus.PROPOSED,
                    decision_date=UNKNOWN,
                    signing_date=UNKNOWN,
                    deciding_body=base_form(bodies[0]),
                    evidence=evidence(sentence.text),
                ),
            )
        )
    return onward


ONWARD_SUBJECT = 40  # characters at a sentence's start where the proposal is its subject
ONWARD_REACH = 2  # sentences before a proposal where a heading may address it onward
HEADING_LENGTH = 80  # characters of a heading line above a decision line
SUBJECT_REACH = 30  # characters from a body to the verb it is the subject of


def approval_adopts(approver: str, acting: str, onward: Sequence[str]) -> bool:
    """Whether a protocol's approving line adopts the proposal above it. It does not when
    the proposal goes on to another body: a recommendation addressed to a body ("förslag
    till kommunfullmäktige", "Recommendation to Council") or a proposal that another body
    is the subject of ("Kommunestyret vedtar …" approved in the formannskap), which that
    body decides later. ``approver`` is the body of the approving line ("" if unknown);
    with none known, a proposal addressed onward stays proposed."""
    if not approver:
        return not onward
    targets = [*onward, acting] if acting else list(onward)
    return all(same_body(approver, target) for target in targets)


def same_body(one: str, other: str) -> bool:
    """Whether two mentions name the same body, whatever their case ending or prefix
    ("formannskapet"/"Formannskapets", "fullmäktige"/"Kommunfullmäktige",
    "valtuustolle"/"Kaupunginvaltuusto", "Council"/"City Council")."""
    short, long = sorted((" ".join(b.casefold().split()) for b in (one, other)), key=len)
    return short[: max(4, len(short) - 3)] in long


_ONWARD_GAP = re.compile(r"[\s'’‘-]*")
_BARE_BODY = re.compile(r"[\s]+([^\W\d_][\w-]{3,})\s*(?:[:.;,]|$)")


def addressed_onward(text: str) -> list[str]:
    """The bodies a proposal or recommendation is sent on to: a body named right after one
    of the language's ``bodies.addressed`` words ("Kommunstyrelsens förslag till
    kommunfullmäktige", "Beschlussempfehlung an den Gemeinderat", "proposta al consiglio
    comunale", "ehdotus kaupunginvaltuustolle"), or a capitalised name ending the heading
    ("Recommendation to Council:")."""
    if not text:
        return []
    bodies = find_bodies(text)
    found = []
    for m in lexicon.words("bodies.addressed").finditer(text):
        named = [
            body
            for start, body in bodies
            if start >= m.end() and _ONWARD_GAP.fullmatch(text[m.end() : start])
        ]
        if named:
            found.append(named[0])
            continue
        bare = _BARE_BODY.match(text, m.end())
        if bare and bare.group(1)[0].isupper():
            found.append(bare.group(1))
    return found


def acting_body(norm: str) -> str:
    """The body a proposal has act: the body it is addressed to ("föreslår kommunfullmäktige
    besluta"), else the subject just before its first deciding, adopting or signing verb
    ("Kommunestyret vedtar at …"); "" when the proposal names none (a proposing body, as
    in "The Cabinet recommends that …", acts nothing)."""
    addressed = addressed_body(norm)
    if addressed:
        return addressed
    verbs = [a for a in actions(norm)[0] if a.category in {"decide", "adopt", "sign"}]
    if not verbs:
        return ""
    verb = verbs[0]
    for start, body in reversed(find_bodies(norm)):
        gap = norm[start : verb.start]
        near = start < verb.start and len(gap) - len(body) <= SUBJECT_REACH
        if near and not proposing_verbs().search(gap) and not re.search(r"[.;:]", gap):
            return body
    return ""


def approving_body(sentences: Sequence[Sentence], index: int) -> str:
    """The body whose decision line ``sentences[index]`` is: one named before its adopting
    verb ("Vedtak i formannskapet: Innstillingen ble vedtatt", "Der Ausschuss stimmt der
    Beschlussempfehlung zu"), else on a heading line just above it ("Vedtak i
    formannskapet:"); "" when neither names one."""
    line = sentences[index].norm
    verbs = [a for a in actions(line)[0] if a.category == "adopt" and a.tense in FINAL]
    end = verbs[0].start if verbs else len(line)
    bodies = find_bodies(line[:end])
    if bodies:
        return bodies[0][1]
    if index:
        above = sentences[index - 1].norm.rstrip()
        if len(above) <= HEADING_LENGTH and (above.endswith(":") or is_decision_heading(above)):
            bodies = find_bodies(above)
            if bodies:
                return bodies[0][1]
    return ""


def _gapped_clause() -> re.Pattern[str]:
    return _gapped_clause_in(document_language())


@cache
def _gapped_clause_in(language: str | None) -> re.Pattern[str]:
    conjunctions = _conjunctions(language)
    name = r"[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3}?"
    return re.compile(
        rf",?\s+(?:{conjunctions})\s+(?P<name>{name})\s+(?:\w{{1,3}}\s+)?(?P<when>(?:19|20)\d{{2}})\s*[.!]?$"
    )


def _two_decisions(
    sentence: Sentence,
    previous: tuple[bool, bool],
    last_year: int | None,
    context: Context,
) -> tuple[Decision | None, Decision] | None:
    """Two decisions in one sentence, each in a clause of its own: of different kinds
    ("Nyköpings kommun undertecknade deklarationen 2019 och fullmäktige antog kommunens
    första handlingsplan 2021") or of different organisations ("Kommunstyrelsen har
    föreslagit att kommunen ska ställa sig bakom deklarationen; grannkommunen Sundsvall
    skrev under den 2010"). The sentence is cut where the clause with the last signing or
    adopting verb begins, and each part read on its own. ``(None, decision)`` when only the
    last clause holds one; ``None`` when it holds none, or both hold the same decision."""
    if sentence.formula or list_in_sentence(sentence.norm)[0]:
        return None  # organisations listed are one decision each already
    norm = sentence.norm
    verbs = [
        a
        for a in actions(norm)[0]
        if a.category in {"sign", "adopt", "decide"} and a.tense in FINAL
    ]
    if not verbs:
        return None
    last = verbs[-1]
    boundaries = [m.start() for m in _clause_boundary().finditer(norm, 0, last.start)]
    if not boundaries:
        return None
    # Where the clause before holds a verb of its own; else where the last verb's clause begins.
    cut = next((c for c in reversed(boundaries) if actions(norm[:c])[0]), boundaries[-1])
    first_part = norm[:cut].strip(" ,;")
    decisions = []
    for start, part in ((0, first_part), (cut, norm[cut:].strip(" ,;"))):
        offset = sentence.start + start
        clause = replace(sentence, start=offset, end=offset + len(part), text=part, norm=part)
        charter = charter_spans(part)
        if context.cemr_related and not charter:
            charter = weak_charter_spans(part)
        if start:  # "…, en Akureyrarbær undirritaði hann árið 2020": the Charter named before
            named = (
                bool(charter_spans(first_part))
                or bool(context.cemr_related and weak_charter_spans(first_part))
                or previous[0]
            )
            signing = decisions[0] is not None and decisions[0].decision_type == "sign_charter"
            previous = (named, named and signing)
        decisions.append(_sentence_decision(clause, charter, previous, last_year, context))
    first, second = decisions
    if second is None:
        return None
    if first is None:
        # Only a place named in the clause itself: "in 36 countries have signed" is a count.
        named = second.organisation != UNKNOWN and _names_in(second.organisation, norm[cut:])
        return (None, second) if named and not is_aggregate(norm[cut:]) else None
    if (
        first.decision_type == second.decision_type
        and (
            UNKNOWN in (first.organisation, second.organisation)
            or same_place(first.organisation, second.organisation)
        )
        and not _dated_apart(first, second)
    ):
        return None
    return first, second


def _dated_apart(first: Decision, second: Decision) -> bool:
    """Two decisions of the same kind dated in different years ("Tras un primer plan
    aprobado en 2013, el Pleno aprobó el II Plan … el 13 de diciembre de 2023"): two acts."""
    dates = (first.decision_date, second.decision_date)
    return UNKNOWN not in dates and dates[0][:4] != dates[1][:4]


def _names_in(organisation: str, text: str) -> bool:
    """Whether ``text`` names ``organisation`` (one of its capitalised words stands there)."""
    return any(
        word[:1].isupper() and len(word) > 2 and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
        for word in organisation.split()
    )


@cache
def _conjunctions(language: str | None) -> str:
    """The conjunctions of ``language`` joining the last two items ("och", "and", "et"), as
    an alternation, longest first; every language's when it is unknown (not Czech "a" inside
    French "a été" when the document is French)."""
    words = sorted(set(lexicon.fragments_in("prose.list_conjunctions", language)), key=len)[::-1]
    return "|".join(re.escape(w) for w in words) or "(?!)"


def _clause_boundary() -> re.Pattern[str]:
    """Where a clause with a subject of its own may begin: a comma, semicolon, or a
    conjunction of the document's language joining clauses ("och", "and", "et"; not
    Czech "a" in French "a été")."""
    return _clause_boundary_in(document_language())


@cache
def _clause_boundary_in(language: str | None) -> re.Pattern[str]:
    return re.compile(rf"[,;]\s|\s(?:{_conjunctions(language)})\s", re.IGNORECASE)


def _gapped_decisions(norm: str, decision: Decision, context: Context) -> list[Decision]:
    """A second subject with its own year and no verb of its own, the verb gapped ("X
    joined the Charter in 2008, and Y in 2009"): the same decision for Y, dated its year."""
    m = _gapped_clause().search(norm)
    if not m or not m.group("name")[:1].isupper():
        return []
    if actions(m.group(0))[0] or not find_organisations(m.group("name")):
        return []
    when = m.group("when")
    one = replace(decision, organisation=m.group("name"))
    if decision.signing_date != UNKNOWN:
        one.signing_date = when
    else:
        one.decision_date = when
    # The first subject keeps only its own clause's organisation and date.
    decision.organisation, _ = organisation_for(
        norm[: m.start()], context.organisation, context.country
    )
    own = [d for d in find_dates(norm[: m.start()], context.document_date) if not d.period]
    if own:
        if decision.signing_date != UNKNOWN:
            decision.signing_date = own[-1].value
        elif decision.decision_date != UNKNOWN:
            decision.decision_date = own[-1].value
    return [one]


def _respective_decisions(norm: str, decision: Decision, context: Context) -> list[Decision]:
    """ "Adopted by the board and the council on 15 and 26 November respectively": a second
    decision for each further date, paired in order with the bodies named."""
    if decision.decision_date == UNKNOWN or not lexicon.words("decisions.respectively").search(
        norm
    ):
        return []
    dates = [
        d for d in find_dates(norm, context.document_date) if not d.period and d.precision == 3
    ]
    values = list(dict.fromkeys(d.value for d in dates))
    if len(values) < 2 or decision.decision_date not in values:
        return []
    bodies = [body for _, body in find_bodies(norm)]
    paired = len(bodies) == len(values)
    result = []
    for index, value in enumerate(values):
        body = bodies[index] if paired else decision.deciding_body
        if value == decision.decision_date:
            decision.deciding_body = body
            continue
        result.append(replace(decision, decision_date=value, deciding_body=body))
    return result


GROUP_REACH = 600  # characters from a counted group to the list that names its members
_SMALL_COUNT = re.compile(r"(?<![\w.,/-])([2-9]|1\d)(?![\w.,/%-])")


def _small_count(norm: str) -> int:
    """A small count in a sentence ("five more towns": "5 more towns"), or 0."""
    m = _SMALL_COUNT.search(norm)
    return int(m.group(1)) if m else 0


def _clause_before_list(norm: str, list_start: int) -> bool:
    """Whether a sign or adopt verb and the Charter it acts on both stand before a list of
    organisations: that clause has a subject of its own."""
    verbs, _ = actions(norm[:list_start])
    charter = charter_spans(norm[:list_start])
    return any(
        verb.category in {"sign", "adopt"}
        and verb.tense in FINAL
        and any(verb.end <= start for start, _ in charter)
        for verb in verbs
    )


# One sentence ------------------------------------------------------------------------------


def _sentence_decision(
    sentence: Sentence,
    charter: list[tuple[int, int]],
    previous: tuple[bool, bool],
    last_year: int | None,
    context: Context,
) -> Decision | None:
    """The decision a sentence reports, or ``None``. ``previous`` tells whether the
    sentence before named the Charter, and whether it spoke of signing it."""
    previous_charter, previous_signing = previous
    norm = sentence.norm
    verbs, cues = actions(norm)
    if "propose" in cues and decided_on_a_proposal(norm, verbs):
        cues = cues - {"propose"}
    negated = [
        a
        for a in verbs
        if a.category != "decide" and (is_negated(norm, a.start) or _negated_after(norm, a))
    ]
    if negated:
        verbs = [a for a in verbs if a not in negated]
        decided = any(a.category == "decide" and not is_negated(norm, a.start) for a in verbs)
        if decided or (sentence.formula and not opens_a_proposal(sentence.formula_opener)):
            # "beslutade att inte underteckna": decided not to; "Kommunestyrets vedtak: 1.
            # X kommune slutter seg ikke nå til …": the body's own decision says no.
            cues = cues | {"reject"}
            verbs = [*verbs, *negated]
        elif not any(a.category in {"sign", "adopt"} for a in verbs):
            return None  # "has not signed": nothing was decided
    if not verbs:
        return None
    if sentence.formula:
        opener_verbs, opener_cues = actions(sentence.formula_opener)
        if adopts_the_proposal(sentence.formula_opener, opener_verbs) or _decides_in_capitals(
            sentence.formula_opener
        ):
            # "la proposta s'aprova … i el Ple ACORDA:": the proposal is adopted here;
            # "Visto el dictamen … sobre la propuesta …, el Pleno … ACUERDA:": the
            # proposal is the history of what the body decides now.
            opener_cues = opener_cues - {"propose"}
        cues |= opener_cues
    proposed_by_opener = sentence.formula and (
        context.is_draft or opens_a_proposal(sentence.formula_opener)
    )
    has_decide = any(a.category == "decide" for a in verbs)
    proposal = (
        proposed_by_opener
        or "propose" in cues
        or (context.is_motion and not any(a.tense in FINAL for a in verbs))
        # "§ 2. Upoważnia się Prezydenta …" in a draft: its operative words are proposed.
        or (context.is_draft and any(a.tense == "operative" for a in verbs))
    )
    qualifying = _qualifying_actions(
        verbs, norm, any_form=sentence.formula or proposal, has_decide=has_decide
    )
    if not qualifying or _cemr_launches_the_charter(norm, qualifying):
        return None
    plans = [(m.start(), m.end()) for m in lexicon.words("subjects.plan_words").finditer(norm)]
    reports = [(m.start(), m.end()) for m in lexicon.words("subjects.report_words").finditer(norm)]
    typed = decision_type(
        qualifying,
        norm,
        charter,
        plans,
        reports,
        previous_charter and context.cemr_related,
        previous_signing and context.cemr_related,
    )
    if typed is None:
        typed = accession_object(
            qualifying, verbs, charter, previous_charter and context.cemr_related
        )
    if typed is None:
        typed = _adoption_line(sentence, qualifying, context)
    if typed is None:
        return None
    kind, action = typed
    preview = not sentence.formula and previews_a_session(
        verbs, cues, body_named=bool(find_bodies(norm))
    )
    if proposal and not proposed_by_opener and adopts_the_proposal(norm, verbs):
        proposal = False
    status = decision_status(cues, proposal=proposal, preview=preview)
    organisation, country = organisation_for(norm, context.organisation, context.country)
    subject = relative_clause_subject(norm, action.start, document_language())
    if (
        not subject
        and action.category == "sign"
        and action.tense == "past"
        and not find_organisations(norm)
    ):
        # "Grannkommunen Sundsvall skrev under den 2010": the place named as the subject.
        subject = named_subject(norm, action.start, document_language())
    if subject and not (context.organisation and same_place(subject, context.organisation.name)):
        # "… Heidelberg, das die Charta 2009 unterzeichnet hat": that place's decision.
        organisation = subject
    another_place = organisation != UNKNOWN and not (
        context.organisation and same_place(organisation, context.organisation.name)
    )
    if (
        another_place
        and status == DecisionStatus.PROPOSED
        and not proposed_by_opener
        and action.tense in FINAL
        and not lexicon.words("verbs.propose").search(clause_at(norm, action.start))
    ):
        # "illustra la mozione, ricordando che … sottoscritta dal Comune di Terni già nel
        # 2018": the motion is this meeting's; the other place's signing is done.
        status = DecisionStatus.ADOPTED
    group = group_subject(norm, action.start)
    if group and not subject:
        # "13 Comuni … hanno sottoscritto la Carta": one decision, the group as written.
        organisation = group
    association = association_acting(norm, action.start)
    if association:
        # "Suomen Kuntaliitto hyväksyi peruskirjan": an endorsement, not a signature.
        kind, organisation = DecisionType.OTHER, association
    decision = Decision(
        organisation=organisation,
        country=country or UNKNOWN,
        decision_type=kind,
        status=status,
        evidence=evidence(sentence.text),
    )
    # "X joined the Charter; the council adopted the decision on 12 November": a body's
    # adoption in the same sentence makes the date the decision's.
    adopts = any(a.category == "adopt" and a.tense in FINAL for a in verbs)
    body_adopts = adopts and bool(find_bodies(norm))
    # In a formula, signing named as a noun or infinitive is what the meeting decides.
    decided_in_formula = sentence.formula and action.tense not in FINAL
    signing_act = (
        action.category == "sign"
        and not has_decide
        and not body_adopts
        and not decided_in_formula
        and not _dated_by_a_decision(norm, context)
        and not _joins_by_a_decision(norm, action)
        # "L'adhesió havia estat aprovada …", "is to become a signatory after councillors
        # backed the move": a signing to come that a body adopted is dated by the adoption.
        and not (adopts and action.tense not in FINAL)
    )
    operative = action.tense == "operative"
    # "Sveitarstjórn samþykkir að …", "Kommunfullmäktige beslutar att …": a body deciding in
    # the present is the meeting the text records, on its day.
    decides_now = (
        status == DecisionStatus.ADOPTED
        and bool(find_bodies(norm))
        and any(
            a.tense == "present"
            and (a.category == "decide" or (context.is_minutes and a.category == "adopt"))
            for a in verbs
        )
    )
    value, decision.signing_date, own = _dates(
        sentence,
        action,
        status,
        signing_act,
        proposed_by_opener or operative or decides_now,
        last_year,
        context,
    )
    decision.decision_date = value or UNKNOWN
    if action.category == "sign" and action.tense in FINAL:
        _date_signing_apart(decision, norm, action, verbs if body_adopts else (), context)
    if UNKNOWN == decision.decision_date == decision.signing_date and (
        (status == DecisionStatus.ADOPTED and not own) or status == DecisionStatus.REJECTED
    ):
        decision.decision_date = _meeting_told_next(sentence, context) or UNKNOWN
    if association and UNKNOWN == decision.decision_date == decision.signing_date:
        # An association's endorsement is an event only when dated; undated, it is
        # background, like CEMR's own statements.
        return None
    decision.deciding_body = _deciding_body(
        sentence, action, signing_act, own, proposed_by_opener, context
    )
    decision.case_number = find_case_number(norm, near=action.start)
    own_meeting = own or value == context.document_date
    if decision.case_number == UNKNOWN and own_meeting and not association:
        decision.case_number = (
            section_case_number(context.text, sentence.start) or context.head_case_number
        )
    decision.paragraph = find_paragraph(norm)
    if decision.paragraph == UNKNOWN and own and context.head_paragraph:
        decision.paragraph = context.head_paragraph
    decision.confidence = _confidence(decision, sentence, action, plans, reports)
    return decision


_SECTION_HEADING = re.compile(r"(?m)^[ \t]*(?:§\s?\d{1,4}|\d{1,2}[.)]-?)[ \t]")


def section_case_number(text: str, position: int) -> str:
    """The case number of the protocol section or agenda item holding ``position``: on its
    heading line ("§ 97   Dnr KS 2025/301") or the line under it ("6. Aprovar l'adhesió …" /
    "Expedient 2025/8841"); empty when the section names none."""
    labelled = _labelled_number_in_item(text, position)
    if labelled:
        return labelled
    headings = [
        m for m in _SECTION_HEADING.finditer(text, 0, position + 12) if m.start() <= position
    ]
    # The items of a decision ("1. Ludvika kommun undertecknar …") stand under their
    # section's heading: look further up, but not past a "§" section's own heading.
    for heading in reversed(headings[-SECTION_HEADINGS:]):
        lines = text[heading.start() :].split("\n", 2)[:2]
        for line in lines:
            found = find_case_number(" ".join(line.split()))
            if found != UNKNOWN:
                return found
        if "§" in heading.group(0):
            break
    return ""


SECTION_HEADINGS = 6  # headings looked at, nearest first, for a section's case number
NUMBER_LINE_WORDS = 6  # words of a line that gives an item's own number ("Usnesení č. 1407/Z34/26")
ITEM_SPAN = 1500  # characters above a decision where its item's title may stand


def _labelled_number_in_item(text: str, position: int) -> str:
    """The number on a short line of its own between an agenda item's title ("Bod 3 –
    Přistoupení k Evropské chartě …") and the decision: the decision's own number, not one
    the item's history cites in a sentence ("doporučila svým usnesením č. R/4471/26")."""
    line_start = text.rfind("\n", 0, position) + 1
    if _item_title(text[line_start:].split("\n", 1)[0]):
        return ""  # the decision is the item's title: its number stands under it
    lines = [
        " ".join(line.split()) for line in text[max(0, position - ITEM_SPAN) : position].split("\n")
    ]
    title = next((i for i in range(len(lines) - 1, -1, -1) if _item_title(lines[i])), None)
    if title is None:
        return ""
    for line in reversed(lines[title + 1 :]):
        if 0 < len(line.split()) <= NUMBER_LINE_WORDS and find_case_number(line) != UNKNOWN:
            return find_case_number(line)
    return ""


def _item_title(line: str) -> bool:
    """Whether a line opens an agenda item or a protocol section ("Bod 3 – …", "§ 12")."""
    line = " ".join(line.split())
    return bool(_ITEM_HEADING.get().match(line) or _SECTION_HEADING.match(line))


def _another_organisation(decision: Decision, context: Context) -> bool:
    own = context.organisation
    return (
        own is not None
        and decision.organisation not in (UNKNOWN, own.name)
        and not same_place(decision.organisation, own.name)
    )


NEGATION_REACH = 3  # words between a negation and the verb it negates


def is_negated(norm: str, position: int) -> bool:
    """A negation of the document's language among the few words before ``position``, in
    the same clause ("har inte undertecknat", "has not yet signed", "nicht unterzeichnet")."""
    words = _negations()
    if not words:
        return False
    before = re.split(r"[,;:.!?()]", norm[max(0, position - 60) : position])[-1]
    tokens = re.findall(r"[\w'’]+", before.casefold())[-(NEGATION_REACH + 1) :]
    exceptions = lexicon.negation_exceptions()
    return any(
        (token in words or token.endswith("n't"))
        and not (index + 1 < len(tokens) and tokens[index + 1] in exceptions)
        for index, token in enumerate(tokens)
    )


AFTER_VERB_REACH = 2  # words after a verb where a negation of a V2 language negates it


def _negated_after(norm: str, action: Action) -> bool:
    """A negation inside the verb's words or just after it, in a language that puts it
    there ("slutter seg ikke nå til", "undertecknar inte", "ne signe pas")."""
    language = document_language()
    if not language or not lexicon.negates_after_verb(language):
        return False
    words = _negations()
    after = re.split(r"[,;:.!?()]", norm[action.end : action.end + 40])[0]
    inside = re.findall(r"[\w'’]+", norm[action.start : action.end].casefold())[1:]
    tokens = inside + re.findall(r"[\w'’]+", after.casefold())[:AFTER_VERB_REACH]
    exceptions = lexicon.negation_exceptions()
    return any(
        token in words and not (index + 1 < len(tokens) and tokens[index + 1] in exceptions)
        for index, token in enumerate(tokens)
    )


def _negations() -> frozenset[str]:
    return lexicon.negations(document_language() or "en")


def _adoption_line(
    sentence: Sentence, qualifying: list[Action], context: Context
) -> tuple[DecisionType, Action] | None:
    """A plan's own adoption line ("Antagen av kommunfullmäktige 2027-01-30, § 12, KS
    2026/455"): short, an adopting or deciding verb ("Vom Gemeinderat beschlossen am …"), a
    deciding body and a date, in a document whose head names an action plan. What was adopted
    is the plan itself. A report's line of the same shape that takes note ("Käsitelty:
    kaupunginhallitus 26.1.2026 § 19 (merkitty tiedoksi)") is the report's follow-up."""
    norm = sentence.norm
    noted = [a for a in qualifying if a.category == "note"]
    adopted = [a for a in qualifying if a.category in {"adopt", "decide"} and a.tense in FINAL]
    if not (noted or (adopted and context.names_plan)) or len(norm) > 160:
        return None
    if not find_bodies(norm) or not find_dates(norm, context.document_date):
        return None
    # The document is named above its line (its title); a line of minutes above any mention
    # of a plan ("Der Gemeinderat beschließt den Bebauungsplan …") adopts something else.
    if noted and _first_word_at(context, "subjects.report_words") < sentence.start:
        return DecisionType.FOLLOW_UP_REPORT, noted[0]
    if not adopted or not context.names_plan:
        return None
    if _first_word_at(context, "subjects.plan_words") >= sentence.start:
        return None
    return DecisionType.ADOPT_ACTION_PLAN, adopted[0]


def _first_word_at(context: Context, key: str) -> float:
    """Where the document first uses a word of ``key`` (infinity when never), found once."""
    if key not in context.first_words:
        match = lexicon.words(key).search(context.text)
        context.first_words[key] = match.start() if match else float("inf")
    return context.first_words[key]


def _qualifying_actions(
    verbs: list[Action], norm: str, *, any_form: bool, has_decide: bool
) -> list[Action]:
    """The verbs that make a decision: a past form or "supported"; any form inside a formula
    or a proposal, or beside a decision verb ("beslutar att anta"). A verb in a clause that
    counts signatories or states a generic duty makes none."""
    qualifying = []
    # "… is to become a signatory … after councillors backed the move": the signing named
    # before the adopting verb is what the body adopted (one named after it is the verb's
    # object, or a clause about something else, and is read as such elsewhere).
    adopted_at = min(
        (a.start for a in verbs if a.category == "adopt" and a.tense in FINAL), default=-1
    )
    for action in verbs:
        counts = (
            action.tense in FINAL
            or action.category == "support"
            or any_form
            or (has_decide and action.category != "decide")
            or (action.category == "sign" and action.end <= adopted_at)
            or (action.category == "sign" and _joins_by_a_decision(norm, action))
        )
        if not counts:
            continue
        # The clause up to just after the verb: its subject, not a relative clause after it
        # ("… signed the Charter, with which 126 municipalities committed…").
        clause = clause_at(norm, action.start)
        clause = clause[
            : clause.find(norm[action.start : action.end]) + (action.end - action.start) + 40
        ]
        # A count or quantifier opening the sentence is its subject ("Flera andra kommuner i
        # Sverige, bland andra …, har undertecknat").
        opening = norm[: min(60, action.start)]
        if is_aggregate(clause) or is_generic(clause) or is_aggregate(opening):
            continue
        if opens_with_a_bare_plural(opening) or _party_group_acts(clause):
            continue
        if _counted_after(norm, action):
            continue
        qualifying.append(action)
    return qualifying


def _party_group_acts(clause: str) -> bool:
    """A party group or the opposition is the subject ("Η παράταξη της μείζονος
    αντιπολίτευσης ψήφισε λευκό", "Die SPD-Fraktion stimmte zu"): a group's vote, not the
    organisation's decision."""
    words = lexicon.words_in("decisions.party_groups", document_language())
    first = re.split(r"[,;:]\s", clause, maxsplit=1)[0]
    return bool(words.search(first[:60]))


AGENT_REACH = 25  # characters from the verb to a count that is its agent or subject


def _counted_after(norm: str, action: Action) -> bool:
    """A count right after the verb is its agent or its subject: "has been signed by more
    than 2,000 local governments", "podpisało dotąd kilkadziesiąt polskich samorządów".
    A count after the verb's object or a comma is about something else ("signed the
    Charter, as 120 municipalities have")."""
    after = re.split(r"[,;:.()]\s", norm[action.end : action.end + 100], maxsplit=1)[0]
    return any(start <= AGENT_REACH for start in counts_in(after))


_CHARTER_HISTORY = re.compile(r"2006|2022|launch|lancer|lanser|ins\s+leben", re.IGNORECASE)


def _cemr_launches_the_charter(norm: str, qualifying: Sequence[Action] = ()) -> bool:
    """CEMR adopting or launching the Charter itself, with no organisation or body named:
    the history of the Charter is told, or CEMR is the one that adopted it (CEMR signs
    nothing)."""
    adopting = bool(qualifying) and all(a.category == "adopt" for a in qualifying)
    # "Ο Χάρτης, που υιοθετήθηκε το 2006 …": the Charter, the sentence's subject, adopted
    # in its own launch year (not "Kuntaliitto hyväksyi peruskirjan syyskuussa 2006").
    launched = (
        adopting
        and _LAUNCH_YEAR.search(norm) is not None
        and any(
            start < CHARTER_SUBJECT_REACH
            for start, _ in charter_spans(norm) + weak_charter_spans(norm)
        )
    )
    return bool(
        (launched or (cemr_actor().search(norm) and (_CHARTER_HISTORY.search(norm) or adopting)))
        and not find_organisations(norm)
        and not find_bodies(norm)
    )


_LAUNCH_YEAR = re.compile(r"(?<!\d)2006(?!\d)")
CHARTER_SUBJECT_REACH = 20  # characters from a sentence's start where its subject stands


JOINS_BY_DECISION_REACH = 120  # characters from "with the decision of …" to "joins"


def _joins_by_a_decision(norm: str, action: Action) -> bool:
    """Joining in the present, told as the effect of a decision named before it ("Με τη
    χθεσινή απόφαση του Δημοτικού Συμβουλίου, ο Δήμος προσχωρεί …", "With last night's
    decision of the council, the city joins …"): the decision was taken."""
    if action.tense != "present":
        return False
    return any(
        0 <= action.start - m.end() <= JOINS_BY_DECISION_REACH
        for m in lexicon.words("subjects.decision_nouns").finditer(norm)
    )


DECISION_DATE_REACH = 40  # characters from "by the decision of …" to its date


def _dated_by_a_decision(norm: str, context: Context) -> bool:
    """A signing told with the decision behind it and that decision's date ("liittyi
    peruskirjaan kaupunginvaltuuston päätöksellä 9.3.2020 § 24", "joined by a resolution of
    3 March 2020"): the date is the decision's, not a signature's."""
    dates = find_dates(norm, context.document_date)
    if not dates:
        return False
    for noun in lexicon.words("subjects.decision_nouns").finditer(norm):
        for date in dates:
            gap = norm[noun.end() : date.start]
            if 0 <= date.start - noun.end() <= DECISION_DATE_REACH and not _stops(gap):
                return True
    return False


def _stops(gap: str) -> bool:
    """Whether a sentence or clause ends inside ``gap``: a colon, a semicolon or a full stop,
    but not the dot of "n. 211" or "Nr. 12"."""
    for m in re.finditer(r"[.;:]\s", gap):
        if m.group(0)[0] != ".":
            return True
        word = re.search(r"(\w+)$", gap[: m.start()])
        if not (word and word.group(1).casefold() in ABBREVIATIONS):
            return True
    return False


def _dates(
    sentence: Sentence,
    action: Action,
    status: DecisionStatus,
    signing_act: bool,
    proposed_by_opener: bool,
    last_year: int | None,
    context: Context,
) -> tuple[str, str, bool]:
    """(decision date, signing date, own): ``own`` when the decision is the document's own
    (a formula, or a proposal with no date of its own), so the meeting's date, body, case
    number and paragraph apply to it.

    The date nearest the verb; else "that same year" after a year named before; else, in a
    formula, the meeting's date. A person signing on a given day gives the signing date:
    the decision behind it is dated elsewhere.
    """
    norm = sentence.norm
    dates = _event_dates(norm, context)
    date = best_date(dates, action.start)
    value = date.value if date else UNKNOWN
    if value == UNKNOWN and same_year_positions(norm) and last_year:
        value = str(last_year)
    adopted = status == DecisionStatus.ADOPTED
    operative = action.tense == "operative"
    own = sentence.formula or operative or (not adopted and not date)
    # ``proposed_by_opener`` is also set for a body deciding in the present tense.
    if value == UNKNOWN and adopted and proposed_by_opener and not sentence.formula:
        own = True
    rejected = status == DecisionStatus.REJECTED and sentence.formula
    if (
        value == UNKNOWN
        and (sentence.formula or operative or own)
        and (adopted or rejected or proposed_by_opener)
    ):
        # The meeting's day as the opener gives it ("behandlet saken i møte 27.03.2025 … og
        # fattet følgende vedtak:"), else the document's (a letter's date may be later).
        value = (
            _opener_date(sentence, context)
            or _body_meeting_date(sentence, context)
            or context.document_date
        )
    elif (
        (sentence.formula or operative)
        and adopted
        and len(value) == 4
        and (context.document_date.startswith(value) or len(context.document_date) == 10)
    ):
        # A year alone in the meeting's own decision ("prend acte du rapport annuel 2023",
        # "2024 metų ataskaitą") names a period; the decision is the meeting's, of its day.
        value = context.document_date
    # A signing or joining with its date ("potpisana dana 04.02.2021", "joined in 2008")
    # dates the signing; the decision behind it is dated elsewhere, or not at all. A body
    # that "signs" decides.
    signed = (
        signing_act
        and date is not None
        and adopted
        and not _body_signs(norm, action)
        and not _resolution_date(norm, date)
        and not _meeting_day(norm, date)
    )
    if signed:
        return UNKNOWN, value, own
    return value, UNKNOWN, own


def _date_signing_apart(
    decision: Decision, norm: str, action: Action, verbs: Sequence[Action], context: Context
) -> None:
    """A signing told with a date and the decision behind it with another ("Palma va signar
    la Carta el 25 de novembre de 2019, després que el Ple n'aprovàs l'adhesió en la sessió
    de 31 d'octubre de 2019", "Lahti allekirjoitti peruskirjan 8.3.2022 kaupunginhallituksen
    21.2.2022 tekemän päätöksen perusteella"): the date nearest the body's adopting verb or
    the decision's noun is the decision's, the one nearest the signing verb the signing's."""
    days = [d for d in find_dates(norm, context.document_date) if len(d.value) >= 7]
    if len(days) < 2:
        return
    anchors = [a.start for a in verbs if a.category == "adopt" and a.tense in FINAL]
    anchors += [m.start() for m in lexicon.words("subjects.decision_nouns").finditer(norm)]
    if not anchors:
        return
    signed = min(days, key=lambda d: abs(d.start - action.start))
    others = [d for d in days if d.value != signed.value]
    if not others:
        return
    adopted = min(others, key=lambda d: min(abs(d.start - anchor) for anchor in anchors))
    if min(abs(adopted.start - anchor) for anchor in anchors) > DECISION_DATE_REACH:
        return
    decision.decision_date, decision.signing_date = adopted.value, signed.value


def _meeting_day(norm: str, date) -> bool:
    """A date told as a meeting's ("στη συνεδρίαση της 24-6-2020", "at its meeting on 3
    March"): a meeting decides, so the date is the decision's, not a signature's; but a
    mayor signing at a meeting signs on its day."""
    if signer(norm):
        return False
    before = norm[max(0, date.start - MEETING_DATE_REACH) : date.start]
    if _stops(before):
        before = re.split(r"[.;:]\s", before)[-1]
    return any(lexicon.words_in("decisions.meeting_words", document_language()).finditer(before))


NEXT_SENTENCE_REACH = 300  # characters of the sentence after a decision
MEETING_DATE_REACH = 40  # characters between a meeting word and its date


def _meeting_told_next(sentence: Sentence, context: Context) -> str:
    """The day of the meeting the next sentence tells, for an undated decision: "Tarnowscy
    radni nie zgodzili się na przystąpienie … Podczas czwartkowej sesji … głosowało 10
    radnych", "The council backed the Charter. At Tuesday's meeting, 30 voted for it"."""
    rest = context.text[sentence.end : sentence.end + NEXT_SENTENCE_REACH].lstrip()
    stop = SENTENCE_STOP.search(rest)
    following = " ".join(rest[: stop.start() if stop else len(rest)].split())
    meetings = [
        m.start()
        for m in lexicon.words_in("decisions.meeting_words", document_language()).finditer(
            following
        )
    ]
    if not meetings:
        return ""
    days = {
        d.value
        for d in find_dates(following, context.document_date)
        if not d.period
        and len(d.value) == 10
        and any(abs(d.start - at) <= MEETING_DATE_REACH for at in meetings)
    }
    return days.pop() if len(days) == 1 else ""


def _opener_date(sentence: Sentence, context: Context) -> str:
    if not sentence.formula or not sentence.formula_opener:
        return ""
    opener = sentence.formula_opener
    days = [d for d in _event_dates(opener, context) if len(d.value) == 10 and not d.period]
    bodies = find_bodies(opener)
    if bodies and _decides_in_capitals(opener) and "propose" in actions(opener)[1]:
        # "Visto el dictamen de la Comisión de Igualdad de 27 de abril, sobre la propuesta
        # …, el Pleno … ACUERDA:": a day before the deciding body dates the proposal.
        days = [d for d in days if d.start > bodies[-1][0]]
    return days[-1].value if len(days) == 1 else ""


BODY_HEADING_WORDS = 6  # words of a line naming a body and its meeting's day
BODY_HEADING_REACH = 3000  # characters above a formula where that line may stand


def _body_meeting_date(sentence: Sentence, context: Context) -> str:
    """The day of the opener's body's meeting, from the nearest short line above that names
    that body and one day ("Kommunestyrets behandling 26.02.2026:", "2 Kommunestyret
    26.02.2026 14/26"): a record of several bodies' meetings dates each body's decision."""
    if not sentence.formula or not sentence.formula_opener:
        return ""
    bodies = [body for _, body in find_bodies(sentence.formula_opener)]
    if not bodies:
        return ""
    above = context.text[max(0, sentence.start - BODY_HEADING_REACH) : sentence.start]
    for line in reversed(above.split("\n")):
        if not line.strip() or len(line.split()) > BODY_HEADING_WORDS:
            continue
        if not any(same_body(body, named) for _, named in find_bodies(line) for body in bodies):
            continue
        days = [
            d
            for d in find_dates(line, context.document_date)
            if len(d.value) == 10 and not d.period
        ]
        if len(days) == 1:
            return days[0].value
    return ""


LABEL_REACH = 30  # characters before a date where its label stands ("Published: ")
# A page's publication date is not the date of what it reports.
# "Publié le 26/02/2025", "Published on 3 March": a short word may stand between.
_PUBLISHED_BEFORE = lexicon.filtered(
    r"(?<![\w])(?:{alt})(?:\s+\w{1,3})?\W{0,3}$", "kinds.web_page.published"
)


def _event_dates(text: str, context: Context) -> list:
    """The dates in ``text`` that may date an event: not a publication label's, nor a
    cited law's."""
    return [
        d
        for d in find_dates(text, context.document_date)
        if not _PUBLISHED_BEFORE.get().search(text[max(0, d.start - LABEL_REACH) : d.start])
        and not STATUTE_BEFORE.get().search(text[max(0, d.start - STATUTE_REACH) : d.start])
    ]


RESOLUTION_BEFORE, RESOLUTION_AFTER = 50, 30  # characters around a date to its resolution


def _resolution_date(norm: str, date) -> bool:
    """The date of a resolution cited by its number ("deliberazione n. 58 del 23/05/2022,
    con la quale il Comune ha aderito", "2021 m. birželio 22 d. sprendimu Nr. 1-201"): the
    joining's decision date, not a signing's."""
    before = norm[max(0, date.start - RESOLUTION_BEFORE) : date.start]
    # The number may follow after a comma ("vom 13. Dezember 2012, Zahl MD-2012/318,").
    after = norm[date.end : date.end + RESOLUTION_AFTER].lstrip(" ,").split(",")[0]
    return find_case_number(before) != UNKNOWN or find_case_number(after) != UNKNOWN


def _body_signs(norm: str, action: Action) -> bool:
    """A deciding body stands just before the sign verb, as its subject ("Byrådet underskrev
    den 3. marts 2019": the council decided). A body word that also names the organisation
    as a whole ("Bristol City Council signed … in March 2014", "the Council had signed the
    Charter in July 2019", "A Câmara Municipal de Viana do Castelo assinou") signs as the
    organisation: a signing, dated as one."""
    whole = lexicon.words("organisations.noise")
    names = {m.start for m in find_organisations(norm)}
    return any(
        0 <= action.start - start <= 60
        and not whole.fullmatch(body)
        and start not in names
        and not _office_of(norm, start + len(body))
        for start, body in find_bodies(norm)
    )


def _office_of(norm: str, body_end: int) -> bool:
    """The body names an office holder's office ("kaupunginvaltuuston puheenjohtaja",
    "kommunstyrelsens ordförande"): the person signs, not the body."""
    after = norm[body_end : body_end + 40]
    return bool(re.match(r"\s+", after)) and bool(
        lexicon.words("bodies.signers").match(after.lstrip())
    )


def _deciding_body(
    sentence: Sentence,
    action: Action,
    signing_act: bool,
    own: bool,
    proposed_by_opener: bool,
    context: Context,
) -> str:
    """The body that opens the formula ("A:s förslag till B": A, which proposes), else the
    body nearest the verb, else the office holder who signs, else the meeting's body."""
    if sentence.formula:
        bodies = find_bodies(sentence.formula_opener)
        if bodies:
            return base_form(bodies[0 if proposed_by_opener else -1][1])
    addressed = addressed_body(sentence.norm)
    if addressed:
        return addressed
    bodies = find_bodies(sentence.norm)
    if sentence.formula and context.head_body:
        # In the meeting's own decision, the office holder it authorises to sign ("και
        # εξουσιοδοτεί τον Δήμαρχο να υπογράψει") is not the body that decides.
        bodies = [b for b in bodies if not lexicon.words("bodies.signers").fullmatch(b[1])]
        if not bodies:
            return context.head_body
    if bodies:
        return min(bodies, key=lambda b: abs(b[0] - action.start))[1]
    if signing_act and signer(sentence.norm):
        return signer(sentence.norm)
    if own and context.head_body:
        return context.head_body
    return UNKNOWN


_ASSOCIATIONS = lexicon.filtered(r"(?<![\w-])(?:{alt})(?![\w-])", "decisions.associations", flags=0)


def association_acting(norm: str, verb_start: int) -> str:
    """A national association of local authorities as the subject of the verb at
    ``verb_start``, in its clause and with no organisation of its own beside it; ""."""
    clause = clause_at(norm, verb_start)
    before = clause[: max(0, clause.find(norm[verb_start : verb_start + 12]))]
    m = _ASSOCIATIONS.get().search(before)
    if not m or find_organisations(before.replace(m.group(0), " ")):
        return ""
    return m.group(0)


ADDRESSED_REACH = 60  # characters after a proposing verb where the body it addresses stands


def addressed_body(norm: str) -> str:
    """The body a proposal or recommendation is addressed to, which is to decide it: the
    last body named just after the proposing verb ("anbefalte fylkesutvalget at
    fylkestinget…", "empfiehlt dem Stadtrat…", "föreslår kommunfullmäktige besluta"); ""
    when the sentence proposes nothing to a body."""
    for m in proposing_verbs().finditer(norm):
        after = [
            (start, body)
            for start, body in find_bodies(norm)
            if m.end() <= start <= m.end() + ADDRESSED_REACH
        ]
        if after:
            return after[-1][1]
    return ""


def _confidence(
    decision: Decision,
    sentence: Sentence,
    action: Action,
    plans: list[tuple[int, int]],
    reports: list[tuple[int, int]],
) -> float:
    named = bool(charter_spans(sentence.norm))
    confidence = 0.55
    if named or plans:
        confidence += 0.15
    if action.tense in FINAL or sentence.formula:
        confidence += 0.1
    if decision.decision_date != UNKNOWN or decision.signing_date != UNKNOWN:
        confidence += 0.08
    if decision.deciding_body != UNKNOWN:
        confidence += 0.05
    if not named and not plans and not reports:
        confidence -= 0.15
    return round(min(confidence, 0.95), 2)


# Agendas -----------------------------------------------------------------------------------


def _agenda_items(
    context: Context,
    sentences: Sequence[Sentence],
    used: set[int],
    decided: set[DecisionType] = frozenset(),
) -> list[tuple[int, bool, Decision]]:
    """Items of an agenda: each action plan about the Charter, and the Charter itself once
    per stretch of 300 characters that names no plan. Minutes that record a decision of a
    kind ("decided"; proposed counts) dealt with that item: it is no longer on the agenda.
    A plan the Charter commits its signatories to draw up is no item either."""
    items: list[tuple[int, bool, Decision]] = []
    for sentence in sentences:
        if sentence.start in used:
            continue
        norm = sentence.norm
        page = page_of(sentence.start, context.pages)
        plans = lexicon.words("subjects.plan_words").finditer(norm)
        if DecisionType.ADOPT_ACTION_PLAN in decided or lexicon.words(
            "charter.commitment_cues"
        ).search(norm):
            plans = iter(())
        for m in plans:
            charter_near = any(abs(s - m.start()) < 200 for s, _ in charter_spans(norm))
            if not (charter_near or context.cemr_related):
                continue
            quoted = norm[m.start() : m.start() + 160]
            decision = _on_agenda(context, DecisionType.ADOPT_ACTION_PLAN, quoted, 0.6, page)
            items.append((sentence.start + m.start(), False, decision))
        for start, _end in charter_spans(norm):
            if DecisionType.SIGN_CHARTER in decided:
                break
            if any(abs(pos - (sentence.start + start)) < 300 for pos, _, _ in items):
                continue
            quoted = norm[max(0, start - 80) : start + 80]
            decision = _on_agenda(context, DecisionType.SIGN_CHARTER, quoted, 0.5, page)
            items.append((sentence.start + start, False, decision))
            break
    return items


def _listed_on_the_agenda(
    item: tuple[int, bool, Decision], context: Context
) -> tuple[int, bool, Decision]:
    """On an agenda, an undated draft listed as an item ("3. Prijedlog odluke o pristupanju
    …", "5. Proposal to sign the Charter") is on the agenda of the meeting, not a proposal."""
    position, in_formula, decision = item
    if (
        in_formula
        or decision.status != DecisionStatus.PROPOSED
        or decision.decision_date != UNKNOWN
        or not _AGENDA_LINE.match(context.text, context.text.rfind("\n", 0, position) + 1)
    ):
        return item
    return (
        position,
        in_formula,
        replace(
            decision,
            status=DecisionStatus.ON_AGENDA,
            decision_date=meeting_date(context),
            deciding_body=context.head_body or decision.deciding_body,
        ),
    )


_AGENDA_LINE = re.compile(r"\s*(?:\d{1,2}|[a-z])[.)]\s+\S")
MEETING_HEAD = 1200  # characters of an agenda's head where the meeting's date stands


def meeting_date(context: Context) -> str:
    """The date of the meeting an agenda convenes: the first date in its head after the
    date of the letter ("Zadar, 7. travnja 2025. … sjednica … 15. travnja 2025."), else the
    document's date."""
    later = [
        d.value
        for d in find_dates(context.text[:MEETING_HEAD], context.document_date)
        if not d.period and len(d.value) == 10 and d.value > context.document_date
    ]
    if context.document_date != UNKNOWN and later:
        return later[0]
    return context.document_date


def _on_agenda(
    context: Context, kind: DecisionType, quoted: str, confidence: float, page: int | None
) -> Decision:
    return Decision(
        organisation=context.organisation.name if context.organisation else UNKNOWN,
        country=context.country,
        decision_date=meeting_date(context),
        deciding_body=context.head_body or UNKNOWN,
        decision_type=kind,
        status=DecisionStatus.ON_AGENDA,
        evidence=evidence(quoted, 160),
        confidence=confidence,
        page=page,
    )

"""What a decision is about (its type) and how far it got (its status)."""

from __future__ import annotations

import re
from functools import cache

from ...types import DecisionStatus, DecisionType
from .. import lexicon
from ..prefilter import Filtered
from .cues import Action, names_accession, other_documents

# The Charter as the object of the verb: signing it, or "other" (supporting, or approving a
# document about it).
_CHARTER = "charter"


def _nearest(spans: list[tuple[int, int]], action: Action, window: int) -> int | None:
    """The distance from the verb to the nearest span: after it, from the verb's end; before
    it (a subject, "Der Aktionsplan wird … genehmigt"), from its start, counted longer."""
    best = None
    for start, end in spans:
        after = start >= action.end
        distance = start - action.end if after else max(0, action.start - end) * 1.2
        if distance <= window and (best is None or distance < best):
            best = distance
    return best


def _spans_of(kind, plans, reports) -> list[tuple[int, int]]:
    if kind == DecisionType.ADOPT_ACTION_PLAN:
        return plans
    if kind == DecisionType.FOLLOW_UP_REPORT:
        return reports
    return []


def _in_clause(norm: str, action: Action, spans: list[tuple[int, int]]) -> bool:
    """A span with no comma or semicolon between it and the verb, within reach: in the
    verb's clause, as its object or (before it) its subject ("Aðgerðaáætlunin var
    samþykkt …")."""
    for start, end in spans:
        if start >= action.end:
            between = norm[action.end : start]
        elif end <= action.start:
            between = norm[end : action.start]
        else:
            continue
        if len(between) <= 90 and not re.search(r"[,;]", between):
            return True
    return False


REPORT_AFTER_PLAN = 30  # characters from a plan's name to the report on it that follows


def _report_of_the_plan(
    norm: str, plans: list[tuple[int, int]], reports: list[tuple[int, int]], action: Action
) -> bool:
    """A report named right after the plan, with nothing but words between (the plan in the
    genitive before its report, as Baltic, Finnish and Germanic languages write it)."""
    for _, plan_end in (p for p in plans if p[0] >= action.end):
        for report_start, _ in reports:
            gap = norm[plan_end:report_start]
            if 0 <= report_start - plan_end <= REPORT_AFTER_PLAN and not re.search(
                r"[,;:.()]", gap
            ):
                return True
    return False


def decision_type(
    actions: list[Action],
    norm: str,
    charter: list[tuple[int, int]],
    plans: list[tuple[int, int]],
    reports: list[tuple[int, int]],
    previous_charter: bool,
    previous_signing: bool = False,
) -> tuple[DecisionType, Action] | None:
    """The type of the decision and the verb that makes it, from the object nearest a verb.

    Signing, with the Charter named in the sentence (or in the one before, in a text about
    the Charter), signs the Charter. Else a plan or report within 90 characters of a verb
    is its object, even when the Charter is named too; the Charter alone is signed, unless
    the verb only supports it or another document stands between ("approved the guidelines
    of the Charter"). ``None`` when no verb has an object the extractor knows.
    """
    actions = [
        a for a in actions if a.category != "sign" or not _signs_another_text(norm, a, charter)
    ]
    signs = [a for a in actions if a.category == "sign"]
    if signs and (charter or previous_charter):
        return DecisionType.SIGN_CHARTER, signs[0]
    noted = _noted_report(actions, norm, reports)
    if noted is not None:
        return DecisionType.FOLLOW_UP_REPORT, noted
    candidates: list[tuple[float, DecisionType | str, Action]] = []
    for action in actions:
        if action.category == "note":
            continue
        for kind, spans in (
            (DecisionType.ADOPT_ACTION_PLAN, plans),
            (DecisionType.FOLLOW_UP_REPORT, reports),
            (_CHARTER, charter),
        ):
            distance = _nearest(spans, action, 90)
            if distance is None and kind == DecisionType.ADOPT_ACTION_PLAN:
                distance = _opening_subject(spans, action)
            if distance is not None:
                candidates.append((distance, kind, action))
    if not candidates:
        return _refers_back(actions, previous_signing)
    # A plan or report near the verb is the object even when the Charter is named too
    # ("adopted the action plan under the Charter").
    preferred = [c for c in candidates if c[1] != _CHARTER] or candidates
    charter_first = [c for c in candidates if c[1] == _CHARTER and _in_clause(norm, c[2], charter)]
    if charter_first and not any(
        _in_clause(norm, c[2], _spans_of(c[1], plans, reports)) for c in preferred
    ):
        # "hyväksyi … peruskirjan vuonna 2008, ja nykyinen tasa-arvosuunnitelma …": the
        # Charter in the verb's clause is its object; the plan stands in the next clause.
        preferred = charter_first
    _, kind, action = min(preferred, key=lambda c: (c[0], c[1] != DecisionType.ADOPT_ACTION_PLAN))
    if kind == DecisionType.ADOPT_ACTION_PLAN and _report_of_the_plan(norm, plans, reports, action):
        # "veiksmų plano … įgyvendinimo ataskaitą", "Aktionsplan-Umsetzungsbericht": the plan
        # is the report's complement, the report the object.
        kind = DecisionType.FOLLOW_UP_REPORT
    if kind != _CHARTER:
        return DecisionType(kind), action
    if action.category == "support":
        return DecisionType.OTHER, action
    ref = min(charter, key=lambda s: abs(s[0] - action.end))
    # The Charter may stand before the verb ("… Carta: è stata deliberata").
    before = ref[1] <= action.start
    between = norm[ref[1] : action.start] if before else norm[action.end : ref[0]]
    if other_documents().search(between):
        return DecisionType.OTHER, action
    # The signing may stand just before or after the name too ("Adesione formale alla
    # Carta", "a Charta aláírását": the Charter's signing).
    around = norm[max(0, ref[0] - 30) : ref[0]] + " " + norm[ref[1] : ref[1] + 30]
    # … or be the verb's own object after a Charter named first ("firmantes de la Carta
    # … desde que el Pleno aprobó la adhesión").
    around += " " + norm[action.end : action.end + BARE_ACCESSION] if before else ""
    if len(between.split()) > 5 and not names_accession(between + " " + around):
        return DecisionType.OTHER, action
    return DecisionType.SIGN_CHARTER, action


ACCESSION_REACH = 90  # characters from the verb to the accession noun, and on to the Charter

OBJECT_REACH = 40  # characters from a signing verb to the text it signs


def _signs_another_text(norm: str, action: Action, charter: list[tuple[int, int]]) -> bool:
    """A signing whose object, right after the verb and before any name of the Charter, is
    another text ("Haarlem ondertekende in 2022 de Regenboogstedenovereenkomst")."""
    window = norm[action.end : action.end + OBJECT_REACH]
    found = other_documents().search(window)
    if not found:
        return False
    return not any(action.end <= start < action.end + found.start() for start, _ in charter)


SUBJECT_REACH = 4  # characters before a sentence's subject ("O ", "The ")


def _opening_subject(spans: list[tuple[int, int]], action: Action) -> float | None:
    """A plan that opens the sentence as its subject, however long the clauses before the
    verb ("O Plano de Ação 2024–2027, construído a partir dos artigos da Carta …, foi
    aprovado …"): the verb's object, ranked after any nearer one."""
    if any(start <= SUBJECT_REACH and end <= action.start for start, end in spans):
        return 90.0
    return None


def accession_object(
    qualifying: list[Action],
    verbs: list[Action],
    charter: list[tuple[int, int]],
    previous_charter: bool = False,
) -> tuple[DecisionType, Action] | None:
    """An adopting or deciding verb whose object is the accession, with the Charter after
    the accession noun rather than after the verb ("aprobou por unanimidade, na sesión do 5
    de abril de 2019, a adhesión do Concello á Carta"): the Charter is signed, however
    long the meeting's details between the verb and its object.

    With the Charter named in the sentence before and not in this one, the accession alone
    is enough, as the verb's object or as the subject of a passive ("La cònsol ha signat la
    Carta. L'adhesió havia estat aprovada pel Consell el 27 de novembre")."""
    nouns = [a for a in verbs if a.category == "sign" and a.tense not in ("past", "operative")]
    for action in qualifying:
        if action.category not in {"adopt", "decide"}:
            continue
        for noun in nouns:
            after = 0 <= noun.start - action.end <= ACCESSION_REACH
            if after and any(0 <= start - noun.end <= ACCESSION_REACH for start, _ in charter):
                return DecisionType.SIGN_CHARTER, action
            before = 0 <= action.start - noun.end <= ACCESSION_REACH
            if previous_charter and not charter and (after or before):
                return DecisionType.SIGN_CHARTER, action
    return None


BARE_ACCESSION = 20  # characters after the verb where its object, the accession, stands


@cache
def _report_nouns() -> Filtered:
    """Any report as the object of taking note: the follow-up words and the words that make
    a document a report ("Bericht", "rapport", "relazione")."""
    keys = [f"kinds.report.{cue}" for cue in lexicon.common("kind_weights.report")]
    return lexicon.filtered(lexicon.WORD_TEMPLATE, "subjects.report_words", *keys)


def _noted_report(
    actions: list[Action], norm: str, reports: list[tuple[int, int]]
) -> Action | None:
    """Taking note of a report ("nimmt den Fortschrittsbericht zur Kenntnis", "prende atto
    della relazione"): the verb, when a report stands within 90 characters of it."""
    notes = [a for a in actions if a.category == "note"]
    if not notes:
        return None
    spans = reports + [(m.start(), m.end()) for m in _report_nouns().get().finditer(norm)]
    for action in notes:
        if any(
            -NOTE_REACH <= start - action.end <= NOTE_REACH
            or -NOTE_REACH <= action.start - end <= NOTE_REACH
            for start, end in spans
        ):
            return action
    return None


# Characters between taking note and its report: the passive puts a long subject first
# ("Der Bericht der Gleichstellungsstelle über die Umsetzung … wird zur Kenntnis genommen").
NOTE_REACH = 150


def _refers_back(
    actions: list[Action], previous_signing: bool
) -> tuple[DecisionType, Action] | None:
    """A decision verb without an object of its own, after a sentence about signing the
    Charter ("Kotka signs the Charter. The council decided on it on 28 January."): the
    decision is that signing."""
    decided = [a for a in actions if a.category == "decide" and a.tense in ("past", "operative")]
    if previous_signing and decided:
        return DecisionType.SIGN_CHARTER, decided[0]
    return None


def previews_a_session(actions: list[Action], cues: set[str], *, body_named: bool) -> bool:
    """A deciding body adopting a draft in the present tense, with no past or operative
    verb beside it ("Consiliul Local analizează și adoptă proiectul de hotărâre"): news
    previewing a session, where the draft is on the agenda, not yet decided."""
    return (
        body_named
        and "propose" in cues
        and any(a.category == "adopt" and a.tense == "present" for a in actions)
        and not any(a.tense in ("past", "operative") for a in actions)
    )


def decision_status(cues: set[str], *, proposal: bool, preview: bool = False) -> DecisionStatus:
    """Rejected when a rejection verb is there; on the agenda when a session is previewed;
    else proposed or adopted."""
    if "reject" in cues:
        return DecisionStatus.REJECTED
    if preview:
        return DecisionStatus.ON_AGENDA
    if proposal:
        return DecisionStatus.PROPOSED
    return DecisionStatus.ADOPTED

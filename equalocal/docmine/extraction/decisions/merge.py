"""One decision per concrete decision: mentions of the same one are merged."""

from __future__ import annotations

from dataclasses import replace

from ...types import UNKNOWN, Decision, DecisionStatus
from ..organisations import same_place

_FIELDS = ("organisation", "country", "deciding_body", "paragraph", "case_number", "signing_date")


def _absorb(into: Decision, other: Decision) -> Decision:
    merged = replace(into)
    for name in _FIELDS:
        if getattr(merged, name) == UNKNOWN and getattr(other, name) != UNKNOWN:
            setattr(merged, name, getattr(other, name))
    if merged.page is None:
        merged.page = other.page
    merged.mentions = (*into.mentions, other.evidence, *other.mentions)
    merged.confidence = round(min(0.97, max(into.confidence, other.confidence) + 0.03), 2)
    return merged


def _one_organisation(a: Decision, b: Decision) -> bool:
    """Whether two mentions may be one organisation's: either names none, or both name one
    place ("Falun" and "Falu kommun"); "Mora kommun skrev under 2011" is another's."""
    if UNKNOWN in (a.organisation, b.organisation) or a.organisation == b.organisation:
        return True
    return same_place(a.organisation, b.organisation)


def _signed_before(mention: Decision, decision: Decision) -> bool:
    """A signing dated before the decision it would join is another, earlier one ("Lerum
    decides on 26 November 2025 … neighbouring Alingsås signed in 2016"): a decision to sign
    comes before the signature."""
    signed, decided = mention.signing_date, decision.decision_date
    if UNKNOWN in (signed, decided):
        return False
    size = min(len(signed), len(decided))
    return signed[:size] < decided[:size]


def _signed_apart(a: Decision, b: Decision) -> bool:
    """Two mentions signed in different years: two signings. Days of one year may be one
    signing told twice (a headline dated by its publication, the report by the ceremony)."""
    if UNKNOWN in (a.signing_date, b.signing_date):
        return False
    return a.signing_date[:4] != b.signing_date[:4]


def superseded(item: tuple[int, bool, Decision], found: list[tuple[int, bool, Decision]]) -> bool:
    """A proposal that the text's own decision formula adopts: a proposal inside a formula
    of the same type, or one dated the formula's day ("Uznesenie … zo dňa 25. júna 2019 k
    návrhu na pristúpenie …" above "A. schvaľuje pristúpenie …") is that decision."""
    position, in_formula, decision = item
    if decision.status != DecisionStatus.PROPOSED:
        return False
    # An undated proposal above the formula (the item's title, "Proposta d'adhesió …") is
    # the proposal the formula then adopts.
    return any(
        formula
        and other.status == DecisionStatus.ADOPTED
        and other.decision_type == decision.decision_type
        and (
            in_formula
            or other.decision_date == decision.decision_date != UNKNOWN
            or (decision.decision_date == UNKNOWN and position < other_position)
        )
        for other_position, formula, other in found
    )


def merge_decisions(
    found: list[tuple[int, bool, Decision]], *, separate: set[int] | frozenset[int] = frozenset()
) -> list[Decision]:
    """One decision per (type, status, date); undated mentions join the nearest dated one.

    Decisions whose ``id`` is in ``separate`` (each of several organisations listed as
    signing) stay apart from one another, one per organisation."""
    found = sorted(found, key=lambda f: f[0])
    found = [f for f in found if not superseded(f, found)]
    groups: dict[tuple[str, str, str], list[tuple[int, Decision]]] = {}
    for position, _, decision in found:
        own = decision.organisation if id(decision) in separate else ""
        groups.setdefault((decision.decision_type, decision.status, own), []).append(
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
            # Undated mentions of one signing join the first; one signed in another year
            # ("La cònsol ha signat aquest matí … Andorra la Vella s'hi va adherir el 2022")
            # is a signing of its own.
            clusters: list[tuple[int, Decision]] = []
            for position, decision in undated:
                for index, (first_pos, first) in enumerate(clusters):
                    if not _signed_apart(first, decision):
                        clusters[index] = (first_pos, _absorb(first, decision))
                        break
                else:
                    clusters.append((position, decision))
            result.extend(clusters)
            continue
        alone: list[tuple[int, Decision]] = []
        for position, decision in undated:
            # An undated mention joins the nearest dated decision of its organisation.
            keys = [
                k
                for k in dated
                if _one_organisation(dated[k][1], decision)
                and not _signed_before(decision, dated[k][1])
            ]
            if not keys:
                alone.append((position, decision))
                continue
            key = min(keys, key=lambda k: abs(dated[k][0] - position))
            pos, target = dated[key]
            dated[key] = (pos, _absorb(target, decision))
        result.extend(dated.values())
        result.extend(alone)
    result.sort(key=lambda r: r[0])
    return [decision for _, decision in result]

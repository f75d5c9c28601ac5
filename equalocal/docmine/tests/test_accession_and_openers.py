"""An accession adopted in the passive after the sentence that names the Charter, two opener
lines read as one formula, and Norwegian votes that defeat a proposal."""

from __future__ import annotations

import pytest

from equalocal.docmine.extraction import analyse
from equalocal.docmine.types import DecisionStatus, DecisionType


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "ca",
            "L'alcaldessa ha signat avui la Carta Europea per a la Igualtat de Dones i Homes en "
            "la Vida Local. L'adhesió va ser aprovada pel Ple el 14 d'octubre de 2025.",
        ),
        (
            "it",
            "Il sindaco ha firmato la Carta europea per l'uguaglianza e la parità delle donne e "
            "degli uomini nella vita locale. L'adesione era stata approvata dal Consiglio "
            "comunale il 14 ottobre 2025.",
        ),
        (
            "en",
            "The leader signed the European Charter for Equality of Women and Men in Local Life "
            "at the town hall. Accession had been approved by full council on 14 October 2025.",
        ),
    ],
)
def test_an_accession_approved_in_the_passive_refers_to_the_charter_named_before(language, text):
    decisions = analyse(text, language=language).decisions
    dated = [d for d in decisions if d.decision_date == "2025-10-14"]
    assert len(dated) == 1, decisions
    assert dated[0].decision_type == DecisionType.SIGN_CHARTER
    assert dated[0].status == DecisionStatus.ADOPTED


def test_an_accession_with_no_charter_near_it_is_no_signing():
    text = (
        "Kommunen har ansvar for bibliotekene. Tilslutningen til det nye innkjøpssamarbeidet "
        "ble vedtatt av kommunestyret 14. oktober 2025."
    )
    decisions = analyse(text, language="nb").decisions
    assert not [d for d in decisions if d.decision_type == DecisionType.SIGN_CHARTER]


def test_two_opener_lines_keep_whose_proposal_follows():
    """"Kommunedirektørens innstilling:" above "Kommunestyret fatter følgende vedtak:": the
    items are the officer's proposal to the council, not the council's decision."""
    text = (
        "Saksframlegg\n\n"
        "Kommunedirektørens innstilling:\n"
        "Kommunestyret fatter følgende vedtak:\n"
        "1. Tromsø kommune slutter seg til Det europeiske charteret for likestilling mellom "
        "kvinner og menn på lokalt nivå.\n"
        "2. Ordføreren gis fullmakt til å undertegne charteret.\n"
    )
    [decision] = analyse(text, language="nb").decisions
    assert decision.decision_type == DecisionType.SIGN_CHARTER
    assert decision.status == DecisionStatus.PROPOSED
    assert decision.decision_date == "unknown"


def test_one_opener_line_still_opens_the_councils_own_decision():
    text = (
        "Kommunestyret fatter følgende vedtak:\n"
        "1. Tromsø kommune slutter seg til Det europeiske charteret for likestilling mellom "
        "kvinner og menn på lokalt nivå.\n"
    )
    [decision] = analyse(text, language="nb").decisions
    assert decision.status == DecisionStatus.ADOPTED


@pytest.mark.parametrize("verb", ["ble nedstemt", "ble stemt ned"])
def test_a_proposal_voted_down_is_rejected(verb):
    text = (
        f"I kommunestyret 3. mars 2022 {verb} et forslag om å slutte seg til Det europeiske "
        "charteret for likestilling mellom kvinner og menn på lokalt nivå."
    )
    [decision] = analyse(text, language="nb").decisions
    assert decision.status == DecisionStatus.REJECTED
    assert decision.decision_date == "2022-03-03"

"""Negated signings and committee recommendations, with sentences written for these tests."""

from __future__ import annotations

import pytest

from equalocal.docmine.extraction import analyse
from equalocal.docmine.types import DecisionStatus, DecisionType

CHARTER = {
    "en": "the European Charter for Equality of Women and Men in Local Life",
    "sv": "den europeiska deklarationen för jämställdhet mellan kvinnor och män på lokal nivå",
    "de": "die Europäische Charta für die Gleichstellung von Frauen und Männern auf lokaler Ebene",
    "nb": "Det europeiske charteret for likestilling mellom kvinner og menn på lokalt nivå",
    "it": "la Carta europea per l'uguaglianza e la parità delle donne e degli uomini nella vita locale",
    "pl": "Europejską Kartę Równości Kobiet i Mężczyzn w Życiu Lokalnym",
}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Our town council has not signed {charter}, although it was discussed."),
        ("sv", "Kommunen har ännu inte undertecknat {charter}, men frågan utreds."),
        ("de", "Die Stadt hat {charter} bisher nicht unterzeichnet."),
        ("nb", "Kommunen har ikke signert {charter} ennå, opplyser ordføreren."),
        ("it", "Il Comune non ha ancora firmato {charter}."),
        ("pl", "Gmina nie podpisała jeszcze dokumentu: {charter}."),
    ],
)
def test_a_negated_signing_is_no_decision(language, text):
    analysis = analyse(text.format(charter=CHARTER[language]), language=language)
    assert analysis.decisions == []


def test_not_only_signed_is_a_signing():
    text = f"The city has not only signed {CHARTER['en']} in 2019 but also adopted a plan."
    [signing, *_] = analyse(text, language="en").decisions
    assert signing.decision_type == DecisionType.SIGN_CHARTER
    assert signing.status == DecisionStatus.ADOPTED


def test_deciding_not_to_sign_is_a_rejection():
    text = f"Kommunfullmäktige beslutade 2023-05-10 att inte underteckna {CHARTER['sv']}."
    [decision] = analyse(text, language="sv").decisions
    assert decision.decision_type == DecisionType.SIGN_CHARTER
    assert decision.status == DecisionStatus.REJECTED
    assert decision.decision_date == "2023-05-10"


def test_a_committee_recommending_the_council_to_sign_is_a_proposal():
    text = (
        f"Der Hauptausschuss empfiehlt dem Gemeinderat am 14.05.2025, {CHARTER['de']} zu "
        "unterzeichnen."
    )
    [decision] = analyse(text, language="de").decisions
    assert decision.decision_type == DecisionType.SIGN_CHARTER
    assert decision.status == DecisionStatus.PROPOSED
    assert decision.proposal_date == "2025-05-14"
    assert decision.decision_date == "unknown"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "de",
            "Der Beitrittsbeschluss zur Europäischen Charta für die Gleichstellung von Frauen und "
            "Männern auf lokaler Ebene wurde vom Gemeinderat am 28. Juni 2021 auf Antrag des "
            "Stadtrats gefasst.",
        ),
        (
            "en",
            "On the recommendation of the Cabinet, the County Council resolved on 3 March 2025 "
            "to sign the {charter}.",
        ),
        (
            "sv",
            "Kommunfullmäktige beslutade den 3 mars 2025 på förslag av kommunstyrelsen att "
            "underteckna {charter}.",
        ),
        (
            "it",
            "Il Consiglio comunale, su proposta della Giunta, ha approvato il 3 marzo 2025 "
            "l'adesione alla {charter}.",
        ),
    ],
)
def test_a_decision_taken_on_another_bodys_proposal_is_adopted(language, text):
    [decision] = analyse(text.format(charter=CHARTER[language]), language=language).decisions
    assert decision.decision_type == DecisionType.SIGN_CHARTER
    assert decision.status == DecisionStatus.ADOPTED
    assert decision.decision_date[:4] in {"2021", "2025"}
    assert decision.proposal_date == "unknown"


def test_whose_proposal_is_read_in_the_documents_own_language():
    """Portuguese "aprovar a proposta de adesão … e submetê-la à Assembleia": the executive
    approved the proposal and sends it on, so it stays a proposal, though Catalan "a proposta
    de" means "on the proposal of"."""
    text = (
        "A Câmara Municipal deliberou, em 10 de março de 2025, aprovar a proposta de adesão do "
        "Município à Carta Europeia para a Igualdade das Mulheres e dos Homens na Vida Local e "
        "submetê-la à Assembleia Municipal."
    )
    [decision] = analyse(text, language="pt").decisions
    assert decision.status == DecisionStatus.PROPOSED
    assert decision.decision_date == "unknown"


def test_a_proposal_to_decide_stays_a_proposal_beside_whose_proposal_it_is():
    """ "On the proposal of" does not make every sentence adopted: without a final decision
    verb the proposal stands."""
    text = (
        "Auf Antrag der Gleichstellungsbeauftragten schlägt der Hauptausschuss dem Gemeinderat "
        f"vor, {CHARTER['de']} zu unterzeichnen."
    )
    [decision] = analyse(text, language="de").decisions
    assert decision.status == DecisionStatus.PROPOSED


def test_a_beschlussvorlage_gives_the_proposal_with_its_number():
    text = (
        "Beschlussvorlage Nr. 2025/0412\n"
        "Gegenstand: Beitritt zur Europäischen Charta für die Gleichstellung von Frauen und "
        "Männern auf lokaler Ebene\n"
        "Beratungsfolge: Ausschuss für Gleichstellung 12.03.2025, Stadtrat 03.04.2025\n"
        "Beschlussempfehlung:\n"
        "Der Ausschuss für Gleichstellung nimmt den Bericht zur Kenntnis und empfiehlt dem "
        f"Stadtrat, {CHARTER['de']} zu unterzeichnen."
    )
    analysis = analyse(text, language="de")
    assert [(d.decision_type, d.status, d.case_number) for d in analysis.decisions] == [
        (DecisionType.SIGN_CHARTER, DecisionStatus.PROPOSED, "2025/0412")
    ]


FI_CHARTER = "naisten ja miesten välisen tasa-arvon eurooppalaisen peruskirjan"


def test_finnish_plural_perfect_lists_each_signatory():
    text = f"Suomessa {FI_CHARTER} ovat hyväksyneet Porin, Oulun, Lahden ja Espoon kaupungit."
    decisions = analyse(text, language="fi").decisions
    assert [d.organisation for d in decisions] == ["Porin", "Oulun", "Lahden", "Espoon"]
    assert {d.status for d in decisions} == {DecisionStatus.ADOPTED}


def test_finnish_council_members_proposing_is_a_proposal():
    text = f"Me allekirjoittaneet valtuutetut esitämme, että Porin kaupunki hyväksyy {FI_CHARTER}."
    [decision] = analyse(text, language="fi").decisions
    assert decision.status == DecisionStatus.PROPOSED


def test_signatories_listed_in_one_sentence_count_once_for_the_kind():
    listed = analyse(
        "Valtuustoaloite\n\nMe allekirjoittaneet valtuutetut esitämme asiaa. "
        f"Suomessa {FI_CHARTER} ovat hyväksyneet Porin, Oulun, Lahden ja Espoon kaupungit.",
        language="fi",
    )
    labels = [cue for cue in listed.kind_cues if "sign_charter" in cue]
    assert len(labels) == 1, labels

"""Draft decisions, laws cited as a decision's basis, office holders who sign, and the
Charter named in a compound. Sentences written for these tests."""

from __future__ import annotations

import pytest

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.classify import is_draft, is_minutes
from equalocal.docmine.extraction.decisions.cues import weak_charter_spans
from equalocal.docmine.extraction.prefilter import scoped

DRAFT = (
    "PROJEKT                                   druk nr 77\n\n"
    "UCHWAŁA NR ........../27\nRADY MIASTA PŁOCKA\nz dnia ................ 2027 r.\n\n"
    "w sprawie przystąpienia do Europejskiej Karty Równości Kobiet i Mężczyzn w Życiu "
    "Lokalnym\n\n"
    "Na podstawie art. 18 ust. 1 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym Rada "
    "Miasta Płocka uchwala, co następuje:\n\n"
    "§ 1. Miasto Płock przystępuje do Europejskiej Karty Równości Kobiet i Mężczyzn w Życiu "
    "Lokalnym.\n"
)


def test_a_draft_resolution_proposes_and_its_law_dates_nothing():
    assert is_draft(DRAFT)
    [joined] = [d for d in analyse(DRAFT, language="pl").decisions if d.organisation != "unknown"]
    assert (joined.decision_type, joined.status) == ("sign_charter", "proposed")
    assert joined.decision_date == "unknown"


def test_the_adopted_resolution_is_dated_by_its_meeting_not_by_its_law():
    adopted = DRAFT.replace("PROJEKT", "").replace("........../27", "XII/140/27")
    adopted = adopted.replace("................ 2027 r.", "14 kwietnia 2027 r.")
    assert not is_draft(adopted)
    dates = {d.decision_date for d in analyse(adopted, language="pl").decisions}
    assert "1990-03-08" not in dates
    assert "2027-04-14" in dates


@pytest.mark.parametrize(
    ("heading", "draft"),
    [("DRAFT", True), ("Entwurf", True), ("Draft decisions of the council", False)],
)
def test_a_draft_says_so_in_a_heading_of_its_own(heading, draft):
    assert is_draft(f"{heading}\n\nThe council resolves to sign the Charter.\n") is draft


def test_an_office_holder_of_a_body_signs_for_the_decision_behind_it():
    text = (
        "Kokkolan kaupunki\n\nJulkaistu 20.3.2027\n\n"
        "Kaupunginvaltuusto päätti eurooppalaiseen tasa-arvoperuskirjaan liittymisestä "
        "kokouksessaan 22.2.2027. Kaupunginjohtaja ja kaupunginvaltuuston puheenjohtaja "
        "allekirjoittivat Euroopan tasa-arvoperuskirjan 18.3.2027.\n"
    )
    [decision] = analyse(text, language="fi").decisions
    assert (decision.decision_date, decision.signing_date) == ("2027-02-22", "2027-03-18")


@pytest.mark.parametrize(
    ("language", "title", "charter"),
    [
        ("fi", "Kokkola allekirjoitti eurooppalaisen tasa-arvoperuskirjan", "tasa-arvoperuskirjan"),
        ("nb", "Bodø slutter seg til likestillingscharteret", "likestillingscharteret"),
    ],
)
def test_the_charter_named_in_a_compound_is_the_charter(language, title, charter):
    with scoped("", spaced_letters=False, language=language) as scope:
        scope.folded = title.casefold()
        spans = weak_charter_spans(title)
    assert charter in [title[start:end] for start, end in spans]


def test_minutes_date_a_body_adopting_in_the_present_by_their_meeting():
    text = (
        "COMUNE DI FAENZA\nConsiglio comunale\n\n"
        "ESTRATTO DEL PROCESSO VERBALE DELLA SEDUTA DEL 12 MAGGIO 2027\n\n"
        "Punto 4 – Piano d'azione per la parità\n"
        "Posta in votazione, la proposta ottiene 20 voti favorevoli.\n"
        "Il Consiglio comunale approva il Piano d'azione per la parità tra donne e uomini, in "
        "attuazione della Carta europea per l'uguaglianza e la parità delle donne e degli "
        "uomini nella vita locale.\n"
    )
    assert is_minutes(text)
    [plan] = [
        d for d in analyse(text, language="it").decisions if d.decision_type == "adopt_action_plan"
    ]
    assert plan.decision_date == "2027-05-12"
    # The same sentence in a news item is not dated by the page.
    news = text.replace("ESTRATTO DEL PROCESSO VERBALE DELLA SEDUTA DEL 12 MAGGIO 2027", "Notizie")
    assert not is_minutes(news)


def test_a_signing_dated_apart_from_the_council_decision_named_in_a_compound():
    text = (
        "Stadt Wels\n\nDie Stadt Wels hat die Europäische Charta für die Gleichstellung von "
        "Frauen und Männern auf lokaler Ebene auf Grundlage des Gemeinderatsbeschlusses vom "
        "14. Mai 2026 am 8. März 2027 unterzeichnet.\n"
    )
    [signed] = analyse(text, language="de").decisions
    assert (signed.decision_date, signed.signing_date) == ("2026-05-14", "2027-03-08")


def test_a_plan_opening_the_sentence_is_what_is_adopted_after_long_clauses():
    text = (
        "Câmara Municipal de Tondela\n\nO Plano de Ação 2027–2030, construído a partir dos "
        "artigos da Carta Europeia para a Igualdade e do diagnóstico local concluído em 2026, "
        "foi aprovado pela Assembleia Municipal em 12 de março de 2027.\n"
    )
    types = {(d.decision_type, d.decision_date) for d in analyse(text, language="pt").decisions}
    assert ("adopt_action_plan", "2027-03-12") in types

"""A committee approving its own recommendation to the council proposes; the council
decides later. Sentences written for these tests."""

from __future__ import annotations

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.decisions.extract import (
    acting_body,
    addressed_onward,
    approval_adopts,
    same_body,
)
from equalocal.docmine.types import DecisionStatus


def test_recommendations_addressed_to_a_council_in_many_languages():
    cases = {
        "Kommunstyrelsens förslag till kommunfullmäktige": "kommunfullmäktige",
        "Formannskapets innstilling til kommunestyret": "kommunestyret",
        "Økonomiudvalgets indstilling til kommunalbestyrelsen": "kommunalbestyrelsen",
        "Beschlussempfehlung an den Gemeinderat": "Gemeinderat",
        "Recommendation to Council:": "Council",
        "Recommendation to the City Council": "City Council",
        "Kaupunginhallituksen ehdotus kaupunginvaltuustolle": "kaupunginvaltuustolle",
        "Proposition au conseil municipal de Lyon": "conseil municipal",
        "Proposta al consiglio comunale della giunta": "consiglio comunale",
    }
    for text, body in cases.items():
        found = addressed_onward(text)
        assert len(found) == 1 and found[0].casefold() == body.casefold(), (text, found)
    # A proposal to do something, or a body's own proposal, is addressed to no body.
    assert addressed_onward("Proposal to sign the European Charter for Equality") == []
    assert addressed_onward("Kommunstyrelsens förslag:") == []
    assert addressed_onward("Formannskapets innstilling:") == []


def test_the_body_a_proposal_has_act():
    norwegian = acting_body("Kommunestyret vedtar at kommunen slutter seg til charteret.")
    assert norwegian == "Kommunestyret"
    swedish = acting_body("Kommunstyrelsen föreslår kommunfullmäktige besluta att anta planen.")
    assert swedish.casefold() == "kommunfullmäktige"
    # The proposing body acts nothing.
    assert acting_body("The Cabinet recommends that the Charter be signed.") == ""


def test_same_body_whatever_its_ending():
    assert same_body("formannskapet", "Formannskapets")
    assert same_body("fullmäktige", "Kommunfullmäktige")
    assert same_body("Kaupunginvaltuusto", "kaupunginvaltuustolle")
    assert same_body("Council", "City Council")
    assert not same_body("Kommunstyrelsen", "Kommunfullmäktige")
    assert not same_body("Ausschuss", "Gemeinderat")
    assert not same_body("giunta comunale", "consiglio comunale")


def test_approval_adopts_only_for_the_body_that_decides():
    # A committee approving what goes on to the council: still proposed.
    assert not approval_adopts("formannskapet", "Kommunestyret", [])
    assert not approval_adopts("Ausschuss", "", ["Gemeinderat"])
    assert not approval_adopts("", "", ["Council"])
    # The council approving the proposal addressed to it: adopted.
    assert approval_adopts("Kommunfullmäktige", "Kommunfullmäktige", ["kommunfullmäktige"])
    assert approval_adopts("Kommunalbestyrelsen", "Kommunalbestyrelsen", [])
    assert approval_adopts("", "", [])


def _protocol(head: str, lines: str, language: str):
    return analyse(head + lines, language=language).decisions


def test_norwegian_committee_approving_its_recommendation_proposes():
    decisions = _protocol(
        "Oslo kommune\nFormannskapet – Møteprotokoll\nMøte 4. mars 2024\n\n",
        "Sak 12/24: Europeisk charter for likestilling\n\nFormannskapets innstilling:\n"
        "Kommunestyret vedtar at Oslo kommune slutter seg til det europeiske charteret for "
        "likestilling mellom kvinner og menn på lokalt nivå.\n\n"
        "Vedtak i formannskapet:\nInnstillingen ble enstemmig vedtatt.\n",
        "nb",
    )
    # The recommendation is for the council, whose vote is still to come: no date yet.
    assert [(d.status, d.deciding_body, d.decision_date) for d in decisions] == [
        (DecisionStatus.PROPOSED, "Kommunestyret", "unknown")
    ]


def test_german_committee_recommendation_to_the_council_stays_proposed():
    decisions = _protocol(
        "Stadt Freiburg\nNiederschrift des Hauptausschusses\nSitzung am 4. März 2024\n\n",
        "TOP 5: Europäische Charta für die Gleichstellung von Frauen und Männern\n\n"
        "Beschlussempfehlung an den Gemeinderat\nDer Gemeinderat beschließt, die "
        "Europäische Charta für die Gleichstellung von Frauen und Männern auf lokaler "
        "Ebene zu unterzeichnen.\n\nBeschluss:\nDer Ausschuss stimmt der "
        "Beschlussempfehlung einstimmig zu.\n",
        "de",
    )
    assert decisions and all(d.status == DecisionStatus.PROPOSED for d in decisions)


def test_danish_council_approving_the_recommendation_adopts():
    decisions = _protocol(
        "Vejle Kommune\nKommunalbestyrelsen – Beslutningsprotokol\nMøde den 4. marts 2024\n\n",
        "Punkt 7: Det europæiske charter for ligestilling mellem kvinder og mænd i "
        "lokalsamfundet\n\nIndstilling\nØkonomiudvalget indstiller til kommunalbestyrelsen, "
        "at Kommunalbestyrelsen godkender, at kommunen tilslutter sig chartret.\n\n"
        "Beslutning i Kommunalbestyrelsen\nGodkendt.\n",
        "da",
    )
    assert [d.status for d in decisions] == [DecisionStatus.ADOPTED]


def test_swedish_council_granting_the_boards_proposal_adopts():
    decisions = _protocol(
        "Lunds kommun\nKommunfullmäktige – Protokoll\nSammanträde 2024-03-04\n\n",
        "§ 12 Europeisk deklaration för jämställdhet\n\nKommunstyrelsens förslag till "
        "kommunfullmäktige:\nKommunfullmäktige beslutar att underteckna den europeiska "
        "deklarationen för jämställdhet mellan kvinnor och män på lokal och regional nivå.\n\n"
        "Kommunfullmäktige: Beslut: Bifall till kommunstyrelsens förslag.\n",
        "sv",
    )
    assert [d.status for d in decisions] == [DecisionStatus.ADOPTED]

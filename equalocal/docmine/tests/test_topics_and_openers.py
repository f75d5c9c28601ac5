"""The Charter kept as the topic across sentences that do not act, capitalised deciding
verbs that close a formula's opener, numbered agenda items written "3.-", the accession as
a bare object, signings of other texts, and two acts of one kind in one sentence.
Sentences written for these tests."""

from __future__ import annotations

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.decisions.cues import actions
from equalocal.docmine.extraction.prefilter import scoped


def _decisions(text: str, language: str):
    return analyse(text, language=language).decisions


def test_the_topic_survives_two_sentences_that_neither_act_nor_name_a_text():
    text = (
        "Kommunfullmäktige i Bollnäs beslutade den 9 mars 2027 att underteckna "
        "CEMR-deklarationen.\n\n"
        "Deklarationen är framtagen av CEMR. Den gäller kommuner och regioner i hela Europa. "
        "I Sverige är det SKR som håller i nätverket.\n\n"
        "Ovanåkers kommun skrev under 2018."
    )
    names = {d.organisation for d in _decisions(text, "sv")}
    assert any("Ovanåker" in name for name in names)


def test_the_topic_does_not_reach_a_signing_far_below():
    text = (
        "Rada Miasta Gniezna przystąpiła do Europejskiej Karty Równości Kobiet i Mężczyzn "
        "w Życiu Lokalnym w 2019 r.\n\n"
        "§ 1. Powołuje się zespół roboczy.\n"
        "§ 2. W skład zespołu wchodzą trzy osoby.\n"
        "§ 3. Do zadań zespołu należy przygotowanie sprawozdania.\n"
        "§ 4. Wykonanie zarządzenia powierza się sekretarzowi.\n"
        "§ 5. Zarządzenie wchodzi w życie z dniem podpisania."
    )
    evidence = [d.evidence for d in _decisions(text, "pl")]
    assert not any("wchodzi w życie" in e for e in evidence)


def test_a_capitalised_deciding_verb_makes_the_proposal_history():
    text = (
        "AYUNTAMIENTO DE PALENCIA\n\n"
        "EXTRACTO DE LOS ACUERDOS ADOPTADOS POR EL PLENO EN LA SESIÓN CELEBRADA EL DÍA 4 DE "
        "MAYO DE 2027\n\n"
        "1.- Expediente 310/2027. Cuentas anuales.\nSe aprueba por unanimidad.\n\n"
        "2.- Expediente 455/2027. Adhesión a la Carta Europea para la Igualdad de Mujeres y "
        "Hombres en la Vida Local.\n"
        "Visto el dictamen de la Comisión de Igualdad de 27 de abril de 2027, sobre la "
        "propuesta de la Concejalía de Igualdad, el Pleno, por unanimidad, ACUERDA:\n"
        "Primero.- Aprobar la adhesión del Ayuntamiento de Palencia a la Carta Europea para "
        "la Igualdad de Mujeres y Hombres en la Vida Local.\n"
        "Segundo.- Facultar a la Alcaldía para la firma de la Carta.\n\n"
        "Palencia, 6 de mayo de 2027\nEL SECRETARIO GENERAL\n"
    )
    [decision] = [d for d in _decisions(text, "es") if d.decision_type == "sign_charter"]
    assert decision.status == "adopted"
    assert decision.decision_date == "2027-05-04"
    assert decision.case_number == "455/2027"


def test_a_recommendation_to_decide_stays_a_proposal():
    text = (
        "Beschlussvorlage\n\nBeschlussantrag:\n"
        "Der Sozialausschuss empfiehlt, der Stadtrat möge beschließen:\n"
        "1. Die Stadt Coburg tritt der Europäischen Charta für die Gleichstellung von Frauen "
        "und Männern auf lokaler Ebene bei.\n"
    )
    statuses = {d.status for d in _decisions(text, "de") if d.decision_type == "sign_charter"}
    assert statuses == {"proposed"}


def test_the_accession_as_the_bare_object_after_the_charter_named_first():
    text = (
        "Burgos forma parte de la red de firmantes de la Carta Europea para la Igualdad de "
        "Mujeres y Hombres en la Vida Local desde que el Pleno aprobó la adhesión el 8 de "
        "junio de 2012."
    )
    [decision] = _decisions(text, "es")
    assert (decision.decision_type, decision.decision_date) == ("sign_charter", "2012-06-08")


def test_signing_another_convention_is_no_signing_of_the_charter():
    text = (
        "Limerick City and County Council signed the European Charter for Equality of Women "
        "and Men in Local Life in March 2027. In 2019 the council signed the Istanbul "
        "Convention declaration of the city network."
    )
    evidence = [d.evidence for d in _decisions(text, "en")]
    assert not any("Istanbul" in e for e in evidence)


def test_swedish_present_tense_signing_is_a_signing_verb():
    text = "Den som skriver under deklarationen förbinder sig att ta fram en handlingsplan."
    with scoped("", spaced_letters=False, language="sv") as scope:
        scope.folded = text.casefold()
        verbs, _ = actions(text)
    assert [(a.category, a.tense) for a in verbs] == [("sign", "present")]


def test_two_plans_of_one_sentence_dated_years_apart_are_two_adoptions():
    text = (
        "Burgos firmó la Carta Europea para la Igualdad de Mujeres y Hombres en la Vida Local "
        "en 2011. Tras un primer plan de acción de la Carta aprobado en 2013, el Pleno aprobó "
        "el segundo plan de acción el 13 de diciembre de 2023."
    )
    dates = {
        d.decision_date for d in _decisions(text, "es") if d.decision_type == "adopt_action_plan"
    }
    assert dates == {"2013", "2023-12-13"}


def test_a_czech_refusal_by_prefix_is_a_rejection():
    text = (
        "Zastupitelstvo města Zlína na zasedání dne 11. května 2027 neschválilo přistoupení "
        "města k Evropské chartě rovnosti žen a mužů v místním životě."
    )
    [decision] = _decisions(text, "cs")
    assert (decision.decision_type, decision.status) == ("sign_charter", "rejected")


def test_dutch_separable_verbs_keep_their_particle_at_the_end():
    text = (
        "Gisteren zette de burgemeester van Delft zijn handtekening onder het Europees "
        "Handvest voor gelijkheid van vrouwen en mannen op lokaal niveau. De gemeenteraad "
        "keurde de toetreding op 14 januari 2027 goed."
    )
    dates = {d.decision_date for d in _decisions(text, "nl") if d.decision_type == "sign_charter"}
    assert "2027-01-14" in dates


def test_a_danish_handleplan_is_a_plan():
    text = (
        "Aarhus Kommune tilsluttede sig det europæiske charter for ligestilling i 2021. "
        "Handleplanen for 2027–2029 blev vedtaget af byrådet den 3. februar 2027."
    )
    types = {(d.decision_type, d.decision_date) for d in _decisions(text, "da")}
    assert ("adopt_action_plan", "2027-02-03") in types

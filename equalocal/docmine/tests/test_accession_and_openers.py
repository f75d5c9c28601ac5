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
    """ "Kommunedirektørens innstilling:" above "Kommunestyret fatter følgende vedtak:": the
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


def test_a_neighbours_earlier_signing_is_not_merged_into_the_councils_decision():
    text = (
        "Kommunfullmäktige beslutade den 12 november 2025 att Kungälvs kommun undertecknar "
        "den europeiska deklarationen för jämställdhet mellan kvinnor och män på lokal nivå. "
        "Grannkommunen Stenungsund undertecknade deklarationen 2017."
    )
    decisions = analyse(text, language="sv").decisions
    assert len(decisions) == 2, decisions
    own = next(d for d in decisions if d.decision_date == "2025-11-12")
    assert own.signing_date == "unknown"
    assert any(d.signing_date == "2017" and d.decision_date == "unknown" for d in decisions)


def test_a_signing_after_the_decision_joins_it():
    text = (
        "Kommunfullmäktige beslutade den 12 november 2025 att Kungälvs kommun ansluter sig till "
        "den europeiska deklarationen för jämställdhet mellan kvinnor och män på lokal nivå. "
        "Kommunstyrelsens ordförande undertecknade deklarationen den 20 januari 2026."
    )
    [decision] = analyse(text, language="sv").decisions
    assert (decision.decision_date, decision.signing_date) == ("2025-11-12", "2026-01-20")


def test_a_line_of_minutes_adopting_another_plan_is_no_plan_adoption():
    """Minutes whose later items mention an action plan: a zoning plan adopted above that
    mention is not the action plan's adoption line."""
    text = (
        "Niederschrift der Sitzung des Gemeinderats vom 3. März 2026\n\n"
        "TOP 2 Flächennutzungsplan Nord\n"
        "Der Gemeinderat beschließt am 3. März 2026 den Flächennutzungsplan.\n\n"
        "TOP 3 Gleichstellung\n"
        "Die Verwaltung berichtet über den Entwurf des Aktionsplans zur Gleichstellung.\n"
    )
    decisions = analyse(text, language="de").decisions
    assert not [d for d in decisions if d.decision_type == DecisionType.ADOPT_ACTION_PLAN]


def test_a_reports_own_line_that_the_board_took_note_of_it_is_its_follow_up():
    text = (
        "JÄMSTÄLLDHETSPLANENS GENOMFÖRANDE 2025\n"
        "Uppföljningsrapport\n\n"
        "Behandlad: kommunstyrelsen 2026-02-10 § 31 (lades till handlingarna)\n\n"
        "Rapporten beskriver läget för planens åtgärder vid årets slut.\n"
    )
    decisions = analyse(text, language="sv").decisions
    [noted] = [d for d in decisions if d.decision_type == DecisionType.FOLLOW_UP_REPORT]
    assert noted.decision_date == "2026-02-10"
    assert noted.status == DecisionStatus.ADOPTED


def test_a_boards_proposal_tabled_by_the_council_stays_a_proposal():
    """Finnish council minutes: "Kaupunginhallituksen ehdotus:" is the board's proposal; the
    next item's "Päätös: Ehdotus hyväksyttiin." approves that item's own proposal, not one
    above another item's decision line."""
    text = (
        "§ 81 Tasa-arvosuunnitelma\n"
        "Kaupunginhallituksen ehdotus: Kaupunginvaltuusto hyväksyy naisten ja miesten välisen "
        "tasa-arvon toimintasuunnitelman vuosille 2026–2029.\n"
        "Päätös: Kaupunginvaltuusto päätti jättää asian pöydälle.\n\n"
        "§ 82 Valtuustoaloite\n"
        "Kaupunginhallituksen ehdotus: Kaupunginvaltuusto katsoo aloitteen käsitellyksi.\n"
        "Päätös: Ehdotus hyväksyttiin.\n"
    )
    decisions = analyse(text, language="fi").decisions
    [plan] = [d for d in decisions if d.decision_type == DecisionType.ADOPT_ACTION_PLAN]
    assert plan.status == DecisionStatus.PROPOSED
    assert plan.decision_date == "unknown"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "fi",
            "Oulun kaupunki liittyi eurooppalaiseen naisten ja miesten tasa-arvon peruskirjaan "
            "kaupunginvaltuuston päätöksellä 14.6.2021 § 77.",
        ),
        (
            "en",
            "The county joined the European Charter for Equality of Women and Men in Local Life "
            "by a resolution of 14 June 2021.",
        ),
    ],
)
def test_a_signing_dated_by_the_decision_behind_it_carries_the_decision_date(language, text):
    [decision] = analyse(text, language=language).decisions
    assert decision.decision_type == DecisionType.SIGN_CHARTER
    assert decision.decision_date == "2021-06-14"
    assert decision.signing_date == "unknown"


def test_a_greek_council_taking_note_of_the_report_is_its_follow_up():
    text = (
        "Θέμα 3: Έκθεση προόδου του Σχεδίου Δράσης για την Ισότητα.\n"
        "Απόφαση: Το Δημοτικό Συμβούλιο λαμβάνει γνώση της έκθεσης.\n"
    )
    decisions = analyse(text, language="el").decisions
    assert [d.decision_type for d in decisions] == [DecisionType.FOLLOW_UP_REPORT]


def test_a_result_line_approves_the_item_titled_by_its_word_several_sentences_above():
    text = (
        "Procès-verbal de la séance du conseil municipal du 2 février 2026\n\n"
        "Point n° 6 – Tarifs des piscines\n"
        "Adopté à l'unanimité.\n\n"
        "Point n° 7 – Adhésion de la commune à la Charte européenne pour l'égalité des femmes "
        "et des hommes dans la vie locale\n"
        "Rapporteur : M. Dubois\n"
        "M. Dubois présente le dossier. Mme Martin demande un calendrier. M. Dubois répond que "
        "le plan viendra en 2027. M. Petit annonce son abstention.\n\n"
        "Mise aux voix, la proposition est adoptée par 30 voix pour et 4 abstentions.\n"
    )
    decisions = analyse(text, language="fr").decisions
    [signing] = [d for d in decisions if d.decision_type == DecisionType.SIGN_CHARTER]
    assert signing.status == DecisionStatus.ADOPTED
    assert signing.decision_date == "2026-02-02"


def test_a_result_line_does_not_reach_past_the_item_above_it():
    text = (
        "Point n° 7 – Adhésion de la commune à la Charte européenne pour l'égalité des femmes "
        "et des hommes dans la vie locale\n"
        "Le dossier est retiré de l'ordre du jour.\n"
        "Adopté à l'unanimité.\n"
        "M. Petit évoque la voirie.\n"
        "Adopté à l'unanimité.\n"
    )
    decisions = analyse(text, language="fr").decisions
    assert len([d for d in decisions if d.decision_type == DecisionType.SIGN_CHARTER]) <= 1


def test_an_english_resolution_that_the_report_be_noted_is_its_follow_up():
    text = (
        "7. EQUALITY ACTION PLAN – PROGRESS REPORT 2025\n"
        "The Council received the progress report on the action plan.\n"
        "RESOLVED that the report be noted.\n"
    )
    decisions = analyse(text, language="en").decisions
    assert DecisionType.FOLLOW_UP_REPORT in [d.decision_type for d in decisions]


def test_a_luxembourg_plan_approved_by_the_conseil_communal_has_its_adoption_line():
    text = (
        "PLAN D'ACTION LOCAL POUR L'ÉGALITÉ 2026-2028\n\n"
        "Approuvé par le conseil communal en séance publique du 5 décembre 2025\n"
    )
    [decision] = analyse(text, language="fr").decisions
    assert decision.decision_type == DecisionType.ADOPT_ACTION_PLAN
    assert decision.decision_date == "2025-12-05"
    assert decision.deciding_body.casefold() == "conseil communal"


def test_a_signing_to_come_after_councillors_backed_the_move_is_their_decision():
    text = (
        "Published: 4 March 2026\n"
        "Perth and Kinross Council is to become a signatory to the European Charter for "
        "Equality of Women and Men in Local Life after councillors backed the move at "
        "Tuesday's meeting of the Strategic Policy and Resources Committee."
    )
    [decision] = analyse(text, language="en").decisions
    assert decision.decision_type == DecisionType.SIGN_CHARTER
    assert decision.status == DecisionStatus.ADOPTED


def test_an_accession_told_after_the_plan_approved_is_not_signed_again():
    text = (
        "A Câmara Municipal aprovou por unanimidade o Plano Municipal para a Igualdade "
        "2026-2029, documento que concretiza os compromissos assumidos com a adesão do "
        "Município à Carta Europeia para a Igualdade das Mulheres e dos Homens na Vida Local, "
        "em 2022."
    )
    decisions = analyse(text, language="pt").decisions
    assert [d.decision_type for d in decisions] == [DecisionType.ADOPT_ACTION_PLAN]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "el",
            "Αθήνα, 9 Μαρτίου 2026. Με τη χθεσινή απόφαση του Δημοτικού Συμβουλίου, ο Δήμος "
            "Λαρισαίων προσχωρεί στον Ευρωπαϊκό Χάρτη για την Ισότητα των Γυναικών και των "
            "Ανδρών στην Τοπική Ζωή.",
        ),
    ],
)
def test_joining_told_as_the_effect_of_yesterdays_decision_is_that_decision(language, text):
    [decision] = analyse(text, language=language).decisions
    assert decision.decision_type == DecisionType.SIGN_CHARTER
    assert decision.status == DecisionStatus.ADOPTED
    assert decision.decision_date == "2026-03-08"
    assert decision.signing_date == "unknown"


def test_joining_in_the_present_without_a_decision_named_is_no_decision():
    text = (
        "Ο Δήμος Λαρισαίων προσχωρεί σε πολλά δίκτυα πόλεων και συμμετέχει σε ευρωπαϊκά "
        "προγράμματα."
    )
    assert analyse(text, language="el").decisions == []


def test_two_undated_signings_of_different_years_stay_two():
    text = (
        "Avui, 12 de gener de 2026, l'alcalde de Vic ha signat la Carta Europea per a la "
        "Igualtat de Dones i Homes en la Vida Local. Manlleu va signar la Carta Europea per a "
        "la Igualtat de Dones i Homes en la Vida Local el 2019."
    )
    decisions = analyse(text, language="ca").decisions
    assert sorted(d.signing_date for d in decisions) == ["2019", "2026-01-12"]


def test_one_signing_told_in_the_headline_and_the_report_stays_one():
    text = (
        "Vic signa la Carta Europea per a la Igualtat de Dones i Homes en la Vida Local\n\n"
        "L'alcalde de Vic ha signat avui la Carta Europea per a la Igualtat de Dones i Homes en "
        "la Vida Local a la sala de plens."
    )
    assert len(analyse(text, language="ca").decisions) == 1


def test_a_councillors_proposal_that_the_executive_decide_is_a_proposal():
    text = (
        "PROPOSTA N.º 88/2026\n"
        "Assunto: Adesão do Município de Viseu à Carta Europeia para a Igualdade das Mulheres "
        "e dos Homens na Vida Local\n\n"
        "Tenho a honra de propor que a Câmara Municipal delibere:\n"
        "1. Aprovar a adesão do Município de Viseu à Carta Europeia para a Igualdade das "
        "Mulheres e dos Homens na Vida Local;\n"
        "2. Submeter a presente proposta à Assembleia Municipal.\n"
    )
    decisions = analyse(text, language="pt").decisions
    [signing] = [d for d in decisions if d.decision_type == DecisionType.SIGN_CHARTER]
    assert signing.status == DecisionStatus.PROPOSED
    assert signing.decision_date == "unknown"

"""Plan adoption lines with a deciding verb, resolutions in numbered paragraphs, letterheads
in capitals, minutes that list their agenda, and recommendations sent on to the council.
Sentences written for these tests, not taken from any evaluation text."""

from __future__ import annotations

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.decisions.fields import find_case_number
from equalocal.docmine.extraction.organisations import main_organisation, title_capital_lines
from equalocal.docmine.types import DecisionStatus, DecisionType


def test_plan_adoption_line_with_a_deciding_verb():
    text = (
        "Stadt Konstanz\n\nAktionsplan Gleichstellung 2025–2028\n\n"
        "Vom Stadtrat beschlossen am 3. Juli 2025 (Drucksache 2025-118)\n\n"
        "Der Aktionsplan beschreibt Maßnahmen in vier Handlungsfeldern.\n"
    )
    plans = [
        d
        for d in analyse(text, language="de").decisions
        if d.decision_type == DecisionType.ADOPT_ACTION_PLAN
    ]
    assert [(d.decision_date, d.deciding_body, d.status) for d in plans] == [
        ("2025-07-03", "Stadtrat", DecisionStatus.ADOPTED)
    ]


def test_polish_resolution_joins_in_its_first_paragraph():
    text = (
        "UCHWAŁA NR XX/301/2024\nRADY MIEJSKIEJ W SOPOCIE\nz dnia 14 marca 2024 r.\n\n"
        "w sprawie przystąpienia do Europejskiej Karty Równości Kobiet i Mężczyzn w Życiu "
        "Lokalnym\n\nRada Miejska uchwala, co następuje:\n\n"
        "§ 1. Gmina Miasta Sopotu przystępuje do Europejskiej Karty Równości Kobiet i "
        "Mężczyzn w Życiu Lokalnym.\n\n§ 2. Uchwała wchodzi w życie z dniem podjęcia.\n"
    )
    decisions = analyse(text, language="pl").decisions
    assert [(d.decision_type, d.status, d.decision_date) for d in decisions] == [
        (DecisionType.SIGN_CHARTER, DecisionStatus.ADOPTED, "2024-03-14")
    ]
    assert decisions[0].organisation == "Gmina Miasta Sopotu"
    assert decisions[0].case_number == "XX/301/2024"


def test_letterhead_in_capitals_keeps_its_particles_lower_case():
    assert title_capital_lines("VILLE DE NANTES\nSTADT ULM") == "Ville de Nantes\nStadt Ulm"
    assert title_capital_lines("COMUNE DI LECCO") == "Comune di Lecco"
    head = "MAIRIE DE RENNES\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\n"
    assert main_organisation(head).name == "Mairie de Rennes"


def test_a_year_in_the_meetings_own_decision_names_a_period_not_the_date():
    text = (
        "Conseil municipal de Rennes\nSéance du 9 décembre 2024\nDélibération n° 2024-201\n\n"
        "Objet : bilan annuel du plan d'action pour l'égalité\n\n"
        "Le conseil municipal prend acte du rapport de suivi 2024 du plan d'action de la "
        "Charte européenne pour l'égalité des femmes et des hommes dans la vie locale.\n"
    )
    reports = [
        d
        for d in analyse(text, language="fr").decisions
        if d.decision_type == DecisionType.FOLLOW_UP_REPORT
    ]
    assert [d.decision_date for d in reports] == ["2024-12-09"]


def test_finnish_diary_number_with_the_registrys_prefix():
    assert find_case_number("Asia TURDno-2024-77 käsiteltiin") == "TURDno-2024-77"
    assert find_case_number("Dnro 512/00.01.00/2024") != "unknown"


def test_norwegian_recommendation_put_before_the_council_stays_proposed():
    text = (
        "Møteprotokoll – Formannskapet 12.02.2025\n\nPS 7/25 Europeisk erklæring om "
        "likestilling\n\nSaksnr.: 25/118\n\nKommunedirektørens forslag til innstilling:\n"
        "Bodø kommune slutter seg til Den europeiske erklæringen om likestilling mellom "
        "kvinner og menn på lokalt nivå.\n\nFORMANNSKAPETS INNSTILLING\n"
        "Forslaget ble enstemmig vedtatt og legges fram for bystyret.\n"
    )
    decisions = analyse(text, language="nb").decisions
    assert [(d.status, d.deciding_body, d.decision_date) for d in decisions] == [
        (DecisionStatus.PROPOSED, "Bystyret", "unknown")
    ]


MINUTES = (
    "Fundargerð\nByggðarráð Borgarbyggðar - 501. fundur - 4.4.2024\n\nDagskrá\n\n"
    "1. 2403011 - Evrópusáttmáli um jafna stöðu kvenna og karla í sveitarfélögum og "
    "héruðum\n\nMeð undirritun skuldbindur sveitarfélagið sig til að gera aðgerðaáætlun.\n\n"
    "Byggðarráð leggur til við sveitarstjórn að Borgarbyggð gerist aðili að sáttmálanum.\n"
)


def test_minutes_that_decide_an_item_do_not_also_list_it_as_on_the_agenda():
    analysis = analyse(MINUTES, language="is")
    assert [(d.decision_type, d.status) for d in analysis.decisions] == [
        (DecisionType.SIGN_CHARTER, DecisionStatus.PROPOSED)
    ]
    # Minutes with their list of items are a decision document, not an agenda.
    assert analysis.kind == "decision"


def test_an_agenda_still_lists_its_items():
    agenda = (
        "Dagskrá\nFundur sveitarstjórnar 12.5.2024\n\n"
        "1. Evrópusáttmáli um jafna stöðu kvenna og karla í sveitarfélögum og héruðum\n"
        "2. Fjárhagsáætlun\n"
    )
    analysis = analyse(agenda, language="is")
    assert [d.status for d in analysis.decisions] == [DecisionStatus.ON_AGENDA]

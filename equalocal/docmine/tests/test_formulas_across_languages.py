"""Decision formulas as councils write them in Catalan, French, Greek, Portuguese and
Polish; labels, case numbers and names around them. Sentences written for these tests, not
taken from any evaluation text."""

from __future__ import annotations

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.dates import document_date
from equalocal.docmine.extraction.decisions.fields import find_case_number
from equalocal.docmine.extraction.decisions.listed import list_in_sentence
from equalocal.docmine.extraction.decisions.sentences import closes_with_deciding_verb
from equalocal.docmine.extraction.organisations import main_organisation
from equalocal.docmine.types import DecisionStatus, DecisionType


def _charter(decisions):
    return [d for d in decisions if d.decision_type == DecisionType.SIGN_CHARTER]


def test_catalan_plenary_adopts_the_proposal_named_in_its_title():
    text = (
        "Ajuntament de Reus\nActa de la sessió del Ple de 14 de març de 2025\n\n"
        "5. Proposta d'adhesió a la Carta europea per a la igualtat de dones i homes a la "
        "vida local.\n\nVist l'informe de la tècnica d'igualtat de data 2 de març de 2025;\n"
        "Sotmesa a votació, la proposta s'aprova per unanimitat i el Ple ACORDA:\n"
        "Primer. Aprovar l'adhesió de l'Ajuntament de Reus a la Carta europea per a la "
        "igualtat de dones i homes a la vida local.\n"
    )
    decisions = _charter(analyse(text, language="ca").decisions)
    assert [(d.status, d.decision_date) for d in decisions] == [
        (DecisionStatus.ADOPTED, "2025-03-14")
    ]


def test_french_deliberation_items_after_the_deliberation_formula():
    text = (
        "COMMUNE DE QUIMPER\nSéance du 3 février 2025\nDélibération n° 2025-007\n\n"
        "Le Conseil municipal, après en avoir délibéré, par 40 voix pour et 3 abstentions :\n"
        "- APPROUVE l'adhésion de la Ville à la Charte européenne pour l'égalité des femmes "
        "et des hommes dans la vie locale ;\n- AUTORISE le Maire à signer la Charte.\n"
    )
    analysis = analyse(text, language="fr")
    decisions = _charter(analysis.decisions)
    assert [(d.status, d.decision_date, d.case_number) for d in decisions] == [
        (DecisionStatus.ADOPTED, "2025-02-03", "2025-007")
    ]
    assert analysis.organisation == "Commune de Quimper"


def test_greek_decision_heading_with_its_manner_and_the_mayor_it_authorises():
    assert closes_with_deciding_verb("ΑΠΟΦΑΣΙΖΕΙ κατά πλειοψηφία")
    assert closes_with_deciding_verb("DÉCIDE à l'unanimité")
    assert not closes_with_deciding_verb("Αποφασίζει να εγκρίνει το σχέδιο και το υπογράφει.")
    text = (
        "ΔΗΜΟΣ ΒΟΛΟΥ\nΑριθ. Απόφασης 45/2025\n\nΣτον Βόλο σήμερα, 3 Μαρτίου 2025, συνήλθε "
        "το Δημοτικό Συμβούλιο ύστερα από την αριθ. 1200/27-02-2025 πρόσκληση.\n\n"
        "ΑΠΟΦΑΣΙΖΕΙ ομόφωνα\n\nΕγκρίνει την προσχώρηση του Δήμου Βόλου στον Ευρωπαϊκό Χάρτη "
        "για την Ισότητα Γυναικών και Ανδρών στην Τοπική Κοινωνία και εξουσιοδοτεί τον "
        "Δήμαρχο να υπογράψει τον Χάρτη.\n"
    )
    decisions = _charter(analyse(text, language="el").decisions)
    assert [(d.decision_date, d.case_number, d.deciding_body) for d in decisions] == [
        ("2025-03-03", "45/2025", "Δημοτικό Συμβούλιο")
    ]


def test_greek_mayor_names_the_municipality_and_a_publication_date_is_not_the_signing():
    text = (
        "Ανακοινώσεις\nΟ Δήμαρχος Τρικκαίων υπέγραψε την Ευρωπαϊκή Χάρτα για την Ισότητα\n"
        "Δημοσίευση: 20/05/2025\n\nΤην Ευρωπαϊκή Χάρτα για την Ισότητα των Φύλων στις "
        "Τοπικές Κοινωνίες υπέγραψε ο Δήμαρχος Τρικκαίων την Παρασκευή 16 Μαΐου 2025.\n"
    )
    assert main_organisation(text).name == "Δήμος Τρικκαίων"
    decisions = _charter(analyse(text, language="el").decisions)
    assert [d.signing_date for d in decisions] == ["2025-05-16"]


def test_a_resolutions_own_date_comes_before_its_publication_date():
    text = (
        "Biuletyn Informacji Publicznej\nData publikacji: 20.03.2025 10:00\n\n"
        "UCHWAŁA NR X/88/2025\nRADY GMINY LESZNOWOLA\nz dnia 12 marca 2025 r.\n"
    )
    assert document_date(text) == "2025-03-12"
    # A date labelled in the middle of a sentence is another paper's ("de data …").
    minutes = (
        "Acta del Ple de 9 d'abril de 2025\n\nVista la proposta de la regidora, de data "
        "1 d'abril de 2025, …"
    )
    assert document_date(minutes) == "2025-04-09"


def test_icelandic_case_numbers_beside_the_item_and_municipal_names():
    assert find_case_number("1. 2503012 - Evrópusáttmáli um jafna stöðu") == "2503012"
    assert find_case_number("Evrópusáttmáli um jafna stöðu - 2503012 Lagt fram") == "2503012"
    assert main_organisation("Byggðarráð Skagabyggðar - 40. fundur").name == "Skagabyggð"


def test_a_list_inside_a_committees_name_is_no_list_of_organisations():
    names, _ = list_in_sentence(
        "Der Ausschuss für Bildung, Kultur und Sport nimmt den Bericht zur Kenntnis."
    )
    assert names == []


def test_portuguese_executive_approves_and_sends_the_proposal_to_the_assembly():
    assert find_case_number("Proc.º n.º 2025/12.01/3 Presente a proposta") == "2025/12.01/3"
    text = (
        "MUNICÍPIO DE BRAGA\nATA DA REUNIÃO DA CÂMARA MUNICIPAL DE 5 DE JUNHO DE 2025\n\n"
        "Presente a proposta da Vereadora: propõe-se que a Câmara Municipal delibere aprovar "
        "a adesão do Município de Braga à Carta Europeia para a Igualdade das Mulheres e "
        "dos Homens na Vida Local.\n\nDeliberação: A Câmara Municipal deliberou, por "
        "unanimidade, aprovar a proposta e submetê-la à Assembleia Municipal.\n"
    )
    decisions = _charter(analyse(text, language="pt").decisions)
    assert [(d.status, d.deciding_body, d.decision_date) for d in decisions] == [
        (DecisionStatus.PROPOSED, "Assembleia Municipal", "unknown")
    ]


def test_a_proposal_sent_on_after_the_executive_adopted_it():
    text = (
        "A Câmara Municipal de Tomar aprovou, na reunião de 7 de abril de 2025, a adesão do "
        "Município à Carta Europeia para a Igualdade das Mulheres e dos Homens na Vida "
        "Local. A proposta, submetida à aprovação da Assembleia Municipal, prevê um plano "
        "de ação em dois anos.\n"
    )
    decisions = _charter(analyse(text, language="pt").decisions)
    assert [(d.status, d.deciding_body) for d in decisions] == [
        (DecisionStatus.ADOPTED, "Câmara Municipal"),
        (DecisionStatus.PROPOSED, "Assembleia Municipal"),
    ]


def test_a_plan_table_with_its_columns_in_another_order_under_goal_headings():
    text = (
        "Município de Viseu\nPlano Municipal para a Igualdade 2025-2027\n\n"
        "Objetivo 1: Conciliar a vida profissional e familiar\n"
        "Responsável | Atividade | Quando\n"
        "Divisão de Recursos Humanos | Horário flexível para pais e mães | 2025\n"
        "Divisão de Educação | Alargamento do horário das creches | 2026\n\n"
        "Objetivo 2: Prevenir a violência de género\n"
        "Responsável | Atividade | Quando\n"
        "Gabinete de Ação Social | Formação das equipas de atendimento | 2.º semestre de 2025\n"
    )
    rows = analyse(text, language="pt").action_rows
    assert [(r.goal[:11], r.responsible, r.timeframe) for r in rows] == [
        ("Objetivo 1:", "Divisão de Recursos Humanos", "2025"),
        ("Objetivo 1:", "Divisão de Educação", "2026"),
        ("Objetivo 2:", "Gabinete de Ação Social", "2.º semestre de 2025"),
    ]


def test_a_body_deciding_in_the_present_decides_on_the_meetings_day():
    text = (
        "Sveitarstjórn Skagafjarðar - 30. fundur\nFundur haldinn fimmtudaginn 8. maí 2025\n\n"
        "Dagskrá:\n2. 2504011 - Evrópusáttmáli um jafna stöðu kvenna og karla\n"
        "Sveitarstjórn samþykkir að Skagafjörður gerist aðili að Evrópusáttmálanum um jafna "
        "stöðu kvenna og karla í sveitarfélögum og héruðum.\n\nFundargerð ritaði: ritari\n"
    )
    analysis = analyse(text, language="is")
    adopted = [d for d in analysis.decisions if d.status == DecisionStatus.ADOPTED]
    assert [d.decision_date for d in adopted] == ["2025-05-08"]
    assert analysis.kind == "decision"  # minutes that decide, not an agenda


def test_a_greek_committee_recommends_to_the_council():
    text = (
        "ΔΗΜΟΣ ΚΑΡΔΙΤΣΑΣ\nΗ Δημοτική Επιτροπή\n\nΕισηγείται στο Δημοτικό Συμβούλιο την "
        "προσχώρηση του Δήμου Καρδίτσας στην Ευρωπαϊκή Χάρτα για την Ισότητα των Φύλων στις "
        "Τοπικές Κοινωνίες.\n"
    )
    decisions = _charter(analyse(text, language="el").decisions)
    assert [d.status for d in decisions] == [DecisionStatus.PROPOSED]


def test_polish_council_that_did_not_agree_rejects_and_the_city_in_the_genitive():
    text = (
        "Radni nie zgodzili się na przystąpienie miasta do Europejskiej Karty Równości "
        "Kobiet i Mężczyzn w Życiu Lokalnym. Projekt uchwały Rady Miasta Kalisz odrzucony.\n"
    )
    decisions = _charter(analyse(text, language="pl").decisions)
    assert DecisionStatus.REJECTED in [d.status for d in decisions]
    assert main_organisation("Zarządzenie Prezydenta Miasta Kalisz").name == "Miasto Kalisz"


def test_a_sites_chrome_does_not_outweigh_the_decision_its_news_reports():
    text = (
        "Sala kommun har undertecknat den europeiska deklarationen för jämställdhet mellan "
        "kvinnor och män på lokal och regional nivå. Kommunfullmäktige beslutade den 10 mars "
        "2025.\n\nHoppa till innehåll\nKontakt\nVi använder cookies för att förbättra "
        "webbplatsen.\nSenast uppdaterad: 12 mars 2025\n"
    )
    assert analyse(text, language="sv").kind == "decision"


def test_a_meeting_named_in_the_text_does_not_date_the_document():
    text = (
        "Working group\nInterim report\nDate: 15 June 2016\n\nOutreach\tWe held a joint\n"
        "meeting Gdańsk 22/6/2016 with the commissions.\n"
    )
    assert document_date(text) == "2016-06-15"
    assert document_date("Séance du 8 avril 2025\nPubliée le 20 avril 2025") == "2025-04-08"

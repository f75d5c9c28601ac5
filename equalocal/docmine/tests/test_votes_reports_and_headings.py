"""Votes, resolutions with their date in between, annual reports taken note of, damaged
capitals and the heading that ends a proposal: sentences written for these tests."""

from __future__ import annotations

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.decisions.sentences import split_sentences
from equalocal.docmine.text.repair import repair_text
from equalocal.docmine.types import DecisionStatus, DecisionType


def _decisions(text: str, language: str):
    return analyse(text, language=language).decisions


def test_councillors_who_voted_to_sign_decided():
    decisions = _decisions(
        "Councillors voted unanimously to sign the European Charter for Equality of Women "
        "and Men in Local Life on 3 March 2026.",
        "en",
    )
    assert [(d.decision_type, d.status, d.decision_date) for d in decisions] == [
        (DecisionType.SIGN_CHARTER, DecisionStatus.ADOPTED, "2026-03-03")
    ]


def test_a_vote_to_adopt_the_plan_adopts_it():
    decisions = _decisions(
        "The full council voted to adopt the Charter action plan on 3 March 2026.", "en"
    )
    assert [d.decision_type for d in decisions] == [DecisionType.ADOPT_ACTION_PLAN]


def test_voting_against_is_no_vote_to_sign():
    decisions = _decisions(
        "Councillors voted against signing the European Charter for Equality of Women and Men "
        "in Local Life on 3 March 2026.",
        "en",
    )
    assert all(d.status == DecisionStatus.REJECTED for d in decisions)


def test_a_polish_resolution_with_its_date_between_verb_and_noun():
    decisions = _decisions(
        "Rada Miejska w Gdyni podjęła 26 lutego 2026 r. uchwałę nr XXI/512/2026 w sprawie "
        "przystąpienia do Europejskiej Karty Równości Kobiet i Mężczyzn w Życiu Lokalnym.",
        "pl",
    )
    assert [(d.decision_type, d.decision_date, d.case_number) for d in decisions] == [
        (DecisionType.SIGN_CHARTER, "2026-02-26", "XXI/512/2026")
    ]


def test_damaged_capitals_mid_sentence_get_their_diacritics_back():
    damaged = (
        "Rada Miejska w Gdyni podjela 26 lutego 2026 r. uchwale nr XXI/512/2026 w sprawie "
        "przystapienia do Europejskiej Karty Rownosci Kobiet i Mezczyzn w Zyciu Lokalnym. "
        "Prezydent Miasta Lodz podpisal deklaracje w obecnosci radnych. Uchwala wchodzi w "
        "zycie z dniem podjecia."
    )
    repaired, changes = repair_text(damaged, "pl")
    assert "Karty Równości Kobiet i Mężczyzn w Życiu Lokalnym" in repaired
    assert "Miasta Łódź podpisał" in repaired
    assert {c.original for c in changes} >= {"Rownosci", "Mezczyzn", "Zyciu"}


def test_names_on_a_clean_page_are_left_alone():
    repaired, changes = repair_text(
        "Prezydent Miasta Lodz podpisała deklarację w obecności radnych.", "pl"
    )
    assert "Lodz" in repaired and not changes


def test_an_annual_report_taken_note_of_is_a_follow_up_report():
    decisions = _decisions(
        "Årsrapporten for 2024 ble tatt til orientering av formannskapet 22.04.2025.", "nb"
    )
    assert [(d.decision_type, d.decision_date) for d in decisions] == [
        (DecisionType.FOLLOW_UP_REPORT, "2025-04-22")
    ]


def test_a_one_word_heading_ends_the_proposal_and_the_background_is_history():
    text = (
        "Rådmannens innstilling\n"
        "Kommunestyret tar årsrapporten til orientering.\n\n"
        "Bakgrunn\n"
        "Kommunestyret vedtok i mai 2019 at Hamar kommune skulle slutte seg til Den europeiske "
        "erklæringen for likestilling mellom kvinner og menn på lokalt og regionalt nivå.\n"
    )
    sentences = split_sentences(text)
    assert [s.formula for s in sentences] == [False, True, False, False]
    decisions = _decisions(text, "nb")
    assert [(d.decision_type, d.status, d.decision_date) for d in decisions] == [
        (DecisionType.FOLLOW_UP_REPORT, DecisionStatus.PROPOSED, "unknown"),
        (DecisionType.SIGN_CHARTER, DecisionStatus.ADOPTED, "2019-05"),
    ]


def test_a_paper_on_an_annual_report_with_a_status_table_is_a_report():
    rows = "\n".join(
        f"{n}\tLikere lønn i enhet {n} med ny lønnskartlegging\tHR og organisasjon\t2025\t{status}"
        for n, status in enumerate(
            ["Gjennomført", "I rute", "Forsinket – ny frist 2026", "I rute"], start=1
        )
    )
    text = (
        "HAMAR KOMMUNE\nSaksframlegg\nÅrsrapport 2025 – handlingsplan for likestilling\n\n"
        "Rådmannens innstilling\nKommunestyret tar årsrapporten til orientering.\n\n"
        "Bakgrunn\nHandlingsplanen ble vedtatt av kommunestyret 12. desember 2023.\n\n"
        f"Nr\tTiltak\tAnsvarlig\tFrist\tStatus\n{rows}\n"
    )
    analysis = analyse(text, language="nb")
    assert analysis.kind == "report", analysis.kind_cues
    assert any("with their status" in cue for cue in analysis.kind_cues)


def test_a_rejection_in_the_next_item_leaves_this_items_recommendation_alone():
    text = (
        "Bæjarráð – 812. fundur\nHaldinn mánudaginn 9. mars 2026.\n\n"
        "2. Aðgerðaáætlun samkvæmt Evrópusáttmála um jafnrétti kvenna og karla – Mál nr. "
        "2026030011\n"
        "Bæjarráð leggur til við bæjarstjórn að samþykkja aðgerðaáætlun bæjarins 2026–2028 "
        "samkvæmt Evrópusáttmálanum um jafnrétti kvenna og karla.\n\n"
        "3. Tillaga um lækkun gjalda – Mál nr. 2026020047\n"
        "Lögð fram tillaga um að gjöld verði lækkuð.\n"
        "Tillagan var felld með tveimur atkvæðum gegn einu.\n"
    )
    decisions = _decisions(text, "is")
    assert [(d.decision_type, d.status) for d in decisions] == [
        (DecisionType.ADOPT_ACTION_PLAN, DecisionStatus.PROPOSED)
    ]


def test_a_council_decision_that_says_no_is_a_rejection_on_its_meetings_day():
    text = (
        "Hamar kommune\nSÆRUTSKRIFT\n\n"
        "Behandlet av        Møtedato\n1 Formannskapet      03.02.2026\n"
        "2 Kommunestyret      19.02.2026\n\n"
        "Kommunestyrets behandling 19.02.2026:\nInnstillingen falt med 14 mot 17 stemmer.\n\n"
        "Kommunestyrets vedtak:\n"
        "1. Hamar kommune slutter seg ikke til Den europeiske erklæringen for likestilling "
        "mellom kvinner og menn på lokalt og regionalt nivå.\n\n"
        "Formannskapets behandling 03.02.2026:\nInnstillingen ble vedtatt med 6 mot 3 stemmer.\n"
    )
    decisions = _decisions(text, "nb")
    assert [(d.status, d.decision_date, d.deciding_body) for d in decisions] == [
        (DecisionStatus.REJECTED, "2026-02-19", "Kommunestyret")
    ]


def test_a_negation_after_the_verb_negates_a_swedish_signing():
    decisions = _decisions(
        "Kommunfullmäktiges beslut:\nKommunen undertecknar inte den europeiska deklarationen "
        "för jämställdhet mellan kvinnor och män på lokal och regional nivå.\n",
        "sv",
    )
    assert [d.status for d in decisions] == [DecisionStatus.REJECTED]


def test_not_only_after_the_verb_negates_nothing():
    decisions = _decisions(
        "Kommunen undertecknade inte bara deklarationen för jämställdhet mellan kvinnor och "
        "män på lokal och regional nivå den 3 mars 2026, den antog också en handlingsplan.",
        "sv",
    )
    assert DecisionStatus.REJECTED not in [d.status for d in decisions]


def test_said_yes_to_is_a_decision():
    decisions = _decisions(
        "Publicerad 2026-03-27\nKommunfullmäktige sa i går ja till att Arvika kommun "
        "undertecknar den europeiska deklarationen för jämställdhet mellan kvinnor och män på "
        "lokal och regional nivå.",
        "sv",
    )
    assert [(d.decision_type, d.status, d.decision_date) for d in decisions] == [
        (DecisionType.SIGN_CHARTER, DecisionStatus.ADOPTED, "2026-03-26")
    ]


def test_the_municipality_as_subject_is_the_documents_own():
    analysis = analyse(
        "Arvika kommun\n\nKommunen skrev under CEMR-deklarationen för jämställdhet mellan "
        "kvinnor och män i november 2009.",
        language="sv",
    )
    assert [d.organisation for d in analysis.decisions] == ["Arvika kommun"]


def test_a_signing_after_the_plenarys_approval_is_dated_by_the_approval():
    decisions = _decisions(
        "Manacor va signar la Carta europea per a la igualtat de dones i homes en la vida local "
        "el 8 de març de 2021, després que el Ple n'aprovàs l'adhesió en la sessió de 25 de "
        "febrer de 2021.",
        "ca",
    )
    assert [(d.decision_type, d.decision_date, d.signing_date) for d in decisions] == [
        (DecisionType.SIGN_CHARTER, "2021-02-25", "2021-03-08")
    ]


def test_a_plan_approved_by_plenary_agreement_has_its_adoption_line():
    analysis = analyse(
        "PLA D'ACCIÓ PER A LA IGUALTAT 2026-2029\nPla de la Carta europea per a la igualtat "
        "de dones i homes en la vida local\n\nDocument aprovat per acord plenari de dia 12 de "
        "març de 2026\n\nPRESENTACIÓ\nAquest pla recull les mesures de l'Ajuntament.",
        language="ca",
    )
    assert [(d.decision_type, d.decision_date) for d in analysis.decisions] == [
        (DecisionType.ADOPT_ACTION_PLAN, "2026-03-12")
    ]


def test_a_signing_on_the_basis_of_a_boards_earlier_decision_keeps_both_dates():
    decisions = _decisions(
        "Kotka allekirjoitti eurooppalaisen peruskirjan naisten ja miesten tasa-arvosta "
        "paikallistasolla 8.3.2023 kaupunginhallituksen 20.2.2023 tekemän päätöksen perusteella.",
        "fi",
    )
    assert [(d.decision_date, d.signing_date) for d in decisions] == [("2023-02-20", "2023-03-08")]


def test_a_resolution_number_between_the_noun_and_its_date_still_dates_the_joining():
    decisions = _decisions(
        "Il Comune di Rovereto ha aderito alla Carta europea per l'uguaglianza e la parità "
        "delle donne e degli uomini nella vita locale con deliberazione della Giunta comunale "
        "n. 98 di data 3 ottobre 2016.",
        "it",
    )
    assert [(d.decision_type, d.decision_date) for d in decisions] == [
        (DecisionType.SIGN_CHARTER, "2016-10-03")
    ]


def test_a_joining_dated_by_the_councils_meeting_is_the_decisions_date():
    decisions = _decisions(
        "Με την αριθ. 112/2019 απόφαση του Δημοτικού Συμβουλίου ο Δήμος Τρικκαίων προσχώρησε "
        "στον Ευρωπαϊκό Χάρτη για την Ισότητα των Γυναικών και των Ανδρών στην Τοπική Ζωή, στη "
        "συνεδρίαση της 4-3-2019.",
        "el",
    )
    assert [(d.decision_date, d.signing_date, d.case_number) for d in decisions] == [
        ("2019-03-04", "unknown", "112/2019")
    ]


def test_a_mayor_signing_at_a_meeting_signs_on_its_day():
    decisions = _decisions(
        "The Mayor signed the European Charter for Equality of Women and Men in Local Life at "
        "the council meeting on 8 March 2019.",
        "en",
    )
    assert [(d.decision_date, d.signing_date) for d in decisions] == [("unknown", "2019-03-08")]


def test_a_greek_plan_in_the_genitive_is_a_plan():
    analysis = analyse(
        "ΘΕΜΑ: Έγκριση του Σχεδίου Δράσης σε εφαρμογή του Ευρωπαϊκού Χάρτη για την Ισότητα "
        "των Γυναικών και των Ανδρών στην Τοπική Ζωή\n\nΤο Δημοτικό Συμβούλιο αποφασίζει:\n"
        "1. Την έγκριση του Σχεδίου Δράσης του Δήμου Λαμιέων για την Ισότητα των Φύλων.\n",
        language="el",
    )
    assert [d.decision_type for d in analysis.decisions] == [DecisionType.ADOPT_ACTION_PLAN]


def test_a_greek_officers_recommendation_is_a_proposal_paper():
    analysis = analyse(
        "ΔΗΜΟΣ ΛΑΜΙΕΩΝ\nΛαμία, 4 Μαρτίου 2026\n\nΘΕΜΑ: Έγκριση του Σχεδίου Δράσης σε εφαρμογή "
        "του Ευρωπαϊκού Χάρτη για την Ισότητα των Γυναικών και των Ανδρών στην Τοπική Ζωή\n\n"
        "ΕΙΣΗΓΗΣΗ\n\nΤο Σχέδιο έχει τέσσερις άξονες.\n\nΕΙΣΗΓΟΥΜΑΣΤΕ\n\n"
        "Το Δημοτικό Συμβούλιο να αποφασίσει:\n"
        "Α. Την έγκριση του Σχεδίου Δράσης του Δήμου Λαμιέων για την Ισότητα των Φύλων.\n",
        language="el",
    )
    assert analysis.kind == "decision", analysis.kind_cues
    assert [(d.decision_type, d.status) for d in analysis.decisions] == [
        (DecisionType.ADOPT_ACTION_PLAN, DecisionStatus.PROPOSED)
    ]

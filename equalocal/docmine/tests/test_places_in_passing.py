"""Other places named in passing in a relative clause ("… Lindau, das die Charta 2011
unterzeichnet hat") get decisions of their own, and news dates a meeting by its weekday.
The sentences are written for these tests."""

from __future__ import annotations

import pytest

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.dates import find_dates
from equalocal.docmine.extraction.decisions.bodies import relative_clause_subject
from equalocal.docmine.extraction.decisions.fields import find_case_number


@pytest.mark.parametrize(
    ("sentence", "verb", "language", "expected"),
    [
        (
            "Dazu gehört etwa Lindau, das die Charta 2011 unterzeichnet hat.",
            "unterzeichnet",
            "de",
            "Lindau",
        ),
        ("à l'image de Mons, qui a signé la Charte en 2014", "signé", "fr", "Mons"),
        ("come Ravenna, che ha firmato la Carta nel 2012", "firmato", "it", "Ravenna"),
        (
            "liksom Sundsvall, som undertecknade deklarationen 2010",
            "undertecknade",
            "sv",
            "Sundsvall",
        ),
        ("such as Galway, which signed the Charter in 2016", "signed", "en", "Galway"),
        # Common nouns with a capital, or after an article, name no place.
        ("Die Gemeinde, die die Charta unterzeichnet hat", "unterzeichnet", "de", ""),
        ("The Council, which signed the Charter", "signed", "en", ""),
        ("la Commune, qui a signé la Charte", "signé", "fr", ""),
        # The verb outside the relative clause.
        ("Lindau, das am See liegt, hat die Charta unterzeichnet", "unterzeichnet", "de", ""),
    ],
)
def test_the_place_a_relative_clause_is_about(sentence, verb, language, expected):
    assert relative_clause_subject(sentence, sentence.index(verb), language) == expected


def test_a_place_signing_in_passing_is_its_own_decision():
    text = (
        "Pressemitteilung vom 12.03.2025\n\n"
        "Die Stadt Ravensburg tritt der Europäischen Charta für die Gleichstellung von Frauen "
        "und Männern auf lokaler Ebene bei. Das hat der Gemeinderat am Montag mit 30 Ja-Stimmen "
        "beschlossen (Drucksache R-25/118). In der Region gehört unter anderem Lindau, das die "
        "Charta bereits 2011 unterzeichnet hat, zu den Unterzeichnern.\n"
    )
    decisions = {d.organisation: d for d in analyse(text, language="de").decisions}
    own = decisions["Stadt Ravensburg"]
    assert own.decision_date == "2025-03-10"  # the Monday before the release
    assert own.case_number == "R-25/118"
    assert own.signing_date == "unknown"  # Lindau's year is Lindau's
    assert decisions["Lindau"].signing_date == "2011"


def test_a_weekday_before_a_number_that_is_no_date_is_still_the_meeting_day():
    found = find_dates("Der Rat hat am Dienstag mit 38 Stimmen beschlossen", "2025-02-19")
    assert [d.value for d in found] == ["2025-02-18"]
    # A date right after the weekday is the date itself.
    assert [d.value for d in find_dates("Montag, 12. März 2019", "2025-02-19")] == ["2019-03-12"]
    assert [d.value for d in find_dates("am gestrigen Abend", "2025-02-19")] == ["2025-02-18"]


def test_a_case_number_with_a_letter_and_a_hyphen():
    assert find_case_number("beschlossen (Drucksache G-25/031).") == "G-25/031"


def test_case_numbers_with_a_session_in_roman_numerals_and_greek_number_labels():
    assert find_case_number("Uchwała Nr 412/XXI/2025 Rady Gminy") == "412/XXI/2025"
    assert find_case_number("σύμφωνα με την υπ' αριθμ. 77/2025 απόφαση") == "77/2025"


def test_a_report_on_the_plan_written_after_it_is_the_object():
    # Lithuanian puts the plan (genitive) before the report on it.
    text = (
        "ALYTAUS MIESTO SAVIVALDYBĖS TARYBA\n\nSPRENDIMAS\n\n2025 m. vasario 20 d. Nr. 2-40\n\n"
        "Atsižvelgdama į tai, kad savivaldybė prisijungė prie Europos vyrų ir moterų lygybės "
        "vietos lygiu char-\ntijos, Savivaldybės taryba nusprendžia:\n\n"
        "Patvirtinti Alytaus miesto moterų ir vyrų lygybės veiksmų plano įgyvendinimo 2024 metų "
        "ataskaitą.\n"
    )
    analysis = analyse(text, language="lt")
    assert analysis.cemr_related  # the Charter's name broken over two lines
    [report] = [d for d in analysis.decisions if d.decision_type == "follow_up_report"]
    # The year names the report's period; the decision is the meeting's, of its day.
    assert report.decision_date == "2025-02-20"


def test_news_reporting_the_decision_in_the_leads_second_sentence_is_a_decision():
    text = (
        "Diese Website verwendet Cookies. Mehr dazu in der Datenschutzerklärung.\n\n"
        "Startseite › Presse › 2025\n\n"
        "Ravensburg tritt der Gleichstellungscharta bei\nPressemitteilung vom 12.03.2025\n\n"
        "Die Stadt Ravensburg wird der Europäischen Charta für die Gleichstellung von Frauen "
        "und Männern auf lokaler Ebene beitreten. Das hat der Gemeinderat am Montag mit 30 "
        "Ja-Stimmen beschlossen. Die Charta verpflichtet zu einem Aktionsplan. Die Unterzeichnung "
        "ist für den Frauentag geplant. Teilen Kontakt Impressum\n"
    )
    analysis = analyse(text, language="de")
    assert analysis.kind == "decision", analysis.kind_cues


def test_joining_by_a_resolution_cited_with_its_number_is_dated_by_that_resolution():
    text = (
        "COMUNE DI LUCCA\nDELIBERAZIONE DELLA GIUNTA COMUNALE N. 88/2025\n\n"
        "Richiamata la deliberazione del Consiglio comunale n. 41 del 14/04/2021, con la quale "
        "il Comune ha aderito alla Carta europea per l'uguaglianza e la parità delle donne e "
        "degli uomini nella vita locale;\n"
    )
    decisions = analyse(text, language="it").decisions
    joined = [d for d in decisions if d.decision_type == "sign_charter"]
    assert [(d.decision_date, d.signing_date) for d in joined] == [("2021-04-14", "unknown")]


def test_a_publication_label_with_a_short_word_before_its_date_dates_no_decision():
    text = (
        "Namur : le conseil rejette l'adhésion à la Charte\nPublié le 26/02/2025 à 06h45\n\n"
        "Le conseil communal de Namur a rejeté mardi soir la motion pour l'adhésion de la Ville "
        "à la Charte européenne pour l'égalité des femmes et des hommes dans la vie locale.\n"
    )
    dates = {d.decision_date for d in analyse(text, language="fr").decisions}
    assert "2025-02-26" not in dates
    assert "2025-02-25" in dates  # the Tuesday before the publication


def test_news_of_a_plan_adopted_under_the_charter_is_a_decision():
    text = (
        "Este website utiliza cookies.\n\nInício > Notícias\n\n"
        "Tavira aprova Plano para a Igualdade\n10-03-2025 | Notícias\n\n"
        "A Câmara Municipal de Tavira aprovou por unanimidade, na reunião da passada "
        "segunda-feira, o Plano Municipal para a Igualdade 2025-2028, no âmbito da adesão à "
        "Carta Europeia para a Igualdade das Mulheres e dos Homens na Vida Local. O plano "
        "reúne 30 medidas.\n"
    )
    assert analyse(text, language="pt").kind == "decision"
    # News of general equality work, the Charter unnamed, stays a web page.
    general = text.replace(
        ", no âmbito da adesão à Carta Europeia para a Igualdade das Mulheres e dos Homens na "
        "Vida Local",
        "",
    )
    assert analyse(general, language="pt").kind == "web_page"


def test_a_small_group_of_signatories_is_one_decision_with_the_group_as_written():
    text = (
        "Provincia di Cremona\n\nComunicato stampa\nPubblicato il 14 aprile 2025\n\n"
        "Ieri i sindaci di 9 Comuni del Cremasco hanno sottoscritto la Carta europea per "
        "l'uguaglianza e la parità delle donne e degli uomini nella vita locale. "
        "La Provincia di Cremona aveva aderito alla Carta nel 2018.\n"
    )
    decisions = {d.organisation: d for d in analyse(text, language="it").decisions}
    assert decisions["9 Comuni"].signing_date == "2025-04-13"
    assert decisions["Provincia di Cremona"].signing_date == "2018"
    # A tally of many signatories stays no decision.
    from equalocal.docmine.extraction.decisions.bodies import group_subject

    tally = "In Italia oltre 150 Comuni hanno sottoscritto la Carta"
    assert group_subject(tally, tally.index("sottoscritto")) == ""


def test_a_wrapped_line_ending_in_a_short_word_goes_on_and_a_long_opener_still_opens():
    from equalocal.docmine.extraction.decisions.sentences import split_sentences

    text = (
        "Mit Beschluss vom 13. Dezember 2012 ist die Stadt Villach der Europäischen Charta für die\n"
        "Gleichstellung von Frauen und Männern auf lokaler Ebene beigetreten.\n"
    )
    [sentence] = split_sentences(text)
    assert "für die Gleichstellung" in sentence.norm
    opener = (
        "Torna-se público, nos termos e para os efeitos do artigo 56.º do Anexo I à Lei n.º "
        "75/2013, de 12 de setembro, que a Assembleia Municipal de\nSetúbal, na sua sessão "
        "ordinária realizada em 28 de fevereiro de 2025,\ndeliberou:\n\n"
        "Ponto 3 – Aprovar, por unanimidade, a adesão do Município à Carta Europeia para a "
        "Igualdade das Mulheres e dos Homens na Vida Local;\n"
    )
    assert split_sentences(opener)[-1].formula


def test_the_charter_in_the_verbs_clause_is_its_object_though_a_plan_follows():
    text = (
        "Kotkan kaupunki\n\nKaupunginvaltuusto hyväksyi eurooppalaisen naisten ja miesten "
        "tasa-arvon peruskirjan vuonna 2010, ja nykyinen tasa-arvosuunnitelma rakentuu sen "
        "artikloille.\n"
    )
    [decision] = analyse(text, language="fi").decisions
    assert decision.decision_type == "sign_charter"
    # The plan as the subject of the verb stays the object ("the plan was adopted …").
    plan = "Kotkan kaupunki\n\nTasa-arvosuunnitelma hyväksyttiin valtuustossa 2023 peruskirjan pohjalta.\n"
    assert [d.decision_type for d in analyse(plan, language="fi").decisions] == [
        "adopt_action_plan"
    ]


def test_an_austrian_protocol_dates_the_joining_by_its_resolution_and_adopts_the_plan():
    text = (
        "Protokoll über die öffentliche Sitzung des Gemeinderates der Stadt Spittal\n"
        "am Donnerstag, 6. März 2025\n\nPunkt 4\nZahl: GS-2025/007\nAmtsvortrag:\n"
        "Mit Beschluss des Gemeinderates vom 4. Juni 2014, Zahl MD-\n2014/221, ist die Stadt "
        "Spittal der Europäischen Charta für die\nGleichstellung von Frauen und Männern auf "
        "lokaler Ebene beigetreten.\n"
        "Der Stadtsenat stellt daher den Antrag, der Gemeinderat wolle beschließen:\n"
        "1. Der Gleichstellungsaktionsplan 2025–2028 der Stadt Spittal wird\n"
        "   in der vorliegenden Fassung (Beilage A) genehmigt.\n"
        "Der Antrag wird einstimmig angenommen.\n"
    )
    decisions = analyse(text, language="de").decisions
    joined = [d for d in decisions if d.decision_type == "sign_charter"]
    assert [(d.decision_date, d.signing_date) for d in joined] == [("2014-06-04", "unknown")]
    assert "adopt_action_plan" in {d.decision_type for d in decisions}


def test_a_day_near_the_verb_dates_it_better_than_a_year_in_the_next_clause():
    from equalocal.docmine.extraction.dates import find_dates
    from equalocal.docmine.extraction.decisions.fields import best_date

    norm = "Der Plan wurde am 5. März 2019, Zahl GS-2019/002, beschlossen und lief Ende 2024 aus."
    found = best_date(find_dates(norm), norm.index("beschlossen"))
    assert found.value == "2019-03-05"


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Bæjarstjórn samþykkti á fundi sínum á þriðjudag að", "2025-03-13", "2025-03-11"),
        ("na reunião da passada quarta-feira, o Plano", "2025-04-22", "2025-04-16"),
        ("Kommunestyret vedtok forrige tirsdag at", "2025-03-27", "2025-03-25"),
        ("Valtuusto päätti viime tiistaina", "2025-03-27", "2025-03-25"),
        ("Il Consiglio ha approvato lo scorso martedì", "2025-03-27", "2025-03-25"),
    ],
)
def test_weekdays_in_their_inflected_forms_and_with_last(text, reference, expected):
    from equalocal.docmine.extraction.dates import find_dates

    assert [d.value for d in find_dates(text, reference)] == [expected]


def test_a_formula_is_dated_by_the_meeting_its_opener_names_not_by_the_letter():
    text = (
        "LARVIK KOMMUNE\n\nVår ref.: 25/01234-2          Dato: 07.04.2025\n\n"
        "MELDING OM VEDTAK\n\n"
        "Kommunestyret i Larvik behandlet saken i møte 26.03.2025, sak 33/25, og\n"
        "fattet følgende vedtak:\n\n"
        "«1. Larvik kommune slutter seg til Det europeiske charteret for likestilling mellom "
        "kvinner og menn i lokalsamfunnet.»\n"
    )
    [decision] = analyse(text, language="nb").decisions
    assert decision.decision_date == "2025-03-26"

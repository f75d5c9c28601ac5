"""OCR damage beyond lost diacritics (I for l, m for rn, Greek without accents or with Latin
letters), Greek patterns that hold without accents, and a signatory named before a pronoun
and an auxiliary ("Charleroi l'a signée"). Sentences written for these tests; none is copied
from a held-out or development text."""

from __future__ import annotations

import re

import pytest

from equalocal.docmine.extraction import analyse, lexicon
from equalocal.docmine.extraction.decisions.bodies import named_subject
from equalocal.docmine.text.repair import repair_text

# A Portuguese page that lost its accents, as a poor scan's text layer does.
PT_PAGE = (
    "Ata da reuniao ordinaria da Assembleia Municipal. Aos dez dias do mes de marco, "
    "reuniu a Assembleia, com a presenca de vinte membros. O presidente informou sobre a "
    "situacao financeira e a execucao do orcamento. A proposta relativa a {phrase} foi "
    "discutida e votada. Nada mais havendo a tratar, foi encerrada a sessao, da qual se "
    "lavrou a presente ata, que vai ser assinada. A Camara apresentou a informacao escrita "
    "sobre a atividade municipal, a gestao dos servicos e as obras em execucao no concelho."
)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("lgualdade de genero", "igualdade de g"),  # l read for I
        ("Reguiamento MunicipaI", "Municipal"),  # I read for l inside a word
        ("meios intemos", "meios internos"),  # m read for rn
        ("a altemancia", "a alternância"),
    ],
)
def test_letters_that_look_alike_are_repaired(phrase, expected):
    repaired, repairs = repair_text(PT_PAGE.format(phrase=phrase), "pt")
    assert expected in repaired
    assert repairs


def test_a_clean_page_keeps_its_capital_i_and_its_m():
    text = (
        "A Câmara Municipal aprovou o plano. O Instituto Nacional de Estatística publicou os "
        "dados, e o município manteve os meios internos e a alternância dos técnicos. " * 3
    )
    repaired, _ = repair_text(text, "pt")
    assert repaired == text


GREEK_PAGE = (
    "Στη συνεδριαση του Δημοτικου Συμβουλιου, την Τεταρτη, συζητηθηκε η προταση της "
    "Επιτροπης Ισοτητας. Το Δημοτικο Συμβουλιο αποφασιζει ομοφωνα και εγκρινει την "
    "προταση, μετα απο συζητηση με τους πολιτες και τους φορεις της πολης. Η αποφαση "
    "αναρτηθηκε στο διαδικτυο και κοινοποιηθηκε στις υπηρεσιες του δημου για ενημερωση."
)


def test_a_greek_page_without_accents_gets_them_back():
    repaired, repairs = repair_text(GREEK_PAGE, "el")
    assert "Δημοτικό Συμβούλιο" in repaired
    assert "αποφασίζει" in repaired
    assert len(repairs) > 10


def test_latin_letters_inside_greek_words_become_greek():
    text = GREEK_PAGE + "\nAΠOΦAΣIZEI ομοφωνα."
    repaired, _ = repair_text(text, "el")
    assert "ΑΠΟΦΑΣΙΖΕΙ" in repaired
    assert not re.search(r"[A-Z]", repaired)


def test_accents_become_optional_in_greek_patterns_only_outside_classes():
    bare = lexicon.ACCENT_OPTIONAL["el"]
    assert lexicon.accents_optional("προσχώρηση", bare) == "προσχ[ώω]ρηση"
    assert lexicon.accents_optional("[Ά-Ώ]ή", bare) == "[ΆΑ-ΏΩ][ήη]"
    assert lexicon.accents_optional(r"\ώ", bare) == r"\ώ"


def test_a_greek_decision_without_accents_is_found():
    text = (
        "ΔΗΜΟΣ ΚΑΒΑΛΑΣ\n\nΤο Δημοτικο Συμβουλιο του Δημου Καβαλας, στη συνεδριαση της "
        "12ης Μαρτιου 2025, ενεκρινε ομοφωνα την προσχωρηση του Δημου στον Ευρωπαικο Χαρτη "
        "για την Ισοτητα των Γυναικων και των Ανδρων στην Τοπικη Ζωη."
    )
    [decision] = analyse(text, language="el").decisions
    assert decision.decision_type == "sign_charter"
    assert decision.status == "adopted"
    assert decision.decision_date == "2025-03-12"


@pytest.mark.parametrize(
    ("sentence", "verb", "language", "name"),
    [
        ("Dans la région, Namur l'a signée dès 2012.", "signée", "fr", "Namur"),
        ("A la Garrotxa, Olot ja la va subscriure l'any 2018.", "subscriure", "ca", "Olot"),
        ("No distrito, Viseu já a subscreveu.", "subscreveu", "pt", "Viseu"),
        ("Dessutom har vi undertecknat den.", "undertecknat", "sv", ""),
        ("Inoltre l'ha firmata la giunta.", "firmata", "it", ""),
    ],
)
def test_a_name_before_a_pronoun_and_an_auxiliary_is_the_subject(sentence, verb, language, name):
    assert named_subject(sentence, sentence.index(verb), language) == name


@pytest.mark.parametrize(
    ("text", "language", "organisation", "signed"),
    [
        (
            "La Carta Europea per a la Igualtat de Dones i Homes a la Vida Local obliga a fer "
            "un pla. L'Ajuntament de Manresa la va subscriure l'any 2016.",
            "ca",
            "Ajuntament de Manresa",
            "2016",
        ),
        (
            "Ο Δήμος Κοζάνης έχει ήδη υπογράψει τον Ευρωπαϊκό Χάρτη για την Ισότητα των "
            "Γυναικών και των Ανδρών στην Τοπική Ζωή από το 2017.",
            "el",
            "Δήμος Κοζάνης",
            "2017",
        ),
    ],
)
def test_signing_verbs_of_catalan_and_the_greek_perfect(text, language, organisation, signed):
    [decision] = analyse(text, language=language).decisions
    assert decision.decision_type == "sign_charter"
    assert decision.organisation == organisation
    assert decision.signing_date == signed


def test_a_swedish_decision_named_as_taken():
    text = (
        "Kommunen har undertecknat den europeiska deklarationen för jämställdhet mellan "
        "kvinnor och män på lokal och regional nivå. Beslutet att underteckna den fattades av "
        "kommunfullmäktige 2021-03-15, § 44."
    )
    decisions = analyse(text, language="sv").decisions
    assert [(d.decision_type, d.decision_date) for d in decisions] == [
        ("sign_charter", "2021-03-15")
    ]


@pytest.mark.parametrize(
    ("text", "language", "body"),
    [
        (
            "Kommunen har undertecknat den europeiska deklarationen för jämställdhet mellan "
            "kvinnor och män. Kommunstyrelsen beslutade att lägga rapporten om uppföljningen "
            "av den första jämställdhetsplanen (bilaga 3) till handlingarna.",
            "sv",
            "Kommunstyrelsen",
        ),
        (
            "Kaupunki on liittynyt eurooppalaiseen naisten ja miesten tasa-arvon peruskirjaan. "
            "Kaupunginhallitus on merkinnyt seurantaraportin tiedoksi.",
            "fi",
            "Kaupunginhallitus",
        ),
        (
            "Kommunen har signert Det europeiske charteret for likestilling mellom kvinner og "
            "menn i lokalsamfunnet. Kommunestyret tok rapporten om arbeidet med den første "
            "handlingsplanen til orientering.",
            "nb",
            "Kommunestyret",
        ),
        (
            "Die Stadt ist der Europäischen Charta für die Gleichstellung von Frauen und "
            "Männern auf lokaler Ebene beigetreten. Der Bericht der Stabsstelle für "
            "Chancengleichheit über das zweite Jahr des Aktionsplans wird vom Gemeinderat zur "
            "Kenntnis genommen.",
            "de",
            "Gemeinderat",
        ),
    ],
)
def test_taking_note_of_a_report_in_its_longer_forms(text, language, body):
    decisions = analyse(text, language=language).decisions
    noted = [d for d in decisions if d.decision_type == "follow_up_report"]
    assert len(noted) == 1
    assert noted[0].deciding_body == body


def test_a_year_beside_the_signing_beats_today_in_the_next_clause():
    text = (
        "Datum: 2025-10-14\n\nDeklarationen gäller jämställdhet mellan kvinnor och män. "
        "Ystad skrev under CEMR-deklarationen redan 2011 och arbetar i dag efter sin andra plan."
    )
    [decision] = analyse(text, language="sv").decisions
    assert decision.signing_date == "2011"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "VERBALE DEL CONSIGLIO COMUNALE DEL 12 MARZO 2025\n\n"
            "Punto 4 – Mozione n. 12/2025 «Adesione del Comune di Foligno alla Carta europea "
            "per l'uguaglianza e la parità delle donne e degli uomini nella vita locale».\n"
            "Il consigliere Rossi illustra la mozione.\n"
            "Il Consiglio comunale respinge la mozione n. 12/2025.",
            "it",
        ),
        (
            "MINUTES OF THE COUNCIL MEETING HELD ON 3 MARCH 2025\n\n"
            "C/12/2025 NOTICE OF MOTION – EUROPEAN CHARTER FOR EQUALITY OF WOMEN AND MEN IN "
            "LOCAL LIFE\nCouncillor Byrne proposed that the Council should sign the European "
            "Charter for Equality of Women and Men in Local Life.\n"
            "For: 10 Against: 14\nThe Mayor declared the motion lost.",
            "en",
        ),
    ],
)
def test_a_result_line_rejects_the_motion_above_it(text, language):
    decisions = analyse(text, language=language).decisions
    assert [(d.decision_type, d.status, d.decision_date) for d in decisions] == [
        ("sign_charter", "rejected", "2025-03-12" if language == "it" else "2025-03-03")
    ]


def test_another_place_that_signed_beside_a_motion_has_signed():
    text = (
        "COMUNE DI FOLIGNO\nVerbale della seduta del 12 marzo 2025.\n\n"
        "La consigliera Verdi illustra la mozione, "
        "ricordando che la Carta europea per l'uguaglianza e la parità delle donne e degli "
        "uomini nella vita locale è stata sottoscritta dal Comune di Spoleto già nel 2016."
    )
    decisions = analyse(text, language="it").decisions
    spoleto = [d for d in decisions if d.organisation == "Comune di Spoleto"]
    assert [(d.status, d.signing_date) for d in spoleto] == [("adopted", "2016")]


def test_minutes_with_their_order_of_the_day_are_no_agenda():
    from equalocal.docmine.extraction.classify import is_agenda

    minutes = (
        "Ajuntament de Sóller\n\nACTA DE LA SESSIÓ ORDINÀRIA DEL PLE DE 3 DE MARÇ DE 2025\n\n"
        "ORDRE DEL DIA\n\n1. Aprovació de l'acta anterior.\nS'aprova per unanimitat.\n"
    )
    agenda = "Ajuntament de Sóller\n\nORDRE DEL DIA\n\n1. Aprovació de l'acta anterior.\n"
    assert not is_agenda(minutes)
    assert is_agenda(agenda)


def test_a_breadcrumb_is_a_menu_line():
    from equalocal.docmine.extraction.classify import in_a_menu_line

    line = "Início > Agenda > Semana Municipal da Igualdade 2026"
    assert in_a_menu_line(line, line.index("Agenda"))
    assert not in_a_menu_line("A agenda da sessão > tem cinco pontos.", 2)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "ACTA DE LA SESSIÓ ORDINÀRIA DEL PLE DE 3 DE MARÇ DE 2025\n\n"
            "5. Expedient 2025/410. Proposta d'adhesió de l'Ajuntament de Sóller a la Carta "
            "Europea per a la Igualtat de Dones i Homes a la Vida Local.\n"
            "Votació i acord: s'aprova per unanimitat i s'adopten els acords següents:\n"
            "Primer. Aprovar l'adhesió de l'Ajuntament de Sóller a la Carta Europea per a la "
            "Igualtat de Dones i Homes a la Vida Local.\n",
            "ca",
        ),
        (
            "ACTA DE LA SESIÓN ORDINARIA DEL PLENO DE 3 DE MARZO DE 2025\n\n"
            "5. Propuesta de adhesión del Ayuntamiento de Teruel a la Carta Europea para la "
            "Igualdad de Mujeres y Hombres en la Vida Local.\n"
            "Sometida a votación, se adoptan por unanimidad los siguientes acuerdos:\n"
            "Primero. Aprobar la adhesión del Ayuntamiento de Teruel a la Carta Europea para la "
            "Igualdad de Mujeres y Hombres en la Vida Local.\n",
            "es",
        ),
    ],
)
def test_the_following_agreements_open_the_decision(text, language):
    decisions = analyse(text, language=language).decisions
    assert [(d.decision_type, d.status, d.decision_date) for d in decisions] == [
        ("sign_charter", "adopted", "2025-03-03")
    ]


@pytest.mark.parametrize(
    ("text", "language", "body", "date"),
    [
        (
            "LOVISA STAD\n\nJÄMSTÄLLDHETSPLAN 2026–2029\n\nGodkänd av stadsfullmäktige "
            "15.12.2025 § 120\n\n1 Bakgrund\nPlanen gäller hela staden.",
            "sv",
            "Stadsfullmäktige",
            "2025-12-15",
        ),
        (
            "Mayo County Council\n\nGENDER EQUALITY ACTION PLAN 2026–2028\n\nAdopted by the "
            "Elected Members at the Plenary Council Meeting of 12 January 2026\n\n"
            "1. Introduction\nThis plan sets out our actions.",
            "en",
            "Elected Members",
            "2026-01-12",
        ),
    ],
)
def test_a_plans_adoption_line_with_the_bodies_of_finland_and_ireland(text, language, body, date):
    decisions = analyse(text, language=language).decisions
    assert [(d.decision_type, d.deciding_body, d.decision_date) for d in decisions] == [
        ("adopt_action_plan", body, date)
    ]
    assert decisions[0].organisation != "Plenary Council"


def test_a_catalan_accession_decided_in_the_passive():
    text = (
        "Ajuntament de Vic\n\nL'adhesió de Vic a la Carta Europea per a la Igualtat de Dones i "
        "Homes a la Vida Local va ser acordada pel Ple municipal el 12 de maig de 2021."
    )
    [decision] = analyse(text, language="ca").decisions
    assert (decision.decision_type, decision.status, decision.decision_date) == (
        "sign_charter",
        "adopted",
        "2021-05-12",
    )

"""Decisions as news and web pages write them, in several languages, with sentences written
for these tests (none is copied from a development text)."""

from __future__ import annotations

import pytest

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.decisions.sentences import split_sentences
from equalocal.docmine.types import DecisionStatus, DecisionType


def _signings(text: str, language: str):
    return [
        d for d in analyse(text, language=language).decisions if d.decision_type == "sign_charter"
    ]


def test_a_sentence_glued_to_the_next_by_extraction_is_split():
    text = "Bæjarstjórn fundaði í gær.Síðan var kaffi. Мэр подписал.Затем ушёл."
    assert [s.norm for s in split_sentences(text)] == [
        "Bæjarstjórn fundaði í gær.",
        "Síðan var kaffi.",
        "Мэр подписал.",
        "Затем ушёл.",
    ]


def test_a_clause_before_a_list_is_a_signing_of_its_own():
    text = (
        "Í vikunni hefur Fjarðabyggð undirritað Evrópusáttmálann um jafnrétti kvenna og karla, "
        "en áður höfðu Ísafjarðarbær, Garðabær og Árborg undirritað sáttmálann."
    )
    signings = _signings(text, "is")
    assert len(signings) == 4
    assert {d.organisation for d in signings} >= {"Ísafjarðarbær", "Garðabær", "Árborg"}


def test_a_second_conjunction_adds_one_more_organisation_to_the_list():
    text = "Peruskirjan ovat hyväksyneet Oulun, Porin ja Lahden kaupungit sekä Pirkanmaan liitto."
    text = "Tasa-arvon peruskirja on eurooppalainen. " + text.replace(
        "Peruskirjan", "Eurooppalaisen tasa-arvon peruskirjan"
    )
    assert len(_signings(text, "fi")) == 4


def test_two_names_sharing_a_plural_organisation_noun_are_two_signatories():
    text = (
        "Europos moterų ir vyrų lygybės vietos lygiu chartiją yra pasirašiusios Alytaus ir "
        "Panevėžio miesto savivaldybės."
    )
    assert len(_signings(text, "lt")) == 2


def test_a_counted_group_named_in_the_next_sentence_is_one_decision_per_member():
    text = (
        "ადგილობრივ ცხოვრებაში ქალთა და კაცთა თანასწორობის ევროპულ ქარტიას კიდევ 3 "
        "მუნიციპალიტეტი შეუერთდა. ამჯერად, დოკუმენტს გორის, თელავისა და ბათუმის "
        "მუნიციპალიტეტების მერებმა მოაწერეს ხელი."
    )
    signings = _signings(text, "ka")
    assert sorted(d.organisation for d in signings) == ["ბათუმის", "გორის", "თელავისა"]
    assert all(d.status == DecisionStatus.ADOPTED for d in signings)
    assert all(d.decision_type == DecisionType.SIGN_CHARTER for d in signings)


@pytest.mark.parametrize(
    ("language", "text", "date", "body"),
    [
        (
            "en",
            "On 4 June 2023 the Cabinet noted the progress report on the Equality Action Plan.",
            "2023-06-04",
            "Cabinet",
        ),
        (
            "de",
            "Der Gleichstellungsausschuss nimmt den Fortschrittsbericht zum Aktionsplan in "
            "seiner Sitzung am 12.03.2024 zur Kenntnis.",
            "2024-03-12",
            "Gleichstellungsausschuss",
        ),
        (
            "it",
            "La Giunta comunale prende atto della relazione annuale sul Piano di azione per la "
            "parità, il 5 marzo 2021.",
            "2021-03-05",
            "Giunta comunale",
        ),
        (
            "fr",
            "Le conseil municipal prend acte du rapport de suivi du plan d'action le 12 janvier "
            "2022.",
            "2022-01-12",
            "Conseil municipal",
        ),
        (
            "fi",
            "Kaupunginhallitus merkitsi tasa-arvosuunnitelman seurantaraportin tiedoksi 14.2.2023.",
            "2023-02-14",
            "Kaupunginhallitus",
        ),
        (
            "pl",
            "Rada Miejska przyjęła do wiadomości sprawozdanie z realizacji planu działań w dniu "
            "3 marca 2022 r.",
            "2022-03-03",
            "Rada Miejska",
        ),
        (
            "nb",
            "Formannskapet tok statusrapporten for handlingsplanen til orientering 5. mai 2021.",
            "2021-05-05",
            "Formannskapet",
        ),
        (
            "pt",
            "A Câmara Municipal tomou conhecimento do relatório de acompanhamento do Plano "
            "Municipal para a Igualdade em 3 de maio de 2022.",
            "2022-05-03",
            "Câmara Municipal",
        ),
        (
            "el",
            "Το Δημοτικό Συμβούλιο έλαβε γνώση της έκθεσης παρακολούθησης του σχεδίου δράσης "
            "στις 3 Μαΐου 2022.",
            "2022-05-03",
            "Δημοτικό Συμβούλιο",
        ),
        (
            "ca",
            "El Ple de l'Ajuntament pren coneixement de l'informe de seguiment del pla d'igualtat "
            "el 3 de maig de 2022.",
            "2022-05-03",
            "Ple de l'Ajuntament",
        ),
        (
            "is",
            "Stöðuskýrsla jafnréttisáætlunar lögð fram til kynningar í bæjarráði 3. maí 2022.",
            "2022-05-03",
            "Bæjarráði",
        ),
    ],
)
def test_taking_note_of_a_report_is_a_follow_up_decision(language, text, date, body):
    [decision] = analyse(text, language=language).decisions
    assert decision.decision_type == DecisionType.FOLLOW_UP_REPORT
    assert decision.status == DecisionStatus.ADOPTED
    assert decision.decision_date == date
    assert decision.deciding_body == body


def test_taking_note_of_the_charter_signs_nothing():
    text = "The Cabinet noted the European Charter for Equality of Women and Men in Local Life."
    assert analyse(text, language="en").decisions == []


def test_a_committee_recommendation_in_a_beschlussvorlage_is_a_proposal_to_the_council():
    text = (
        "Beschlussvorlage Nr. 0456/2025\nStadt Musterhausen\n\n"
        "Der Ausschuss für Soziales hat in seiner Sitzung am 4. März 2025 den zweiten "
        "Fortschrittsbericht zur Kenntnis genommen.\n\n"
        "Der Ausschuss für Soziales empfiehlt dem Stadtrat, folgenden Beschluss zu fassen:\n"
        "1. Die Stadt Musterhausen tritt der Europäischen Charta für die Gleichstellung von "
        "Frauen und Männern auf lokaler Ebene bei.\n"
    )
    decisions = analyse(text, language="de").decisions
    by_type = {d.decision_type: d for d in decisions}
    assert by_type[DecisionType.FOLLOW_UP_REPORT].decision_date == "2025-03-04"
    signing = by_type[DecisionType.SIGN_CHARTER]
    assert signing.status == DecisionStatus.PROPOSED
    assert signing.deciding_body == "Stadtrat"


def test_a_recommendation_is_decided_by_the_body_it_is_addressed_to():
    text = (
        "Det europeiske charteret for likestilling mellom kvinner og menn i lokalsamfunnet er "
        "et politisk dokument. Formannskapet anbefalte mandag at kommunestyret skal si ja til "
        "at Lillevik kommune signerer charteret."
    )
    [decision] = analyse(text, language="nb").decisions
    assert decision.status == DecisionStatus.PROPOSED
    assert decision.deciding_body.casefold() == "kommunestyret"


def test_a_second_subject_with_its_own_year_and_the_verb_gapped_is_a_second_signing():
    text = (
        "Det europeiske charteret for likestilling mellom kvinner og menn i lokalsamfunnet. "
        "Nordfjord kommune sluttet seg til charteret i 2011, og Sørvik kommune i 2013."
    )
    signings = _signings(text, "nb")
    assert {(d.organisation, d.signing_date) for d in signings} == {
        ("Nordfjord kommune", "2011"),
        ("Sørvik kommune", "2013"),
    }
    assert all(d.decision_date == "unknown" for d in signings)


@pytest.mark.parametrize(
    ("language", "text", "date"),
    [
        ("fr", "Le 8 mars, en 2010, le maire signait la charte.", "2010-03-08"),
        ("uk", "14 / Листопад, 2019", "2019-11"),
        ("en", "Published November, 2019", "2019-11"),
        ("tr", "26-10-2022 10:41", "2022-10-26"),
    ],
)
def test_dates_written_with_a_preposition_a_comma_or_hyphens(language, text, date):
    from equalocal.docmine.extraction.dates import parse_date

    assert parse_date(text) == date


@pytest.mark.parametrize(
    ("language", "text", "association"),
    [
        (
            "fi",
            "Suomen Kuntaliitto hyväksyi eurooppalaisen tasa-arvon peruskirjan maaliskuussa 2007.",
            "Suomen Kuntaliitto",
        ),
        (
            "sv",
            "SKR ställde sig bakom den europeiska deklarationen för jämställdhet i maj 2008.",
            "SKR",
        ),
        (
            "it",
            "L'ANCI ha sottoscritto la Carta europea per l'uguaglianza delle donne e degli uomini "
            "nella vita locale il 12 marzo 2009.",
            "ANCI",
        ),
    ],
)
def test_a_national_association_endorsing_the_charter_is_another_decision(
    language, text, association
):
    [decision] = analyse(text, language=language).decisions
    assert decision.decision_type == DecisionType.OTHER
    assert decision.organisation == association


def test_an_undated_endorsement_by_an_association_is_background():
    text = "SKR har ställt sig bakom den europeiska deklarationen för jämställdhet."
    assert analyse(text, language="sv").decisions == []


def test_cemr_adopting_the_charter_is_no_local_decision():
    text = (
        "Europsku povelju o ravnopravnosti žena i muškaraca na lokalnoj razini donijelo je "
        "Vijeće europskih općina i regija (CEMR)."
    )
    assert analyse(text, language="hr").decisions == []


def test_foreign_examples_after_among_others_are_no_decisions():
    text = (
        "Eurooppalainen tasa-arvon peruskirja. Euroopassa peruskirjan ovat hyväksyneet mm. "
        "Lyonin, Grazin ja Gentin kaupungit."
    )
    assert analyse(text, language="fi").decisions == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("sl", "Danes je več kot 1200 lokalnih in regionalnih oblasti podpisalo Evropsko listino."),
        ("cs", "Která města již přistoupila k Evropské chartě rovnosti žen a mužů"),
    ],
)
def test_counts_and_questions_about_many_signatories_are_no_decisions(language, text):
    assert analyse(text, language=language).decisions == []


def test_a_signatory_noun_is_no_signing():
    text = (
        "Konferenca o Evropski listini o enakosti žensk in moških, katere podpisnice so tudi "
        "slovenske občine."
    )
    assert analyse(text, language="sl").decisions == []


def test_two_bodies_and_two_dates_respectively_are_two_decisions():
    text = (
        "O Plano Municipal para a Igualdade 2024-2027 foi aprovado pela Câmara Municipal e pela "
        "Assembleia Municipal a 3 de abril de 2024 e a 29 de abril de 2024, respetivamente."
    )
    decisions = analyse(text, language="pt").decisions
    assert {(d.decision_type, d.decision_date, d.deciding_body) for d in decisions} == {
        ("adopt_action_plan", "2024-04-03", "Câmara Municipal"),
        ("adopt_action_plan", "2024-04-29", "Assembleia Municipal"),
    }


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Savivaldybės administracijos direktoriaus įsakymu Nr. B-412 patvirtintas", "B-412"),
        ("Dno KSE: 1203 /00.01.02/2023\n\n12 §", "KSE: 1203 /00.01.02/2023"),
        ("Dnro 88/00.04.01/2022", "88/00.04.01/2022"),
        ("Міська рада прийняла рішення № 512 про приєднання", "№ 512"),
    ],
)
def test_case_numbers_as_written(text, number):
    from equalocal.docmine.extraction.decisions.fields import find_case_number

    assert find_case_number(" ".join(text.split())) == number


def test_a_case_number_of_another_clause_is_not_the_decisions():
    from equalocal.docmine.extraction.decisions.fields import find_case_number

    text = (
        "Miestui 2016 m. prisijungus prie chartijos narių, Vilniaus miesto savivaldybės "
        "administracijos direktoriaus 2017 m. gegužės 2 d. įsakymu Nr. A-15 buvo sudaryta darbo "
        "grupė"
    )
    assert find_case_number(text, near=text.find("prisijungus")) == "unknown"


def test_a_comment_form_marks_a_post_and_a_draft_decision_is_other():
    post = (
        "Study visit on the European Charter for Equality of Women and Men in Local Life.\n\n"
        "Mayors visited Graz to learn how the Charter is implemented.\n\nLeave a Reply\n"
    )
    assert analyse(post, language="en").kind == "other"
    draft = (
        "TOČKA 5. Prijedlog odluke o pristupanju Grada Zadra Europskoj povelji o "
        "ravnopravnosti spolova na lokalnoj razini\n\nOdbor podnosi Gradskom vijeću prijedlog."
    )
    assert analyse(draft, language="hr").kind == "other"


def test_a_bulleted_list_of_charter_articles_gives_rows_and_statute_headings_do_not():
    from equalocal.docmine.extraction.tables import rows_from_text

    listed = (
        "Het Vrouwenhuis realiseert 4 doelstellingen van het Charter.\n\n"
        " • Art. 2 Politieke vertegenwoordiging\n"
        " • Art.11 Werkgeversrol\n"
        " • Art. 19 Huisvesting\n"
        " • Art.26 Mobiliteit\n"
    )
    rows = rows_from_text(listed)
    assert [(r.activity, r.charter_article) for r in rows] == [
        ("Art. 2 Politieke vertegenwoordiging", "2"),
        ("Art.11 Werkgeversrol", "11"),
        ("Art. 19 Huisvesting", "19"),
        ("Art.26 Mobiliteit", "26"),
    ]
    statute = (
        "Artikel 1: Doel\n\nDe werkgroep adviseert het college over gelijkheid.\n\n"
        "Artikel 2: Samenstelling\n\nDe werkgroep telt zeven leden.\n\n"
        "Artikel 3: Vergaderingen\n\nDe werkgroep vergadert vier keer per jaar.\n"
    )
    assert rows_from_text(statute) == []


def test_a_signing_and_a_plan_decided_in_one_sentence_are_two_decisions():
    intro = (
        "Die Europäische Charta für die Gleichstellung von Frauen und Männern auf lokaler Ebene. "
    )
    decisions = analyse(
        intro + "Die Stadt Celle hat die Charta im Jahr 2018 unterzeichnet und 2020 ihren "
        "ersten Aktionsplan beschlossen.",
        language="de",
    ).decisions
    by_type = {d.decision_type: d for d in decisions}
    assert by_type["sign_charter"].signing_date == "2018"  # "im Jahr 2018": a point in time
    assert by_type["adopt_action_plan"].decision_date == "2020"


def test_a_clause_boundary_is_a_conjunction_of_the_documents_language():
    # French "a été" holds no Czech or Slovak "a": the cut falls at "et".
    intro = "La Charte européenne pour l'égalité des femmes et des hommes dans la vie locale. "
    decisions = analyse(
        intro + "Le maire rappelle que la Ville a signé la Charte en 2012 et qu'un premier "
        "plan d'action a été adopté par délibération du 3 juin 2019.",
        language="fr",
    ).decisions
    by_type = {d.decision_type: d for d in decisions}
    assert by_type["sign_charter"].signing_date == "2012"
    assert by_type["adopt_action_plan"].decision_date == "2019-06-03"


def test_words_of_one_language_include_those_it_shares_with_another():
    from equalocal.docmine.extraction import lexicon

    # Polish "i" is also Croatian, Bosnian and Catalan: Polish still has it.
    assert lexicon.words_in("prose.list_conjunctions", "pl").search("radni i radne")
    assert not lexicon.words_in("prose.list_conjunctions", "fr").search("ceci a cela")


def test_greek_pluperfect_signing_and_the_charters_own_launch():
    intro = "Ευρωπαϊκός Χάρτης για την Ισότητα των Φύλων στην Τοπική Ζωή. "
    [decision] = analyse(
        intro + "Ο Δήμος Ναυπλιέων είχε υπογράψει τον Χάρτη ήδη από το 2017.", language="el"
    ).decisions
    assert decision.decision_type == "sign_charter"
    assert decision.signing_date == "2017"
    # The Charter as subject, adopted in its launch year: history, no signatory's decision.
    assert (
        analyse(
            intro + "Ο Χάρτης, που υιοθετήθηκε το 2006, καλύπτει όλους τους τομείς.",
            language="el",
        ).decisions
        == []
    )


def test_an_icelandic_town_in_kaupstadur_is_an_organisation():
    from equalocal.docmine.extraction.organisations import find_organisations

    text = "Seyðisfjarðarkaupstaður\n\nFundur haldinn í Herðubreið."
    assert [m.name for m in find_organisations(text)] == ["Seyðisfjarðarkaupstaður"]

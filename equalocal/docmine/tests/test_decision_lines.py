"""General causes behind the misses of held-out sets 1 and 2 (issue 14, second round): one
function or data key per pattern, each tested with sentences written for these tests (none
is copied from a held-out or development text)."""

from __future__ import annotations

from equalocal.docmine.extraction import analyse, guess_language
from equalocal.docmine.extraction.dates import find_dates
from equalocal.docmine.extraction.decisions.cues import actions
from equalocal.docmine.extraction.decisions.extract import (
    adopts_the_proposal,
    approves_what_is_above,
)
from equalocal.docmine.extraction.decisions.fields import find_case_number
from equalocal.docmine.extraction.decisions.sentences import (
    closes_with_deciding_verb,
    is_decision_heading,
    split_sentences,
)
from equalocal.docmine.extraction.organisations import main_organisation, title_capital_lines
from equalocal.docmine.types import DecisionStatus, DecisionType

# A deciding verb closing its line opens the decision ---------------------------------------


def test_deciding_verb_before_a_colon_or_as_a_heading_in_capitals():
    assert closes_with_deciding_verb("Rada Gminy Kórnik uchwala, co następuje:")
    assert closes_with_deciding_verb("Savivaldybės taryba nusprendžia:")
    assert closes_with_deciding_verb("VENDOSI:")
    assert closes_with_deciding_verb("ΑΠΟΦΑΣΙΖΕΙ ΚΑΤΑ ΠΛΕΙΟΨΗΦΙΑ")
    # A sentence that reports a decision is not a heading; a document-type title is none.
    assert not closes_with_deciding_verb("Kunnanvaltuusto päätti asiasta kokouksessaan.")
    assert not closes_with_deciding_verb("Vendosi të mos diskutojë më tej")
    assert not closes_with_deciding_verb("VENDIM")


def test_deciding_verbs_of_headings_in_more_languages():
    assert closes_with_deciding_verb("РЕШИ:")
    assert closes_with_deciding_verb("Dome nolemj:")
    assert closes_with_deciding_verb("Vallavolikogu otsustab:")


def test_protocol_decision_headings_alone_or_before_a_colon():
    for heading in ("BESCHLUSS", "Beslutning", "Päätös", "Vedtak:", "DÉCISION", "Acuerdo:"):
        assert is_decision_heading(heading), heading
    assert is_decision_heading("Kommunstyrelsens beslut")
    # Inside a sentence, or as part of a longer word, the noun opens nothing.
    assert not is_decision_heading("The council postponed the decision.")
    assert not is_decision_heading("Beslutningsprotokol")
    sentences = split_sentences("Besluit: Akkoord met het voorstel.\nVolgend punt.")
    assert [s.formula for s in sentences] == [True, False]


def test_items_after_a_deciding_verb_heading_are_the_decision():
    text = (
        "BASHKIA FIER\nKËSHILLI BASHKIAK\n\nVENDIM\nNr. 112, datë 14.06.2022\n\n"
        "Këshilli Bashkiak Fier, pasi shqyrtoi relacionin,\n\nVENDOSI:\n\n"
        "1. Miratimin e nënshkrimit të Kartës Evropiane për Barazinë e Grave dhe Burrave "
        "në Jetën Vendore.\n2. Ky vendim hyn në fuqi menjëherë.\n"
    )
    sentences = split_sentences(text)
    item = next(s for s in sentences if s.norm.startswith("1. Miratimin"))
    assert item.formula
    decision = analyse(text, language="sq").decisions[0]
    assert decision.decision_type == DecisionType.SIGN_CHARTER
    assert decision.status == DecisionStatus.ADOPTED
    assert decision.decision_date == "2022-06-14"


# A protocol's decision line approving the proposal above it --------------------------------


def test_short_adopting_line_without_object_approves_what_is_above():
    assert approves_what_is_above("Godkendt.")
    assert approves_what_is_above("Ehdotus hyväksyttiin.")
    assert not approves_what_is_above("Byrådet godkendte handlingsplanen for ligestilling.")
    assert not approves_what_is_above("Kommunen har tilsluttet sig chartret.")
    assert not approves_what_is_above("Ordføreren orienterede om mødet.")


_DANISH_PROTOCOL = (
    "Ringsted Kommune\nKommunalbestyrelsen – Beslutningsprotokol\n"
    "Møde mandag den 4. marts 2024 kl. 18.00\n\n"
    "Punkt 12: Det europæiske charter for ligestilling mellem kvinder og mænd i "
    "lokalsamfundet\nSagsnr.: 24/2231\n\n"
    "Indstilling\nForvaltningen indstiller, at Kommunalbestyrelsen godkender, at Ringsted "
    "Kommune tilslutter sig chartret.\n\n"
    "Beslutning\nGodkendt.\n"
)


def test_approval_line_makes_the_proposal_the_decision():
    decisions = analyse(_DANISH_PROTOCOL, language="da").decisions
    assert len(decisions) == 1
    decision = decisions[0]
    assert decision.decision_type == DecisionType.SIGN_CHARTER
    assert decision.status == DecisionStatus.ADOPTED
    assert decision.decision_date == "2024-03-04"
    assert decision.case_number == "24/2231"


def test_without_the_approval_line_the_proposal_stays_a_proposal():
    text = _DANISH_PROTOCOL.replace("Beslutning\nGodkendt.\n", "")
    decisions = analyse(text, language="da").decisions
    assert [d.status for d in decisions] == [DecisionStatus.PROPOSED]


def test_an_adopted_proposal_is_adopted():
    adopted = "A Câmara Municipal aprovou, na reunião de 3 de junho, a proposta de adesão à Carta."
    assert adopts_the_proposal(adopted, actions(adopted)[0])
    english = "The Cabinet approved the proposal to sign the European Charter for Equality."
    assert adopts_the_proposal(english, actions(english)[0])
    # Proposing to approve, or a proposal in another sentence, stays a proposal.
    proposing = "A Câmara propõe à Assembleia Municipal aprovar a adesão à Carta."
    assert not adopts_the_proposal(proposing, actions(proposing)[0])
    decision = analyse(
        "A Câmara Municipal de Lousada aprovou, na reunião de 3 de junho de 2021, a proposta "
        "de adesão à Carta Europeia para a Igualdade das Mulheres e dos Homens na Vida Local.",
        language="pt",
    ).decisions[0]
    assert decision.status == DecisionStatus.ADOPTED


# Case numbers --------------------------------------------------------------------------------


def test_case_numbers_with_a_slashed_letter_prefix():
    assert find_case_number("Usnesení č. RM/45/2019/7 schvaluje") == "RM/45/2019/7"
    assert find_case_number("UCHWAŁA NR XII/98/2019 RADY GMINY") == "XII/98/2019"
    assert find_case_number("Dnr KS 2023/77") == "KS 2023/77"


def test_case_numbers_written_before_their_noun():
    assert find_case_number("a 45/2019. (IV. 11.) számú határozatával") == "45/2019. (IV. 11.)"
    assert find_case_number("12.03.2021 tarihli ve 88 sayılı kararı ile") == "88"
    assert find_case_number("ενέκρινε με την απόφαση 17/2020 την υπογραφή") == "17/2020"


def test_case_numbers_with_the_body_between_label_and_number_sign():
    assert (
        find_case_number("Approuvé par délibération du conseil municipal n° B-2024-017 du 3 juin")
        == "B-2024-017"
    )
    assert find_case_number("nach Beschluss des Kreistages Nr. 41/2024 vom 2. Mai") == "41/2024"


def test_case_number_signs_and_labels_of_iberian_languages():
    assert find_case_number("(Deliberação n.º 88/2024)") == "88/2024"
    assert find_case_number("Proposta n.º 7/2024/DSE – Adesão") == "7/2024/DSE"
    assert find_case_number("3. SERVEIS SOCIALS. Expedient 2024/771. Adhesió") == "2024/771"
    assert find_case_number("Número de decret: 2024/0915") == "2024/0915"
    assert find_case_number("acord núm. 45/2024 del Ple") == "45/2024"


def test_a_weak_label_needs_its_number_sign():
    # "decret" and "acord" alone are words of the sentence, not labels.
    assert find_case_number("el decret 12 de març") == "unknown"
    assert find_case_number("l'acord 15 de la sessió") == "unknown"


# A plan printed as the annex to a decision --------------------------------------------------


def test_annex_to_a_decision_adopts_the_plan():
    text = (
        "Anexa la Hotărârea Consiliului Local nr. 112 din 30 martie 2022\n\n"
        "PLANUL LOCAL DE ACȚIUNE PENTRU EGALITATEA DE ȘANSE 2022–2024\n"
        "în aplicarea Cartei Europene pentru Egalitatea între Femei și Bărbați în Viața Locală\n"
    )
    plans = [
        d
        for d in analyse(text, language="ro").decisions
        if d.decision_type == DecisionType.ADOPT_ACTION_PLAN
    ]
    assert len(plans) == 1
    assert plans[0].decision_date == "2022-03-30"
    assert plans[0].case_number == "112"
    assert plans[0].status == DecisionStatus.ADOPTED


def test_annex_line_in_a_text_that_is_no_plan_adopts_nothing():
    text = "Anexa la Hotărârea Consiliului Local nr. 112 din 30 martie 2022\n\nRegulament.\n"
    assert analyse(text, language="ro").decisions == []


# Dates ---------------------------------------------------------------------------------------


def test_day_and_month_without_year_take_the_reference_year():
    assert [d.value for d in find_dates("ekainaren 14an bilkuran", "2021-06-20")] == ["2021-06-14"]
    assert [d.value for d in find_dates("2018ko urriaren 3an")] == ["2018-10-03"]
    assert [d.value for d in find_dates("στη συνεδρίαση της 3ης Μαΐου 2021")] == ["2021-05-03"]


def test_year_first_date_with_slashes():
    assert [d.value for d in find_dates("Argitaratua: 2020/11/04")] == ["2020-11-04"]
    # A case number with a year is no date.
    assert not [d for d in find_dates("Dnr 2020/1104") if d.precision == 3]


# Organisations in capitals --------------------------------------------------------------------


def test_letterhead_in_capitals_names_the_organisation():
    assert title_capital_lines("MESTO ŽILINA\nMestské zastupiteľstvo") == (
        "Mesto Žilina\nMestské zastupiteľstvo"
    )
    mention = main_organisation("MESTO ŽILINA\n\nUznesenie mestského zastupiteľstva")
    assert mention is not None and mention.name == "Mesto Žilina"
    assert title_capital_lines("T.C.\nKARŞIYAKA BELEDİYESİ") == "T.C.\nKarşiyaka Belediyesi"


# Languages the detector does not know ---------------------------------------------------------


def test_maltese_and_galician_by_their_own_frequent_words():
    maltese = (
        "Il-Kunsill Lokali ta' Ħaż-Żebbuġ iddeċieda li jiffirma l-Karta Ewropea għall-"
        "Ugwaljanza tan-Nisa u l-Irġiel fil-Ħajja Lokali. Dan huwa pass importanti għall-"
        "komunità tal-lokalità, biex il-kunsill jaħdem minn issa fuq pjan ta' azzjoni."
    )
    galician = (
        "O Concello de Lalín aprobou no pleno a adhesión á Carta Europea para a Igualdade. "
        "Tamén acordou elaborar un plan de acción cunha comisión de seguimento, polo que xa "
        "comezou o traballo coa participación das asociacións veciñais."
    )
    portuguese = (
        "A Câmara Municipal aprovou a adesão à Carta Europeia para a Igualdade. O município "
        "compromete-se a elaborar um plano de ação para a igualdade com as associações locais "
        "e é a primeira vez que o faz."
    )
    assert guess_language(maltese) == "mt"
    assert guess_language(galician) == "gl"
    assert guess_language(portuguese) == "pt"


# A case number in the sentence after the decision ------------------------------------------


def test_case_number_in_the_next_sentence_of_the_paragraph():
    text = (
        "Nyheter 2. mars 2025\n\n"
        "Med 31 mot 6 stemmer vedtok kommunestyret tirsdag at Hamar kommune skal slutte seg "
        "til Det europeiske charteret for likestilling mellom kvinner og menn i "
        "lokalsamfunnet. Saken (arkivsak 24/01234) kom fra formannskapet.\n"
    )
    [decision] = analyse(text).decisions
    assert decision.case_number == "24/01234"


def test_case_number_of_a_sentence_with_its_own_decision_is_not_borrowed():
    text = (
        "Nyheter 2. mars 2025\n\n"
        "Kommunestyret vedtok tirsdag at Hamar kommune skal slutte seg til Det europeiske "
        "charteret for likestilling mellom kvinner og menn i lokalsamfunnet.\n\n"
        "Saken om nytt budsjett (arkivsak 24/09999) ble utsatt.\n"
    )
    [decision] = analyse(text).decisions
    assert decision.case_number == "unknown"


def test_national_case_number_shapes():
    # Finnish diary numbers with the task class, Polish resolutions with long Roman terms,
    # Portuguese files with a service's letters.
    assert find_case_number("(OUL:2211/00.01.02/2024)") == "OUL:2211/00.01.02/2024"
    assert find_case_number("ESP/512/00.01.01/2024 Liittyminen") == "ESP/512/00.01.01/2024"
    assert find_case_number("UCHWAŁA NR LXXVIII/1201/2024 RADY MIASTA") == "LXXVIII/1201/2024"
    assert find_case_number("(processo n.º 2024/DAS/0071)") == "2024/DAS/0071"


def test_a_protocol_sections_case_number_belongs_to_its_decision():
    text = (
        "STADS KOMMUN  PROTOKOLL\nKommunfullmäktige  Sammanträdesdatum 2025-03-10\n\n"
        "§ 20   Dnr KS 2025/011\nTaxa för bygglov\nKommunfullmäktiges beslut\n"
        "Taxan antas.\n\n"
        "§ 21   Dnr KS 2025/044\nAnslutning till CEMR-deklarationen\n"
        "Kommunfullmäktiges beslut\n"
        "1. Kommunen ställer sig bakom den europeiska deklarationen för jämställdhet "
        "mellan kvinnor och män på lokal och regional nivå.\n"
    )
    [decision] = analyse(text).decisions
    assert decision.case_number == "KS 2025/044"


def test_an_agenda_items_case_number_on_the_line_under_it():
    text = (
        "AJUNTAMENT DE VIC\nActa del Ple de 10 de març de 2025\n\n"
        "4. Aprovar la modificació de l'Ordenança fiscal núm. 3.\nExpedient 2025/0101\n"
        "S'aprova per unanimitat.\n\n"
        "5. Aprovar l'adhesió de l'Ajuntament de Vic a la Carta Europea per a la Igualtat de "
        "Dones i Homes a la Vida Local.\nExpedient 2025/0202\nS'aprova per unanimitat.\n"
    )
    [decision] = analyse(text).decisions
    assert decision.case_number == "2025/0202"

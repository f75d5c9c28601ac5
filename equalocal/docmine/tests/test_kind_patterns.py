"""The kind of a text comes from what it does: one rule per pattern, each tested with
sentences written for these tests (issue 14; none is copied from a development text)."""

from __future__ import annotations

import pytest

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.classify import (
    begins_a_line,
    explanatory_sentences,
    find_evidence,
    lead_end,
    set_as_background,
)
from equalocal.docmine.extraction.decisions.cues import actions
from equalocal.docmine.extraction.decisions.type_and_status import previews_a_session
from equalocal.docmine.extraction.prefilter import scoped
from equalocal.docmine.types import DecisionStatus

# A session previewed in the present tense: the draft is on the agenda -------------------

PREVIEW = (
    "Știri locale\n\nConsiliul Local Sibiu dezbate egalitatea de șanse\n\n"
    "În ședința ordinară din 24 martie 2022, Consiliul Local al municipiului Sibiu "
    "analizează și adoptă proiectul de hotărâre privind aderarea la Carta Europeană pentru "
    "Egalitatea între Femei și Bărbați în Viața Locală.\n\nInițiativa aparține primarului."
)


def test_a_council_adopting_a_draft_in_the_present_tense_previews_a_session():
    sentence = "Consiliul Local analizează și adoptă proiectul de hotărâre privind aderarea."
    with scoped(sentence, language="ro"):
        verbs, cues = actions(sentence)
    assert previews_a_session(verbs, cues, body_named=True)
    assert not previews_a_session(verbs, cues, body_named=False)


def test_a_council_that_adopted_a_draft_decided_it():
    sentence = "Consiliul Local a adoptat proiectul de hotărâre privind aderarea."
    with scoped(sentence, language="ro"):
        verbs, cues = actions(sentence)
    assert not previews_a_session(verbs, cues, body_named=True)


def test_news_previewing_a_session_reports_a_decision_on_the_agenda():
    analysis = analyse(PREVIEW, language="ro")
    assert [(d.decision_type, d.status) for d in analysis.decisions] == [
        ("sign_charter", DecisionStatus.ON_AGENDA)
    ]
    assert analysis.decisions[0].decision_date == "2022-03-24"
    assert analysis.kind == "decision"


# A decision's name and number is the document's own only as its heading -----------------


def test_only_spaces_and_list_marks_may_stand_before_a_heading():
    text = "Міська рада\n  РІШЕННЯ № 12\nрада прийняла рішення № 12"
    assert begins_a_line(text, text.index("РІШЕННЯ"))
    assert not begins_a_line(text, text.rindex("рішення"))


CITING_PAGE = (
    "Гендерна рівність: Європейська хартія рівності жінок і чоловіків у житті місцевих громад\n\n"
    "Хартія закликає європейські місцеві та регіональні органи самоврядування сприяти "
    "рівності жінок і чоловіків.\n\n"
    "Полтавська міська рада прийняла рішення № 1412 про приєднання до Європейської "
    "хартії у 2019 році."
)


def test_a_page_citing_a_decision_by_its_number_is_no_decision_document():
    analysis = analyse(CITING_PAGE, language="uk")
    assert not any("рішення" in cue for cue in analysis.kind_cues)
    assert analysis.kind == "web_page"


def test_a_decision_headed_by_its_name_and_number_is_a_decision():
    text = (
        "ПОЛТАВСЬКА МІСЬКА РАДА\n\nРІШЕННЯ № 1412\n\nвід 12 березня 2019 року\n\n"
        "Про приєднання до Європейської хартії рівності жінок і чоловіків у житті місцевих "
        "громад\n\nміська рада ВИРІШИЛА:\n1. Приєднатися до Європейської хартії."
    )
    analysis = analyse(text, language="uk")
    assert any("рішення" in cue.lower() for cue in analysis.kind_cues)
    assert analysis.kind == "decision"


def test_the_charter_calling_on_local_governments_explains_the_charter():
    text = "Хартія закликає європейські місцеві органи самоврядування сприяти рівності."
    with scoped(text, language="uk"):
        assert explanatory_sentences(text) == 1


# A speech to the council, a declaration, a page linking to a document --------------------


@pytest.mark.parametrize(
    ("language", "opening"),
    [
        ("fr", "Monsieur le Maire, chers collègues,"),
        ("en", "Madam Chair, dear colleagues,"),
        ("de", "Herr Oberbürgermeister, liebe Kolleginnen und Kollegen,"),
    ],
)
def test_a_speech_to_the_council_is_no_decision_though_it_recalls_one(language, opening):
    recalled = {
        "fr": "En 2012, le Maire signait la Charte européenne pour l'égalité des femmes et "
        "des hommes dans la vie locale. Le plan d'actions est prêt.",
        "en": "In 2012 the Mayor signed the European Charter for Equality of Women and Men "
        "in Local Life. The action plan is ready.",
        "de": "2012 unterzeichnete der Oberbürgermeister die Europäische Charta für die "
        "Gleichstellung von Frauen und Männern auf lokaler Ebene. Der Aktionsplan ist fertig.",
    }[language]
    analysis = analyse(f"{opening} {recalled}", language=language)
    assert analysis.decisions  # the signing is still reported
    assert analysis.kind == "other"


def test_a_declaration_for_a_day_is_a_statement_not_a_page_about_the_charter():
    text = (
        "• Domov\n  • Deklaracija ob dnevu enakosti\n\n"
        "Odbor za enakost je ob dnevu enakosti izdal deklaracijo. Lokalne oblasti pozivajo, "
        "da s podpisom Evropske listine o enakosti žensk in moških v lokalnem življenju "
        "sprejmejo zavezo; listino je doslej podpisalo več kot 1500 podpisnic."
    )
    assert analyse(text, language="sl").kind == "other"


def test_a_page_linking_to_an_adopted_plan_presents_it():
    text = (
        "PLAN MUNICIPAL DE IGUALDADE\n\n"
        "O Pleno do Concello de Exemplo aprobou o 3 de marzo de 2020 o Plan de Igualdade, "
        "que podes ler aquí. Os seus principios son:\n"
        "  • Igualdade de trato.\n  • Participación cidadá."
    )
    assert analyse(text, language="gl").kind == "web_page"


# Where the lead is, and where a decision's evidence stands ------------------------------


def test_the_lead_skips_labels_and_titles_before_the_first_paragraph():
    text = (
        "Știri locale\n\nConsiliul Local Sibiu dezbate egalitatea\n\n0\n\n"
        "Consiliul Local a aprobat ieri aderarea la Carta Europeană. Urmează planul.\n\nAltceva."
    )
    # The lead: the first paragraph's first two sentences.
    assert text[: lead_end(text)].rstrip().endswith("aderarea la Carta Europeană. Urmează planul.")


def test_a_title_alone_before_the_text_keeps_the_first_sentences_as_the_lead():
    text = "Kotka allekirjoittaa peruskirjan\n\nValtuusto päätti asiasta. Toinen lause. Kolmas."
    assert text[: lead_end(text)].rstrip().endswith("päätti asiasta. Toinen lause.")


def test_evidence_is_found_whatever_the_spacing_of_the_text():
    text = "Otsikko\n\n23 червня 2017 року  Вінницька\nміська рада прийняла рішення."
    assert find_evidence(text, "23 червня 2017 року Вінницька міська рада") == 9
    assert find_evidence(text, "Київська міська рада") == -1


# A signing set as the background of the sentence ---------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence", "background"),
    [
        ("lt", "Miestui 2017 m. prisijungus prie chartijos, sudaryta darbo grupė.", True),
        ("lt", "Miesto savivaldybė 2017 m. prisijungė prie chartijos.", False),
        ("en", "Having signed the Charter in 2017, the city set up a working group.", True),
        ("en", "The city signed the Charter in 2017.", False),
    ],
)
def test_a_signing_set_as_the_background_of_the_main_clause(language, sentence, background):
    with scoped(sentence, language=language):
        assert set_as_background(sentence) is background


def test_a_page_recounting_a_signing_as_background_is_no_news_of_it():
    text = (
        "Lyčių lygybė\n\n"
        "Alytaus miesto savivaldybei 2017 m. prisijungus prie Europos moterų ir vyrų lygybės "
        "vietos gyvenime chartijos, 2018 m. buvo sudaryta darbo grupė lygybės veiksmų planui "
        "parengti. Veiksmų planas patvirtintas 2019 m.\n\nSkip to content"
    )
    analysis = analyse(text, language="lt")
    assert [d.decision_type for d in analysis.decisions][:1] == ["sign_charter"]
    assert analysis.kind == "web_page"


def test_a_report_opening_with_the_line_that_noted_it_is_a_report():
    text = (
        "MUNICÍPIO DE AVEIRO\nRelatório de Execução 2024\n"
        "Plano Municipal para a Igualdade 2023-2026\n\n"
        "A Câmara Municipal tomou conhecimento do presente relatório na reunião de 12 de maio "
        "de 2025 (Deliberação n.o 77/25).\n\n"
        "1. Enquadramento\nA adesão do Município à Carta Europeia para a Igualdade das "
        "Mulheres e dos Homens na Vida Local foi aprovada em 2019. Em 2024 foram concluídas "
        "9 medidas e 11 estão em curso.\n"
    )
    result = analyse(text)
    assert result.kind == "report"
    [noted] = [d for d in result.decisions if d.decision_type.value == "follow_up_report"]
    assert noted.case_number == "77/25"


def test_a_rapporteur_is_no_report():
    text = (
        "VILLE DE NANCY\nDélibération n° 2025-031\nRapporteure : Mme Claire Martin\n\n"
        "Le conseil municipal, après en avoir délibéré, décide d'adhérer à la Charte "
        "européenne pour l'égalité des femmes et des hommes dans la vie locale.\n"
    )
    assert analyse(text).kind == "decision"


def test_a_report_whose_table_carries_each_rows_status_is_a_report():
    text = (
        "INFORME DE SEGUIMENT 2025\n\nPla d'igualtat de l'Ajuntament de Vic, segon any.\n\n"
        "| Actuació | Responsable | Calendari | Estat |\n|---|---|---|---|\n"
        "| Formació del personal en igualtat | Recursos Humans | 2025 | Feta |\n"
        "| Pressupost amb perspectiva de gènere | Hisenda | 2025 | En curs |\n"
        "| Punts liles a les festes | Cultura | 2025 | Feta |\n"
        "| Auditoria retributiva | Recursos Humans | 2026 | Pendent |\n"
    )
    analysis = analyse(text, language="ca")
    assert analysis.kind == "report", analysis.kind_cues
    assert any("with their status" in cue for cue in analysis.kind_cues)

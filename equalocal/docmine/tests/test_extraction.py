"""The extractor on short texts in many of the Charter's languages, and on the seed samples.

Sentences for languages outside the development set are made up for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.dates import document_date, find_dates, parse_date
from equalocal.docmine.extraction.organisations import match_candidate, normalise_name
from equalocal.docmine.extraction.tables import heading_role, rows_from_text
from equalocal.docmine.types import UNKNOWN, OrganisationCandidate, PageText, Table

SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "samples"


def _seed(prefix: str) -> str:
    matches = sorted((SAMPLES / "seeds").glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip("shared/samples/seeds is not present")
    return matches[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sammanträdet den 1 oktober 2024", "2024-10-01"),
        ("2024-10-01", "2024-10-01"),
        ("October 1, 2024", "2024-10-01"),
        ("Am 1. Oktober 2024", "2024-10-01"),
        ("01.10.2024", "2024-10-01"),
        ("1/10/2024", "2024-10-01"),
        ("le 1er octobre 2024", "2024-10-01"),
        ("il 1° ottobre 2024", "2024-10-01"),
        ("el 1 de octubre de 2024", "2024-10-01"),
        ("dnia 1 października 2024", "2024-10-01"),
        ("Den 27:e april 2013", "2013-04-27"),
        ("2024. október 1.", "2024-10-01"),
        ("i juni 2014", "2014-06"),
        ("en febrero de 2019", "2019-02"),
        ("beslutade 2017", "2017"),
    ],
)
def test_dates_are_read_in_many_languages_at_their_precision(text, expected):
    assert parse_date(text) == expected


def test_periods_and_case_numbers_are_not_dates():
    dates = find_dates("planen för 2017–2019, KS 2024/108 och 202/2024")
    assert [d.value for d in dates if not d.period] == []


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("undertecknades i söndags", "2020-03-11", "2020-03-08"),
        ("i slutet av fjolåret", "2020-03-11", "2019"),
        ("last year", "2021-06-01", "2020"),
        ("letztes Jahr", "2021-06-01", "2020"),
        ("l'anno scorso", "2021-06-01", "2020"),
        ("w zeszłym roku", "2021-06-01", "2020"),
        ("Le mercredi 23 décembre", "2021-01", "2020-12-23"),
    ],
)
def test_relative_dates_resolve_against_the_document_date(text, reference, expected):
    assert parse_date(text, reference) == expected


def test_relative_dates_without_a_document_date_stay_unknown():
    assert parse_date("i söndags") == UNKNOWN


def test_document_date_prefers_a_labelled_date():
    text = "Den 27 april 2013 beslutade fullmäktige.\n\nSenast uppdaterad: 2021-05-04"
    assert document_date(text) == "2021-05-04"
    assert document_date("Meeting: 17/06/2021 - Cabinet") == "2021-06-17"


def test_organisation_names_match_existing_organisations_fuzzily():
    candidates = [
        OrganisationCandidate(1, "Umeå", "SE", aliases=("Umea kommun",)),
        OrganisationCandidate(2, "Ragunda", "SE"),
    ]
    assert match_candidate("Umeå kommun", candidates).id == 1
    assert match_candidate("Umea kommun", candidates).id == 1
    assert match_candidate("Stockholms stad", candidates) is None
    assert normalise_name("Comune di Siena") == normalise_name("Siena")


def test_analyse_matches_the_organisation_and_its_country():
    candidates = [OrganisationCandidate(7, "Umeå", "SE")]
    analysis = analyse(
        "Umeå kommun har undertecknat CEMR-deklarationen 2014.", organisations=candidates
    )
    assert analysis.organisation_id == 7
    assert analysis.country == "SE"
    assert analysis.decisions[0].organisation_id == 7


@pytest.mark.parametrize(
    ("text", "language", "body", "date", "country"),
    [
        (
            "Tampereen kaupunki\n\nKaupunginvaltuusto päätti 14. huhtikuuta 2021 allekirjoittaa "
            "Euroopan naisten ja miesten välisen tasa-arvon peruskirjan (CEMR).",
            "fi",
            "Kaupunginvaltuusto",
            "2021-04-14",
            "FI",
        ),
        (
            "Nyhed fra Aarhus Kommune\n\nByrådet underskrev den 3. marts 2019 Det Europæiske "
            "Charter for ligestilling mellem kvinder og mænd i lokalsamfundet (CEMR).",
            "da",
            "Byrådet",
            "2019-03-03",
            "DK",
        ),
        (
            "Gemeente Utrecht\n\nDe gemeenteraad heeft op 12 mei 2020 besloten het Europees "
            "Handvest voor gelijkheid van vrouwen en mannen (CEMR) te ondertekenen.",
            "nl",
            "Gemeenteraad",
            "2020-05-12",
            "NL",
        ),
        (
            "Comune di Russi\n\nCon Delibera di Giunta n. 82 del 22/05/2018 il Comune ha scelto "
            "di aderire alla Carta europea per la parità fra donne e uomini nella vita locale.",
            "it",
            "Giunta",
            "2018-05-22",
            "IT",
        ),
    ],
)
def test_signing_decisions_in_several_languages(text, language, body, date, country):
    analysis = analyse(text, language=language)
    assert analysis.cemr_related
    [decision] = analysis.decisions
    assert decision.decision_type == "sign_charter"
    assert decision.status == "adopted"
    assert decision.deciding_body == body
    assert decision.decision_date == date
    assert decision.country == country
    assert decision.evidence
    assert 0.5 < decision.confidence <= 1


def test_plan_adoption_and_an_earlier_signing_are_two_decisions():
    text = (
        "Câmara Municipal de Lisboa\n\nA Câmara Municipal aprovou em 5 de junho de 2022 o plano "
        "de ação para a igualdade. O município assinou a Carta Europeia para a Igualdade entre "
        "Mulheres e Homens na Vida Local em 2019."
    )
    analysis = analyse(text, language="pt")
    found = {(d.decision_type, d.decision_date, d.signing_date) for d in analysis.decisions}
    # A signing dated by its year alone gives the signing date (the development sets'
    # README): the decision behind it is not dated in the text.
    assert found == {
        ("adopt_action_plan", "2022-06-05", "unknown"),
        ("sign_charter", "unknown", "2019"),
    }
    assert analysis.country == "PT"


def test_a_motion_is_a_proposal_and_not_a_decision():
    text = (
        "MOTION: Exempelstads kommun bör underteckna CEMR-deklarationen\n\n"
        "Jag föreslår kommunfullmäktige besluta:\n"
        "att Exempelstads kommun undertecknar den europeiska deklarationen för jämställdhet."
    )
    analysis = analyse(text, language="sv")
    assert analysis.kind == "other"
    [decision] = analysis.decisions
    assert (decision.decision_type, decision.status) == ("sign_charter", "proposed")
    assert decision.deciding_body == "Kommunfullmäktige"
    assert decision.decision_date == UNKNOWN


def test_a_rejection_is_recorded_as_rejected():
    text = "Minutes\n\nThe Cabinet rejected the gender equality action plan on 4 July 2023."
    [decision] = analyse(text, language="en").decisions
    assert (decision.decision_type, decision.status) == ("adopt_action_plan", "rejected")
    assert decision.decision_date == "2023-07-04"


def test_counts_of_signatories_and_generic_duties_are_not_decisions():
    text = (
        "Until now 1,800 municipalities have signed the European Charter for Equality of Women "
        "and Men in Local Life. Each signatory must adopt an action plan within two years. "
        "The Charter was launched by CEMR in 2006 and adopted by its General Assembly."
    )
    analysis = analyse(text, language="en")
    assert analysis.cemr_related
    assert analysis.decisions == []


def test_general_equality_work_is_not_about_the_charter():
    text = "The Council adopted its Equality Scheme and Action Plan under the Equality Act 2010."
    analysis = analyse(text, language="en")
    assert not analysis.cemr_related
    assert [d.decision_type for d in analysis.decisions] == ["adopt_action_plan"]
    assert analysis.country == "GB"


def test_a_signing_date_alone_goes_to_signing_date():
    text = " date 2021-01 Le mercredi 23 décembre, le maire a signé la Charte européenne pour l’égalité des femmes et des hommes dans la vie locale."
    [decision] = analyse(text, language="fr").decisions
    assert decision.decision_date == UNKNOWN
    assert decision.signing_date == "2020-12-23"
    assert decision.deciding_body.lower() == "maire"


def test_decisions_know_their_page():
    pages = [
        PageText(1, "Protokoll\n\nInledning om jämställdhet."),
        PageText(
            2,
            "Kommunfullmäktige beslutade den 3 maj 2022 att anta handlingsplanen för jämställdhet.",
        ),
    ]
    text = "\n\n".join(p.text for p in pages)
    [decision] = analyse(text, pages=pages, language="sv").decisions
    assert decision.page == 2


def test_the_ocr_protocol_extract_gives_body_paragraph_and_case_number():
    analysis = analyse(_seed("003"), language="sv")
    assert analysis.cemr_related
    assert analysis.kind == "decision"
    [decision] = analysis.decisions
    assert decision.decision_type == "sign_charter"
    assert decision.decision_date == "2024-10-01"
    assert decision.paragraph == "§ 62"
    assert decision.case_number == "KS 2024/108"


def test_a_working_party_proposal_to_the_board_is_proposed_by_the_working_party():
    from equalocal.docmine.text.repair import repair_text

    repaired, _ = repair_text(_seed("003"), "sv")
    [decision] = analyse(repaired, language="sv").decisions
    assert decision.status == "proposed"
    assert decision.deciding_body == "Kommunstyrelsens arbetsutskott"
    # The working party proposed it that day; the board's decision has no date yet.
    assert decision.proposal_date == "2024-10-01"
    assert decision.decision_date == "unknown"


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Beslut\n\nKommunstyrelsens förslag till kommunfullmäktige\n"
            "Kommunfullmäktige antar handlingsplanen för jämställdhet 2025–2027.",
            "Kommunstyrelsen",
        ),
        (
            "Decision\n\nThe Cabinet's proposal to the Council\n"
            "The Council signs the European Charter for Equality of Women and Men in Local Life.",
            "Cabinet",
        ),
    ],
)
def test_proposal_openers_make_the_decision_a_proposal(text, body):
    [decision] = analyse(text).decisions
    assert decision.status == "proposed"
    assert body.casefold() in decision.deciding_body.casefold()


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("Aktivitet", "activity"),
        ("Maßnahme", "activity"),
        ("Azione", "activity"),
        ("Działanie", "activity"),
        ("Ansvarig", "responsible"),
        ("Lead responsibility", "responsible"),
        ("Verantwortlich", "responsible"),
        ("Genomfört", "timeframe"),
        ("Zeitraum", "timeframe"),
        ("Plazo", "timeframe"),
        ("Aims in Action Plan 2016", "goal"),
        ("Objetivo", "goal"),
        ("Stato", "status"),
        ("Artikel", "charter_article"),
        ("Kontaktperson för arbetsgruppen", None),
    ],
)
def test_table_headings_map_to_roles_in_any_language(heading, role):
    assert heading_role(heading) == role


def test_rows_come_from_real_tables_by_their_headings():
    table = Table(
        rows=[
            ["Ziel", "Maßnahme", "Verantwortlich", "Zeitraum"],
            ["Mehr Frauen in Gremien", "Mentoring-Programm", "Frauenbüro", "2024–2025"],
            ["", "Schulungen", "Personalamt", "laufend"],
        ],
        page=3,
    )
    rows = analyse("Aktionsplan", tables=[table], language="de").action_rows
    assert [(r.activity, r.responsible, r.timeframe, r.page) for r in rows] == [
        ("Mentoring-Programm", "Frauenbüro", "2024–2025", 3),
        ("Schulungen", "Personalamt", "laufend", 3),
    ]
    assert rows[0].goal == "Mehr Frauen in Gremien"


def test_rows_from_the_tab_separated_plan_with_stray_markup():
    rows = rows_from_text(_seed("002"))
    assert len(rows) == 6
    assert rows[0].goal == "Mål 1"
    assert rows[0].activity.startswith("Genomföra analys av enkäten")
    assert rows[1].activity.startswith("Återkoppla resultatet")
    assert rows[0].timeframe == "Januari – april 2014"
    assert {r.responsible for r in rows} == {"Jämställdhetsgruppen"}
    assert all("<p>" not in r.activity for r in rows)


def test_rows_from_the_interim_report_table():
    rows = rows_from_text(_seed("000"))
    activities = [r.activity for r in rows]
    assert "Clarifying the aims of the WG" in activities
    assert any(a.startswith("Co-operation with CEMR") for a in activities)


def test_rows_from_a_table_flattened_one_cell_per_line():
    text = (
        "Measure\n\nLead responsibility\n\nTimetable\n\n"
        "Publish the annual report [1.1]\n\nPolicy Officer\n\n31 August (annually)\n\n"
        "Training\n\nTrain managers [2.1]\n\nTrain elected members [2.2]\n\n"
        "Head of HR\n\nHead of HR\n\nMarch 2024\n\nOngoing\n"
    )
    rows = rows_from_text(text)
    assert [(r.activity, r.responsible, r.timeframe) for r in rows] == [
        ("Publish the annual report [1.1]", "Policy Officer", "31 August (annually)"),
        ("Train managers [2.1]", "Head of HR", "March 2024"),
        ("Train elected members [2.2]", "Head of HR", "Ongoing"),
    ]
    assert rows[1].goal == "Training"


def test_empty_text_gives_an_empty_analysis():
    analysis = analyse("   ")
    assert analysis.decisions == [] and analysis.action_rows == []
    assert analysis.kind == "other"


def _dev_and_seed_texts() -> list[str]:
    paths = sorted((SAMPLES / "extraction-dev" / "docs").glob("*.txt"))
    paths += sorted((SAMPLES / "seeds").glob("*.txt"))
    if not paths:
        pytest.skip("shared/samples is not present")
    return [path.read_text(encoding="utf-8") for path in paths]


def test_the_literal_prefilter_changes_no_result():
    """Regexes reduced to the words of each document give what the full regexes give,
    on each sample and on one long document made of all of them (not timed)."""
    from equalocal.docmine.extraction.prefilter import disabled

    texts = _dev_and_seed_texts()
    texts.append("\n\n".join(texts))
    for text in texts:
        fast = analyse(text, language="sv")
        with disabled():
            full = analyse(text, language="sv")
        assert fast == full


def test_a_long_document_keeps_each_parts_decisions_and_rows():
    texts = _dev_and_seed_texts()
    long = analyse("\n\n".join(texts), language="sv")
    # Decisions of the same type, status and date merge across parts; none is lost.
    found = {(d.decision_type, d.status, d.decision_date) for d in long.decisions}
    for text in texts:
        for d in analyse(text, language="sv").decisions:
            if d.decision_date != UNKNOWN and d.decision_date[:4] in d.evidence:
                # (relative dates depend on each part's own date, so they are left out)
                assert (d.decision_type, d.status, d.decision_date) in found, d.evidence
    activities = {r.activity for r in long.action_rows}
    assert "Clarifying the aims of the WG" in activities


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Tasa-arvosuunnitelma 2024–2026\n\nToimenpiteet:\n\n"
            "- Henkilöstön tasa-arvokoulutus (vastuu: Henkilöstöyksikkö)\n"
            "- Palkkakartoitus vuosittain\n"
            "2. Sukupuolivaikutusten arviointi talousarviossa\n\nYhteystiedot",
            "fi",
            [
                ("Henkilöstön tasa-arvokoulutus", "Henkilöstöyksikkö", UNKNOWN),
                ("Palkkakartoitus vuosittain", UNKNOWN, "vuosittain"),
                ("Sukupuolivaikutusten arviointi talousarviossa", UNKNOWN, UNKNOWN),
            ],
        ),
        (
            "Maatregelen\n\n1. Training voor leidinggevenden;\n2) Een jaarlijks "
            "genderrapport publiceren.\n\nMeer informatie",
            "nl",
            [
                ("Training voor leidinggevenden", UNKNOWN, UNKNOWN),
                ("Een jaarlijks genderrapport publiceren", UNKNOWN, "jaarlijks"),
            ],
        ),
    ],
)
def test_listed_measures_under_an_action_heading_become_rows(text, language, expected):
    rows = analyse(text, language=language).action_rows
    assert [(r.activity, r.responsible, r.timeframe) for r in rows] == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Ligestillingsplan 2025\n\nI 2025 vil Økonomiudvalget gennemføre en lønanalyse, "
            "uddanne ledere i ligestilling og oprette et netværk for kvinder.",
            "da",
            {
                ("gennemføre en lønanalyse", "Økonomiudvalget", "I 2025"),
                ("uddanne ledere i ligestilling", "Økonomiudvalget", "I 2025"),
                ("oprette et netværk for kvinder", "Økonomiudvalget", "I 2025"),
            },
        ),
        (
            "Plano de ação para a igualdade\n\nO plano inclui a formação dos dirigentes, "
            "a criação de um observatório até 2026, e a revisão anual dos regulamentos.",
            "pt",
            {
                ("a formação dos dirigentes", UNKNOWN, UNKNOWN),
                ("a criação de um observatório até 2026", UNKNOWN, "até 2026"),
                ("a revisão anual dos regulamentos", UNKNOWN, "anual"),
            },
        ),
        (
            "Equality action plan\n\nBy March 2024 the Policy Committee will review the "
            "recruitment policy, which must be approved by 2025.",
            "en",
            {("review the recruitment policy", "Policy Committee", "By March 2024")},
        ),
    ],
)
def test_measures_in_action_plan_prose_become_rows(text, language, expected):
    rows = analyse(text, language=language).action_rows
    assert {(r.activity, r.responsible, r.timeframe) for r in rows} == expected


def test_news_prose_outside_an_action_plan_gives_no_rows():
    text = (
        "Nyheter\n\nKommunen ska bli bättre på att informera, säger ordföranden. "
        "Biblioteket kommer att ha öppet längre under sommaren, med bland annat sagostunder, "
        "filmvisningar och pyssel."
    )
    assert analyse(text, language="sv").action_rows == []


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        (
            "Euroopan peruskirja naisten ja miesten tasa-arvosta paikallis- ja aluetasolla\n\n"
            "Peruskirjan allekirjoittajat sitoutuvat laatimaan tasa-arvosuunnitelman kahden "
            "vuoden kuluessa. Peruskirja jakautuu kolmeen osaan ja 30 artiklaan.\n\n"
            "Myös Esimerkkilän kaupunki on mukana: kaupunginvaltuusto päätti 12.3.2015 "
            "allekirjoittaa peruskirjan.\n\nLue lisää",
            "fi",
            "web_page",
        ),
        (
            "Carta Europeia para a Igualdade das Mulheres e dos Homens na Vida Local\n\n"
            "Os signatários comprometem-se a elaborar um plano de ação para a igualdade. "
            "O Município de Exemplo aderiu à Carta Europeia em 2019.\n\nSaiba mais",
            "pt",
            "web_page",
        ),
        (
            "Aprovado o plano de ação para a igualdade - Município de Exemplo\n\n"
            "A Câmara Municipal aprovou o plano de ação para a igualdade entre mulheres e "
            "homens, que inclui formação e um orçamento sensível ao género.",
            "pt",
            "decision",
        ),
        (
            "Byrådet har vedtaget ligestillingsplanen for 2025-2027\n\n"
            "Planen indeholder blandt andet en lønanalyse og kurser for ledere.",
            "da",
            "decision",
        ),
    ],
)
def test_informational_pages_and_announced_decisions_in_more_languages(text, language, kind):
    assert analyse(text, language=language).kind == kind

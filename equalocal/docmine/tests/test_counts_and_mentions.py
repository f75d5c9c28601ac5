"""Counts of signatories are no decisions, a day of a date is no count, and a decision
reported in a news item's lead keeps that place when a later sentence dates it. The
sentences are written for these tests."""

from __future__ import annotations

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.decisions.cues import is_aggregate
from equalocal.docmine.extraction.decisions.merge import merge_decisions
from equalocal.docmine.types import Decision, DecisionType


def test_a_count_with_thousands_separators_is_a_count():
    assert is_aggregate("Bis heute haben über 2.000 Städte und Gemeinden unterzeichnet")
    assert is_aggregate("more than 2,000 local and regional governments")
    assert is_aggregate("ponad 1 500 samorządów")
    assert not is_aggregate("Il Comune ha aderito nel 2019")


def test_a_day_of_a_date_is_no_count():
    # "24 februari … kommunen": the German plural "Kommunen" must not make it a count.
    assert not is_aggregate("Fullmäktige beslutade den 24 februari att kommunen ska underteckna")
    assert not is_aggregate("Am 12. März haben die Kommunen")
    assert is_aggregate("Hittills har 121 kommuner undertecknat")


def test_a_count_of_signatories_is_no_decision():
    text = (
        "Stadt Beispielstadt\n\nDie Europäische Charta für die Gleichstellung von Frauen und "
        "Männern auf lokaler Ebene wurde 2006 vorgestellt. Inzwischen haben mehr als 2.000 "
        "Städte, Gemeinden und Landkreise sie unterzeichnet. Wer unterzeichnet, verpflichtet "
        "sich zu einem Aktionsplan.\n"
    )
    assert analyse(text).decisions == []


def test_a_dated_decision_keeps_the_lead_mention():
    lead = Decision(organisation="Ljusdals kommun", decision_type=DecisionType.SIGN_CHARTER)
    lead.evidence = "Nu har kommunen anslutit sig."
    dated = Decision(
        organisation="Ljusdals kommun",
        decision_type=DecisionType.SIGN_CHARTER,
        decision_date="2025-02-24",
        evidence="Fullmäktige beslutade den 24 februari.",
    )
    (merged,) = merge_decisions([(10, False, lead), (200, False, dated)])
    assert merged.decision_date == "2025-02-24"
    assert merged.mentions == ("Nu har kommunen anslutit sig.",)
    assert "mentions" not in merged.as_dict()


def test_news_of_a_dated_signing_is_a_decision():
    text = (
        "Hoppa till innehåll\nKungsbacka kommun\nStart / Nyheter\n\n"
        "Kungsbacka ansluter sig till deklarationen\n\nPublicerad 3 april 2025\n\n"
        "Nu har Kungsbacka kommun anslutit sig till den europeiska deklarationen för "
        "jämställdhet på lokal och regional nivå. Kommunfullmäktige beslutade den 11 mars att "
        "kommunen ska underteckna deklarationen.\n\nKontakt\nDela sidan\n"
        "Senast uppdaterad: 2025-04-03\nVi använder kakor (cookies).\n"
    )
    analysis = analyse(text)
    assert analysis.kind == "decision"
    (decision,) = analysis.decisions
    assert decision.decision_date == "2025-03-11"
    assert decision.deciding_body.lower() == "kommunfullmäktige"


# Present forms, openers and proposal openers of the languages that had none -------------


def test_a_hungarian_resolution_joins_in_the_present():
    text = (
        "KIVONAT\n\nSzeged Megyei Jogú Város Közgyűlésének 2025. március 14-i üléséről készült "
        "jegyzőkönyvből\n\n41/2025. (III. 14.) határozat\n\n1. A Közgyűlés kinyilvánítja, hogy "
        "Szeged Megyei Jogú Város Önkormányzata csatlakozik a nők és férfiak helyi életben való "
        "egyenlőségéről szóló Európai Chartához.\n"
    )
    (decision,) = analyse(text).decisions
    assert decision.decision_type == DecisionType.SIGN_CHARTER
    assert decision.status == "adopted"
    assert decision.decision_date == "2025-03-14"


def test_a_norwegian_recommendation_to_the_council_is_a_proposal():
    text = (
        "Tromsø kommune\n\nSAKSPROTOKOLL\n\nMøtedato: 12.02.2025\n\n"
        "Formannskapets innstilling til kommunestyret:\n"
        "1. Tromsø kommune slutter seg til Den europeiske erklæringen for likestilling mellom "
        "kvinner og menn på lokalt og regionalt nivå.\n"
    )
    (decision,) = analyse(text).decisions
    assert decision.decision_type == DecisionType.SIGN_CHARTER
    assert decision.status == "proposed"


def test_an_italian_council_approves_in_the_present_inside_its_formula():
    text = (
        "Comune di Modena\n\nDeliberazione del Consiglio comunale n. 21 del 3 aprile 2025\n\n"
        "IL CONSIGLIO COMUNALE\n\nDELIBERA\n\n"
        "1. di aderire alla Carta europea per l'uguaglianza e la parità delle donne e degli "
        "uomini nella vita locale;\n"
    )
    decisions = analyse(text).decisions
    assert [d.decision_type for d in decisions] == [DecisionType.SIGN_CHARTER]


def test_a_draft_listed_on_an_agenda_is_on_the_agenda_of_the_meeting_convened():
    text = (
        "GRAD SPLIT\nGRADSKO VIJEĆE\n\nSplit, 3. ožujka 2025.\n\nSAZIVAM\n\n"
        "12. SJEDNICU GRADSKOG VIJEĆA koja će se održati u četvrtak, 13. ožujka 2025. godine "
        "u 10 sati.\n\nDNEVNI RED\n\n1. Aktualni sat\n"
        "2. Prijedlog odluke o pristupanju Grada Splita Europskoj povelji o ravnopravnosti žena "
        "i muškaraca u lokalnom životu\n3. Prijedlog rješenja o imenovanju\n"
    )
    (decision,) = analyse(text).decisions
    assert decision.status == "on_agenda"
    assert decision.decision_date == "2025-03-13"


def test_a_finnish_plan_opens_with_its_approval_label_under_a_letterhead_in_capitals():
    text = (
        "TAMPEREEN KAUPUNKI\n\nTasa-arvosuunnitelma 2025–2027\n\n"
        "Hyväksytty: Kaupunginvaltuusto 10.3.2025 § 41\nDnro TRE:1234/00.01.00/2025\n\n"
        "1 Johdanto\nTampere allekirjoitti eurooppalaisen tasa-arvon peruskirjan 2019.\n"
    )
    decisions = analyse(text).decisions
    plan = next(d for d in decisions if d.decision_type == DecisionType.ADOPT_ACTION_PLAN)
    assert plan.decision_date == "2025-03-10"
    # The case number ends with its line: "1 Johdanto" is the next heading.
    assert plan.case_number == "TRE:1234/00.01.00/2025"
    assert plan.organisation == "Tampereen kaupunki"


def test_a_polish_weekday_adjective_dates_the_session_before_publication():
    from equalocal.docmine.extraction.dates import find_dates

    (date,) = find_dates("Na czwartkowej sesji radni przyjęli uchwałę", "2025-05-10")
    assert date.value == "2025-05-08"


def test_news_whose_lead_reports_a_council_taking_a_follow_up_report_is_a_decision():
    text = (
        "KRAKOW.PL\nStrona główna › Aktualności\n\n"
        "Radni przyjęli sprawozdanie z planu równości\nData publikacji: 14.05.2025\n\n"
        "Podczas wtorkowej sesji Rada Miasta Krakowa przyjęła sprawozdanie z realizacji Planu "
        "działań na rzecz równości kobiet i mężczyzn za rok 2024. Kraków przystąpił do "
        "Europejskiej Karty Równości Kobiet i Mężczyzn w Życiu Lokalnym w 2020 roku.\n"
    )
    analysis = analyse(text)
    assert analysis.kind == "decision"
    report = next(d for d in analysis.decisions if d.decision_type == DecisionType.FOLLOW_UP_REPORT)
    # The session's Tuesday, not the publication date.
    assert report.decision_date == "2025-05-13"


def test_the_lead_is_not_cut_at_the_dot_of_a_date():
    from equalocal.docmine.extraction.classify import lead_end

    text = (
        "Bergen kommune\nAktuelt\n\nBergen slutter seg til charteret\n"
        "Publisert fredag 13. juni 2025\n\nBystyret vedtok i går at kommunen skal undertegne "
        "charteret. Mer tekst følger her.\n"
    )
    assert lead_end(text) > text.index("Bystyret")


def test_a_city_adjective_names_the_documents_own_organisation():
    from equalocal.docmine.extraction.decisions.bodies import organisation_for
    from equalocal.docmine.extraction.organisations import OrganisationMention

    own = OrganisationMention(0, "Stadt Erlangen", "DE")
    name, _ = organisation_for("Der Erlanger Stadtrat hat beschlossen", own, "DE")
    assert name == "Stadt Erlangen"
    # Another city's council stays that city's.
    name, _ = organisation_for("Der Nürnberger Stadtrat hat beschlossen", own, "DE")
    assert name == "Nürnberg"


def test_a_report_named_in_its_title_line_is_a_report():
    from equalocal.docmine.extraction.classify import in_a_title_line

    text = (
        "VILLE DE LYON\n\nPlan d'action pour l'égalité 2023-2026\n\nRAPPORT ANNUEL DE SUIVI 2024"
        "\n\nLe présent rapport fait le point sur l'avancement au 31 décembre 2024.\n"
    )
    assert in_a_title_line(text, text.index("RAPPORT"))
    assert not in_a_title_line(text, text.index("rapport fait"))
    headline = "Radni przyjęli sprawozdanie z realizacji planu\n\nTekst."
    assert not in_a_title_line(headline, headline.index("sprawozdanie"))
    report = (
        "Ville de Lyon\n\nCharte européenne pour l'égalité des femmes et des hommes dans la vie "
        "locale\nPlan d'action 2023-2026\n\nRAPPORT ANNUEL DE SUIVI 2024\n\n"
        "Signataire de la Charte depuis 2012, la Ville a adopté son plan d'action en 2023. "
        "Le présent rapport fait le point sur l'avancement au 31 décembre 2024 : 17 actions "
        "sont réalisées, 19 sont en cours.\n"
    )
    assert analyse(report).kind == "report"


def test_a_resolution_cited_as_the_one_on_joining_is_that_decision():
    text = (
        "ZARZĄDZENIE NR 88/2025\nPREZYDENTA MIASTA GDAŃSKA\nz dnia 3 marca 2025 r.\n\n"
        "Na podstawie art. 33 ustawy o samorządzie gminnym oraz w związku z uchwałą nr "
        "XX/501/2024 Rady Miasta Gdańska z dnia 21 listopada 2024 r. w sprawie przystąpienia "
        "Miasta Gdańska do Europejskiej Karty Równości Kobiet i Mężczyzn w Życiu Lokalnym "
        "zarządzam, co następuje:\n\n§ 1. Powołuję Zespół do spraw planu działań.\n"
    )
    signing = next(
        d for d in analyse(text).decisions if d.decision_type == DecisionType.SIGN_CHARTER
    )
    assert (signing.decision_date, signing.case_number) == ("2024-11-21", "XX/501/2024")
    assert signing.status == "adopted"


def test_a_cited_resolution_with_its_date_in_its_number():
    text = (
        "PRIMĂRIA MUNICIPIULUI CLUJ-NAPOCA\n\nHOTĂRÂRE nr. 90/2025\n\n"
        "Având în vedere Hotărârea Consiliului Local nr. 77/15.05.2023 privind aderarea "
        "Municipiului Cluj-Napoca la Carta europeană pentru egalitatea dintre femei și bărbați "
        "în viața locală;\n"
    )
    signing = next(
        d for d in analyse(text).decisions if d.decision_type == DecisionType.SIGN_CHARTER
    )
    assert (signing.decision_date, signing.case_number) == ("2023-05-15", "77")


def test_a_count_right_after_the_verb_is_its_agent():
    # Passive with its agent, and a Polish verb before its subject: counts, no decision.
    assert (
        analyse(
            "The Charter was launched in 2006. It has been signed by more than 2,000 local "
            "and regional governments across Europe.",
            language="en",
        ).decisions
        == []
    )
    assert (
        analyse(
            "Europejską Kartę Równości Kobiet i Mężczyzn w Życiu Lokalnym podpisało "
            "kilkadziesiąt polskich samorządów.",
            language="pl",
        ).decisions
        == []
    )


def test_a_count_after_the_object_leaves_the_decision():
    [decision] = analyse(
        "Kommunfullmäktige i Bjuvs kommun beslutade den 4 maj 2023 att underteckna "
        "CEMR-deklarationen, som 120 svenska kommuner redan har undertecknat.",
        language="sv",
    ).decisions
    assert decision.decision_date == "2023-05-04"


def test_the_next_sentence_dates_the_meeting_of_an_undated_rejection():
    text = (
        "Radni nie chcą Karty. Projekt uchwały odrzucony\n\n"
        "Opole | 14.03.2025 | Redakcja\n\n"
        "Radni Opola nie zgodzili się na przystąpienie miasta do Europejskiej Karty Równości "
        "Kobiet i Mężczyzn w Życiu Lokalnym. Podczas czwartkowej sesji za projektem głosowało "
        "9 radnych, przeciw było 15.\n"
    )
    analysis = analyse(text, language="pl")
    [decision] = analysis.decisions
    assert decision.status == "rejected"
    assert decision.decision_date == "2025-03-13"  # the Thursday before the 14th
    # A news item that leads with a rejection reports a decision.
    assert analysis.kind == "decision"


def test_a_meeting_sentence_without_a_single_day_dates_nothing():
    text = (
        "Exeter City Council has signed the European Charter for Equality of Women and Men "
        "in Local Life. The meetings of 3 March 2025 and 10 March 2025 discussed it.\n"
    )
    [decision] = analyse(text, language="en").decisions
    assert decision.decision_date == "unknown"

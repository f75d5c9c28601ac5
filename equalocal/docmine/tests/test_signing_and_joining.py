"""Signings and joinings dated as such, and sentences holding two decisions (issue 14): one
test per pattern, with sentences written for these tests (none is copied from a held-out or
development text)."""

from __future__ import annotations

import pytest

from equalocal.docmine.extraction import analyse


def _only(text: str, language: str):
    [decision] = analyse(text, language=language).decisions
    return decision


@pytest.mark.parametrize(
    ("text", "language", "signed"),
    [
        (
            "Equality news\n\nDerby City Council signed the European Charter for Equality of "
            "Women and Men in Local Life in June 2016.",
            "en",
            "2016-06",
        ),
        (
            "Equality news\n\nThe Council signed the European Charter for Equality of Women and "
            "Men in Local Life in 2017, and has reported on it every year since.",
            "en",
            "2017",
        ),
        (
            "Notícias\n\nA Câmara Municipal de Tavira assinou, no dia 12 de maio de 2023, a "
            "Carta Europeia para a Igualdade das Mulheres e dos Homens na Vida Local.",
            "pt",
            "2023-05-12",
        ),
    ],
)
def test_an_organisation_named_by_its_council_signs_as_the_organisation(text, language, signed):
    decision = _only(text, language)
    assert decision.decision_type == "sign_charter"
    assert decision.decision_date == "unknown"
    assert decision.signing_date == signed


def test_a_collegial_body_that_signs_decides():
    decision = _only(
        "Nyt fra Vejle Kommune\n\nByrådet underskrev den 4. april 2018 Det Europæiske Charter "
        "for ligestilling mellem kvinder og mænd i lokalsamfundet.",
        "da",
    )
    assert decision.decision_date == "2018-04-04"
    assert decision.signing_date == "unknown"


# Being a signatory since a date --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "organisation", "signed"),
    [
        (
            "Actualités de la Ville de Tours\n\nLe conseil municipal a adopté le 4 mars 2025 "
            "son plan d'action pour l'égalité. Comme Angers, signataire de la Charte "
            "européenne pour l'égalité des femmes et des hommes dans la vie locale depuis "
            "2014, la ville publiera un bilan.",
            "fr",
            "Angers",
            "2014",
        ),
        (
            "Stadt Kassel – Aktuelles\n\nDer Stadtrat hat am 4. März 2025 den "
            "Gleichstellungsaktionsplan beschlossen. Die Nachbarstadt Fulda gehört seit 2012 "
            "zu den Unterzeichnerinnen der Europäischen Charta für die Gleichstellung von "
            "Frauen und Männern auf lokaler Ebene.",
            "de",
            "Fulda",
            "2012",
        ),
    ],
)
def test_a_signatory_since_a_year_is_a_signing_of_that_year(text, language, organisation, signed):
    signings = [
        d for d in analyse(text, language=language).decisions if d.decision_type == "sign_charter"
    ]
    assert [(d.organisation, d.decision_date, d.signing_date) for d in signings] == [
        (organisation, "unknown", signed)
    ]


def test_signatories_as_a_group_are_no_signing():
    text = (
        "Charte européenne\n\nLes signataires de la Charte européenne pour l'égalité des "
        "femmes et des hommes dans la vie locale s'engagent à adopter un plan d'action."
    )
    assert analyse(text, language="fr").decisions == []


# A place named as the subject of its signing ---------------------------------------------


def test_a_neighbour_named_before_its_verb_is_its_own_signatory():
    text = (
        "Falu kommun\n\nNyheter\n\nKommunfullmäktige beslutade den 3 mars 2025 att underteckna "
        "den europeiska deklarationen för jämställdhet mellan kvinnor och män på lokal och "
        "regional nivå. Även grannkommunen Mora skrev under den 2011."
    )
    decisions = analyse(text, language="sv").decisions
    assert [(d.organisation, d.decision_date, d.signing_date) for d in decisions] == [
        ("Falu kommun", "2025-03-03", "unknown"),
        ("Mora", "unknown", "2011"),
    ]


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        # A person, after a title or by first and last name, is no place.
        ("Igår undertecknade kommunstyrelsens ordförande Eva Lind deklarationen.", "sv"),
        ("Borgmästaren Eva Lind skrev under deklarationen i går.", "sv"),
        ("Kryetari Arben Hoxha nënshkroi Kartën Evropiane për barazi.", "sq"),
    ],
)
def test_a_person_signing_is_not_an_organisation(sentence, language):
    from equalocal.docmine.extraction.decisions.bodies import named_subject
    from equalocal.docmine.extraction.decisions.cues import actions

    verb = next(a for a in actions(sentence)[0] if a.category == "sign")
    assert named_subject(sentence, verb.start, language) == ""


def test_named_subject_reads_the_place_before_the_verb():
    from equalocal.docmine.extraction.decisions.bodies import named_subject
    from equalocal.docmine.extraction.decisions.cues import actions

    for sentence, language, place in [
        ("Även grannkommunen Mora skrev under den 2011.", "sv", "Mora"),
        ("Fins ara només Ripoll havia signat la Carta, l'any 2012.", "ca", "Ripoll"),
        ("Borgarbyggð undirritaði hann árið 2019.", "is", "Borgarbyggð"),
    ]:
        verb = next(a for a in actions(sentence)[0] if a.category == "sign")
        assert named_subject(sentence, verb.start, language) == place, sentence


# Two decisions in one sentence ----------------------------------------------------------


def test_a_signing_and_a_plan_adoption_in_one_sentence_are_two_decisions():
    text = (
        "Handlingsplan för jämställdhet\n\nLinköpings kommun undertecknade CEMR-deklarationen "
        "2014 och kommunfullmäktige antog 2017 kommunens första handlingsplan."
    )
    decisions = sorted(analyse(text, language="sv").decisions, key=lambda d: d.decision_type)
    assert [(d.decision_type, d.decision_date, d.signing_date) for d in decisions] == [
        ("adopt_action_plan", "2017", "unknown"),
        ("sign_charter", "unknown", "2014"),
    ]


def test_one_decision_in_two_clauses_stays_one():
    text = (
        "Nyheter från Tierps kommun\n\nKommunfullmäktige beslutade den 12 maj 2025 att "
        "underteckna den europeiska deklarationen för jämställdhet mellan kvinnor och män på "
        "lokal och regional nivå, och ordföranden skrev under den samma dag."
    )
    decisions = analyse(text, language="sv").decisions
    assert [d.decision_type for d in decisions] == ["sign_charter"]


# Weekdays with a time of day -------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("am Donnerstagabend beschlossen", "2025-11-06"),
        ("op dinsdagavond besloten", "2025-11-04"),
    ],
)
def test_a_weekday_with_its_time_of_day_is_that_weekday(phrase, value):
    from equalocal.docmine.extraction.dates import find_dates

    # 7 November 2025 was a Friday.
    assert [d.value for d in find_dates(phrase, "2025-11-07")] == [value]


def test_a_signing_after_a_count_in_the_same_sentence_is_found():
    text = (
        "Gävle kommun\n\nNyheter\n\nKommunfullmäktige beslutade den 3 mars 2025 att underteckna "
        "den europeiska deklarationen för jämställdhet mellan kvinnor och män på lokal och "
        "regional nivå. Flera kommuner i länet arbetar redan utifrån deklarationen; även "
        "grannkommunen Sandviken skrev under den 2012."
    )
    decisions = analyse(text, language="sv").decisions
    assert ("Sandviken", "unknown", "2012") in [
        (d.organisation, d.decision_date, d.signing_date) for d in decisions
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Flera kommuner och landsting har redan skrivit under deklarationen.",
        "In Hessen haben sie bislang mehrere Städte und Landkreise unterzeichnet.",
    ],
)
def test_a_count_split_in_clauses_is_still_no_decision(sentence):
    text = (
        "Nyheter\n\nDen europeiska deklarationen för jämställdhet mellan kvinnor och män på "
        "lokal och regional nivå. " + sentence
    )
    assert [d for d in analyse(text).decisions if d.status == "adopted"] == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Minutes of the Communities Committee, Derby City Council\n\nAt its meeting on 16 June "
            "2025 the Committee RESOLVED to note the progress made in the second year of the "
            "Gender Equality Action Plan.",
            "en",
        ),
        (
            "Niederschrift des Sozialausschusses, Stadt Kassel\n\nDie Evaluierung des "
            "Gleichstellungsaktionsplans hat der Ausschuss in seiner Sitzung am 12. März 2025 "
            "zur Kenntnis genommen.",
            "de",
        ),
    ],
)
def test_noting_a_plans_progress_or_evaluation_is_a_follow_up(text, language):
    types = [d.decision_type for d in analyse(text, language=language).decisions]
    assert types == ["follow_up_report"]

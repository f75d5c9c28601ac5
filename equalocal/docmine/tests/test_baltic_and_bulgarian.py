"""Case numbers, dates and organisations in Estonian, Latvian and Bulgarian council texts,
with sentences written for these tests (known gaps of an earlier probe, issue 14)."""

from __future__ import annotations

import pytest

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.dates import parse_date
from equalocal.docmine.extraction.decisions.fields import find_case_number
from equalocal.docmine.extraction.organisations import main_organisation, name_similarity
from equalocal.docmine.extraction.prefilter import scoped


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("et", "Otsus nr 412", "412"),
        ("et", "Vallavolikogu 3. mai 2018 otsusega nr 55 ühines vald hartaga.", "55"),
        ("et", "Linnavolikogu otsustas 14. märtsil 2019 ühineda hartaga.", "unknown"),
        ("lv", "Lēmums Nr. 1876", "1876"),
        ("lv", "ar domes 2021. gada 14. janvāra lēmumu Nr. 12 pievienojās", "12"),
    ],
)
def test_a_decision_number_after_its_estonian_or_latvian_label_is_the_case_number(
    language, text, expected
):
    with scoped(text, language=language):
        assert find_case_number(text) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("lv", "2022. gada 9. novembrī", "2022-11-09"),
        ("lv", "ar 2021. gada 14. janvāra lēmumu", "2021-01-14"),
        ("ka", "2017 წლის 10 მარტს", "2017-03-10"),
        ("et", "3. mail 2018", "2018-05-03"),
        ("et", "14. märtsil 2019", "2019-03-14"),
    ],
)
def test_a_date_written_with_the_year_first_and_of_the_year_is_read_to_the_day(
    language, text, expected
):
    with scoped(text, language=language):
        assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("et", "Tartu linnavolikogu kogunes.", "Tartu linn"),
        ("et", "Saue Vallavalitsus teatas.", "Saue vald"),
        ("lv", "Rīgas dome sanāca.", "Rīgas dome"),
        ("lv", "Jūrmalas domes sēdē.", "Jūrmalas dome"),
        ("bg", "Общински съвет – Габрово заседава.", "Община Габрово"),
        ("bg", "Общинският съвет на Габрово заседава.", "Община Габрово"),
        ("bg", "Кметът на гр. Габрово подписа.", "Община Габрово"),
    ],
)
def test_a_council_named_with_its_town_names_the_municipality(language, text, expected):
    with scoped(text, language=language):
        mention = main_organisation(text)
    assert mention is not None
    assert mention.name == expected


def test_council_words_do_not_make_two_names_of_one_municipality_differ():
    assert name_similarity("Tartu linn", "Tartu") >= 85
    assert name_similarity("Rīgas dome", "Rīgas valstspilsētas pašvaldība") >= 85


# (language, text, date, case number, organisation)
COUNCIL_DECISIONS = [
    (
        "et",
        "Tartu linnavolikogu\n\nOtsus nr 412\n\nTartu linnavolikogu otsustas 14. märtsil 2019 "
        "ühineda Euroopa hartaga naiste ja meeste võrdõiguslikkuse kohta kohaliku elu tasandil.",
        "2019-03-14",
        "412",
        "Tartu linn",
    ),
    (
        "lv",
        "Rīgas dome\n\nLēmums Nr. 1876\n\nRīgas dome 2022. gada 9. novembrī nolēma "
        "pievienoties Eiropas hartai par sieviešu un vīriešu līdztiesību vietējā dzīvē.",
        "2022-11-09",
        "1876",
        "Rīgas dome",
    ),
    (
        "bg",
        "Общински съвет – Габрово прие на 27 март 2014 г. решение № 58 за присъединяване към "
        "Европейската харта за равенство между жените и мъжете в местния живот.",
        "2014-03-27",
        "№ 58",
        "Община Габрово",
    ),
]


@pytest.mark.parametrize(
    ("language", "text", "date", "case_number", "organisation"),
    COUNCIL_DECISIONS,
    ids=[row[0] for row in COUNCIL_DECISIONS],
)
def test_a_council_decision_keeps_its_number_date_and_municipality(
    language, text, date, case_number, organisation
):
    decisions = analyse(text, language=language).decisions
    assert [d.decision_type for d in decisions] == ["sign_charter"]
    assert decisions[0].decision_date == date
    assert decisions[0].case_number == case_number
    assert decisions[0].organisation == organisation

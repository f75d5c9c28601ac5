"""Case numbers: a law's number is not the case's, a session code inside a resolution's
number, and an agenda item's own number line rather than one its history cites.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.decisions.fields import find_case_number
from equalocal.docmine.extraction.prefilter import scoped


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ro", "Potrivit Legea nr. 52/2003 privind transparența, proiectul nr. 40112", "40112"),
        ("cs", "podle zákona č. 128/2000 Sb., usnesení č. 77/2027", "77/2027"),
        ("cs", "Usnesení č. 2210/Z41/27", "2210/Z41/27"),
        ("pl", "Na podstawie ustawy z dnia 8 marca 1990 r. uchwała nr XIV/201/27", "XIV/201/27"),
    ],
)
def test_case_numbers(language, text, expected):
    with scoped("", spaced_letters=False, language=language) as scope:
        scope.folded = text.casefold()
        assert find_case_number(text) == expected


def test_an_items_own_number_line_beats_the_number_its_history_cites():
    text = (
        "STATUTÁRNÍ MĚSTO ZLÍN\nZastupitelstvo města Zlína\n\n"
        "USNESENÍ\nz 12. zasedání Zastupitelstva města Zlína konaného dne 11. května 2027\n\n"
        "Bod 1 – Program zasedání\nUsnesení č. 501/Z12/27\n"
        "Zastupitelstvo města Zlína schvaluje program zasedání.\n\n"
        "Bod 2 – Přistoupení k Evropské chartě rovnosti žen a mužů v místním životě\n"
        "Materiál předložila Rada města Zlína, která jej doporučila usnesením č. R/930/27.\n"
        "Usnesení č. 502/Z12/27\n"
        "Zastupitelstvo města Zlína po projednání\n"
        "I. schvaluje přistoupení statutárního města Zlína k Evropské chartě rovnosti žen a "
        "mužů v místním životě;\n"
    )
    [decision] = [
        d for d in analyse(text, language="cs").decisions if d.decision_type == "sign_charter"
    ]
    assert decision.case_number == "502/Z12/27"


def test_a_numbered_item_written_with_a_dash():
    text = (
        "AYUNTAMIENTO DE SORIA\n\nEXTRACTO DE LOS ACUERDOS DEL PLENO DE 2 DE JUNIO DE 2027\n\n"
        "1.- Expediente 801/2027. Ordenanza de terrazas.\nSe aprueba por unanimidad.\n\n"
        "2.- Expediente 802/2027. Adhesión a la Carta Europea para la Igualdad de Mujeres y "
        "Hombres en la Vida Local.\nEl Pleno, por unanimidad, ACUERDA:\n"
        "Primero.- Aprobar la adhesión del Ayuntamiento de Soria a la Carta Europea para la "
        "Igualdad de Mujeres y Hombres en la Vida Local.\n"
    )
    [decision] = [
        d for d in analyse(text, language="es").decisions if d.decision_type == "sign_charter"
    ]
    assert decision.case_number == "802/2027"

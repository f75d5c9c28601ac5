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

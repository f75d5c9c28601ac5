"""Figures as people read them: whole kronor, no trailing zeros, gaps in percentage points."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from equalocal.indicators.templatetags.figures import difference_unit, format_figure


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (Decimal("25000.10"), "kr", "25,000"),
        (Decimal("25000.60"), "SEK", "25,001"),
        (Decimal("12.50"), "%", "12.5"),
        (Decimal("-10.5000"), "%", "-10.5"),
        (Decimal("42.0000"), "", "42"),
        (Decimal("3.14159"), "days", "3.14"),
    ],
)
def test_figures_in_english(value, unit, shown):
    with translation.override("en"):
        assert format_figure(value, unit) == shown


def test_figures_in_swedish_use_the_decimal_comma_and_a_space():
    with translation.override("sv"):
        assert format_figure(Decimal("12.5"), "%") == "12,5"
        assert format_figure(Decimal("25000.1"), "kr") in ("25\xa0000", "25 000")


def test_a_gap_between_percentages_is_in_percentage_points():
    with translation.override("en"):
        assert difference_unit("%") == "percentage points"
        assert difference_unit("kr") == "kr"
        html = Template(
            "{% load figures %}{{ gap|figure:unit }} {{ unit|difference_unit }}"
        ).render(Context({"gap": Decimal("-10.5000"), "unit": "%"}))
    assert html == "-10.5 percentage points"

"""Timeframes of action tables read as dates: own sentences, one per notation."""

from datetime import date

import pytest

from equalocal.docmine.extraction.periods import period_dates


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("januari – april 2014", "sv", (date(2014, 1, 1), date(2014, 4, 30))),
        ("april 2014 – mars 2015", "sv", (date(2014, 4, 1), date(2015, 3, 31))),
        ("2015–2016", None, (date(2015, 1, 1), date(2016, 12, 31))),
        ("2024-03-01 – 2024-06-30", None, (date(2024, 3, 1), date(2024, 6, 30))),
        ("17.12.2025", None, (date(2025, 12, 17), date(2025, 12, 17))),
        ("9 Δεκεμβρίου 2025", "el", (date(2025, 12, 9), date(2025, 12, 9))),
        ("20 aprile – 30 giugno 2026", "it", (date(2026, 4, 20), date(2026, 6, 30))),
        ("Q3 2025", None, (date(2025, 7, 1), date(2025, 9, 30))),
        ("Q3 2025 – Q1 2026", None, (date(2025, 7, 1), date(2026, 3, 31))),
        ("3rd quarter 2025", "en", (date(2025, 7, 1), date(2025, 9, 30))),
        ("2. Quartal 2026", "de", (date(2026, 4, 1), date(2026, 6, 30))),
        ("1º trimestre 2024", "pt", (date(2024, 1, 1), date(2024, 3, 31))),
        ("2. Halbjahr 2025", "de", (date(2025, 7, 1), date(2025, 12, 31))),
        ("H1 2027", None, (date(2027, 1, 1), date(2027, 6, 30))),
        ("HT 2025", "sv", (date(2025, 8, 1), date(2025, 12, 31))),
        ("VT 2026", "sv", (date(2026, 1, 1), date(2026, 6, 30))),
        ("HT 2025 – VT 2026", "sv", (date(2025, 8, 1), date(2026, 6, 30))),
        ("höstterminen 2026", "sv", (date(2026, 8, 1), date(2026, 12, 31))),
        ("vecka 12 2026", "sv", (date(2026, 3, 16), date(2026, 3, 22))),
        ("v. 12, 2026", "sv", (date(2026, 3, 16), date(2026, 3, 22))),
        ("KW 3 2025", "de", (date(2025, 1, 13), date(2025, 1, 19))),
        ("2026, vecka 40–vecka 42", "sv", (date(2026, 9, 28), date(2026, 10, 18))),
    ],
)
def test_a_timeframe_as_written_becomes_its_first_and_last_day(text, language, expected):
    assert period_dates(text, language) == expected


@pytest.mark.parametrize("text", ["löpande", "unknown", "", "vecka 12", "Q3", "HT", "ongoing"])
def test_a_timeframe_without_a_year_has_no_dates(text):
    assert period_dates(text, "sv") == (None, None)

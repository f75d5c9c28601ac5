"""More shapes of action tables as plans are published: aligned columns with a column the
language files do not name and letter-numbered rows, a page footer inside a wrapped row,
one cell per line with start and end columns but no row-number column, one labelled block
per activity, and goal headings numbered with letters or Roman numerals. The plans are
written for these tests."""

from __future__ import annotations

import pytest

from equalocal.docmine.extraction.tables import _GOAL_PREFIX, rows_from_text

ALIGNED_WITH_UNNAMED_COLUMN = """Aktionsplan Gleichstellung 2026–2028

Handlungsfeld A  Arbeitgeberin Stadt
Nr.  Massnahme                       Zuständig            Start     Ende      Budget
A1   Lohnanalyse für alle            Personalamt          Q1 2026   Q3 2026   20 000
     Ämter
A2   Teilzeit in Führungs-           Personalamt /        Q2 2026   laufend   –
     funktionen fördern              Direktionen

Stadt Beispiel · Aktionsplan                                    Seite 2 von 9

     und ausschreiben
A3   Mentoring für Frauen            Fachstelle           Q4 2026   Q4 2027   15 000
"""


def test_aligned_columns_with_an_unnamed_column_letter_rows_and_a_footer_inside_a_row():
    rows = rows_from_text(ALIGNED_WITH_UNNAMED_COLUMN)
    assert [row.activity for row in rows] == [
        "Lohnanalyse für alle Ämter",
        "Teilzeit in Führungsfunktionen fördern und ausschreiben",
        "Mentoring für Frauen",
    ]
    assert rows[1].responsible == "Personalamt / Direktionen"
    assert rows[0].timeframe == "Q1 2026 – Q3 2026"
    assert {row.goal for row in rows} == {"Handlungsfeld A Arbeitgeberin Stadt"}


ONE_CELL_START_AND_END = """Pla d'acció

Eix 1. Espai públic
Acció
Responsable
Inici
Final
1.1 Auditoria de l'enllumenat als parcs
Servei de Parcs
febrer 2026
desembre 2026
1.2 Bancs i fonts amb criteris de cura
Servei d'Urbanisme
curs 2026-2027
curs 2026-2027

Eix 2. Ocupació
Acció
Responsable
Inici
Final
2.1 Taller de lideratge per a dones
Servei d'Ocupació
2026
permanent
"""


def test_one_cell_per_line_checked_by_its_start_column():
    rows = rows_from_text(ONE_CELL_START_AND_END)
    assert [row.responsible for row in rows] == [
        "Servei de Parcs",
        "Servei d'Urbanisme",
        "Servei d'Ocupació",
    ]
    assert rows[0].timeframe == "febrer 2026 – desembre 2026"
    assert rows[1].timeframe == "curs 2026-2027"  # the same term in both columns: once
    assert [row.goal for row in rows] == ["Eix 1. Espai públic"] * 2 + ["Eix 2. Ocupació"]


LABELLED_BLOCKS = """Seurantaraportti

Tavoite 1: Tasa-arvoinen rekrytointi

Toimenpide 1.1: Anonyymi rekrytointi kokeiluna kahdella toimialalla
Vastuu: Henkilöstöpalvelut
Aikataulu: kevät 2026
Tilanne: Käynnissä.

Toimenpide 1.2: Haastattelijoiden koulutus
Vastuu: Henkilöstöpalvelut / toimialat
Aikataulu: 2026
Tilanne: Ei aloitettu.

Raportti käsitellään kaupunginhallituksessa keväällä.
"""


def test_one_labelled_block_per_activity():
    rows = rows_from_text(LABELLED_BLOCKS)
    assert [(row.activity, row.responsible, row.timeframe) for row in rows] == [
        (
            "Anonyymi rekrytointi kokeiluna kahdella toimialalla",
            "Henkilöstöpalvelut",
            "kevät 2026",
        ),
        ("Haastattelijoiden koulutus", "Henkilöstöpalvelut / toimialat", "2026"),
    ]
    assert rows[0].status == "Käynnissä."
    assert {row.goal for row in rows} == {"Tavoite 1: Tasa-arvoinen rekrytointi"}


def test_a_single_labelled_line_is_no_table():
    assert rows_from_text("Toimenpide: hankitaan uusi järjestelmä.\nVastuu: IT") == []


@pytest.mark.parametrize(
    "heading",
    [
        "Mål 2: Trygga miljöer",
        "Handlungsfeld B  Öffentlicher Raum",
        "Eix III. Cures",
        "Goal 4 – Data",
    ],
)
def test_goal_headings_numbered_with_digits_letters_or_roman_numerals(heading):
    assert _GOAL_PREFIX.match(heading)


@pytest.mark.parametrize("line", ["Area of work for the council", "Målgruppen är unga"])
def test_words_after_a_goal_word_are_no_goal_heading(line):
    assert not _GOAL_PREFIX.match(line)

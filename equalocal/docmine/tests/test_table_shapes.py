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


def test_a_value_that_opens_with_a_heading_word_is_a_cell_and_articles_are_listed():
    # One cell per line; "anno scolastico 2026/2027" under "Tempi" opens with "anno", a
    # timeframe heading word, and is still a value. "Ufficio responsabile" names the
    # responsible column by its last word, "Articolo della Carta" the article column.
    text = (
        "Obiettivo 1 – Scuole\n\nAzione\nUfficio responsabile\nTempi\nArticolo della Carta\n"
        "1.1 Laboratori sugli stereotipi nelle scuole medie\nServizio Istruzione\n"
        "anno scolastico 2026/2027\n13, 18\n"
        "1.2 Dati per sesso nei servizi sportivi\nUfficio Sport\nII semestre 2026\n20\n"
    )
    rows = rows_from_text(text)
    assert [r.timeframe for r in rows] == ["anno scolastico 2026/2027", "II semestre 2026"]
    assert [r.responsible for r in rows] == ["Servizio Istruzione", "Ufficio Sport"]
    assert [r.charter_article for r in rows] == ["13, 18", "20"]


def test_blocks_opened_by_a_numbered_heading_take_their_text_from_the_first_label():
    text = (
        "Tavoite 1: Turvallinen kaupunki\n\n"
        "Toimenpide 1.1\nKuvaus: Valaistuksen parantaminen puistoissa\n"
        "Vastuutaho: Kaupunkiympäristö\nAikataulu: syksy 2026\nPeruskirjan artikla: 21, 25\n\n"
        "Toimenpide 1.2\nKuvaus: Turvallisuuskävely keskustassa\n"
        "Vastuutaho: Nuorisopalvelut\nAikataulu: 2027\nPeruskirjan artikla: 22\n"
    )
    rows = rows_from_text(text)
    assert [r.activity for r in rows] == [
        "Valaistuksen parantaminen puistoissa",
        "Turvallisuuskävely keskustassa",
    ]
    assert [r.charter_article for r in rows] == ["21, 25", "22"]
    assert rows[0].responsible == "Kaupunkiympäristö"


def test_actuacio_names_the_activity_column():
    text = (
        "| Codi | Actuació | Responsable | Inici | Final |\n|---|---|---|---|---|\n"
        "| 1.1 | Bústia d'igualtat a la web | Servei de Comunicació | T1 2027 | T2 2027 |\n"
        "| 1.2 | Formació del personal | Recursos Humans | T3 2026 | T3 2026 |\n"
    )
    rows = rows_from_text(text)
    assert [r.activity for r in rows] == ["Bústia d'igualtat a la web", "Formació del personal"]
    assert rows[0].timeframe == "T1 2027 – T2 2027"

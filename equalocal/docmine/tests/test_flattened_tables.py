"""Tables that PDF extraction flattened one cell per line, and Markdown tables with
abbreviated headings ("Acció", "Art. Carta"). The plans are written for these tests."""

from __future__ import annotations

from equalocal.docmine.extraction.tables import rows_from_text

ONE_CELL_PER_LINE = """Handlingsplan för jämställdhet 2026–2028

2. Åtgärder
Mål 1: Jämställd service
Nr
Åtgärd
Ansvarig
Tidplan
Status
Artikel
1.1
Könsuppdelad statistik i alla årsberättelser
Kommunledningskontoret
kv 2 2026
Pågår
9
1.2
Jämställdhetsanalys av föreningsbidragen
Kultur- och fritidsförvaltningen
hösten 2026
Ej påbörjad
10

Sollefteå kommun | Handlingsplan 2026–2028    Sida 4 av 9

Mål 2: Trygga offentliga miljöer
Nr
Åtgärd
Ansvarig
Tidplan
Status
Artikel
2.1
Trygghetsvandringar i tre stadsdelar
Samhällsbyggnadsförvaltningen
maj–september 2026
Planerad
21

3. Uppföljning
Kommunstyrelsen följer upp planen varje år.
"""


def test_a_table_flattened_one_cell_per_line_is_rebuilt_row_by_row():
    rows = rows_from_text(ONE_CELL_PER_LINE)
    assert [(r.activity, r.responsible, r.timeframe, r.charter_article) for r in rows] == [
        (
            "Könsuppdelad statistik i alla årsberättelser",
            "Kommunledningskontoret",
            "kv 2 2026",
            "9",
        ),
        (
            "Jämställdhetsanalys av föreningsbidragen",
            "Kultur- och fritidsförvaltningen",
            "hösten 2026",
            "10",
        ),
        (
            "Trygghetsvandringar i tre stadsdelar",
            "Samhällsbyggnadsförvaltningen",
            "maj–september 2026",
            "21",
        ),
    ]
    assert rows[0].goal.startswith("Mål 1") and rows[2].goal.startswith("Mål 2")
    assert rows[1].status == "Ej påbörjad"


def test_cells_that_wrap_over_lines_are_not_cut_into_false_rows():
    # Without a number or article column, wrapped cells cannot be told from rows: the
    # one-cell-per-line reading leaves such a table to the looser reading.
    text = "Åtgärd\nAnsvarig\nTidplan\nUtbildning för\nchefer\nHR\n2026\n"
    assert all(r.activity != "chefer" for r in rows_from_text(text))


def test_a_markdown_table_with_singular_and_abbreviated_headings():
    text = (
        "| Objectiu | Acció | Responsable | Calendari | Estat | Art. Carta |\n"
        "|---|---|---|---|---|---|\n"
        "| O1. Igualtat a l'organització | 1.1 Formació en perspectiva de gènere | Recursos "
        "Humans | 1r trimestre 2026 | En curs | 11 |\n"
    )
    [row] = rows_from_text(text)
    assert row.activity == "1.1 Formació en perspectiva de gènere"
    assert row.goal == "O1. Igualtat a l'organització"
    assert row.responsible == "Recursos Humans"
    assert row.charter_article == "11"


ALIGNED_WITH_WRAPPED_CELLS = """Gleichstellungsaktionsplan 2026–2028

Ziel 1: Gleichstellung in der Verwaltung
Nr   Maßnahme                     Verantwortlich       Zeitraum        Artikel
1.1  Gendergerechte Auswertung    Hauptamt             Q1/2026         9
     der Bürgerbefragung
1.2  Mentoring für weibliche      Personalamt          2026–2027       11
     Nachwuchsführungs-
     kräfte

Ziel 2: Sicherheit im öffentlichen Raum
2.1  Beleuchtungskonzept für      Tiefbauamt und       Herbst 2026     21
     Unterführungen               Stadtplanung

3 Finanzierung
Die Maßnahmen werden aus den laufenden Budgets der Ämter finanziert.
"""


def test_a_space_aligned_table_with_cells_wrapped_over_lines():
    rows = rows_from_text(ALIGNED_WITH_WRAPPED_CELLS)
    assert [(r.activity, r.responsible, r.timeframe, r.charter_article) for r in rows] == [
        ("Gendergerechte Auswertung der Bürgerbefragung", "Hauptamt", "Q1/2026", "9"),
        ("Mentoring für weibliche Nachwuchsführungskräfte", "Personalamt", "2026–2027", "11"),
        (
            "Beleuchtungskonzept für Unterführungen",
            "Tiefbauamt und Stadtplanung",
            "Herbst 2026",
            "21",
        ),
    ]
    assert rows[0].goal.startswith("Ziel 1") and rows[2].goal.startswith("Ziel 2")


ALIGNED_BY_PERIOD = """Mål 1: Jämn fördelning av makt (art. 2)

Åtgärd                                  Ansvarig              Start     Klart
Könsuppdelad statistik över deltagande  Kommunstyrelsen       HT 2025   VT 2026
i samråd och dialoger
Utbildning i jämställdhetsintegrering   Kommunlednings-       VT 2026   VT 2026
för nya förtroendevalda                 kontoret
"""


def test_an_aligned_table_without_numbers_starts_rows_at_their_period():
    rows = rows_from_text(ALIGNED_BY_PERIOD)
    assert [(r.activity, r.responsible) for r in rows] == [
        ("Könsuppdelad statistik över deltagande i samråd och dialoger", "Kommunstyrelsen"),
        ("Utbildning i jämställdhetsintegrering för nya förtroendevalda", "Kommunledningskontoret"),
    ]
    assert rows[0].timeframe == "HT 2025 – VT 2026"
    assert rows[1].goal.startswith("Mål 1:")


CELL_LINES_WITH_A_UNIT = """Objective 1 – Safe streets
Action
Lead
Timeframe
Charter article
Safety audit of the town centre
Planning Department
Q3 2025
Art. 21
Survey of bus and cycle users
Transport Unit
2026
Art. 26
"""


def test_a_unit_named_planning_is_a_cell_not_a_heading():
    rows = rows_from_text(CELL_LINES_WITH_A_UNIT)
    assert [(r.activity, r.responsible) for r in rows] == [
        ("Safety audit of the town centre", "Planning Department"),
        ("Survey of bus and cycle users", "Transport Unit"),
    ]


def test_portuguese_article_heading_with_its_ordinal_sign():
    from equalocal.docmine.extraction.tables import heading_role

    assert heading_role("Art.º") == "charter_article"

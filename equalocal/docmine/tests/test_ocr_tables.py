"""Tables on scanned pages rebuilt from Tesseract's word boxes: the column bands on
hand-written TSV, and a generated scanned plan read by the real Tesseract."""

from __future__ import annotations

from html import escape

import pytest

from equalocal.docmine.extraction import analyse
from equalocal.docmine.reading import read_file
from equalocal.docmine.reading.ocr import installed_languages
from equalocal.docmine.reading.ocrtables import (
    mean_confidence,
    page_tables,
    parse_words,
    segments,
    visual_lines,
)
from equalocal.docmine.text.repair import repair_cells

TSV_HEAD = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
)


def _tsv(*lines: tuple[int, list[tuple[int, str]]], block: int = 1, first_line: int = 1) -> str:
    """TSV rows for lines of words: each line a top and (left, text) pairs; words are
    30 px high and 20 px a character wide."""
    rows = []
    for number, (top, words) in enumerate(lines, start=first_line):
        for index, (left, text) in enumerate(words, start=1):
            width = 20 * len(text)
            rows.append(
                f"5\t1\t{block}\t1\t{number}\t{index}\t{left}\t{top}\t{width}\t30\t91\t{text}"
            )
    return "\n".join(rows)


def _words(text: str, left: int) -> list[tuple[int, str]]:
    """The words of ``text`` from ``left``, one space (10 px) between them."""
    placed = []
    for word in text.split():
        placed.append((left, word))
        left += 20 * len(word) + 10
    return placed


HEADING = (100, _words("Activity", 100) + _words("Responsible", 900) + _words("Deadline", 1400))


def test_a_line_is_cut_into_cells_at_wide_gaps_only():
    words = parse_words(TSV_HEAD + "\n" + _tsv(HEADING))
    [line] = visual_lines(words, 30)
    assert [" ".join(w.text for w in run) for run in segments(line, 30)] == [
        "Activity",
        "Responsible",
        "Deadline",
    ]


def test_rows_are_rebuilt_under_the_heading_columns_with_wrapped_cells_kept_together():
    tsv = _tsv(
        (40, _words("Action plan for equality", 100)),
        HEADING,
        (160, _words("Train all managers in", 100) + _words("HR unit", 900) + _words("2026", 1400)),
        (195, _words("gender mainstreaming", 100)),
        (260, _words("Publish statistics by sex", 100) + _words("Council", 900)),
        (260 + 30 * 5, _words("The council follows the plan up once a year.", 100)),
    )
    [table] = page_tables(parse_words(TSV_HEAD + "\n" + tsv), 3)
    assert table.page == 3
    assert table.rows == [
        ["Activity", "Responsible", "Deadline"],
        ["Train all managers in gender mainstreaming", "HR unit", "2026"],
        ["Publish statistics by sex", "Council", ""],
    ]


def test_columns_read_as_separate_blocks_are_joined_into_rows():
    tsv = "\n".join(
        [
            TSV_HEAD,
            _tsv((100, _words("Activity", 100)), (160, _words("Train managers", 100)), block=1),
            _tsv((101, _words("Responsible", 900)), (161, _words("HR unit", 900)), block=2),
            _tsv((99, _words("Deadline", 1400)), (159, _words("2026", 1400)), block=3),
        ]
    )
    [table] = page_tables(parse_words(tsv))
    assert table.rows == [
        ["Activity", "Responsible", "Deadline"],
        ["Train managers", "HR unit", "2026"],
    ]


def test_ruling_lines_read_as_words_are_left_out_and_a_glued_digit_is_unglued():
    row = _words("Train managers", 100) + _words("HR unit", 900) + _words("2026", 1400)
    rows = [
        f"5\t1\t1\t1\t2\t{i}\t{left}\t160\t{20 * len(text)}\t30\t91\t{text}"
        for i, (left, text) in enumerate(row)
    ]
    rows += [
        "5\t1\t1\t1\t2\t9\t860\t155\t20\t48\t30\t||",
        "5\t1\t1\t1\t2\t9\t1360\t155\t20\t48\t30\tI|",
        "5\t1\t1\t1\t3\t1\t100\t220\t60\t30\t80\tDraft",
        "5\t1\t1\t1\t3\t2\t1400\t220\t19\t31\t40\t12",
    ]
    tsv = "\n".join([TSV_HEAD, _tsv(HEADING), *rows])
    [table] = page_tables(parse_words(tsv))
    assert table.rows[1:] == [["Train managers", "HR unit", "2026"], ["Draft", "", "2"]]


def test_a_paragraph_across_the_columns_ends_the_table():
    tsv = _tsv(
        HEADING,
        (160, _words("Train managers", 100) + _words("HR unit", 900) + _words("2026", 1400)),
        (200, _words("These measures are followed up by the council every year in spring", 100)),
        (240, _words("Publish statistics", 100) + _words("Council", 900) + _words("2027", 1400)),
    )
    [table] = page_tables(parse_words(TSV_HEAD + "\n" + tsv))
    assert table.rows == [
        ["Activity", "Responsible", "Deadline"],
        ["Train managers", "HR unit", "2026"],
    ]


def test_prose_that_names_heading_words_starts_no_table():
    tsv = _tsv(
        (
            100,
            _words("Each activity has a", 100)
            + _words("responsible", 700)
            + _words("deadline", 1100),
        ),
        (160, _words("Train managers", 100) + _words("HR unit", 900) + _words("2026", 1400)),
    )
    assert page_tables(parse_words(TSV_HEAD + "\n" + tsv)) == []


def test_two_heading_columns_are_too_few_for_a_table():
    tsv = _tsv(
        (100, _words("Activity", 100) + _words("Responsible", 900)),
        (160, _words("Train managers", 100) + _words("HR unit", 900)),
    )
    assert page_tables(parse_words(TSV_HEAD + "\n" + tsv)) == []


def test_mean_confidence_counts_scored_words_only():
    tsv = "\n".join(
        [
            TSV_HEAD,
            "4\t1\t1\t1\t1\t0\t0\t0\t10\t10\t-1\t",
            "5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t80\tone",
            "5\t1\t1\t1\t1\t2\t20\t0\t10\t10\t90\ttwo",
            "5\t1\t1\t1\t1\t3\t40\t0\t10\t10\t95\t ",
            "5\t1\t1\t1\t1\t4\t60\t0\t10\t10\t-1\tthree",
        ]
    )
    assert mean_confidence(parse_words(tsv)) == 85.0
    assert mean_confidence([]) is None


def test_cells_are_repaired_like_their_page():
    rows = [["Aktivitet", "Ansvarig"], ["Utbilda chefer i jamstalldhet", "Kommunstyrelsen"]]
    repaired = repair_cells(rows, "sv")
    assert repaired[1][0] == "Utbilda chefer i jämställdhet"
    assert repaired[0] == ["Aktivitet", "Ansvarig"]
    assert repair_cells(rows, "") == rows


# --- a scanned plan read by the real Tesseract ---------------------------------------------
# A lone digit in a cell without rules is often not read at all by Tesseract: the articles
# are written "Art. 9" where they are one digit.

HEADINGS = ["Aktivitet", "Ansvarig", "Start", "Slut", "Artikel"]
ROWS = [
    ["Mål 1: Jämställd service till invånarna"],
    [
        "Könsuppdela all statistik om brukare",
        "Kommunstyrelsen",
        "2027-02-01",
        "2027-06-30",
        "Art. 9",
    ],
    [
        "Utbilda chefer i jämställdhetsintegrering",
        "HR-avdelningen",
        "2027-03-01",
        "2027-12-31",
        "Art. 2",
    ],
    ["Mål 2: Jämställda villkor för anställda"],
    ["Genomför en lönekartläggning", "HR-avdelningen", "2027-09-01", "2027-11-30", "11"],
    ["Inför heltid som norm i vården", "Socialnämnden", "2028-01-01", "2028-12-31", "11"],
]


def make_scanned_plan_pdf(path, *, borders: bool = True):
    """The plan rendered by WeasyPrint, rasterised at 300 dpi and saved as an image-only
    PDF, as a scanner makes it."""
    import pypdfium2
    import weasyprint

    head = "".join(f"<th>{escape(h)}</th>" for h in HEADINGS)
    body = ""
    for values in ROWS:
        if len(values) == 1:
            body += f"<tr><td colspan='{len(HEADINGS)}'>{escape(values[0])}</td></tr>"
        else:
            body += "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in values) + "</tr>"
    # Rules collapsed into a grid: the layout a Tesseract reading takes for a picture unless
    # the rules are erased first.
    cell = "border: 1px solid #000; padding: 6px 14px" if borders else "padding: 6px 14px"
    html = (
        "<html lang='sv'><head><meta charset='utf-8'><style>@page { size: A4 landscape; "
        "margin: 1.5cm } body { font-family: 'DejaVu Sans'; font-size: 10pt } "
        "table { border-collapse: collapse } "
        f"td, th {{ {cell}; text-align: left }}</style></head><body>"
        "<h1>Jämställdhetsplan 2027–2028 för Exempelby kommun</h1>"
        "<p>Antagen av kommunfullmäktige 2027-01-30, § 12, KS 2026/455</p>"
        "<p>Planen beskriver hur kommunen arbetar för jämställdhet 2027–2028.</p>"
        f"<table>{'<tr>' + head + '</tr>'}{body}</table>"
        "<p>Planen följs upp varje år av kommunstyrelsen.</p></body></html>"
    )
    pdf = weasyprint.HTML(string=html).write_pdf()
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=300 / 72, grayscale=True).to_pil()
    image.save(path, "PDF", resolution=300)
    return path


@pytest.mark.skipif("swe" not in installed_languages(), reason="no Swedish Tesseract pack")
@pytest.mark.parametrize("borders", [True, False], ids=["ruled", "unruled"])
def test_a_scanned_plan_gives_its_rows_from_the_word_boxes(tmp_path, borders):
    path = make_scanned_plan_pdf(tmp_path / "scanned-plan.pdf", borders=borders)
    result = read_file(path, languages=["swe"])
    assert result.ocr_used
    [table] = result.tables
    assert table.page == 1
    assert table.rows[0] == HEADINGS
    analysis = analyse(result.text, tables=result.tables, pages=result.pages, language="sv")

    rows = {row.activity: row for row in analysis.action_rows}
    assert len(rows) == 4, [r.activity for r in analysis.action_rows]
    first = rows["Könsuppdela all statistik om brukare"]
    assert first.goal == "Mål 1: Jämställd service till invånarna"
    assert first.responsible == "Kommunstyrelsen"
    assert first.timeframe == "2027-02-01 – 2027-06-30"
    assert first.charter_article == "9"
    assert first.page == 1
    assert rows["Utbilda chefer i jämställdhetsintegrering"].charter_article == "2"
    last = rows["Inför heltid som norm i vården"]
    assert last.goal == "Mål 2: Jämställda villkor för anställda"
    assert last.responsible == "Socialnämnden"
    assert last.timeframe == "2028-01-01 – 2028-12-31"
    assert last.charter_article == "11"
    # The page's text is still there for everything else: the adoption line is found.
    [decision] = analysis.decisions
    assert decision.case_number == "KS 2026/455"


def test_rules_are_erased_and_text_and_solid_areas_kept():
    from PIL import Image, ImageDraw, ImageFont

    from equalocal.docmine.reading.ocrtables import erase_rules

    image = Image.new("L", (1200, 800), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 1100, 103), fill=0)  # a horizontal rule, 4 px
    draw.rectangle((600, 100, 602, 700), fill=0)  # a vertical rule, 3 px
    draw.rectangle((100, 500, 400, 600), fill=0)  # a solid area: no rule
    font = ImageFont.truetype("DejaVuSans-Bold.ttf", 60)
    draw.text((120, 200), "Jämställdhet", font=font, fill=0)
    ink = sum(1 for value in image.crop((100, 180, 590, 300)).tobytes() if value < 128)

    erased = erase_rules(image)
    assert erased.getpixel((300, 101)) == 255
    assert erased.getpixel((601, 400)) == 255
    assert erased.getpixel((250, 550)) == 0
    assert sum(1 for value in erased.crop((100, 180, 590, 300)).tobytes() if value < 128) == ink

"""Readers: type by content, text per page, tables, and every kind of bad input."""

import time
import zipfile

import pytest

from equalocal.docmine.reading import (
    DEFAULT_LIMITS,
    Limits,
    extension_mismatch,
    read_file,
    read_text,
    render_page_png,
    sniff,
    sniff_path,
)
from equalocal.docmine.types import DocumentRejected, FileType, RejectReason


def _head(path, size=8192):
    return path.read_bytes()[:size]


def test_sniff_tells_types_by_content(
    born_digital_pdf, docx_002, odt_file, png_scan, html_with_scripts, tiff_two_pages
):
    assert sniff_path(born_digital_pdf) == FileType.PDF
    assert sniff_path(docx_002) == FileType.DOCX
    assert sniff_path(odt_file) == FileType.ODT
    assert sniff_path(png_scan) == FileType.PNG
    assert sniff_path(html_with_scripts) == FileType.HTML
    assert sniff_path(tiff_two_pages) == FileType.TIFF
    assert sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF") == FileType.JPEG
    assert sniff(b"MM\x00*\x00\x00\x00\x08") == FileType.TIFF


def test_sniff_finds_pdf_header_after_leading_junk(born_digital_pdf):
    assert sniff(b"\r\n garbage \x00\x01" + _head(born_digital_pdf)) == FileType.PDF


def test_sniff_reads_html_after_bom_and_whitespace_in_any_case():
    assert sniff("\ufeff  \n<!DOCTYPE HTML><html>".encode()) == FileType.HTML
    assert sniff(b"<P>Hej</P>") == FileType.HTML
    assert sniff("Vanlig text om jämställdhet.\n".encode()) == FileType.TEXT
    assert sniff("Jämställdhet på latin-1".encode("latin-1")) == FileType.TEXT


def test_sniff_rejects_empty_and_binary():
    with pytest.raises(DocumentRejected) as empty:
        sniff(b"")
    assert empty.value.reason == RejectReason.EMPTY
    with pytest.raises(DocumentRejected) as binary:
        sniff(bytes(range(256)) * 4)
    assert binary.value.reason == RejectReason.UNSUPPORTED


def test_sniff_rejects_a_zip_that_is_no_office_document(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hej")
    with pytest.raises(DocumentRejected) as rejected:
        sniff_path(path)
    assert rejected.value.reason == RejectReason.UNSUPPORTED


def test_content_wins_over_extension_and_mismatch_is_reported(tmp_path, docx_002):
    disguised = tmp_path / "protokoll.pdf"
    disguised.write_bytes(docx_002.read_bytes())
    result = read_file(disguised)
    assert result.file_type == FileType.DOCX
    assert RejectReason.EXTENSION_MISMATCH.value in result.warnings
    assert extension_mismatch(FileType.DOCX, "protokoll.pdf")
    assert not extension_mismatch(FileType.DOCX, "plan.docx")
    assert not extension_mismatch(FileType.PDF, "utan-filändelse")


def test_born_digital_pdf_has_text_per_page(born_digital_pdf):
    result = read_text(born_digital_pdf, FileType.PDF)
    assert [page.number for page in result.pages] == [1, 2, 3]
    assert all(page.source == "text_layer" for page in result.pages)
    assert "sida 2" in result.pages[1].text
    assert "jämställdhet" in result.pages[0].text
    assert "Kommunledningskontoret" in result.pages[2].text


def test_scanned_pdf_pages_need_ocr(scanned_003_pdf):
    result = read_text(scanned_003_pdf, FileType.PDF)
    assert len(result.pages) == 2
    assert all(page.needs_ocr and page.text == "" for page in result.pages)


def test_docx_keeps_the_activity_table_in_order(docx_002):
    result = read_text(docx_002, FileType.DOCX)
    assert result.title == "Verksamhetsplan 2014"
    [table] = result.tables
    assert table.rows[0] == ["Aktivitet", "Genomfört", "Ansvarig"]
    assert len(table.rows) == 5
    assert table.rows[1][0].startswith("Mål 1 Genomföra analys av enkäten")
    assert table.rows[1][2] == "Jämställdhetsgruppen"
    text = result.pages[0].text
    assert "Aktivitet\tGenomfört\tAnsvarig" in text
    # Paragraphs before and after the table stay in document order.
    assert text.index("Vem gör vad") < text.index("Aktivitet\t") < text.index("Analysen av enkäten")


def test_odt_headings_paragraphs_lists_and_tables(odt_file):
    result = read_text(odt_file, FileType.ODT)
    text = result.pages[0].text
    assert text.startswith("Handlingsplan för jämställdhet 2025–2027")
    assert "Könsuppdela all statistik" in text
    assert "Uppföljning varje år." in text
    assert result.tables[0].rows[0] == ["Mål", "Aktivitet", "Ansvarig"]


def test_html_loses_scripts_styles_and_handlers_but_keeps_text_and_tables(html_with_scripts):
    result = read_text(html_with_scripts, FileType.HTML)
    text = result.pages[0].text
    for hidden in (
        "SCRIPT-TEXT",
        "MODULE-TEXT",
        "NOSCRIPT",
        "TEMPLATE",
        "IFRAME",
        "alert",
        "color",
    ):
        assert hidden not in text
    assert result.title == "Jämställdhet & CEMR"
    assert "Kommunfullmäktige beslutade 2024-05-20 att underteckna deklarationen." in text
    assert "Nästa steg – handlingsplan." in text
    assert "<b> här." in text  # an escaped tag is text, decoded once
    assert result.tables[0].rows[1] == ["Ta fram handlingsplan", "Kommunledningskontoret", "2025"]


def test_text_with_stray_paragraph_tags_is_cleaned(sample_path):
    result = read_file(sample_path("002"))
    assert result.file_type == FileType.TEXT
    text = result.pages[0].text
    assert "<p>" not in text and "</p>" not in text
    line = next(line for line in text.split("\n") if line.startswith("Mål 4"))
    assert (
        line
        == "Mål 4 Hitta samarbetsformer med Örnsköldsviks kommun\tLöpande under året\tJämställdhetsgruppen"
    )
    table = next(t for t in result.tables if t.rows[0] == ["Aktivitet", "Genomfört", "Ansvarig"])
    assert len(table.rows) == 5


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("utf-16", b"")],
)
def test_plain_text_encodings_are_detected(tmp_path, encoding, bom):
    text = "Kommunstyrelsen beslutade att anta handlingsplanen för jämställdhet mellan kvinnor och män.\r\nÅtgärder\tAnsvarig\r\n"
    path = tmp_path / "text.txt"
    path.write_bytes(bom + text.encode(encoding))
    result = read_file(path)
    assert result.pages[0].text == text.replace("\r\n", "\n").strip("\n")


def test_images_need_ocr_one_page_per_frame(tiff_two_pages, png_scan):
    assert [p.number for p in read_text(tiff_two_pages, FileType.TIFF).pages] == [1, 2]
    assert read_text(png_scan, FileType.PNG).pages[0].needs_ocr


def test_page_previews_are_png(born_digital_pdf, tiff_two_pages):
    from io import BytesIO

    from PIL import Image

    pdf_png = render_page_png(born_digital_pdf, FileType.PDF, 2, width=400)
    assert pdf_png.startswith(b"\x89PNG")
    assert Image.open(BytesIO(pdf_png)).width == 400
    tiff_png = render_page_png(tiff_two_pages, FileType.TIFF, 2, width=300)
    assert Image.open(BytesIO(tiff_png)).width == 300


def _rejected(function, *args, **kwargs) -> tuple[RejectReason, float]:
    start = time.perf_counter()
    with pytest.raises(DocumentRejected) as rejected:
        function(*args, **kwargs)
    return rejected.value.reason, time.perf_counter() - start


def test_encrypted_pdf_is_rejected_as_encrypted(encrypted_pdf):
    assert _rejected(read_file, encrypted_pdf)[0] == RejectReason.ENCRYPTED


def test_truncated_pdf_is_rejected_as_corrupt(truncated_pdf):
    assert _rejected(read_file, truncated_pdf)[0] == RejectReason.CORRUPT


def test_pdf_with_ten_thousand_pages_is_rejected_before_any_page_is_read(
    many_pages_pdf, monkeypatch
):
    import pypdfium2

    def no_page(*args, **kwargs):
        raise AssertionError("a page was loaded")

    monkeypatch.setattr(pypdfium2.PdfDocument, "get_page", no_page)
    monkeypatch.setattr(pypdfium2.PdfDocument, "__getitem__", no_page)
    reason, _ = _rejected(read_file, many_pages_pdf)
    assert reason == RejectReason.TOO_MANY_PAGES


def test_huge_image_is_rejected_without_decoding(huge_image, monkeypatch):
    from PIL import Image as PILImage
    from PIL import ImageFile

    def no_decoding(self, *args, **kwargs):
        raise AssertionError("the pixels were decoded")

    monkeypatch.setattr(PILImage.Image, "load", no_decoding)
    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    reason, _ = _rejected(read_file, huge_image)
    assert reason == RejectReason.TOO_MANY_PIXELS


def test_huge_image_is_rejected_by_our_limit_too(png_scan):
    reason, _ = _rejected(read_file, png_scan, limits=Limits(max_pixels=1000))
    assert reason == RejectReason.TOO_MANY_PIXELS


def test_zip_bomb_is_rejected_without_inflating_it(zip_bomb_docx, monkeypatch):
    import zipfile

    def no_inflating(*args, **kwargs):
        raise AssertionError("a member was inflated")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_inflating)
    monkeypatch.setattr(zipfile.ZipFile, "read", no_inflating)
    reason, _ = _rejected(read_file, zip_bomb_docx)
    assert reason == RejectReason.ZIP_BOMB


def test_file_over_the_size_limit_is_rejected_before_reading(born_digital_pdf):
    limits = Limits(max_bytes=1000)
    assert _rejected(read_file, born_digital_pdf, limits=limits)[0] == RejectReason.TOO_LARGE


def test_empty_and_garbage_files(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert _rejected(read_file, empty)[0] == RejectReason.EMPTY
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    assert _rejected(read_file, garbage)[0] == RejectReason.CORRUPT
    broken_docx = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken_docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<not-closed")
    assert _rejected(read_file, broken_docx)[0] == RejectReason.CORRUPT
    broken_png = tmp_path / "broken.png"
    broken_png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    assert _rejected(read_file, broken_png)[0] == RejectReason.CORRUPT


def test_default_limits_match_the_specification():
    assert DEFAULT_LIMITS.max_bytes == 50 * 1024 * 1024
    assert DEFAULT_LIMITS.max_pages == 2000
    assert DEFAULT_LIMITS.max_pixels == 100_000_000


def test_every_page_of_a_long_born_digital_pdf_is_read(fixture_dir):
    # Speed is measured by `make bench` (documents.bench_reading_born_digital), not here.
    from equalocal.documents.tests.fixtures import make_born_digital_pdf

    path = make_born_digital_pdf(fixture_dir / "forty-pages.pdf", pages=40)
    result = read_text(path, FileType.PDF)
    assert len(result.pages) == 40
    assert all(page.source == "text_layer" and page.text for page in result.pages)


def test_nul_characters_never_reach_the_text(tmp_path):
    from equalocal.docmine.reading import read_text
    from equalocal.docmine.types import FileType

    path = tmp_path / "nul.html"
    path.write_bytes(
        b"<html><body><p>"
        + b"a" * 9000
        + b"\x00kommun</p><table><tr><td>x\x00y</td></tr></table></body></html>"
    )
    result = read_text(path, FileType.HTML)
    assert "\x00" not in result.text
    assert all("\x00" not in cell for table in result.tables for row in table.rows for cell in row)

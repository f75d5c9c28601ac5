"""OCR with the real Tesseract on generated scans."""

from pathlib import Path

import pytest

from equalocal.docmine.reading import ocr_languages_for, ocr_pages, read_file
from equalocal.docmine.reading.ocr import installed_languages, run_tesseract
from equalocal.docmine.text.wer import word_error_rate
from equalocal.docmine.types import DocumentRejected, FileType, RejectReason

REFERENCE = Path(__file__).parent / "data" / "003_reference.txt"

pytestmark = pytest.mark.skipif(not installed_languages(), reason="tesseract is not installed")


@pytest.fixture(scope="module")
def scanned_003_read(scanned_003_pdf):
    stages = []
    result = read_file(
        scanned_003_pdf,
        languages=ocr_languages_for("SE"),
        on_progress=lambda stage, current, total: stages.append((stage, current, total)),
    )
    return result, stages


def test_scanned_protocol_is_read_by_ocr(scanned_003_read):
    result, _ = scanned_003_read
    assert result.ocr_used
    assert [page.source for page in result.pages] == ["ocr", "ocr"]
    assert all(page.ocr_confidence and page.ocr_confidence > 60 for page in result.pages)
    assert "KSAU" in result.text
    assert "2024" in result.text
    assert "KS 2024/108" in result.text
    assert {page.language for page in result.pages} == {"sv"}


def test_ocr_text_is_repaired_and_raw_text_kept(scanned_003_read):
    result, _ = scanned_003_read
    first = result.pages[0]
    assert "jämställdhet" in first.text
    assert "jamstilldhet" in first.raw_text
    assert first.repairs
    for repair in first.repairs:
        assert first.text[repair.start : repair.end] == repair.replacement


def test_repair_brings_ocr_of_the_scan_close_to_the_reference(scanned_003_read):
    result, _ = scanned_003_read
    reference = REFERENCE.read_text("utf-8")
    raw = "\n\n".join(page.raw_text for page in result.pages)
    before = word_error_rate(reference, raw)
    after = word_error_rate(reference, result.text)
    assert before > 0.15
    assert after < before / 3


def test_progress_reports_each_ocr_page(scanned_003_read):
    _, stages = scanned_003_read
    assert ("ocr", 1, 2) in stages
    assert ("ocr", 2, 2) in stages


def test_image_is_ocrd_with_its_diacritics(png_scan):
    result = read_file(png_scan, languages=["swe", "eng"])
    assert result.file_type == FileType.PNG
    assert "jämställdhet" in result.text
    assert "12 mars 2024" in result.text


def test_each_tiff_page_is_ocrd_in_order(tiff_two_pages):
    pages = list(ocr_pages(tiff_two_pages, FileType.TIFF, [1, 2], languages=["swe"]))
    assert [page.number for page in pages] == [1, 2]
    assert "CEMR" in pages[0].text
    assert "Handlingsplan" in pages[1].text


def test_language_is_guessed_for_ocr_when_not_given(png_scan):
    result = read_file(png_scan)
    assert result.pages[0].language == "sv"
    assert "män" in result.text


def test_ocr_timeout_fails_the_page_not_the_worker(tmp_path, png_scan):
    with pytest.raises(DocumentRejected) as rejected:
        run_tesseract(png_scan, ["swe"], timeout=0)
    assert rejected.value.reason == RejectReason.OCR_FAILED


def test_ocr_languages_follow_country_and_hint():
    assert ocr_languages_for("SE") == ["swe", "eng"]
    assert ocr_languages_for("FI") == ["fin", "swe", "eng"]
    assert ocr_languages_for("GB") == ["eng"]
    assert ocr_languages_for(None) == ["eng"]
    assert ocr_languages_for("DE", "pl") == ["pol", "deu", "eng"]
    assert ocr_languages_for("NO") == ["nor", "eng"]
    # Icelandic is not installed here, so it is left out rather than failing Tesseract.
    assert all(code in installed_languages() for code in ocr_languages_for("IS", "is"))


GERMAN_SCAN = (
    "Niederschrift über die Sitzung des Gemeinderates\n\n"
    "Der Gemeinderat hat in seiner Sitzung am 14. März 2024 beschlossen, die Europäische "
    "Charta für die Gleichstellung von Frauen und Männern auf lokaler Ebene zu unterzeichnen. "
    "Die Verwaltung wird beauftragt, innerhalb von zwei Jahren einen Aktionsplan zu erarbeiten "
    "und dem Gemeinderat zur Beschlussfassung vorzulegen. Die Gleichstellungsbeauftragte "
    "berichtet jährlich über die Fortschritte und die Maßnahmen der Ämter."
)


@pytest.fixture(scope="module")
def german_scan(tmp_path_factory):
    from equalocal.documents.demo_documents.render import write_scanned_pdf

    return write_scanned_pdf(tmp_path_factory.mktemp("german") / "de.pdf", GERMAN_SCAN)


@pytest.mark.skipif("deu" not in installed_languages(), reason="German pack missing")
def test_a_page_in_another_language_is_read_again_in_its_own(german_scan):
    # The organisation is Swedish, the scan German: the page is read in German, alone.
    [page] = ocr_pages(german_scan, FileType.PDF, [1], languages=ocr_languages_for("SE"))
    assert page.language == "de"
    assert "Gleichstellung" in page.text
    assert "Männern" in page.text
    [first_guess] = ocr_pages(
        german_scan, FileType.PDF, [1], languages=["swe"], verify_language=False
    )
    assert first_guess.language == "sv"  # what it was read in, without the check


@pytest.mark.skipif("deu" not in installed_languages(), reason="German pack missing")
def test_a_scan_without_any_text_is_probed_for_its_language(german_scan):
    from equalocal.docmine.reading.ocr import probe_language

    assert probe_language(german_scan, FileType.PDF, 1) == "deu"
    result = read_file(german_scan)
    assert [page.language for page in result.pages] == ["de"]
    assert "Aktionsplan" in result.text


def test_a_scan_is_read_at_its_own_resolution_not_an_enlargement(tmp_path, born_digital_pdf):
    from equalocal.docmine.reading.limits import DEFAULT_LIMITS
    from equalocal.docmine.reading.ocr import _ocr_dpi
    from equalocal.docmine.reading.pdf import scan_dpi
    from equalocal.documents.demo_documents.render import write_scanned_pdf

    at_200 = write_scanned_pdf(tmp_path / "200.pdf", "Kommunstyrelsen beslutar", dpi=200)
    at_150 = write_scanned_pdf(tmp_path / "150.pdf", "Kommunstyrelsen beslutar", dpi=150)
    assert scan_dpi(at_200, 1) == 200
    assert _ocr_dpi(at_200, FileType.PDF, 1, DEFAULT_LIMITS) == 200
    # A coarse scan is still enlarged to what Tesseract needs; a page of text keeps 300 dpi.
    assert _ocr_dpi(at_150, FileType.PDF, 1, DEFAULT_LIMITS) == 200
    assert scan_dpi(born_digital_pdf, 1) is None
    assert _ocr_dpi(born_digital_pdf, FileType.PDF, 1, DEFAULT_LIMITS) == DEFAULT_LIMITS.ocr_dpi

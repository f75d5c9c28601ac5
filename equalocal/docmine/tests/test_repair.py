"""Repair of OCR damage: sample 003 against a hand-corrected reference, and clean text untouched."""

import json
import unicodedata
from html import escape
from pathlib import Path

import pytest

from equalocal.docmine.text.repair import repair_text
from equalocal.docmine.text.wer import word_error_rate

REFERENCE = Path(__file__).parent / "data" / "003_reference.txt"


def test_repair_of_sample_003_cuts_the_word_error_rate(sample_path):
    raw = sample_path("003").read_text("utf-8")
    reference = REFERENCE.read_text("utf-8")
    repaired, repairs = repair_text(raw, "sv")
    before = word_error_rate(reference, raw)
    after = word_error_rate(reference, repaired)
    assert before > 0.2
    assert after < 0.03
    assert len(repairs) > 50


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("jamstilldhet", "jämställdhet"),
        ("férslag", "förslag"),
        ("kvinnor och min", "kvinnor och män"),
        ("f6r", "för"),
        ("tva ar", "två år"),
        ("Deklarationen ér ett verktyg", "Deklarationen är ett verktyg"),
    ],
)
def test_typical_damage_is_repaired(sample_path, damaged, expected):
    # The page around the phrase has lost its diacritics, as in sample 003.
    page = sample_path("003").read_text("utf-8")
    repaired, _ = repair_text(f"{page}\n{damaged}\n", "sv")
    assert repaired.endswith(f"\n{expected}\n")


def test_every_change_is_recorded_with_offsets_into_the_repaired_text(sample_path):
    raw = sample_path("003").read_text("utf-8")
    repaired, repairs = repair_text(raw, "sv")
    for repair in repairs:
        assert repaired[repair.start : repair.end] == repair.replacement
        assert repair.original != repair.replacement
        assert repair.reason in {"diacritics", "ocr_confusion", "context", "split_word"}
    # Undoing the repairs gives the original back.
    undone = repaired
    for repair in reversed(repairs):
        undone = undone[: repair.start] + repair.original + undone[repair.end :]
    assert undone == raw


def test_case_numbers_abbreviations_and_addresses_are_kept(sample_path):
    page = sample_path("003").read_text("utf-8")
    text = f"{page}\nKSAU § 62 KS 2024/108 SKR:s ingrid.lundstrom@vannas.se www.umea.se"
    repaired, _ = repair_text(text, "sv")
    assert repaired.endswith("KSAU § 62 KS 2024/108 SKR:s ingrid.lundstrom@vannas.se www.umea.se")


def test_reference_and_clean_seed_texts_are_left_alone(sample_path):
    for text in (REFERENCE.read_text("utf-8"), sample_path("002").read_text("utf-8")):
        assert repair_text(text, "sv") == (text, [])


def _documents(folder):
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    for document in manifest["documents"]:
        yield (folder / document["file"]).read_text("utf-8"), document["language"]


def test_clean_development_texts_are_almost_unchanged(extraction_dev_dir):
    words = changed = 0
    for text, language in _documents(extraction_dev_dir):
        repaired, repairs = repair_text(text, language)
        words += len(text.split())
        changed += len(repairs)
        assert word_error_rate(text, repaired) < 0.01
    assert changed / words < 0.002


def test_texts_stripped_of_diacritics_are_mostly_restored(extraction_dev_dir):
    for text, language in _documents(extraction_dev_dir):
        if language not in {"sv", "fi", "de", "pl", "fr", "es"}:
            continue
        stripped = "".join(
            char
            for char in unicodedata.normalize("NFD", text)
            if unicodedata.category(char) != "Mn"
        )
        before = word_error_rate(text, stripped)
        if before < 0.1:
            continue
        repaired, _ = repair_text(stripped, language)
        assert word_error_rate(text, repaired) < before / 2, language


def test_unknown_languages_pass_through():
    assert repair_text("jamstilldhet", "") == ("jamstilldhet", [])
    assert repair_text("Tere hommikust", "et") == ("Tere hommikust", [])


def test_a_two_thousand_word_page_is_repaired_throughout(sample_path):
    # Speed is measured by `make bench` (documents.bench_repair), not here.
    page = sample_path("003").read_text("utf-8")
    text = "\n".join([page] * 7)  # about 2,000 words
    once = len(repair_text(page, "sv")[1])
    assert len(repair_text(text, "sv")[1]) == 7 * once


def test_word_error_rate():
    assert word_error_rate("a b c d", "a b c d") == 0.0
    assert word_error_rate("a b c d", "a x c") == 0.5
    assert word_error_rate("", "") == 0.0


def test_damage_is_scored_so_clean_text_is_left_alone(sample_path):
    from equalocal.docmine.text.repair import damage_score, looks_damaged

    damaged = sample_path("003").read_text(encoding="utf-8")
    clean = sample_path("002").read_text(encoding="utf-8")
    assert damage_score(damaged, "sv") > 0.08
    assert looks_damaged(damaged, "sv")
    assert damage_score(clean, "sv") < 0.02
    assert not looks_damaged(clean, "sv")


def test_a_damaged_text_layer_is_repaired_and_a_clean_one_kept(tmp_path, sample_path):
    """A born-digital PDF whose text layer carries a scanner's OCR damage is repaired when
    read, with the text as read kept; a clean text layer is not touched."""
    import weasyprint

    from equalocal.docmine.reading import read_file

    damaged = sample_path("003").read_text(encoding="utf-8")
    clean = sample_path("002").read_text(encoding="utf-8")[:3000]
    for name, text in (("damaged", damaged), ("clean", clean)):
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
        weasyprint.HTML(string=f"<html lang='sv'><body>{paragraphs}</body></html>").write_pdf(
            tmp_path / f"{name}.pdf"
        )
    result = read_file(tmp_path / "damaged.pdf", ocr=False)
    page = result.pages[0]
    assert page.source == "text_layer"
    assert "jämställdhet" in page.text and "jamstilldhet" in page.raw_text
    assert len(page.repairs) > 10
    kept = read_file(tmp_path / "clean.pdf", ocr=False)
    assert all(not page.repairs for page in kept.pages)


def test_a_paragraph_sign_read_as_eight_is_restored_after_a_body_abbreviation():
    text, repairs = repair_text("KSAU 862 Rekommendation om undertecknande", "sv")
    assert text == "KSAU § 62 Rekommendation om undertecknande"
    assert [(r.original, r.replacement, r.reason) for r in repairs] == [
        ("862", "§ 62", "ocr_confusion")
    ]
    # Numbers elsewhere stay: an amount, a year, a number not after an abbreviation.
    for clean in ("Budget 850 kronor per år", "KS 2024/108 Beslut", "Sida 812 Bilaga"):
        assert repair_text(clean, "sv")[0] == clean
    text, repairs = repair_text("KSAU $ 62 Rekommendation om undertecknande", "sv")
    assert text == "KSAU § 62 Rekommendation om undertecknande"
    assert [(r.original, r.replacement, r.start) for r in repairs] == [("$", "§", 5)]
    assert repair_text("Budget $ 500 per år", "sv")[0] == "Budget $ 500 per år"
    # English minutes have no paragraph signs.
    assert repair_text("KSAU 862 Recommendation", "en")[0] == "KSAU 862 Recommendation"

"""``equalocal extract`` and ``equalocal evaluate-extraction`` through call_command."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command


def test_extract_prints_one_json_object_per_file(tmp_path):
    first = tmp_path / "beslut.txt"
    first.write_text(
        "Protokoll\n\nKommunfullmäktige beslutade den 3 maj 2022 att underteckna "
        "CEMR-deklarationen. Dnr KS 2022/15",
        encoding="utf-8",
    )
    second = tmp_path / "empty.pdf"
    second.write_bytes(b"")
    out = StringIO()
    # Every readable file is still printed; the exit status tells scripts one failed.
    with pytest.raises(CommandError, match="1 of 2 files could not be read"):
        call_command("extract", str(first), str(second), "--json", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 2
    result = json.loads(lines[0])
    assert result["file"] == str(first)
    assert result["text"] == first.read_text(encoding="utf-8")
    assert result["ocr"] is False
    assert result["cemr_related"] is True
    [decision] = result["decisions"]
    assert decision["decision_type"] == "sign_charter"
    assert decision["decision_date"] == "2022-05-03"
    assert decision["deciding_body"] == "Kommunfullmäktige"
    assert set(decision) >= {
        "organisation",
        "country",
        "paragraph",
        "case_number",
        "evidence",
        "confidence",
    }
    failed = json.loads(lines[1])
    assert failed["error"]["reason"] == "empty"


def test_extract_names_a_missing_file_on_stderr_and_fails(tmp_path):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 of 1 files could not be read"):
        call_command("extract", str(tmp_path / "nowhere.pdf"), stdout=out, stderr=err)
    assert out.getvalue() == ""
    assert "nowhere.pdf: cannot be read (not_found) no such file" in err.getvalue()
    with pytest.raises(CommandError):
        call_command("extract", str(tmp_path), "--json", stdout=out)
    assert json.loads(out.getvalue())["error"]["reason"] == "not_a_file"


def test_extract_prints_a_readable_summary(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text(
        "Comune di Siena ha approvato il piano d'azione il 3 marzo 2021.", encoding="utf-8"
    )
    out = StringIO()
    call_command("extract", str(path), stdout=out)
    assert "adopt_action_plan" in out.getvalue()
    assert "2021-03-03" in out.getvalue()


def test_evaluate_extraction_prints_the_figures(extraction_dev_dir):
    out = StringIO()
    call_command("evaluate_extraction", str(extraction_dev_dir), "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["documents"] == 19
    assert set(report["decisions"]) >= {"precision", "recall", "f1"}
    assert "per_document" not in report
    out = StringIO()
    call_command("evaluate_extraction", str(extraction_dev_dir), "--verbose", stdout=out)
    assert "Kind accuracy" in out.getvalue()


def test_evaluate_extraction_needs_a_manifest(tmp_path):
    with pytest.raises(CommandError):
        call_command("evaluate_extraction", str(tmp_path))


def test_extract_repairs_the_seed_003_text_and_finds_the_proposal():
    """The seed's own OCR text (a scanner's, not ours) comes out repaired: a proposal of
    2024-10-01, KS 2024/108, within 5 % word error of the hand-corrected reference."""
    from equalocal.docmine.text.wer import word_error_rate
    from equalocal.documents.tests.fixtures import seeds_dir

    seeds = sorted(seeds_dir().glob("003*")) if seeds_dir().is_dir() else []
    if not seeds:
        pytest.skip("shared/samples/seeds is not present")
    out = StringIO()
    call_command("extract", str(seeds[0]), "--json", stdout=out)
    result = json.loads(out.getvalue())
    reference = (
        Path(__file__).resolve().parents[2] / "docmine" / "tests" / "data" / "003_reference.txt"
    ).read_text(encoding="utf-8")
    assert word_error_rate(reference, seeds[0].read_text(encoding="utf-8")) > 0.2
    assert word_error_rate(reference, result["text"]) <= 0.05
    assert result["repaired_words"] > 20
    [decision] = result["decisions"]
    assert decision["status"] == "proposed"
    # The day the working party proposed it; the decision it proposes has no date yet.
    assert decision["proposal_date"] == "2024-10-01"
    assert decision["decision_date"] == "unknown"
    assert decision["case_number"] == "KS 2024/108"

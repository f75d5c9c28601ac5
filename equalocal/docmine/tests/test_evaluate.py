"""The extractor scored on the development set; floors sit a little below today's figures
so that a regression fails (the set is read from ../shared, never copied here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from equalocal.docmine.extraction.evaluate import (
    dates_match,
    evaluate_folder,
    format_report,
    scored_rows,
)

DEV_SET = Path(__file__).resolve().parents[4] / "shared" / "samples" / "extraction-dev"
DEV_SET_2 = DEV_SET.with_name("extraction-dev2")


@pytest.fixture(scope="module")
def report():
    if not (DEV_SET / "manifest.json").is_file():
        pytest.skip("shared/samples/extraction-dev is not present")
    return evaluate_folder(DEV_SET)


def test_kind_accuracy_stays_above_its_floor(report):
    assert report["documents"] == 19
    assert report["kind_accuracy"] >= 0.9


@pytest.fixture(scope="module")
def report_2():
    if not (DEV_SET_2 / "manifest.json").is_file():
        pytest.skip("shared/samples/extraction-dev2 is not present")
    return evaluate_folder(DEV_SET_2)


def test_kind_accuracy_on_the_second_set_stays_above_its_floor(report_2):
    # Kind comes from what the text does (issue 14): 0.974 when this floor was set.
    assert report_2["documents"] == 38
    assert report_2["kind_accuracy"] >= 0.9
    assert report_2["decisions"]["precision"] >= 0.9
    assert report_2["decisions"]["recall"] >= 0.85


def test_charter_relation_is_right_for_general_equality_documents(report):
    assert report["cemr_related_accuracy"] >= 0.95


def test_decisions_are_found_with_high_precision_and_recall(report):
    # The issue's goal. Three signings of this set dated only by a year ("undertecknade
    # 2017") carry the year as decision_date, against the README's rule (a signing date
    # goes to signing_date) that extraction-dev2 follows; the extractor follows the rule.
    decisions = report["decisions"]
    assert decisions["recall"] >= 0.85
    assert decisions["precision"] >= 0.85


def test_decision_fields_are_mostly_right(report):
    fields = report["field_accuracy"]
    for name in ("country", "decision_date", "decision_type", "status", "case_number"):
        assert fields[name] >= 0.9, name
    assert fields["deciding_body"] >= 0.85
    assert fields["organisation"] >= 0.7


def test_action_row_activities_are_recalled(report):
    rows = report["action_rows"]
    assert rows["recall"] >= 0.8
    assert rows["responsible_accuracy"] >= 0.8
    assert rows["timeframe_accuracy"] >= 0.8


def test_the_readable_report_lists_each_documents_misses(report):
    text = format_report(report, verbose=True)
    assert "Kind accuracy" in text and "precision" in text
    assert "By language:" in text and "By kind (truth):" in text
    assert "Kinds (rows: truth, columns: predicted):" in text
    assert "\n001 " in text and "    cue: " in text


def test_every_document_shows_the_cues_behind_its_kind(report):
    for doc in report["per_document"]:
        assert doc["kind_cues"], doc["id"]
        assert any(cue.startswith(doc["kind"]) for cue in doc["kind_cues"]), doc["id"]


def test_the_figures_are_broken_down_by_language_and_kind(report):
    assert sum(g["documents"] for g in report["by_language"].values()) == 19
    assert report["by_language"]["sv"]["documents"] == 8
    assert sum(sum(row.values()) for row in report["kind_confusion"].values()) == 19
    assert report["action_rows"]["precision"] is not None


def test_row_precision_does_not_judge_rows_past_a_truncated_truth():
    assert scored_rows(10, 25) == 10
    assert scored_rows(3, 25) == 25
    assert scored_rows(0, 4) == 4


def test_a_truth_with_only_a_year_matches_a_date_in_that_year():
    assert dates_match("2019", "2019-11-28")
    assert not dates_match("2019-11-28", "2019")
    assert dates_match("unknown", "unknown")


def test_a_folder_of_my_own_is_scored_the_same_way(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(
        "Gemeente Utrecht\n\nDe gemeenteraad heeft op 12 mei 2020 het actieplan voor gelijkheid "
        "vastgesteld in het kader van het Europees Handvest (CEMR).",
        encoding="utf-8",
    )
    manifest = {
        "documents": [
            {
                "id": "a",
                "file": "docs/a.txt",
                "kind": "decision",
                "cemr_related": True,
                "decisions": [
                    {
                        "organisation": "Gemeente Utrecht",
                        "country": "NL",
                        "decision_date": "2020-05-12",
                        "deciding_body": "Gemeenteraad",
                        "case_number": "unknown",
                        "decision_type": "adopt_action_plan",
                        "status": "adopted",
                    },
                    {"decision_type": "sign_charter", "decision_date": "2015", "status": "adopted"},
                ],
                "action_rows": [],
            }
        ]
    }
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = evaluate_folder(tmp_path)
    assert result["decisions"] == {
        "truth": 2,
        "predicted": 1,
        "matched": 1,
        "precision": 1.0,
        "recall": 0.5,
        "f1": 0.667,
    }
    assert result["field_accuracy"]["deciding_body"] == 1.0
    assert result["kind_accuracy"] == 1.0
    assert result["by_language"]["unknown"]["decision_recall"] == 0.5
    assert result["kind_confusion"] == {"decision": {"decision": 1}}

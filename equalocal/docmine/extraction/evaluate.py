"""Score the extractor on a folder laid out like ``shared/samples/extraction-dev``.

The folder holds ``manifest.json`` (``documents[]`` with ``file`` and the ground truth) and
the files it names. Scoring follows the development set's README: kind accuracy; decisions
matched by type and date (exact, or the same year where the truth has only a year) with
precision, recall and F1; field accuracy over matched decisions; recall of action-row
activities (fuzzy ≥ 0.9) with accuracy of their responsible and timeframe.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz

from ..types import UNKNOWN
from .files import extract_path
from .organisations import fold, name_similarity

DECISION_FIELDS = (
    "organisation",
    "country",
    "decision_date",
    "deciding_body",
    "case_number",
    "decision_type",
    "status",
)


def _squash(value) -> str:
    return " ".join(str(value if value is not None else UNKNOWN).split())


def _fuzzy(a: str, b: str) -> float:
    a, b = fold(_squash(a)), fold(_squash(b))
    if a == b:
        return 100.0
    if UNKNOWN in (a, b):
        return 0.0
    scores = [fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)]
    if min(len(a), len(b)) >= 5:
        scores.append(fuzz.partial_ratio(a, b))
    return max(scores)


def dates_match(truth: str, predicted: str) -> bool:
    truth, predicted = _squash(truth), _squash(predicted)
    if truth == predicted:
        return True
    return len(truth) == 4 and truth != UNKNOWN and predicted[:4] == truth


def field_correct(name: str, truth, predicted) -> bool:
    truth, predicted = _squash(truth), _squash(predicted)
    if truth == UNKNOWN or predicted == UNKNOWN:
        return truth == predicted
    if name == "organisation":
        return name_similarity(truth, predicted) >= 85
    if name == "deciding_body":
        return _fuzzy(truth, predicted) >= 85
    if name == "decision_date":
        return dates_match(truth, predicted)
    if name == "case_number":
        return re.sub(r"\s", "", truth).lower() == re.sub(r"\s", "", predicted).lower()
    return truth.lower() == predicted.lower()


def match_decisions(truth: list[dict], predicted: list[dict]) -> list[tuple[int, int]]:
    """Pairs (truth index, predicted index) matched by type and date, best evidence first."""
    pairs: list[tuple[float, int, int]] = []
    for ti, t in enumerate(truth):
        for pi, p in enumerate(predicted):
            if t.get("decision_type") == p.get("decision_type") and dates_match(
                t.get("decision_date", UNKNOWN), p.get("decision_date", UNKNOWN)
            ):
                similarity = fuzz.partial_ratio(
                    _squash(t.get("evidence", "")).replace("...", ""),
                    _squash(p.get("evidence", "")),
                )
                pairs.append((similarity, ti, pi))
    used_t: set[int] = set()
    used_p: set[int] = set()
    result = []
    for _, ti, pi in sorted(pairs, reverse=True):
        if ti not in used_t and pi not in used_p:
            used_t.add(ti)
            used_p.add(pi)
            result.append((ti, pi))
    return sorted(result)


def _norm_activity(text: str) -> str:
    return " ".join(str(text).split()).lower()


def _row_matches(
    truth_rows: list[dict], predicted_rows: list[dict]
) -> list[tuple[int, int | None]]:
    used: set[int] = set()
    matches = []
    for ti, row in enumerate(truth_rows):
        best, best_index = 0.0, None
        for pi, candidate in enumerate(predicted_rows):
            if pi in used:
                continue
            score = fuzz.ratio(
                _norm_activity(row.get("activity", "")),
                _norm_activity(candidate.get("activity", "")),
            )
            if score > best:
                best, best_index = score, pi
        if best >= 90 and best_index is not None:
            used.add(best_index)
            matches.append((ti, best_index))
        else:
            matches.append((ti, None))
    return matches


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def evaluate_folder(
    folder: Path | str,
    *,
    extract: Callable[[Path], dict] | None = None,
) -> dict:
    """Run the extractor on every file in ``folder/manifest.json`` and score it."""
    folder = Path(folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    run = extract or (lambda path: extract_path(path))
    totals = {
        "documents": 0,
        "kind_correct": 0,
        "cemr_correct": 0,
        "truth_decisions": 0,
        "predicted_decisions": 0,
        "matched_decisions": 0,
        "truth_rows": 0,
        "matched_rows": 0,
        "responsible_correct": 0,
        "timeframe_correct": 0,
    }
    field_hits = dict.fromkeys(DECISION_FIELDS, 0)
    documents = []
    elapsed = 0.0
    for entry in manifest.get("documents", []):
        path = folder / entry["file"]
        started = time.perf_counter()
        result = run(path)
        elapsed += time.perf_counter() - started
        totals["documents"] += 1
        doc = {"id": entry.get("id", entry["file"]), "file": entry["file"], "misses": []}
        if "error" in result:
            doc["misses"].append(f"error: {result['error']}")
            result = {"kind": UNKNOWN, "cemr_related": None, "decisions": [], "action_rows": []}
        kind_ok = result["kind"] == entry.get("kind")
        totals["kind_correct"] += kind_ok
        if not kind_ok:
            doc["misses"].append(f"kind: {result['kind']} (truth {entry.get('kind')})")
        cemr_ok = result["cemr_related"] == entry.get("cemr_related")
        totals["cemr_correct"] += cemr_ok
        if not cemr_ok:
            doc["misses"].append(
                f"cemr_related: {result['cemr_related']} (truth {entry.get('cemr_related')})"
            )
        truth = entry.get("decisions", [])
        predicted = result["decisions"]
        pairs = match_decisions(truth, predicted)
        totals["truth_decisions"] += len(truth)
        totals["predicted_decisions"] += len(predicted)
        totals["matched_decisions"] += len(pairs)
        matched_t = {ti for ti, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for ti, t in enumerate(truth):
            if ti not in matched_t:
                doc["misses"].append(
                    f"missed decision: {t.get('decision_type')} {t.get('decision_date')} {t.get('status')}"
                )
        for pi, p in enumerate(predicted):
            if pi not in matched_p:
                doc["misses"].append(
                    f"extra decision: {p['decision_type']} {p['decision_date']} {p['status']}: {p['evidence'][:90]}"
                )
        for ti, pi in pairs:
            for name in DECISION_FIELDS:
                ok = field_correct(
                    name, truth[ti].get(name, UNKNOWN), predicted[pi].get(name, UNKNOWN)
                )
                field_hits[name] += ok
                if not ok:
                    doc["misses"].append(
                        f"{name}: {predicted[pi].get(name)!r} (truth {truth[ti].get(name)!r})"
                    )
        truth_rows = entry.get("action_rows", [])
        row_pairs = _row_matches(truth_rows, result["action_rows"])
        totals["truth_rows"] += len(truth_rows)
        for ti, pi in row_pairs:
            if pi is None:
                doc["misses"].append(f"missed row: {truth_rows[ti].get('activity', '')[:70]}")
                continue
            totals["matched_rows"] += 1
            for name in ("responsible", "timeframe"):
                ok = _row_field_ok(
                    truth_rows[ti].get(name, UNKNOWN), result["action_rows"][pi].get(name, UNKNOWN)
                )
                totals[f"{name}_correct"] += ok
                if not ok:
                    doc["misses"].append(
                        f"row {name}: {result['action_rows'][pi].get(name)!r} (truth {truth_rows[ti].get(name)!r})"
                    )
        documents.append(doc)
    matched = totals["matched_decisions"]
    precision = _ratio(matched, totals["predicted_decisions"])
    recall = _ratio(matched, totals["truth_decisions"])
    f1 = round(2 * precision * recall / (precision + recall), 3) if precision and recall else 0.0
    return {
        "folder": str(folder),
        "documents": totals["documents"],
        "kind_accuracy": _ratio(totals["kind_correct"], totals["documents"]),
        "cemr_related_accuracy": _ratio(totals["cemr_correct"], totals["documents"]),
        "decisions": {
            "truth": totals["truth_decisions"],
            "predicted": totals["predicted_decisions"],
            "matched": matched,
            "precision": precision,
            "recall": recall,
            "f1": f1,
        },
        "field_accuracy": {name: _ratio(hits, matched) for name, hits in field_hits.items()},
        "action_rows": {
            "truth": totals["truth_rows"],
            "matched": totals["matched_rows"],
            "recall": _ratio(totals["matched_rows"], totals["truth_rows"]),
            "responsible_accuracy": _ratio(totals["responsible_correct"], totals["matched_rows"]),
            "timeframe_accuracy": _ratio(totals["timeframe_correct"], totals["matched_rows"]),
        },
        "ms_per_document": round(elapsed * 1000 / max(totals["documents"], 1), 2),
        "per_document": documents,
    }


def _row_field_ok(truth, predicted) -> bool:
    truth, predicted = _squash(truth), _squash(predicted)
    if truth == UNKNOWN or predicted == UNKNOWN:
        return truth == predicted
    return fuzz.ratio(fold(truth), fold(predicted)) >= 85


def format_report(report: dict, *, verbose: bool = False) -> str:
    """The report as readable lines."""
    d = report["decisions"]
    rows = report["action_rows"]
    lines = [
        f"Folder: {report['folder']} ({report['documents']} documents, {report['ms_per_document']} ms per document)",
        f"Kind accuracy:          {report['kind_accuracy']}",
        f"Charter relation:       {report['cemr_related_accuracy']}",
        f"Decisions:              {d['matched']} matched of {d['truth']} true, {d['predicted']} found",
        f"  precision {d['precision']}  recall {d['recall']}  F1 {d['f1']}",
        "Field accuracy over matched decisions:",
    ]
    for name, value in report["field_accuracy"].items():
        lines.append(f"  {name:<15} {value}")
    lines += [
        f"Action rows:            {rows['matched']} of {rows['truth']} (recall {rows['recall']})",
        f"  responsible {rows['responsible_accuracy']}  timeframe {rows['timeframe_accuracy']}",
    ]
    if verbose:
        lines.append("")
        for doc in report["per_document"]:
            status = "ok" if not doc["misses"] else f"{len(doc['misses'])} miss(es)"
            lines.append(f"{doc['id']:<8} {doc['file']:<20} {status}")
            lines += [f"    - {miss}" for miss in doc["misses"]]
    return "\n".join(lines)

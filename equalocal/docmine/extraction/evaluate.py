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


# The development sets copy at most this many rows of a table into the truth.
ROWS_IN_TRUTH = 10


def scored_rows(truth_count: int, predicted_count: int) -> int:
    """Predicted rows that row precision counts: all of them, except that a truth cut at
    ``ROWS_IN_TRUTH`` rows cannot judge the rows after its cut."""
    if truth_count >= ROWS_IN_TRUTH:
        return min(predicted_count, truth_count)
    return predicted_count


_COUNTS = (
    "documents",
    "kind_correct",
    "cemr_correct",
    "truth_decisions",
    "predicted_decisions",
    "matched_decisions",
    "truth_rows",
    "predicted_rows",
    "matched_rows",
    "responsible_correct",
    "timeframe_correct",
)


def _summary(counts: dict) -> dict:
    """The headline figures of one group of documents."""
    return {
        "documents": counts["documents"],
        "kind_accuracy": _ratio(counts["kind_correct"], counts["documents"]),
        "decision_precision": _ratio(counts["matched_decisions"], counts["predicted_decisions"]),
        "decision_recall": _ratio(counts["matched_decisions"], counts["truth_decisions"]),
        "decisions": f"{counts['matched_decisions']}/{counts['truth_decisions']} "
        f"({counts['predicted_decisions']} found)",
        "row_recall": _ratio(counts["matched_rows"], counts["truth_rows"]),
        "row_precision": _ratio(counts["matched_rows"], counts["predicted_rows"]),
    }


def evaluate_folder(
    folder: Path | str,
    *,
    extract: Callable[[Path], dict] | None = None,
) -> dict:
    """Run the extractor on every file in ``folder/manifest.json`` and score it.

    Besides the totals, the report breaks the headline figures down by the truth's
    language and kind, gives the confusion of kinds (truth -> predicted -> count) and
    lists, per document, its misses and the cues behind its kind.
    """
    folder = Path(folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    run = extract or (lambda path: extract_path(path))
    totals = dict.fromkeys(_COUNTS, 0)
    by_language: dict[str, dict] = {}
    by_kind: dict[str, dict] = {}
    confusion: dict[str, dict[str, int]] = {}
    field_hits = dict.fromkeys(DECISION_FIELDS, 0)
    documents = []
    elapsed = 0.0
    for entry in manifest.get("documents", []):
        path = folder / entry["file"]
        started = time.perf_counter()
        result = run(path)
        elapsed += time.perf_counter() - started
        counts = dict.fromkeys(_COUNTS, 0)
        counts["documents"] = 1
        doc = {
            "id": entry.get("id", entry["file"]),
            "file": entry["file"],
            "language": entry.get("language", UNKNOWN),
            "kind": result.get("kind", UNKNOWN),
            "kind_truth": entry.get("kind"),
            "kind_cues": result.get("kind_cues", []),
            "misses": [],
        }
        if "error" in result:
            doc["misses"].append(f"error: {result['error']}")
            result = {"kind": UNKNOWN, "cemr_related": None, "decisions": [], "action_rows": []}
        kind_ok = result["kind"] == entry.get("kind")
        counts["kind_correct"] = int(kind_ok)
        truth_kind = str(entry.get("kind"))
        confusion.setdefault(truth_kind, {}).setdefault(result["kind"], 0)
        confusion[truth_kind][result["kind"]] += 1
        if not kind_ok:
            doc["misses"].append(f"kind: {result['kind']} (truth {entry.get('kind')})")
        cemr_ok = result["cemr_related"] == entry.get("cemr_related")
        counts["cemr_correct"] = int(cemr_ok)
        if not cemr_ok:
            doc["misses"].append(
                f"cemr_related: {result['cemr_related']} (truth {entry.get('cemr_related')})"
            )
        truth = entry.get("decisions", [])
        predicted = result["decisions"]
        pairs = match_decisions(truth, predicted)
        counts["truth_decisions"] = len(truth)
        counts["predicted_decisions"] = len(predicted)
        counts["matched_decisions"] = len(pairs)
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
        predicted_rows = result["action_rows"]
        row_pairs = _row_matches(truth_rows, predicted_rows)
        counts["truth_rows"] = len(truth_rows)
        counts["predicted_rows"] = scored_rows(len(truth_rows), len(predicted_rows))
        for ti, pi in row_pairs:
            if pi is None:
                doc["misses"].append(f"missed row: {truth_rows[ti].get('activity', '')[:70]}")
                continue
            counts["matched_rows"] += 1
            for name in ("responsible", "timeframe"):
                ok = _row_field_ok(
                    truth_rows[ti].get(name, UNKNOWN), predicted_rows[pi].get(name, UNKNOWN)
                )
                counts[f"{name}_correct"] += ok
                if not ok:
                    doc["misses"].append(
                        f"row {name}: {predicted_rows[pi].get(name)!r} (truth {truth_rows[ti].get(name)!r})"
                    )
        matched_rows = {pi for _, pi in row_pairs if pi is not None}
        extra_rows = [r for i, r in enumerate(predicted_rows) if i not in matched_rows]
        for row in extra_rows[: max(counts["predicted_rows"] - counts["matched_rows"], 0)]:
            doc["misses"].append(f"extra row: {str(row.get('activity', ''))[:70]}")
        for target in (
            totals,
            by_language.setdefault(doc["language"], dict.fromkeys(_COUNTS, 0)),
            by_kind.setdefault(truth_kind, dict.fromkeys(_COUNTS, 0)),
        ):
            for name, value in counts.items():
                target[name] += value
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
            "predicted": totals["predicted_rows"],
            "matched": totals["matched_rows"],
            "recall": _ratio(totals["matched_rows"], totals["truth_rows"]),
            "precision": _ratio(totals["matched_rows"], totals["predicted_rows"]),
            "responsible_accuracy": _ratio(totals["responsible_correct"], totals["matched_rows"]),
            "timeframe_accuracy": _ratio(totals["timeframe_correct"], totals["matched_rows"]),
        },
        "by_language": {code: _summary(c) for code, c in sorted(by_language.items())},
        "by_kind": {kind: _summary(c) for kind, c in sorted(by_kind.items())},
        "kind_confusion": confusion,
        "ms_per_document": round(elapsed * 1000 / max(totals["documents"], 1), 2),
        "per_document": documents,
    }


def _row_field_ok(truth, predicted) -> bool:
    truth, predicted = _squash(truth), _squash(predicted)
    if truth == UNKNOWN or predicted == UNKNOWN:
        return truth == predicted
    return fuzz.ratio(fold(truth), fold(predicted)) >= 85


def _fmt(value) -> str:
    return "–" if value is None else f"{value:.2f}"


def _group_table(title: str, groups: dict[str, dict]) -> list[str]:
    lines = [
        title,
        f"  {'':<12}{'docs':>5}{'kind':>7}{'dec P':>7}{'dec R':>7}  {'decisions':<16}"
        f"{'row R':>6}{'row P':>7}",
    ]
    for name, g in groups.items():
        lines.append(
            f"  {name:<12}{g['documents']:>5}{_fmt(g['kind_accuracy']):>7}"
            f"{_fmt(g['decision_precision']):>7}{_fmt(g['decision_recall']):>7}  "
            f"{g['decisions']:<16}{_fmt(g['row_recall']):>6}{_fmt(g['row_precision']):>7}"
        )
    return lines


def _confusion_table(confusion: dict[str, dict[str, int]]) -> list[str]:
    kinds = ["decision", "action_plan", "report", "web_page", "other"]
    kinds += sorted({k for row in confusion.values() for k in row} - set(kinds))
    short = {"decision": "dec", "action_plan": "plan", "report": "rep", "web_page": "web"}
    lines = [
        "Kinds (rows: truth, columns: predicted):",
        f"  {'':<12}" + "".join(f"{short.get(k, k[:5]):>6}" for k in kinds),
    ]
    for truth in kinds:
        if truth in confusion:
            row = confusion[truth]
            lines.append(f"  {truth:<12}" + "".join(f"{row.get(k, 0) or '.':>6}" for k in kinds))
    return lines


def format_report(report: dict, *, verbose: bool = False) -> str:
    """The report as readable lines: totals, per language, per kind, the confusion of
    kinds, and each document's kind with its cues (``verbose``: its misses too)."""
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
        f"Action rows:            {rows['matched']} of {rows['truth']} (recall {rows['recall']}), "
        f"{rows['predicted']} scored as found (precision {rows['precision']})",
        f"  responsible {rows['responsible_accuracy']}  timeframe {rows['timeframe_accuracy']}",
        "",
        *_group_table("By language:", report.get("by_language", {})),
        "",
        *_group_table("By kind (truth):", report.get("by_kind", {})),
        "",
        *_confusion_table(report.get("kind_confusion", {})),
        "",
        "Documents (kind, truth, cues):",
    ]
    for doc in report["per_document"]:
        mark = "ok" if doc["kind"] == doc["kind_truth"] else "WRONG"
        lines.append(
            f"{doc['id']:<8} {doc['language']:<4} {doc['kind']:<12} {mark:<6}"
            f"(truth {doc['kind_truth']})"
        )
        lines += [f"    cue: {cue}" for cue in doc.get("kind_cues", [])]
        if verbose:
            lines += [f"    - {miss}" for miss in doc["misses"]]
    return "\n".join(lines)

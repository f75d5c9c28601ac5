"""Run the readers and the extractor on a file, without storing anything.

``extract_path`` gives one JSON-ready object per file with the field names of the
extraction development set's ``manifest.json``; ``equalocal extract`` prints it and
``equalocal evaluate-extraction`` scores it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..types import UNKNOWN, DocumentRejected, OrganisationCandidate, PageText, Table
from . import analyse, guess_language

DECISION_FIELDS = (
    "organisation",
    "country",
    "decision_date",
    "deciding_body",
    "paragraph",
    "case_number",
    "decision_type",
    "status",
    "evidence",
    "confidence",
    "signing_date",
    "proposal_date",
    "page",
)
ROW_FIELDS = (
    "goal",
    "activity",
    "responsible",
    "timeframe",
    "status",
    "charter_article",
    "confidence",
    "page",
)


def _read(
    path: Path, ocr: bool, repair: bool
) -> tuple[str, list[PageText] | None, list[Table], bool, int]:
    """Text, pages, tables, whether OCR was used and how many words were repaired. Plain
    UTF-8 text is taken byte for byte, and repaired only when it looks OCR-damaged."""
    if path.suffix.lower() in {".txt", ".text", ".md"}:
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            repairs = []
            if repair:
                from ..text.repair import looks_damaged, repair_text

                language = guess_language(text)
                if language and looks_damaged(text, language):
                    text, repairs = repair_text(text, language)
            return text, None, [], False, len(repairs)
    from ..reading import read_file

    result = read_file(path, ocr=ocr, repair=repair)
    repaired = sum(len(page.repairs) for page in result.pages)
    return result.text, result.pages, result.tables, result.ocr_used, repaired


def extract_path(
    path: Path | str,
    *,
    organisations: Sequence[OrganisationCandidate] = (),
    ocr: bool = True,
    repair: bool = True,
) -> dict:
    """The manifest-shaped extraction of one file; ``error`` instead when it cannot be read.
    OCR'd pages, and text that looks OCR-damaged, are repaired first (``repair=False``
    reads the text as it is)."""
    path = Path(path)
    if not path.is_file():
        reason = "not_a_file" if path.exists() else "not_found"
        message = "not a file" if path.exists() else "no such file"
        return {"file": str(path), "error": {"reason": reason, "message": message}}
    try:
        text, pages, tables, ocr_used, repaired = _read(path, ocr, repair)
    except DocumentRejected as error:
        return {"file": str(path), "error": {"reason": str(error.reason), "message": error.detail}}
    except OSError as error:
        return {"file": str(path), "error": {"reason": "unreadable", "message": str(error)}}
    analysis = analyse(
        text, tables=tables, pages=pages, organisations=organisations, filename=path.name
    )
    return {
        "file": str(path),
        "language": analysis.language or UNKNOWN,
        "kind": analysis.kind,
        "kind_confidence": analysis.kind_confidence,
        "kind_cues": analysis.kind_cues,
        "cemr_related": analysis.cemr_related,
        "organisation": analysis.organisation,
        "organisation_id": analysis.organisation_id,
        "country": analysis.country,
        "document_date": analysis.document_date,
        "decisions": [
            {name: getattr(d, name) for name in DECISION_FIELDS}
            | {"organisation_id": d.organisation_id}
            for d in analysis.decisions
        ],
        "action_rows": [
            {name: getattr(r, name) for name in ROW_FIELDS} for r in analysis.action_rows
        ],
        "text": text,
        "ocr": ocr_used,
        "repaired_words": repaired,
    }

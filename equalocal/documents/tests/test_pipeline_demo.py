"""The documents demo: three documents of its own, processed, one decision accepted with provenance."""

from __future__ import annotations

from datetime import date

import pytest

from equalocal.charters.models import Commitment, CommitmentStatus, CommitmentStep
from equalocal.core.demo import load_demo
from equalocal.documents.models import Document, ItemKind, ItemStatus, PageSource, Stage

pytestmark = pytest.mark.django_db


def test_demo_documents_load_without_the_shared_folder(monkeypatch):
    monkeypatch.setenv("EQUALOCAL_SHARED_DIR", "/nonexistent")
    context = load_demo()
    assert any(line.startswith("Documents: KSAU 2024-10-01 § 62") for line in context.log)
    documents = {d.organisation.slug: d for d in Document.objects.select_related("organisation")}
    assert set(documents) == {"ragunda", "umearegionen", "ubc"}
    assert all(d.stage in (Stage.REVIEW, Stage.REVIEWED) for d in documents.values()), [
        (d.title, d.stage, d.error_detail) for d in documents.values()
    ]

    # Ragunda's protocol: a scan without a text layer, OCR'd and repaired.
    scan = documents["ragunda"]
    assert scan.original_filename.endswith(".pdf")
    assert scan.ocr_page_count == scan.page_count == 2
    pages = list(scan.pages.order_by("number"))
    assert all(page.source == PageSource.OCR for page in pages)
    assert "jamstalldhet" in pages[0].raw_text
    assert "jämställdhet" in pages[0].text
    assert pages[0].repairs
    # Its proposal is accepted and linked to the recommended step the charters demo made.
    [decision] = scan.items.filter(kind=ItemKind.DECISION)
    assert decision.status == ItemStatus.ACCEPTED
    assert decision.page == 1
    assert {
        key: decision.data[key]
        for key in (
            "decision_date",
            "proposal_date",
            "deciding_body",
            "paragraph",
            "case_number",
            "status",
        )
    } == {
        # Proposed by the working party that day; the board has not decided yet.
        "decision_date": "unknown",
        "proposal_date": "2024-10-01",
        "deciding_body": "Kommunstyrelsens arbetsutskott",
        "paragraph": "§ 62",
        "case_number": "KS 2024/108",
        "status": "proposed",
    }
    ragunda = Commitment.objects.get(organisation__slug="ragunda")
    [step] = ragunda.steps.all()
    assert decision.target == step
    assert (step.status, step.date) == (CommitmentStatus.RECOMMENDED, date(2024, 10, 1))
    assert ragunda.provisional_plan_deadline == date(2026, 10, 1)

    # The Verksamhetsplan 2014: a Word document whose activity rows wait for review.
    plan = documents["umearegionen"]
    assert plan.original_filename.endswith(".docx")
    rows = plan.items.filter(kind=ItemKind.ACTION_ROW)
    assert rows.count() == 6
    assert all(row.status == ItemStatus.PENDING for row in rows)
    assert rows.filter(data__goal="Mål 1", data__timeframe="Januari – april 2014").count() == 2

    # UBC's interim report: born digital, its action plan a real table.
    report = documents["ubc"]
    assert report.original_filename.endswith(".pdf")
    assert report.ocr_page_count == 0
    assert report.document_date == date(2016, 6, 15)
    assert report.tables.first().rows[0] == ["Aims", "Action", "Implementation", "Date", "Comments"]
    assert report.items.filter(kind=ItemKind.ACTION_ROW).count() >= 8

    steps = CommitmentStep.objects.count()
    load_demo()
    assert Document.objects.count() == 3
    assert CommitmentStep.objects.count() == steps

"""The processing pipeline on real generated files: real PDF library, real Tesseract, real DB."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from equalocal.charters.models import Commitment, CommitmentStep
from equalocal.core.errors import ApplicationError
from equalocal.documents.models import Document, Page, PageSource, Stage, StoredFile
from equalocal.documents.services import (
    document_cancel,
    document_process,
    document_retry,
    document_upload,
    documents_requeue_stale,
)
from equalocal.plans.models import ActionPlan, Activity
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _process(path, filename=None, org=None) -> Document:
    org = org or OrganisationFactory()
    document, _ = document_upload(
        organisation=org, file=path, filename=filename or path.name, by=None
    )
    document_process(document_id=document.pk)
    document.refresh_from_db()
    return document


def test_born_digital_pdf_goes_through_every_stage_to_review(born_digital_pdf):
    document = _process(born_digital_pdf)
    assert document.stage == Stage.REVIEW, document.error_detail
    assert document.page_count == 3
    assert document.ocr_page_count == 0
    pages = list(document.pages.order_by("number"))
    assert [p.number for p in pages] == [1, 2, 3]
    assert all(p.source == PageSource.TEXT_LAYER and p.text for p in pages)
    assert document.language
    assert document.processed_at is not None
    assert document.heartbeat_at is not None


def test_scanned_pdf_is_read_by_ocr_and_repaired(scanned_protocol_pdf):
    document = _process(scanned_protocol_pdf, org=OrganisationFactory(country="SE"))
    assert document.stage == Stage.REVIEW, document.error_detail
    assert document.ocr_page_count == document.page_count >= 1
    pages = list(document.pages.all())
    assert all(p.source == PageSource.OCR for p in pages)
    assert all(p.ocr_confidence is not None for p in pages)
    text = " ".join(p.text for p in pages)
    assert "Kommunstyrelsen" in text
    assert "handlingsplan" in text
    assert document.language == "sv"
    # The OCR'd text is kept as read; every repair is recorded against the repaired text.
    for page in pages:
        assert page.raw_text
        for repair in page.repairs:
            assert page.text[repair["start"] : repair["end"]] == repair["replacement"]


def test_a_decision_is_the_owners_unless_its_sentence_names_another(scanned_protocol_pdf):
    from equalocal.documents.models import ItemKind

    OrganisationFactory(name="Sveriges Kommuner och Regioner (SKR)", country="SE")
    owner = OrganisationFactory(name="Ragunda kommun", country="SE")
    document = _process(scanned_protocol_pdf, org=owner)
    [item] = document.items.filter(kind=ItemKind.DECISION)
    # The protocol mentions "SKR:s styrelse" in passing; the decision is Ragunda's own.
    assert item.data["organisation_id"] == owner.pk
    assert item.data["status"] == "proposed"
    assert item.data["paragraph"] == "§ 62"


def test_docx_keeps_its_table(docx_002):
    document = _process(docx_002)
    assert document.stage == Stage.REVIEW, document.error_detail
    assert document.tables.exists()
    assert len(document.tables.first().rows) > 1


def test_html_scripts_are_not_kept_as_text(html_with_scripts):
    document = _process(html_with_scripts)
    assert document.stage == Stage.REVIEW, document.error_detail
    text = " ".join(document.pages.values_list("text", flat=True))
    assert "<script" not in text
    assert "alert(" not in text


@pytest.mark.parametrize(
    ("fixture", "code"),
    [
        ("encrypted_pdf", "encrypted"),
        ("truncated_pdf", "corrupt"),
        ("many_pages_pdf", "too_many_pages"),
        ("huge_image", "too_many_pixels"),
        ("zip_bomb_docx", "zip_bomb"),
    ],
)
def test_bad_file_ends_failed_with_its_reason_and_the_file_kept(request, fixture, code):
    path = request.getfixturevalue(fixture)
    document = _process(path)
    assert document.stage == Stage.FAILED
    assert document.error_code == code
    stored = StoredFile.objects.get(pk=document.stored_file_id)
    assert stored.file.storage.exists(stored.file.name)
    with stored.file.open("rb") as handle:
        assert handle.read() == path.read_bytes()


def test_unexpected_error_ends_failed_as_internal_without_raising(born_digital_pdf, monkeypatch):
    from equalocal.documents.services import pipeline

    def broken(run):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "_repair", broken)
    document = _process(born_digital_pdf)
    assert document.stage == Stage.FAILED
    assert document.error_code == "internal"
    assert "RuntimeError: boom" in document.error_detail


def test_processing_alone_changes_no_commitment_or_plan(scanned_protocol_pdf, docx_002):
    _process(scanned_protocol_pdf)
    _process(docx_002)
    assert not Commitment.objects.exists()
    assert not CommitmentStep.objects.exists()
    assert not ActionPlan.objects.exists()
    assert not Activity.objects.exists()


def test_second_worker_does_not_take_a_document_with_a_fresh_heartbeat(born_digital_pdf):
    document, _ = document_upload(
        organisation=OrganisationFactory(), file=born_digital_pdf, filename="a.pdf", by=None
    )
    Document.objects.filter(pk=document.pk).update(stage=Stage.OCR, heartbeat_at=timezone.now())
    document_process(document_id=document.pk)
    assert not Page.objects.filter(document=document).exists()
    document.refresh_from_db()
    assert document.stage == Stage.OCR
    # Once its heartbeat is stale, it is taken over and finished.
    Document.objects.filter(pk=document.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    document_process(document_id=document.pk)
    document.refresh_from_db()
    assert document.stage == Stage.REVIEW
    assert document.attempts == 1  # the refused claim did not count


def test_cancel_a_queued_document_at_once_and_retry_it(born_digital_pdf):
    document, _ = document_upload(
        organisation=OrganisationFactory(), file=born_digital_pdf, filename="a.pdf", by=None
    )
    document = document_cancel(document=document, by=None)
    assert document.stage == Stage.CANCELLED
    document_process(document_id=document.pk)  # a queued task finds nothing to do
    assert not document.pages.exists()
    document = document_retry(document=document, by=None)
    assert document.stage == Stage.QUEUED
    document_process(document_id=document.pk)
    document.refresh_from_db()
    assert document.stage == Stage.REVIEW


def test_cancel_requested_while_running_stops_at_the_next_stage(born_digital_pdf):
    document, _ = document_upload(
        organisation=OrganisationFactory(), file=born_digital_pdf, filename="a.pdf", by=None
    )
    Document.objects.filter(pk=document.pk).update(stage=Stage.READING)
    document.refresh_from_db()
    document_cancel(document=document, by=None)
    document_process(document_id=document.pk)
    document.refresh_from_db()
    assert document.stage == Stage.CANCELLED
    assert not document.cancel_requested


def test_retry_of_a_failed_document_clears_the_error(encrypted_pdf):
    document = _process(encrypted_pdf)
    assert document.stage == Stage.FAILED
    document = document_retry(document=document, by=None)
    assert (document.stage, document.error_code, document.error_detail) == (Stage.QUEUED, "", "")


def test_requeue_stale_takes_only_documents_without_recent_sign_of_life(
    born_digital_pdf, django_capture_on_commit_callbacks
):
    org = OrganisationFactory()
    stale, _ = document_upload(organisation=org, file=born_digital_pdf, filename="a.pdf", by=None)
    Document.objects.filter(pk=stale.pk).update(
        stage=Stage.OCR, heartbeat_at=timezone.now() - timedelta(hours=1)
    )
    fresh = Document.objects.create(
        organisation=org,
        stored_file=stale.stored_file.__class__.objects.create(
            sha256="f" * 64, size=1, file="documents/x"
        ),
        title="fresh",
        original_filename="fresh.pdf",
        stage=Stage.OCR,
        heartbeat_at=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        count = documents_requeue_stale(older_than=timedelta(minutes=10))
    assert count == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.stage == Stage.REVIEW  # the immediate backend ran it
    assert fresh.stage == Stage.OCR


def _stuck(born_digital_pdf, **fields) -> Document:
    document, _ = document_upload(
        organisation=OrganisationFactory(), file=born_digital_pdf, filename="a.pdf", by=None
    )
    Document.objects.filter(pk=document.pk).update(
        stage=Stage.OCR, heartbeat_at=timezone.now() - timedelta(hours=1), **fields
    )
    document.refresh_from_db()
    return document


def test_a_stuck_document_can_be_cancelled_at_once_and_retried(born_digital_pdf):
    document = _stuck(born_digital_pdf)
    document = document_cancel(document=document, by=None)
    assert document.stage == Stage.CANCELLED
    document = _stuck(born_digital_pdf)
    document = document_retry(document=document, by=None)
    document.refresh_from_db()
    assert (document.stage, document.heartbeat_at, document.attempts) == (Stage.QUEUED, None, 0)


def test_a_running_document_cannot_be_retried_while_its_worker_is_alive(born_digital_pdf):
    document = _stuck(born_digital_pdf)
    Document.objects.filter(pk=document.pk).update(heartbeat_at=timezone.now())
    document.refresh_from_db()
    with pytest.raises(ApplicationError):
        document_retry(document=document, by=None)


def test_a_document_that_keeps_stopping_the_worker_is_given_up(born_digital_pdf):
    from equalocal.documents.messages import GAVE_UP, error_message
    from equalocal.documents.services.pipeline import MAX_ATTEMPTS

    document = _stuck(born_digital_pdf, attempts=MAX_ATTEMPTS)
    assert documents_requeue_stale(older_than=timedelta(minutes=10)) == 0
    document.refresh_from_db()
    assert (document.stage, document.error_code) == (Stage.FAILED, GAVE_UP)
    assert "given up" in error_message(GAVE_UP)
    assert StoredFile.objects.filter(pk=document.stored_file_id).exists()


def test_a_scanned_plans_table_is_rebuilt_from_the_ocr_word_boxes(tmp_path):
    from equalocal.docmine.tests.test_ocr_tables import HEADINGS, make_scanned_plan_pdf
    from equalocal.documents.models import ItemKind

    path = make_scanned_plan_pdf(tmp_path / "scanned-plan.pdf")
    document = _process(path, org=OrganisationFactory(country="SE"))
    assert document.stage == Stage.REVIEW, document.error_detail
    assert document.ocr_page_count == 1
    [table] = document.tables.all()
    assert table.page == 1
    assert table.rows[0] == HEADINGS
    rows = {
        item.data["activity"]: item.data for item in document.items.filter(kind=ItemKind.ACTION_ROW)
    }
    assert set(rows) == {
        "Könsuppdela all statistik om brukare",
        "Utbilda chefer i jämställdhetsintegrering",
        "Genomför en lönekartläggning",
        "Inför heltid som norm i vården",
    }
    last = rows["Inför heltid som norm i vården"]
    assert last["responsible"] == "Socialnämnden"
    assert last["timeframe"] == "2028-01-01 – 2028-12-31"
    assert last["charter_article"] == "11"
    assert last["goal"] == "Mål 2: Jämställda villkor för anställda"


def test_the_registered_organisations_are_read_again_only_when_one_changes():
    from equalocal.documents.services.pipeline import organisation_candidates

    ragunda = OrganisationFactory(name="Ragunda kommun")
    first = organisation_candidates()
    assert organisation_candidates() is first
    ragunda.name = "Ragunda kommun (Jämtland)"
    ragunda.save()
    renamed = organisation_candidates()
    assert renamed is not first
    assert "Ragunda kommun (Jämtland)" in [c.name for c in renamed]
    added = OrganisationFactory(name="Bräcke kommun")
    assert added.pk in [c.id for c in organisation_candidates()]
    added.delete()
    assert added.pk not in [c.id for c in organisation_candidates()]

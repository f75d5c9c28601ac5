"""The document pages through the test client: roles, uploads, status, review, search, bad input."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from equalocal.documents.models import Document, ExtractedItem, ItemStatus, Stage
from equalocal.documents.search import index_document
from equalocal.plans.models import ActionPlan, Activity
from tests.factories import DocumentFactory, ExtractedItemFactory, PageFactory, StoredFileFactory
from tests.live_regions import live_regions, progress_bars
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

TEXT = "Kommunstyrelsen beslutar att underteckna CEMR-deklarationen om jämställdhet.\n".encode()
LIST_MAX_QUERIES = 12
# PostgreSQL's search sets a planner option for its own transaction: SAVEPOINT, SET LOCAL, its
# reset and RELEASE are four statements more, whatever the number of documents.
SEARCH_MAX_QUERIES = 12 + (4 if connection.vendor == "postgresql" else 0)


def url(name, personas, **kwargs):
    return reverse(f"documents:{name}", kwargs={"org": personas.objects["org"], **kwargs})


def doc_url(name, personas, document=None, **kwargs):
    return url(name, personas, document=document or personas.objects["document"], **kwargs)


def item_url(name, personas, item):
    return doc_url(f"item-{name}", personas, document=item.document_id, item=item.pk)


def signed_in(client, personas, persona):
    user = personas.user(persona)
    if user is not None:
        sign_in(client, user)
    return client


def the_document(personas) -> Document:
    return Document.objects.get(pk=personas.objects["document"])


def the_item(personas) -> ExtractedItem:
    return ExtractedItem.objects.get(pk=personas.objects["item"])


def action_row(personas) -> ExtractedItem:
    return the_document(personas).items.get(kind="action_row")


# Uploads ----------------------------------------------------------------------------------------


def test_editor_uploads_several_files_and_sees_each_outcome(
    client, personas, django_capture_on_commit_callbacks
):
    signed_in(client, personas, "editor")
    existing = the_document(personas)
    with existing.stored_file.file.open("rb") as handle:
        duplicate_bytes = handle.read()
    files = [
        SimpleUploadedFile("beslut.txt", TEXT, content_type="text/plain"),
        SimpleUploadedFile("tom.txt", b"", content_type="text/plain"),
        SimpleUploadedFile("igen.pdf", duplicate_bytes, content_type="application/pdf"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("upload", personas), {"files": files})
    assert response.status_code == 200
    html = response.content.decode()
    created = Document.objects.get(original_filename="beslut.txt")
    outcomes = html[html.index('id="outcomes"') :]
    assert doc_url("detail", personas, document=created.pk) in outcomes
    assert "tom.txt" in outcomes
    assert "not uploaded" in outcomes
    assert "already uploaded" in outcomes
    assert doc_url("detail", personas, document=existing.pk) in outcomes
    # The immediate task backend ran the real pipeline on the plain-text file.
    created.refresh_from_db()
    assert created.stage in (Stage.REVIEW, Stage.REVIEWED)
    assert created.pages.filter(text__contains="jämställdhet").exists()


def test_upload_without_a_file_says_what_is_missing(client, personas):
    signed_in(client, personas, "editor")
    response = client.post(url("upload", personas), {})
    assert response.status_code == 200
    assert "Choose at least one file to upload." in response.content.decode()


def test_file_over_the_limit_is_refused_with_a_message(client, personas, settings):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 20
    signed_in(client, personas, "editor")
    upload = SimpleUploadedFile("lang.txt", TEXT * 2, content_type="text/plain")
    response = client.post(url("upload", personas), {"files": [upload]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "not uploaded" in html
    assert "each file may be at most 20\xa0bytes" in html
    assert not Document.objects.filter(original_filename="lang.txt").exists()


def test_a_file_over_the_limit_is_skipped_while_streaming_and_the_others_kept(
    client, personas, settings, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.files.uploadhandler import TemporaryFileUploadHandler

    stored = []
    original = TemporaryFileUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        stored.append((self.file_name, len(raw_data)))
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", spy)
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 100_000
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every file goes through the temporary-file handler
    signed_in(client, personas, "editor")
    files = [
        SimpleUploadedFile("stor.txt", b"x" * 400_000, content_type="text/plain"),
        SimpleUploadedFile("beslut.txt", TEXT, content_type="text/plain"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("upload", personas), {"files": files})
    html = response.content.decode()
    assert response.status_code == 200
    assert "stor.txt" in html and "each file may be at most" in html
    assert Document.objects.filter(original_filename="beslut.txt").exists()
    assert not Document.objects.filter(original_filename="stor.txt").exists()
    # The oversized file was never written past the limit.
    assert sum(size for name, size in stored if name == "stor.txt") <= 100_000


def test_request_over_the_limit_is_refused_before_it_is_read(client, personas, settings):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 10
    signed_in(client, personas, "editor")
    upload = SimpleUploadedFile("huge.txt", b"x" * 200_000, content_type="text/plain")
    response = client.post(url("upload", personas), {"files": [upload]})
    assert response.status_code == 200
    assert "The upload is too large" in response.content.decode()
    assert not Document.objects.filter(original_filename="huge.txt").exists()


@pytest.mark.parametrize(
    ("persona", "status"), [("viewer", 403), ("outsider", 404), ("anonymous", 302)]
)
def test_only_editors_upload(client, personas, persona, status):
    signed_in(client, personas, persona)
    upload = SimpleUploadedFile("beslut.txt", TEXT, content_type="text/plain")
    response = client.post(url("upload", personas), {"files": [upload]})
    assert response.status_code == status
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))
    assert not Document.objects.filter(original_filename="beslut.txt").exists()


def test_viewer_sees_the_list_without_the_upload_form(client, personas):
    signed_in(client, personas, "viewer")
    response = client.get(url("list", personas))
    html = response.content.decode()
    assert the_document(personas).title in html
    assert 'type="file"' not in html


# The list ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [5, 200])
def test_list_runs_a_bounded_number_of_queries(
    client, personas, django_assert_max_num_queries, count
):
    organisation = the_document(personas).organisation
    for document in DocumentFactory.create_batch(count, organisation=organisation):
        ExtractedItemFactory(document=document)
    signed_in(client, personas, "editor")
    with django_assert_max_num_queries(LIST_MAX_QUERIES):
        response = client.get(url("list", personas))
    assert response.status_code == 200
    assert response.content.decode().count("/review/") >= min(count, 49)


def test_list_filters_are_applied_and_htmx_gets_the_rows(client, personas):
    organisation = the_document(personas).organisation
    DocumentFactory(organisation=organisation, title="Verksamhetsplan", kind="action_plan")
    signed_in(client, personas, "viewer")
    response = client.get(url("list", personas), {"kind": "action_plan"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Verksamhetsplan" in html
    assert the_document(personas).title not in html
    assert "<html" not in html
    response = client.get(url("list", personas), {"stage": "nonsense"})
    assert response.status_code == 200


# Status, retry, cancel --------------------------------------------------------------------------


def test_active_document_polls_its_status_with_text_progress(client, personas):
    document = the_document(personas)
    Document.objects.filter(pk=document.pk).update(
        stage=Stage.OCR, progress_current=3, progress_total=12
    )
    signed_in(client, personas, "viewer")
    html = client.get(doc_url("detail", personas)).content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert "OCR page 3 of 12" in html
    # The bar stands in no live region; one status sentence is live (role=status).
    [(_bar, live_around)] = progress_bars(html)
    assert live_around == []
    regions = {attrs.get("id"): text for attrs, text in live_regions(html)}
    assert regions["document-announcement"] == "Processing: Recognising text (OCR)."
    assert '<progress max="12" value="3"' in html
    partial = client.get(doc_url("status", personas), HTTP_HX_REQUEST="true")
    assert "OCR page 3 of 12" in partial.content.decode()
    assert "<html" not in partial.content.decode()


def test_a_document_announces_its_stages_not_each_page_of_ocr(client, personas):
    """Polled every two seconds, the status was in an aria-live region: each OCR page was
    read out. Now the sentence changes (out of band) only when the stage does."""
    document = the_document(personas)
    Document.objects.filter(pk=document.pk).update(
        stage=Stage.OCR, progress_current=3, progress_total=12
    )
    signed_in(client, personas, "viewer")
    status = doc_url("status", personas)
    page = client.get(status).text
    [(_bar, live_around)] = progress_bars(page)
    assert live_around == []
    assert "?announced=ocr" in page
    Document.objects.filter(pk=document.pk).update(progress_current=4)
    tick = client.get(status, {"announced": "ocr"}, HTTP_HX_REQUEST="true").text
    assert "OCR page 4 of 12" in tick
    assert live_regions(tick) == [] and "document-announcement" not in tick
    Document.objects.filter(pk=document.pk).update(stage=Stage.REPAIRING, progress_total=0)
    step = client.get(status, {"announced": "ocr"}, HTTP_HX_REQUEST="true").text
    assert 'id="document-announcement" hx-swap-oob="innerHTML">Processing: Repairing OCR' in step


def test_finished_document_stops_polling(client, personas):
    signed_in(client, personas, "viewer")
    html = client.get(doc_url("detail", personas)).content.decode()
    assert "every 2s" not in html
    # Its stage is said once, in the badge, under "Status" (not "Processing … Processing: …").
    assert '<h2 id="status-heading">Status</h2>' in html
    assert "Processing" not in html and "document-announcement" not in html
    response = client.get(doc_url("status", personas), HTTP_HX_REQUEST="true")
    assert response.status_code == 286 or response.headers.get("HX-Refresh") == "true"


def test_failed_document_shows_its_message_and_editor_retries(
    client, personas, django_capture_on_commit_callbacks
):
    document = the_document(personas)
    Document.objects.filter(pk=document.pk).update(stage=Stage.FAILED, error_code="encrypted")
    signed_in(client, personas, "editor")
    html = client.get(doc_url("detail", personas)).content.decode()
    assert "protected by a password" in html
    assert doc_url("retry", personas) in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(doc_url("retry", personas))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.stage != Stage.FAILED
    assert document.error_code == ""


def test_retry_of_a_document_in_review_is_refused_with_a_message(client, personas):
    signed_in(client, personas, "editor")
    response = client.post(doc_url("retry", personas), follow=True)
    assert "Only a failed or cancelled document" in response.content.decode()


def test_editor_cancels_processing(client, personas):
    document = the_document(personas)
    Document.objects.filter(pk=document.pk).update(stage=Stage.OCR)
    signed_in(client, personas, "editor")
    response = client.post(doc_url("cancel", personas))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.cancel_requested or document.stage == Stage.CANCELLED


@pytest.mark.parametrize(("persona", "status"), [("viewer", 403), ("outsider", 404)])
def test_viewer_and_outsider_cannot_cancel(client, personas, persona, status):
    Document.objects.filter(pk=personas.objects["document"]).update(stage=Stage.OCR)
    signed_in(client, personas, persona)
    assert client.post(doc_url("cancel", personas)).status_code == status
    document = the_document(personas)
    assert not document.cancel_requested
    assert document.stage == Stage.OCR


# Files and page images --------------------------------------------------------------------------


def test_original_is_downloaded_as_an_attachment(client, personas):
    signed_in(client, personas, "viewer")
    response = client.get(doc_url("file", personas))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_html_original_is_never_served_as_a_page(client, personas):
    organisation = the_document(personas).organisation
    stored = StoredFileFactory(content=b"<html><script>alert(1)</script></html>", file_type="html")
    document = DocumentFactory(organisation=organisation, stored_file=stored)
    signed_in(client, personas, "viewer")
    response = client.get(doc_url("file", personas, document=document.pk))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "sandbox"


def test_page_image_is_a_png_the_browser_does_not_keep(client, personas):
    signed_in(client, personas, "viewer")
    response = client.get(doc_url("page-image", personas, number=1))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
    assert response["Cache-Control"] == "no-store"
    # Nothing in the response names the stored file's hash.
    assert not response.has_header("ETag")


def test_unknown_page_number_gives_404(client, personas):
    signed_in(client, personas, "viewer")
    assert client.get(doc_url("page-image", personas, number=2)).status_code == 404
    assert client.get(doc_url("review", personas), {"page": 99}).status_code == 404
    assert client.get(doc_url("review", personas), {"page": "x"}).status_code == 404


def test_text_documents_have_no_page_images(client, personas):
    organisation = the_document(personas).organisation
    document = DocumentFactory(organisation=organisation)
    PageFactory(document=document, number=1)
    signed_in(client, personas, "viewer")
    assert (
        client.get(doc_url("page-image", personas, document=document.pk, number=1)).status_code
        == 404
    )


# Title and deletion -----------------------------------------------------------------------------


def test_editor_renames_and_a_stale_form_does_not_overwrite(client, personas):
    document = the_document(personas)
    signed_in(client, personas, "editor")
    stale = document.lock_version
    response = client.post(doc_url("edit", personas), {"title": "Nytt namn", "lock_version": stale})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Nytt namn"
    response = client.post(doc_url("edit", personas), {"title": "Gammalt", "lock_version": stale})
    assert response.status_code == 200
    assert "Nytt namn" in response.content.decode()
    document.refresh_from_db()
    assert document.title == "Nytt namn"


def test_admin_deletes_after_confirming(client, personas):
    signed_in(client, personas, "admin")
    assert client.get(doc_url("delete", personas)).status_code == 200
    response = client.post(doc_url("delete", personas))
    assert response.status_code == 302
    assert not Document.objects.filter(pk=personas.objects["document"]).exists()


def test_editor_cannot_delete(client, personas):
    signed_in(client, personas, "editor")
    assert client.post(doc_url("delete", personas)).status_code == 403
    assert Document.objects.filter(pk=personas.objects["document"]).exists()


# Review -----------------------------------------------------------------------------------------


def test_an_item_accepted_without_a_person_shows_when_not_who(client, personas):
    """Items the demo or a command accepted have no reviewer: the page still renders."""
    ExtractedItemFactory(
        document=the_document(personas), status="accepted", reviewed_at=timezone.now()
    )
    signed_in(client, personas, "viewer")
    response = client.get(doc_url("review", personas))
    assert response.status_code == 200
    assert "Reviewed on " in response.content.decode()


def test_review_marks_repaired_words_and_keeps_the_original(client, personas):
    page = the_document(personas).pages.get(number=1)
    page.raw_text = "Kommunstyrelsen férslag om jamstalldhet."
    page.text = "Kommunstyrelsen förslag om jämställdhet."
    page.repairs = [
        {"start": 16, "end": 23, "original": "férslag", "replacement": "förslag"},
        {"start": 27, "end": 39, "original": "jamstalldhet", "replacement": "jämställdhet"},
    ]
    page.save()
    signed_in(client, personas, "viewer")
    html = client.get(doc_url("review", personas)).content.decode()
    assert '<mark class="repair" title="OCR read: férslag">förslag</mark>' in html
    assert '<mark class="repair" title="OCR read: jamstalldhet">jämställdhet</mark>' in html
    assert "Kommunstyrelsen férslag om jamstalldhet." in html
    assert doc_url("page-image", personas, number=1) in html
    # Viewers read but do not review.
    assert item_url("accept", personas, the_item(personas)) not in html


def test_editor_accepts_an_activity_row_with_htmx(client, personas):
    row = action_row(personas)
    plan = ActionPlan.objects.get(pk=personas.objects["plan"])
    signed_in(client, personas, "editor")
    response = client.post(
        item_url("accept", personas, row),
        {"lock_version": row.lock_version, "plan": plan.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<article")
    assert "Accepted" in html
    row.refresh_from_db()
    assert row.status == ItemStatus.ACCEPTED
    activity = Activity.objects.get(pk=row.target_id)
    assert activity.plan == plan
    assert activity.get_absolute_url() in html
    # The activity page names its source.
    page = client.get(activity.get_absolute_url()).content.decode()
    assert the_document(personas).title in page
    assert doc_url("review", personas) + "?page=1#page-view" in page


def test_accept_without_javascript_redirects_to_the_item(client, personas):
    item = the_item(personas)
    signed_in(client, personas, "editor")
    response = client.post(item_url("accept", personas, item), {"lock_version": item.lock_version})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{item.pk}")
    item.refresh_from_db()
    assert item.status == ItemStatus.ACCEPTED


def test_stale_item_version_shows_a_message_and_changes_nothing(client, personas):
    item = the_item(personas)
    signed_in(client, personas, "editor")
    response = client.post(
        item_url("reject", personas, item),
        {"lock_version": item.lock_version + 5},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING


def test_editor_rejects_an_item(client, personas):
    item = the_item(personas)
    signed_in(client, personas, "editor")
    client.post(item_url("reject", personas, item), {"lock_version": item.lock_version})
    item.refresh_from_db()
    assert item.status == ItemStatus.REJECTED
    assert item.target_id is None


@pytest.mark.parametrize(
    ("persona", "status"), [("viewer", 403), ("outsider", 404), ("anonymous", 302)]
)
@pytest.mark.parametrize("action", ["accept", "reject", "correct"])
def test_only_editors_review_items(client, personas, persona, status, action):
    item = the_item(personas)
    signed_in(client, personas, persona)
    response = client.post(item_url(action, personas, item), {"lock_version": item.lock_version})
    assert response.status_code == status
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING


def test_item_of_another_document_gives_404(client, personas):
    other = ExtractedItemFactory()
    signed_in(client, personas, "staff")
    response = client.post(
        doc_url("item-accept", personas, item=other.pk), {"lock_version": other.lock_version}
    )
    assert response.status_code == 404


def test_correcting_an_item_accepts_it_with_the_corrections(client, personas):
    item = the_item(personas)
    signed_in(client, personas, "editor")
    form = client.get(item_url("correct", personas, item), HTTP_HX_REQUEST="true")
    html = form.content.decode()
    assert f'name="item-{item.pk}-case_number"' in html
    assert "<html" not in html
    data = {
        f"item-{item.pk}-{name}": value
        for name, value in {
            "decision_type": "sign_charter",
            "status": "adopted",
            "organisation": item.data["organisation"],
            "country": "SE",
            "decision_date": "2024-10-01",
            "deciding_body": "Kommunstyrelsens arbetsutskott",
            "paragraph": "§ 62",
            "case_number": "KS 2024/108",
            "signing_date": "",
            "lock_version": item.lock_version,
        }.items()
    }
    response = client.post(item_url("correct", personas, item), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == ItemStatus.ACCEPTED
    assert item.corrected == {"deciding_body": "Kommunstyrelsens arbetsutskott"}
    assert "Kommunstyrelsens arbetsutskott" in response.content.decode()


def test_the_correction_form_offers_registered_organisations_countries_and_date_inputs(
    client, personas
):
    item = the_item(personas)
    document = item.document
    signed_in(client, personas, "editor")
    html = client.get(item_url("correct", personas, item)).content.decode()
    select = re.search(
        rf'<select name="item-{item.pk}-organisation_id"[^>]*>(.*?)</select>', html, re.S
    )
    assert select and f'value="{document.organisation_id}"' in select.group(1)
    assert document.organisation.name in select.group(1)
    assert re.search(
        rf'<select name="item-{item.pk}-country"[^>]*>.*?<option value="SE"', html, re.S
    )
    assert f'type="date" name="item-{item.pk}-decision_date"' in html
    assert reverse("organisations:create") in html


def test_choosing_a_registered_organisation_records_the_decision_for_it(client, personas):
    item = the_item(personas)
    organisation = item.document.organisation
    signed_in(client, personas, "editor")
    data = {
        f"item-{item.pk}-{name}": value
        for name, value in {
            "decision_type": "sign_charter",
            "status": "adopted",
            "organisation_id": str(organisation.pk),
            "organisation": item.data["organisation"],
            "country": "SE",
            "decision_date": "2024-10-01",
            "lock_version": item.lock_version,
        }.items()
    }
    response = client.post(item_url("correct", personas, item), data)
    assert response.status_code in (200, 302)
    errors = re.findall(
        r'class="(?:errorlist|form-errors)[^"]*"[^>]*>(.*?)</', response.content.decode(), re.S
    )
    assert errors == []
    item.refresh_from_db()
    assert item.status == ItemStatus.ACCEPTED
    from equalocal.charters.models import Commitment

    assert Commitment.objects.filter(organisation=organisation).exists()


def test_correction_with_a_bad_date_shows_the_error_on_the_form(client, personas):
    item = the_item(personas)
    signed_in(client, personas, "editor")
    data = {
        f"item-{item.pk}-decision_type": "sign_charter",
        f"item-{item.pk}-status": "adopted",
        f"item-{item.pk}-decision_date": "den första oktober",
        f"item-{item.pk}-lock_version": item.lock_version,
    }
    response = client.post(item_url("correct", personas, item), data)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode() or "form-errors" in response.content.decode()
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING


def test_accept_all_confident_items(client, personas):
    document = the_document(personas)
    low = ExtractedItemFactory(document=document, kind="action_row", confidence=0.3, order=5)
    signed_in(client, personas, "editor")
    page = client.get(doc_url("review", personas)).content.decode()
    assert "confidence ≥ 80 %" in page
    response = client.post(doc_url("accept-confident", personas), {"plan": "new"}, follow=True)
    assert "2 items were accepted." in response.content.decode()
    low.refresh_from_db()
    assert low.status == ItemStatus.PENDING
    assert document.items.filter(status=ItemStatus.ACCEPTED).count() == 2


# Search -----------------------------------------------------------------------------------------


def _indexed(personas, *, organisation=None, text="Jämställdhetsplan för Org A antagen."):
    document = DocumentFactory(organisation=organisation or the_document(personas).organisation)
    PageFactory(document=document, number=1, text=text)
    index_document(document)
    return document


def test_search_finds_own_documents_with_highlighted_snippets(client, personas):
    document = _indexed(personas)
    signed_in(client, personas, "viewer")
    response = client.get(reverse("document_search:search"), {"q": "jämställdhetsplan"})
    html = response.content.decode()
    assert document.title in html
    assert "<mark>" in html
    assert doc_url("review", personas, document=document.pk) in html


def test_search_does_not_show_other_organisations_documents(client, personas):
    _indexed(personas)
    signed_in(client, personas, "outsider")
    response = client.get(reverse("document_search:search"), {"q": "jämställdhetsplan"})
    html = response.content.decode()
    assert "Org A kommun" not in html.split('id="search-results"')[1]
    # Choosing another organisation's id in the filter does not widen the search.
    org_a = the_document(personas).organisation
    response = client.get(
        reverse("document_search:search"), {"q": "jämställdhetsplan", "organisation": org_a.pk}
    )
    assert response.status_code == 200
    assert "Protokoll" not in response.content.decode().split('id="search-results"')[1]


@pytest.mark.parametrize(
    "query", ['"', "*", '"unclosed', "AND OR NOT", "a* b* -c", "()", "x" * 300, "NEAR(", "^"]
)
def test_odd_queries_are_handled(client, personas, query):
    _indexed(personas)
    signed_in(client, personas, "editor")
    response = client.get(reverse("document_search:search"), {"q": query, "page": "abc"})
    assert response.status_code == 200


def test_search_filters_and_pages_are_bounded(client, personas, django_assert_max_num_queries):
    for n in range(30):
        _indexed(personas, text=f"Jämställdhet rapport nummer {n}.")
    signed_in(client, personas, "editor")
    with django_assert_max_num_queries(SEARCH_MAX_QUERIES):
        response = client.get(
            reverse("document_search:search"), {"q": "jämställdhet", "kind": "decision", "page": 2}
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Page 2 of 2" in html
    assert len(re.findall(r"<h3><a href=", html)) == 10


@pytest.mark.parametrize("page", ["²", "٣", "-1", "0", "99999999999999999999"])
def test_odd_page_numbers_never_fail(client, personas, page):
    signed_in(client, personas, "editor")
    review = client.get(doc_url("review", personas), {"page": page})
    search = client.get(reverse("document_search:search"), {"q": "kommun", "page": page})
    assert review.status_code in (200, 404)
    assert search.status_code == 200

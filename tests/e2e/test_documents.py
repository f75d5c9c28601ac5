"""Documents in a real browser, checked with axe-core.

Uploading two files at once through the file input (processed during the request by the
test settings' immediate task backend), the document page, the review screen with its
inline (htmx) accept, correct and reject and the same accept without JavaScript, the
full-text search, the live progress of a document being read, Swedish, and what a
viewer may not do.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import TIMEOUT_MS

pytestmark = pytest.mark.e2e

EDITOR = "editor@example.org"  # editor in Umeå kommun
VIEWER = "viewer@example.org"  # viewer in Umeå kommun
DOCUMENTS = "/organisations/umea/documents/"
SEARCH = "/documents/search/"

REVIEW_TEXT = (
    "Kommunstyrelsen beslutar att underteckna CEMR-deklarationen om jämställdhet "
    "mellan kvinnor och män. Förslaget bifalls."
)


def umea():
    from equalocal.organisations.models import Organisation

    return Organisation.objects.get(slug="umea")


def log_in(page, email):
    """Sign in through the login form (also on a page without JavaScript)."""
    from equalocal.core.demo import DEMO_PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def new_page(browser, live_server, email, **options):
    """A signed-in page in a context of its own; close its context afterwards."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
    context.set_default_timeout(TIMEOUT_MS)
    return log_in(context.new_page(), email)


def document_for_review():
    """A document of Umeå ready for review: one page with two repaired words, two decisions
    and an activity row."""
    from tests.factories import DocumentFactory, ExtractedItemFactory, PageFactory

    document = DocumentFactory(
        organisation=umea(), title="Protokoll KS 2024-10-01 (e2e)", page_count=1
    )
    repairs = []
    for word, original in (("jämställdhet", "jamstilldhet"), ("Förslaget", "Férslaget")):
        start = REVIEW_TEXT.index(word)
        repairs.append({"start": start, "end": start + len(word), "original": original})
    raw = REVIEW_TEXT.replace("jämställdhet", "jamstilldhet").replace("Förslaget", "Férslaget")
    PageFactory(document=document, number=1, text=REVIEW_TEXT, raw_text=raw, repairs=repairs)
    decision = ExtractedItemFactory(document=document, order=1)
    corrected = ExtractedItemFactory(document=document, order=2, confidence=0.6)
    row = ExtractedItemFactory(document=document, order=3, kind="action_row", confidence=0.5)
    return document, decision, corrected, row


def card(page, item):
    return page.locator(f"#item-{item.pk}")


# 1. Upload ---------------------------------------------------------------------------------------


def test_upload_two_files_and_open_one(page, sign_in, axe, tmp_path):
    from equalocal.documents.tests.fixtures import make_born_digital_pdf, make_docx_002

    docx = make_docx_002(tmp_path / "verksamhetsplan-2014.docx")
    pdf = make_born_digital_pdf(tmp_path / "protokoll.pdf", pages=2)
    sign_in(EDITOR)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Documents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Documents of Umeå kommun")
    expect(page.get_by_text("0 documents")).to_be_visible()
    axe(page)

    page.get_by_label("Files:", exact=True).set_input_files([docx, pdf])
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload documents")
    outcomes = page.locator("#outcomes").get_by_role("listitem")
    expect(outcomes).to_have_count(2)
    expect(outcomes.filter(has_text="verksamhetsplan-2014.docx")).to_contain_text("uploaded")
    expect(outcomes.filter(has_text="protokoll.pdf")).to_contain_text("uploaded")
    expect(page.locator("#outcomes")).not_to_contain_text("not uploaded")
    axe(page)

    # The same file again is recognised, not stored twice.
    page.get_by_label("Files:", exact=True).set_input_files(pdf)
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.locator("#outcomes")).to_contain_text("already uploaded")

    # The DOCX: processed during the request, ready for review.
    page.get_by_role("link", name="All documents").click()
    expect(page.get_by_text("2 documents")).to_be_visible()
    rows = page.get_by_role("row").filter(has_text="verksamhetsplan-2014.docx")
    expect(rows).to_contain_text("Ready for review")
    rows.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    details = page.get_by_role("region", name="Details")
    expect(page.get_by_role("region", name="Status")).to_contain_text("Ready for review")
    expect(details).to_contain_text("Swedish")
    expect(details).to_contain_text("Action plan")
    expect(page.get_by_role("region", name="Extracted for review")).to_contain_text("activities")
    axe(page)

    # The PDF: a Charter decision in Swedish on two pages.
    page.goto(DOCUMENTS)
    page.get_by_role("row").filter(has_text="protokoll.pdf").get_by_role("link").first.click()
    expect(page.get_by_role("region", name="Status")).to_contain_text("Ready for review")
    details = page.get_by_role("region", name="Details")
    expect(details).to_contain_text("Swedish")
    expect(details).to_contain_text("Decision or protocol extract")
    expect(page.get_by_role("region", name="Pages").get_by_role("row")).to_have_count(3)
    axe(page)


# 2. Review with JavaScript -----------------------------------------------------------------------


def test_review_accept_correct_reject_inline(page, sign_in, axe):
    from equalocal.documents.templatetags.documents_tags import target_url

    document, decision, corrected, row = document_for_review()
    sign_in(EDITOR)
    page.goto(f"{DOCUMENTS}{document.pk}/")
    page.get_by_role("link", name="Review", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Review {document.title}")

    # The page text, with the repaired words marked and their OCR reading in the title.
    text = page.get_by_role("region", name="Text of the page")
    expect(text).to_contain_text("Kommunstyrelsen beslutar")
    marks = text.locator("mark.repair")
    expect(marks).to_have_count(2)
    expect(marks.first).to_have_text("jämställdhet")
    expect(marks.first).to_have_attribute("title", "OCR read: jamstilldhet")
    expect(page.get_by_text("2 repaired words, marked")).to_be_visible()
    axe(page)

    # Accept the first decision: its card is swapped in place, no page load.
    page.evaluate("window.__sameDocument = true")
    card(page, decision).get_by_role("button", name="Accept").click()
    expect(card(page, decision).locator(".badge").first).to_have_text("Accepted")
    expect(card(page, decision).get_by_role("button")).to_have_count(0)
    assert page.evaluate("window.__sameDocument") is True
    link = card(page, decision).get_by_role("link", name="Open what was created from it")
    expect(link).to_be_visible()
    target = link.get_attribute("href")
    decision.refresh_from_db()
    assert decision.status == "accepted" and decision.target is not None
    assert target == target_url(decision)
    axe(page)

    # Correct the second: the form replaces the card, saving accepts with the change.
    card(page, corrected).get_by_role("link", name=re.compile(r"^Correct")).click()
    form = card(page, corrected)
    expect(form.get_by_role("button", name="Save and accept")).to_be_visible()
    axe(page)
    form.get_by_label("Paragraph (§)").fill("§ 63")
    form.get_by_role("button", name="Save and accept").click()
    expect(card(page, corrected).locator(".badge").first).to_have_text("Accepted")
    expect(card(page, corrected)).to_contain_text("§ 63")
    assert page.evaluate("window.__sameDocument") is True
    corrected.refresh_from_db()
    assert corrected.status == "accepted"
    assert corrected.corrected.get("paragraph") == "§ 63"

    # Reject the activity row.
    card(page, row).get_by_role("button", name="Reject").click()
    expect(card(page, row).locator(".badge").first).to_have_text("Rejected")
    expect(card(page, row).get_by_role("button", name="Reject")).to_have_count(0)
    assert page.evaluate("window.__sameDocument") is True
    row.refresh_from_db()
    assert row.status == "rejected"
    axe(page)

    # The created object shows where it came from.
    page.goto(target)
    expect(page.get_by_role("region", name="Source")).to_contain_text(document.title)
    axe(page)


# 3. Review without JavaScript --------------------------------------------------------------------


def test_review_accept_without_javascript(browser, live_server, demo):
    document, decision, _corrected, _row = document_for_review()
    page = new_page(browser, live_server, EDITOR, java_script_enabled=False)
    try:
        review = f"{DOCUMENTS}{document.pk}/review/"
        page.goto(review)
        page.locator(f"#item-{decision.pk}").get_by_role("button", name="Accept").click()
        expect(page).to_have_url(re.compile(re.escape(review) + rf"#item-{decision.pk}$"))
        expect(page.get_by_role("status")).to_contain_text("The item was accepted.")
        item_card = page.locator(f"#item-{decision.pk}")
        expect(item_card.locator(".badge").first).to_have_text("Accepted")
        expect(item_card.get_by_role("link", name="Open what was created from it")).to_be_visible()
        decision.refresh_from_db()
        assert decision.status == "accepted"
        # axe needs JavaScript: the same page is checked with it in the test above.
    finally:
        page.context.close()


# 4. Search ---------------------------------------------------------------------------------------


def test_search_with_snippet_filter_and_odd_characters(page, sign_in, axe):
    from equalocal.documents.search import index_document
    from tests.factories import DocumentFactory, PageFactory

    protocol = DocumentFactory(organisation=umea(), title="Protokoll om lönekartläggning")
    PageFactory(
        document=protocol,
        number=1,
        text="Kommunstyrelsen beslutar att genomföra en lönekartläggning under året.",
    )
    plan = DocumentFactory(organisation=umea(), title="Handlingsplan", kind="action_plan")
    PageFactory(document=plan, number=1, text="Aktivitet: lönekartläggning varje år. Ansvarig: HR.")
    index_document(protocol)
    index_document(plan)
    sign_in(EDITOR)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Documents").click()
    page.get_by_role("link", name="Search documents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search documents")
    axe(page)

    page.get_by_label("Search for").fill("lönekartläggning")
    page.get_by_role("search", name="Search documents").get_by_role("button", name="Search").click()
    results = page.locator("#search-results")
    expect(results.get_by_role("status")).to_have_text("2 matches")
    expect(results.locator("mark").first).to_have_text(re.compile("lönekartläggning", re.I))
    expect(results.get_by_role("link", name="Protokoll om lönekartläggning")).to_be_visible()
    axe(page)

    # A filter: only action plans.
    page.get_by_label("Kind").select_option(label="Action plan")
    page.get_by_role("search", name="Search documents").get_by_role("button", name="Search").click()
    expect(results.get_by_role("status")).to_have_text("1 match")
    expect(results.get_by_role("link", name="Handlingsplan")).to_be_visible()
    expect(results.get_by_role("link", name="Protokoll om lönekartläggning")).to_have_count(0)

    # Odd characters are no error, with and without htmx.
    page.get_by_label("Kind").select_option(label="All")
    for query in ['"lönekartläggning', "lön*", "(lönekartläggning", '"*() OR AND NOT:^']:
        page.get_by_label("Search for").fill(query)
        page.get_by_role("search", name="Search documents").get_by_role(
            "button", name="Search"
        ).click()
        expect(results.get_by_role("status")).to_contain_text(re.compile(r"\d+ match"))
    response = page.goto(SEARCH + "?q=%22*%28%29+NEAR%28a+b%29&kind=")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Search documents")
    axe(page)


# 5. Live progress --------------------------------------------------------------------------------


def test_live_progress_of_a_document_being_read(page, sign_in, axe):
    from tests.factories import DocumentFactory

    document = DocumentFactory(
        organisation=umea(),
        title="Skannat protokoll",
        stage="ocr",
        progress_current=3,
        progress_total=12,
        language="",
        kind="",
        processed_at=None,
    )
    sign_in(EDITOR)
    page.goto(f"{DOCUMENTS}{document.pk}/")
    processing = page.get_by_role("region", name="Processing")
    progress = processing.get_by_role("progressbar")
    expect(progress).to_have_accessible_name("OCR page 3 of 12")
    expect(progress).to_have_attribute("max", "12")
    expect(progress).to_have_attribute("value", "3")
    expect(processing.locator(".meter-figure")).to_have_text("OCR page 3 of 12")
    # One status sentence is live, not the bar: a screen reader hears the stage, not each page.
    live = processing.locator("[aria-live], [role=status], [role=alert]")
    expect(live).to_have_count(1)
    expect(live).to_have_text("Processing: Recognising text (OCR).")
    expect(live.get_by_role("progressbar")).to_have_count(0)
    axe(page)

    # The status is polled: the next page appears without reloading, and nothing is said.
    from equalocal.documents.models import Document

    Document.objects.filter(pk=document.pk).update(progress_current=7)
    expect(processing.locator(".meter-figure")).to_have_text("OCR page 7 of 12", timeout=6000)
    expect(progress).to_have_attribute("value", "7")
    expect(live).to_have_text("Processing: Recognising text (OCR).")
    # A new stage is said, once.
    Document.objects.filter(pk=document.pk).update(stage="repairing", progress_total=0)
    expect(live).to_have_text("Processing: Repairing OCR errors.", timeout=6000)
    expect(processing.locator(".meter-figure")).to_have_text("Repairing OCR errors")
    axe(page)
    Document.objects.filter(pk=document.pk).update(stage="ocr", progress_total=12)

    # The status page of its own (no JavaScript needed).
    page.goto(f"{DOCUMENTS}{document.pk}/status/")
    expect(page.get_by_role("progressbar")).to_have_accessible_name("OCR page 7 of 12")
    axe(page)


# 6. Swedish --------------------------------------------------------------------------------------


def test_documents_list_in_swedish(page, sign_in, axe):
    sign_in(EDITOR)
    page.goto("/")
    page.get_by_label("Language").select_option(label="Svenska")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    page.goto(DOCUMENTS)
    # The wording is the translator's; any Swedish heading with "dokument" and the name will do.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^(?!Documents of).*[Dd]okument.*Umeå kommun|^Umeå kommuns dokument")
    )
    axe(page)


# 7. A viewer -------------------------------------------------------------------------------------


def test_viewer_cannot_upload_or_accept(page, sign_in, axe):
    document, decision, _corrected, _row = document_for_review()
    sign_in(VIEWER)
    page.goto(DOCUMENTS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Documents of Umeå kommun")
    expect(page.get_by_role("link", name=document.title)).to_be_visible()
    expect(page.get_by_label("Files:", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Upload")).to_have_count(0)
    axe(page)

    page.get_by_role("link", name=document.title).click()
    expect(page.get_by_role("link", name="Edit title")).to_have_count(0)
    expect(page.get_by_role("link", name="Delete")).to_have_count(0)
    page.get_by_role("link", name="Read and review").click()
    expect(page.get_by_role("region", name="Text of the page")).to_contain_text("Kommunstyrelsen")
    items = page.locator("#items")
    expect(items.get_by_role("article")).to_have_count(3)
    expect(items.get_by_role("button")).to_have_count(0)
    expect(items.get_by_role("link", name=re.compile("^Correct"))).to_have_count(0)
    axe(page)

    # The upload page and a direct POST are refused too.
    response = page.goto(f"{DOCUMENTS}upload/")
    assert response.status in (403, 404)
    status = page.evaluate(
        """async (url) => {
            const token = document.cookie.match(/csrftoken=([^;]+)/)?.[1] || "";
            const response = await fetch(url, {method: "POST", headers: {"X-CSRFToken": token}});
            return response.status;
        }""",
        f"{DOCUMENTS}{document.pk}/items/{decision.pk}/accept/",
    )
    assert status in (403, 404)
    decision.refresh_from_db()
    assert decision.status == "pending"

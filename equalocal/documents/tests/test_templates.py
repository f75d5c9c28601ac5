"""Document text is untrusted: it is escaped on every page; repaired words are marked safely."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from equalocal.documents.models import Document, DocumentTable
from equalocal.documents.search import index_document
from equalocal.documents.templatetags.documents_tags import marked_text
from tests.factories import DocumentFactory, ExtractedItemFactory, PageFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
HOSTILE = f"Jämställdhet {SCRIPT} och {IMG} i kommunen."


def _assert_escaped(html: str) -> None:
    assert SCRIPT not in html
    assert "<img src=x" not in html
    assert "onerror=" not in html or "onerror=&quot;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def _hostile_document(personas) -> Document:
    document = DocumentFactory(organisation=personas.org_a, title=f"Titel {SCRIPT}")
    PageFactory(
        document=document,
        number=1,
        text=HOSTILE,
        raw_text=HOSTILE.replace("Jämställdhet", "Jamstalldhet"),
        repairs=[{"start": 0, "end": 12, "original": f"Jam{IMG}", "replacement": "Jämställdhet"}],
    )
    DocumentTable.objects.create(document=document, page=1, rows=[["Mål", SCRIPT], [IMG, "x"]])
    ExtractedItemFactory(
        document=document,
        evidence=HOSTILE,
        data={"activity": SCRIPT, "goal": IMG, "confidence": 0.5},
        kind="action_row",
    )
    index_document(document)
    return document


def _page(client, name, document, **params):
    url = reverse(f"documents:{name}", kwargs={"org": "org-a", "document": document.pk})
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_hostile_text_is_escaped_on_detail_and_review(client, personas):
    document = _hostile_document(personas)
    client.force_login(personas.user("editor"))
    for name in ("detail", "review", "edit"):
        _assert_escaped(_page(client, name, document))
    item = document.items.get()
    correct = reverse(
        "documents:item-correct", kwargs={"org": "org-a", "document": document.pk, "item": item.pk}
    )
    _assert_escaped(client.get(correct).content.decode())


def test_hostile_text_is_escaped_in_search_results(client, personas):
    _hostile_document(personas)
    client.force_login(personas.user("viewer"))
    response = client.get(reverse("document_search:search"), {"q": "kommunen"})
    html = response.content.decode()
    assert response.status_code == 200
    _assert_escaped(html)
    assert "<mark>" in html


def test_uploaded_html_with_scripts_is_shown_as_text(
    client, personas, html_with_scripts, django_capture_on_commit_callbacks
):
    client.force_login(personas.user("editor"))
    upload = SimpleUploadedFile("sida.html", html_with_scripts.read_bytes(), "text/html")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:upload", kwargs={"org": "org-a"}), {"files": [upload]})
    document = Document.objects.get(original_filename="sida.html")
    html = _page(client, "review", document)
    text = html[html.index('id="page-view"') :]
    assert "<script" not in text
    assert "onerror" not in text.lower() or "onerror=&quot;" in text.lower()
    assert "alert(" not in text or "&lt;" in text


def test_marked_text_escapes_the_text_and_the_original_word():
    html = marked_text(
        "a <b> förslag",
        [{"start": 6, "end": 13, "original": '"><script>', "replacement": "förslag"}],
    )
    assert html == (
        'a &lt;b&gt; <mark class="repair" title="OCR read: &quot;&gt;&lt;script&gt;">förslag</mark>'
    )


@pytest.mark.parametrize(
    "repairs",
    [
        [{"start": 5, "end": 2}],
        [{"start": -1, "end": 3}],
        [{"start": 0, "end": 999}],
        [{"start": "x", "end": None}],
        ["not a dict"],
        None,
    ],
)
def test_marked_text_skips_repairs_with_bad_offsets(repairs):
    assert marked_text("förslag <i>", repairs) == "förslag &lt;i&gt;"


def test_overlapping_repairs_mark_only_the_first():
    html = marked_text(
        "jämställdhet",
        [
            {"start": 0, "end": 12, "original": "jamstalldhet"},
            {"start": 3, "end": 8, "original": "stall"},
        ],
    )
    assert html.count("<mark") == 1


def test_every_form_field_on_the_review_page_has_a_label(client, personas):
    import re

    client.force_login(personas.user("editor"))
    document = Document.objects.get(pk=personas.objects["document"])
    html = _page(client, "review", document)
    for field_id in re.findall(r'<(?:select|input|textarea)[^>]*\bid="([^"]+)"', html):
        assert f'for="{field_id}"' in html, field_id
    assert 'role="region"' in html
